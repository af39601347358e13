import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/test-core.js';

describe('policy:get', () => {
  it('reads the policy from the server and keeps it, so offline it answers from the cache and says when it was read', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.policy = { maxLifetimeDays: 30, requireExpiry: true };
    const online = await t.call('policy:get', {});
    expect(online).toMatchObject({ policy: { maxLifetimeDays: 30, requireExpiry: true }, source: 'server' });
    expect(online.fetchedAt).not.toBeNull();
    expect(t.server.requests.filter((r) => r.path === '/admin/key-policy')).toHaveLength(1);

    t.server.down = true;
    await t.call('sync:now', {}); // the link hears the server is gone
    const offline = await t.call('policy:get', {});
    expect(offline).toEqual({ policy: { maxLifetimeDays: 30, requireExpiry: true }, fetchedAt: online.fetchedAt, source: 'cache' });
  });

  it('never read and offline: no policy is known (the server decides when the create reaches it)', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    await t.call('sync:now', {});
    expect(await t.call('policy:get', {})).toEqual({ policy: null, fetchedAt: null, source: 'cache' });
  });

  it('a refusal that is not about reachability is an error, not a silent "no policy"', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /key-policy/ };
    expect(await t.raw('policy:get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
