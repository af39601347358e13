import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/test-core.js';

describe('policy:get', () => {
  it('reads the policy from the server and keeps it, so offline it answers from the cache and says when it was read', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.policy = { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false };
    const online = await t.call('policy:get', {});
    expect(online).toMatchObject({ policy: { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false }, source: 'server' });
    expect(online.fetchedAt).not.toBeNull();
    expect(t.server.requests.filter((r) => r.path === '/admin/key-policy')).toHaveLength(1);

    t.server.down = true;
    await t.call('sync:now', {}); // the link hears the server is gone
    const offline = await t.call('policy:get', {});
    expect(offline).toEqual({
      policy: { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false },
      fetchedAt: online.fetchedAt,
      source: 'cache',
    });
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

describe('policy:set', () => {
  it('sets the policy on the server and updates the cache the create dialog reads (policy:get, also offline)', async () => {
    const t = await makeCore();
    await t.connect();
    const saved = await t.call('policy:set', { maxLifetimeDays: 90, requireExpiry: true, requireAllowedAddresses: false });
    expect(saved).toMatchObject({ policy: { maxLifetimeDays: 90, requireExpiry: true, requireAllowedAddresses: false }, source: 'server' });
    expect(t.server.policy).toEqual({ maxLifetimeDays: 90, requireExpiry: true, requireAllowedAddresses: false });
    expect(t.server.requests.filter((r) => r.path === '/admin/key-policy' && r.method === 'PUT')).toHaveLength(1);

    t.server.down = true;
    await t.call('sync:now', {});
    expect(await t.call('policy:get', {})).toEqual({
      policy: { maxLifetimeDays: 90, requireExpiry: true, requireAllowedAddresses: false },
      fetchedAt: saved.fetchedAt,
      source: 'cache',
    });
  });

  it('offline it is refused, saying a policy change needs the server; nothing is queued or cached', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.down = true;
    await t.call('sync:now', {});
    const result = await t.raw('policy:set', { maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK', message: expect.stringContaining('needs the server') } });
    expect(t.server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    t.server.down = false;
    await t.call('sync:now', {});
    expect((await t.call('policy:get', {})).policy).toEqual({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false });
  });

  it('input outside the policy schema never leaves main: VALIDATION on the field', async () => {
    const t = await makeCore();
    await t.connect();
    const result = await t.raw('policy:set', { maxLifetimeDays: 0, requireExpiry: false, requireAllowedAddresses: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'maxLifetimeDays' }] } } });
    expect(t.server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it("the server's refusal comes back as it is (a 403 for someone who is no longer an Admin; a 400 on its field)", async () => {
    const t = await makeCore();
    await t.connect();
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /key-policy/ };
    expect(await t.raw('policy:set', { maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    t.server.failNext = {
      status: 400,
      code: 'VALIDATION',
      message: 'Invalid request body',
      path: /key-policy/,
      details: { issues: [{ path: 'maxLifetimeDays', message: 'maxLifetimeDays must be at most 3650' }] },
    };
    expect(await t.raw('policy:set', { maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'maxLifetimeDays' }] } },
    });
    expect((await t.call('policy:get', {})).policy).toEqual({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false });
  });
});
