import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/test-core.js';

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
