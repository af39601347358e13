import { describe, expect, it } from 'vitest';
import type { LocalServerPort } from '../../../../src/main/ports.js';
import { tokenAccountOf } from '../../../../src/main/secrets/token-vault.js';
import { LOCAL_PROFILE_ID } from '../../../../src/main/connection/connection-service.js';
import { generateSecret } from '../../../../src/shared/key-format.js';
import { createFakeServer } from '../../../helpers/fake-server.js';
import { makeCore } from '../../../helpers/test-core.js';

/** A launcher stand-in: the "server" is the fake server; minting a token adds one it accepts. */
function fakeLauncher(server: ReturnType<typeof createFakeServer>) {
  const calls: { createAdmin: boolean }[] = [];
  let port = 40000;
  const launcher: LocalServerPort & { calls: typeof calls; stopped: number } = {
    calls,
    stopped: 0,
    async start({ createAdmin }) {
      calls.push({ createAdmin });
      let adminToken: string | null = null;
      if (createAdmin) {
        adminToken = generateSecret('adminToken');
        server.tokens.add(adminToken);
      }
      return { url: `http://127.0.0.1:${port++}`, adminToken };
    },
    async stop() {
      launcher.stopped += 1;
    },
  };
  return launcher;
}

/** The local profile's keychain account: bound to "this computer", whatever port it listens on. */
const LOCAL_ACCOUNT = tokenAccountOf({ id: LOCAL_PROFILE_ID, serverUrl: 'http://127.0.0.1', isLocal: true });

describe('connection:start-local', () => {
  it('first run mints a token into the keychain; the next run re-uses it on the new port', async () => {
    const server = createFakeServer();
    const launcher = fakeLauncher(server);
    const first = await makeCore({ server, deps: { localServer: launcher } });
    const state = await first.call('connection:start-local', {});
    expect(state).toMatchObject({ status: 'online', profile: { id: LOCAL_PROFILE_ID, isLocal: true, serverUrl: 'http://127.0.0.1:40000' } });
    const token = first.secrets.entries.get(LOCAL_ACCOUNT);
    expect(token).toMatch(/^rkr_adm_/);
    await first.core.dispose();
    expect(launcher.stopped).toBe(1);

    const second = await makeCore({ server, files: first.files, secrets: first.secrets, deps: { localServer: launcher, autoStartLocal: true } });
    expect(await second.call('connection:state', {})).toMatchObject({ status: 'online', profile: { serverUrl: 'http://127.0.0.1:40001' } });
    expect(launcher.calls).toEqual([{ createAdmin: true }, { createAdmin: false }]);
    expect(second.secrets.entries.get(LOCAL_ACCOUNT)).toBe(token);
  });

  it('mints a new token when the stored one no longer works (local data reset)', async () => {
    const server = createFakeServer();
    const launcher = fakeLauncher(server);
    const first = await makeCore({ server, deps: { localServer: launcher } });
    await first.call('connection:start-local', {});
    server.tokens.clear();
    const state = await first.call('connection:start-local', {});
    expect(state.status).toBe('online');
    expect(launcher.calls.map((c) => c.createAdmin)).toEqual([true, false, true]);
    expect(server.tokens.has(first.secrets.entries.get(LOCAL_ACCOUNT)!)).toBe(true);
  });

  it('a local token saved by an earlier version (account "local") is not read: a new one is minted and replaces it', async () => {
    const server = createFakeServer();
    const launcher = fakeLauncher(server);
    const first = await makeCore({ server, deps: { localServer: launcher } });
    await first.call('connection:start-local', {});
    await first.core.dispose();
    const old = first.secrets.entries.get(LOCAL_ACCOUNT)!;
    first.secrets.entries.delete(LOCAL_ACCOUNT);
    first.secrets.entries.set(LOCAL_PROFILE_ID, old);

    const second = await makeCore({ server, files: first.files, secrets: first.secrets, deps: { localServer: launcher, autoStartLocal: true } });
    expect(await second.call('connection:state', {})).toMatchObject({ status: 'online', profile: { id: LOCAL_PROFILE_ID } });
    expect(launcher.calls.map((c) => c.createAdmin)).toEqual([true, true]);
    expect([...second.secrets.entries.keys()]).toEqual([LOCAL_ACCOUNT]);
    expect(second.secrets.entries.get(LOCAL_ACCOUNT)).not.toBe(old);
  });

  it('without a launcher (packaged app) it says why', async () => {
    const t = await makeCore();
    expect(await t.raw('connection:start-local', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/npm start/) } });
  });

  it('a locked keychain stops it with the KEYCHAIN hint, before anything is started', async () => {
    const server = createFakeServer();
    const launcher = fakeLauncher(server);
    const t = await makeCore({ server, deps: { localServer: launcher } });
    t.secrets.fail = 'locked';
    expect(await t.raw('connection:start-local', {})).toMatchObject({ ok: false, error: { code: 'KEYCHAIN' } });
    expect(launcher.calls).toEqual([]);
  });
});
