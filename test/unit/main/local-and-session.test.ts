import { describe, expect, it } from 'vitest';
import type { LocalServerPort } from '../../../src/main/ports.js';
import { LOCAL_PROFILE_ID } from '../../../src/main/services/connection-service.js';
import { generateSecret } from '../../../src/shared/key-format.js';
import { createFakeServer } from './fakes/fake-server.js';
import { makeCore } from './fakes/test-core.js';

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

describe('connection:start-local', () => {
  it('first run mints a token into the keychain; the next run re-uses it on the new port', async () => {
    const server = createFakeServer();
    const launcher = fakeLauncher(server);
    const first = await makeCore({ server, deps: { localServer: launcher } });
    const state = await first.call('connection:start-local', {});
    expect(state).toMatchObject({ status: 'online', profile: { id: LOCAL_PROFILE_ID, isLocal: true, serverUrl: 'http://127.0.0.1:40000' } });
    const token = first.secrets.entries.get(LOCAL_PROFILE_ID);
    expect(token).toMatch(/^rkr_adm_/);
    await first.core.dispose();
    expect(launcher.stopped).toBe(1);

    const second = await makeCore({ server, files: first.files, secrets: first.secrets, deps: { localServer: launcher, autoStartLocal: true } });
    expect(await second.call('connection:state', {})).toMatchObject({ status: 'online', profile: { serverUrl: 'http://127.0.0.1:40001' } });
    expect(launcher.calls).toEqual([{ createAdmin: true }, { createAdmin: false }]);
    expect(second.secrets.entries.get(LOCAL_PROFILE_ID)).toBe(token);
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
    expect(server.tokens.has(first.secrets.entries.get(LOCAL_PROFILE_ID)!)).toBe(true);
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

describe('session and catalog', () => {
  it('session:me is cached for offline use; without a cache offline it is NETWORK', async () => {
    const t = await makeCore();
    expect(await t.raw('session:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await t.connect();
    t.server.down = true;
    expect((await t.call('session:me', {})).kind).toBe('person');
    const file = [...t.files.data.entries()].find(([p]) => p.includes('/state/'))!;
    const doc = JSON.parse(file[1]);
    doc.data.me = null;
    t.files.data.set(file[0], JSON.stringify(doc));
    const fresh = await makeCore({ server: t.server, files: t.files, secrets: t.secrets });
    expect(await fresh.raw('session:me', {})).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });

  it('app:info reports the runtime', async () => {
    const t = await makeCore({ deps: { appVersion: '1.2.3', platform: 'linux' } });
    expect(await t.call('app:info', {})).toEqual({ version: '1.2.3', platform: 'linux', runtime: 'web' });
  });

  it('profiles:switch activates the profile and asks for a reload; unknown profiles are NOT_FOUND', async () => {
    let reloads = 0;
    const t = await makeCore({ deps: { requestReload: () => void (reloads += 1) } });
    const state = await t.connect();
    expect(await t.call('profiles:switch', { profileId: state.profile!.id })).toMatchObject({ status: 'online' });
    expect(reloads).toBe(1);
    expect(await t.raw('profiles:switch', { profileId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('reloads asked by main', () => {
  it('pass the close guard', async () => {
    let reloads = 0;
    const t = await makeCore({ deps: { requestReload: () => void (reloads += 1) } });
    const state = await t.connect();
    const created = await t.call('keys:create', { name: 'k', capabilities: [], canImpersonate: false });
    await t.call('copy-screen:shown', { id: created.key.id });
    await t.call('profiles:switch', { profileId: state.profile!.id });
    expect(reloads).toBe(0);
    expect(t.events.filter((e) => e.event === 'close:blocked').map((e) => e.payload)).toEqual([{ attempted: 'reload' }]);
    await t.call('copy-screen:done', { id: created.key.id });
    await t.call('profiles:switch', { profileId: state.profile!.id });
    expect(reloads).toBe(1);
  });
});
