import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../../../src/main/secrets/secret-store.js';
import { requireSecretService, TEST_KEYCHAIN_SERVICE } from '../../../helpers/real-core.js';

describe('the real OS keychain (@github/keytar over the Secret Service)', () => {
  beforeAll(requireSecretService);

  it('stores, reads and deletes a token per profile', async () => {
    const store = createKeychainSecretStore({ service: TEST_KEYCHAIN_SERVICE });
    const account = randomUUID();
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'rkr_adm_first');
    await store.set(account, 'rkr_adm_second');
    expect(await store.get(account)).toBe('rkr_adm_second');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps profiles apart', async () => {
    const store = createKeychainSecretStore({ service: TEST_KEYCHAIN_SERVICE });
    const [a, b] = [randomUUID(), randomUUID()];
    await store.set(a, 'token-a');
    await store.set(b, 'token-b');
    expect([await store.get(a), await store.get(b)]).toEqual(['token-a', 'token-b']);
    await store.delete(a);
    await store.delete(b);
  });
});
