import { describe, expect, it } from 'vitest';
import { createKeychainSecretStore, KEYCHAIN_SERVICE } from '../../../../src/main/secrets/secret-store.js';

describe('keychain adapter', () => {
  it('uses service "RakerOne Admin" and the profile id as account', async () => {
    const calls: unknown[][] = [];
    const store = createKeychainSecretStore({
      load: async () => ({
        getPassword: async (...args) => (calls.push(['get', ...args]), 'tok'),
        setPassword: async (...args) => void calls.push(['set', ...args]),
        deletePassword: async (...args) => (calls.push(['delete', ...args]), true),
      }),
    });
    await store.set('profile-1', 'tok');
    expect(await store.get('profile-1')).toBe('tok');
    expect(await store.delete('profile-1')).toBe(true);
    expect(calls).toEqual([
      ['set', KEYCHAIN_SERVICE, 'profile-1', 'tok'],
      ['get', KEYCHAIN_SERVICE, 'profile-1'],
      ['delete', KEYCHAIN_SERVICE, 'profile-1'],
    ]);
  });

  it('turns any keychain failure (or a missing native module) into KEYCHAIN with a platform hint', async () => {
    const locked = createKeychainSecretStore({
      platform: 'darwin',
      load: async () => ({
        getPassword: async () => {
          throw new Error('User interaction is not allowed.');
        },
        setPassword: async () => {},
        deletePassword: async () => true,
      }),
    });
    await expect(locked.get('p')).rejects.toMatchObject({ code: 'KEYCHAIN', details: { hint: expect.stringMatching(/Keychain Access/) } });
    const missing = createKeychainSecretStore({
      platform: 'linux',
      load: async () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    await expect(missing.set('p', 'x')).rejects.toMatchObject({ code: 'KEYCHAIN', details: { hint: expect.stringMatching(/Secret Service/) } });
  });
});
