import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/test-core.js';

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
