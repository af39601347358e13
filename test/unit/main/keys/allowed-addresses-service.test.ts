/**
 * keys:set-allowed-addresses through the whole main-process core (fake server, memory files): online,
 * offline (queued, pending on its row, sent exactly once), behind a queued create (re-pointed when it
 * lands, dropped when it is refused), and a create or rotation carrying its list.
 */
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { makeCore, NEW_KEY, type TestCore } from '../../../helpers/test-core.js';

const puts = (t: TestCore) => t.server.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/allowed-addresses'));

async function online() {
  const t = await makeCore();
  await t.connect();
  return t;
}

describe('allowed addresses through main', () => {
  it('online: canonical blocks reach the server at once; null opens the key again', async () => {
    const t = await online();
    const { key } = await t.call('keys:create', NEW_KEY);
    const row = await t.call('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['203.0.113.7', '2001:DB8::/32', '203.0.113.7/32'] });
    expect(row).toMatchObject({ allowedAddresses: ['203.0.113.7/32', '2001:db8::/32'], pending: null });
    expect(t.server.keys[0]!.allowedAddresses).toEqual(['203.0.113.7/32', '2001:db8::/32']);
    expect(t.events).toContainEqual({ event: 'keys:changed', payload: { reason: 'allowed-addresses' } });

    expect(await t.call('keys:set-allowed-addresses', { id: key.id, allowedAddresses: null })).toMatchObject({ allowedAddresses: null });
    expect(t.server.keys[0]!.allowedAddresses).toBeNull();
  });

  it('a refusal from the server reaches the caller and still tells the renderer the keys changed (the change may have dropped superseded entries)', async () => {
    const t = await online();
    const { key } = await t.call('keys:create', NEW_KEY);
    t.server.down = true;
    await t.call('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['10.0.0.0/8'] });
    t.server.down = false;
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /allowed-addresses$/ };
    await t.call('sync:now', {});
    expect((await t.call('sync:state', {})).failed.map((f) => f.action)).toEqual(['set-allowed-addresses']);
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /allowed-addresses$/ };
    const before = t.events.length;
    expect(await t.raw('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['10.1.0.0/16'] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // The earlier refusal was superseded by this change and left the failed list: the renderer must hear of it.
    expect((await t.call('sync:state', {})).failed).toEqual([]);
    expect(t.events.slice(before)).toContainEqual({ event: 'keys:changed', payload: { reason: 'allowed-addresses' } });
  });

  it('refuses what is not a block, with the line-level reason, before anything is queued', async () => {
    const t = await online();
    const { key } = await t.call('keys:create', NEW_KEY);
    const refused = await t.raw('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['10.0.0.1/8'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(refused)).toContain('did you mean 10.0.0.0/8?');
    expect(await t.raw('keys:set-allowed-addresses', { id: key.id, allowedAddresses: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const tooMany = Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`);
    expect(await t.raw('keys:set-allowed-addresses', { id: key.id, allowedAddresses: tooMany })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(puts(t)).toHaveLength(0);
  });

  it('offline: queued and pending on its row; sent exactly once on reconnection, also when the first answer was lost', async () => {
    const t = await online();
    const { key } = await t.call('keys:create', NEW_KEY);
    t.server.down = true;
    const row = await t.call('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['198.51.100.0/24'] });
    expect(row).toMatchObject({ allowedAddresses: ['198.51.100.0/24'], pending: { action: 'set-allowed-addresses', state: 'queued' } });
    expect(t.server.keys[0]!.allowedAddresses).toBeNull();

    t.server.down = false;
    t.server.afterApply = () => {
      t.server.afterApply = null;
      throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED');
    };
    await t.clock.advance(120_000);
    await t.clock.advance(120_000);
    expect((await t.call('sync:state', {})).pending).toBe(0);
    expect(t.server.keys[0]!.allowedAddresses).toEqual(['198.51.100.0/24']);
    // The lost answer's resend carried the same Idempotency-Key: the server replayed it, applying it once.
    const sent = puts(t);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(1);
    const listed = (await t.call('keys:list', {})).keys.find((k) => k.id === key.id);
    expect(listed).toMatchObject({ allowedAddresses: ['198.51.100.0/24'], pending: null });
  });

  it('offline, several edits: only the last list is sent', async () => {
    const t = await online();
    const { key } = await t.call('keys:create', NEW_KEY);
    t.server.down = true;
    await t.call('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['10.0.0.0/8'] });
    await t.call('keys:set-allowed-addresses', { id: key.id, allowedAddresses: ['192.0.2.0/24'] });
    expect((await t.call('sync:state', {})).pending).toBe(1);
    t.server.down = false;
    const before = puts(t).length; // tries that never reached the server (it was down)
    await t.call('sync:now', {});
    expect(puts(t).length - before).toBe(1);
    expect(t.server.keys[0]!.allowedAddresses).toEqual(['192.0.2.0/24']);
  });

  it('a key created offline with a list, then restricted further: the create carries its list, the change follows it to the server id', async () => {
    const t = await online();
    t.server.down = true;
    const created = await t.call('keys:create', { ...NEW_KEY, allowedAddresses: ['10.0.0.0/8'] });
    expect(created.key).toMatchObject({ allowedAddresses: ['10.0.0.0/8'], pending: { action: 'create' } });
    await t.call('keys:set-allowed-addresses', { id: created.key.id, allowedAddresses: ['10.1.0.0/16'] });
    t.server.down = false;
    await t.call('sync:now', {});
    expect(t.server.keys).toHaveLength(1);
    expect(t.server.keys[0]!.allowedAddresses).toEqual(['10.1.0.0/16']);
    expect(puts(t).map((r) => r.path)).toEqual([`/admin/api-keys/${t.server.keys[0]!.id}/allowed-addresses`]);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('a queued create refused for good takes its queued change with it', async () => {
    const t = await online();
    t.server.down = true;
    const created = await t.call('keys:create', NEW_KEY);
    await t.call('keys:set-allowed-addresses', { id: created.key.id, allowedAddresses: ['10.0.0.0/8'] });
    t.server.down = false;
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /^\/admin\/api-keys$/ };
    await t.call('sync:now', {});
    const sync = await t.call('sync:state', {});
    expect(sync.pending).toBe(0);
    expect(sync.failed.map((f) => f.action)).toEqual(['create']);
    expect(puts(t)).toHaveLength(0);
  });

  it('a rotation carries the list it is given', async () => {
    const t = await online();
    const old = await t.call('keys:create', { ...NEW_KEY, allowedAddresses: ['203.0.113.0/24'] });
    const rotated = await t.call('keys:rotate', { ...NEW_KEY, oldKeyId: old.key.id, allowedAddresses: ['203.0.113.0/24'] });
    expect(rotated.key.allowedAddresses).toEqual(['203.0.113.0/24']);
    expect(t.server.keys.map((k) => k.allowedAddresses)).toEqual([['203.0.113.0/24'], ['203.0.113.0/24']]);
  });
});
