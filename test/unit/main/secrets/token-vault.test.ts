import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../src/main/secrets/secret-store.js';
import { createTokenVault, tokenAccountOf } from '../../../../src/main/secrets/token-vault.js';

const PROFILE = { id: 'p1', serverUrl: 'https://rakerone.example.com/base', isLocal: false };

describe('token vault: each admin token bound to its server', () => {
  it('stores under "<profile id> <origin>" (the local server: "<id> (this computer)") and reads only for that origin', async () => {
    const secrets = createMemorySecretStore();
    const vault = createTokenVault(secrets);
    await vault.save(PROFILE, 'rkr_adm_x');
    expect([...secrets.entries.keys()]).toEqual(['p1 https://rakerone.example.com']);
    expect(await vault.read(PROFILE)).toBe('rkr_adm_x');
    expect(tokenAccountOf({ id: 'local', serverUrl: 'http://127.0.0.1:41234', isLocal: true })).toBe('local (this computer)');
    await expect(vault.read({ ...PROFILE, serverUrl: 'https://evil.example' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('https://evil.example'),
    });
    await vault.remove(PROFILE);
    expect(secrets.entries.size).toBe(0);
  });

  it('a token saved by an earlier version is refused with a reason, and replaced by the next sign-in', async () => {
    const secrets = createMemorySecretStore();
    secrets.entries.set('p1', 'rkr_adm_old');
    const vault = createTokenVault(secrets);
    await expect(vault.read(PROFILE)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('earlier version') });
    await vault.save(PROFILE, 'rkr_adm_new');
    expect([...secrets.entries.entries()]).toEqual([['p1 https://rakerone.example.com', 'rkr_adm_new']]);
  });

  it("binds the kind too: a profile flipped between remote and local never reads the other kind's token, nor an earlier version's", async () => {
    const secrets = createMemorySecretStore();
    const vault = createTokenVault(secrets);
    const asLocal = { ...PROFILE, serverUrl: 'http://127.0.0.1:4444', isLocal: true };
    secrets.entries.set('p1', 'rkr_adm_old');
    await expect(vault.read(asLocal)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('earlier version') });
    expect(await vault.has(asLocal)).toBe(false);
    await vault.save(PROFILE, 'rkr_adm_remote');
    await expect(vault.read(asLocal)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('No admin token is saved for the local server'),
    });
    await vault.save(asLocal, 'rkr_adm_local');
    await expect(vault.read(PROFILE)).resolves.toBe('rkr_adm_remote');
    await expect(vault.read({ ...asLocal, isLocal: false })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
