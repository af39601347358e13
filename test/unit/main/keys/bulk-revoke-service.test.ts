/**
 * keys:bulk-revoke through the real main core (fake server, memory files, fake clock): one request
 * online, one queued action offline sent exactly once, honest answers key by key.
 */
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { makeCore, NEW_KEY, type TestCore } from '../../../helpers/test-core.js';

async function readOutbox(t: TestCore) {
  const file = [...t.files.data.entries()].find(([path]) => path.includes('/state/'))![1];
  return JSON.parse(file).data.outbox as {
    kind: string;
    state: string;
    attempts: number;
    idempotencyKey?: string;
    keys?: { id: string; name: string | null }[];
  }[];
}

async function withKeys(names: string[]) {
  const t = await makeCore();
  await t.connect();
  const ids: string[] = [];
  for (const name of names) {
    const created = await t.call('keys:create', { ...NEW_KEY, name });
    await t.call('copy-screen:done', { id: created.key.id });
    ids.push(created.key.id);
  }
  return { t, ids };
}

const bulkRequests = (t: TestCore) => t.server.requests.filter((r) => r.path === '/admin/api-keys/bulk-revoke');

describe('keys:bulk-revoke online', () => {
  it('revokes every listed key in one request with an Idempotency-Key, and the cache shows them revoked', async () => {
    const { t, ids } = await withKeys(['One', 'Two', 'Three']);
    const result = await t.call('keys:bulk-revoke', { ids });
    expect(result).toMatchObject({ queued: false, pending: [], notFound: [], alreadyRevoked: [], cancelled: [] });
    expect(result.revoked.map((k) => k.name).sort()).toEqual(['One', 'Three', 'Two']);
    expect(bulkRequests(t)).toHaveLength(1);
    expect(bulkRequests(t)[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.server.keys.every((k) => k.status === 'revoked')).toBe(true);
    const list = await t.call('keys:list', {});
    expect(list.keys.map((k) => [k.status, k.pending])).toEqual([
      ['revoked', null],
      ['revoked', null],
      ['revoked', null],
    ]);
    expect(await readOutbox(t)).toEqual([]);
  });

  it('reports a key revoked before, and an id RakerOne does not know, honestly (and leaves nothing failed)', async () => {
    const { t, ids } = await withKeys(['Live', 'Gone', 'Deleted']);
    await t.call('keys:revoke', { id: ids[1]! });
    // The server lost a key the cache still lists: RakerOne does not know it.
    t.server.keys = t.server.keys.filter((k) => k.id !== ids[2]);
    const result = await t.call('keys:bulk-revoke', { ids });
    expect(result.revoked.map((k) => k.name)).toEqual(['Live']);
    expect(result.alreadyRevoked.map((k) => k.name)).toEqual(['Gone']);
    expect(result.notFound).toEqual([{ id: ids[2], name: 'Deleted', hint: expect.any(String) }]);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('a refusal of the whole request (403) reaches the caller and leaves nothing queued', async () => {
    const { t, ids } = await withKeys(['One', 'Two']);
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /bulk-revoke$/ };
    const result = await t.raw('keys:bulk-revoke', { ids });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await readOutbox(t)).toEqual([]);
    expect(t.server.keys.every((k) => k.status === 'active')).toBe(true);
  });

  it('refuses bad input with a clear error: no ids, more than 1,000, not key ids', async () => {
    const { t } = await withKeys([]);
    expect(await t.raw('keys:bulk-revoke', { ids: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const many = Array.from({ length: 1001 }, () => crypto.randomUUID());
    expect(await t.raw('keys:bulk-revoke', { ids: many })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('keys:bulk-revoke', { ids: ['../../etc'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(bulkRequests(t)).toHaveLength(0);
  });
});

describe('keys:bulk-revoke offline', () => {
  it('queues ONE action, every row says "revocation pending", and it is sent once when the server is back', async () => {
    const { t, ids } = await withKeys(['One', 'Two', 'Three']);
    t.server.down = true;
    await t.call('sync:now', {});
    const result = await t.call('keys:bulk-revoke', { ids });
    expect(result).toMatchObject({ queued: true, revoked: [] });
    expect(result.pending.map((k) => k.name).sort()).toEqual(['One', 'Three', 'Two']);
    const outbox = await readOutbox(t);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'bulk-revoke', state: 'queued', attempts: 0 });
    const rows = (await t.call('keys:list', {})).keys;
    expect(rows.map((r) => [r.status, r.pending?.action, r.pending?.state])).toEqual(Array(3).fill(['active', 'revoke', 'queued']));

    t.server.down = false;
    await t.clock.advance(120_000);
    expect(bulkRequests(t).filter((r) => r.idempotencyKey === outbox[0]!.idempotencyKey)).toHaveLength(bulkRequests(t).length);
    expect(t.server.keys.every((k) => k.status === 'revoked')).toBe(true);
    expect(await readOutbox(t)).toEqual([]);
    expect((await t.call('keys:list', {})).keys.every((r) => r.status === 'revoked' && r.pending === null)).toBe(true);
  });

  it('an answer lost after the server applied it: resent with the same Idempotency-Key, applied once', async () => {
    const { t, ids } = await withKeys(['One', 'Two']);
    t.server.afterApply = (path) => {
      if (!path.endsWith('bulk-revoke')) return;
      t.server.afterApply = null;
      throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED');
    };
    const result = await t.call('keys:bulk-revoke', { ids });
    // The server has revoked them; the app cannot know yet and says they are pending.
    expect(result.queued).toBe(true);
    expect((await readOutbox(t))[0]).toMatchObject({ kind: 'bulk-revoke', attempts: 1 });
    await t.clock.advance(120_000);
    await t.call('sync:now', {});
    const sent = bulkRequests(t);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(t.server.bulkIdempotency.size).toBe(1);
    expect(await readOutbox(t)).toEqual([]);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('survives a restart: the queued bulk is read back from disk and sent once', async () => {
    const { t, ids } = await withKeys(['One', 'Two']);
    t.server.down = true;
    await t.call('sync:now', {});
    await t.call('keys:bulk-revoke', { ids });
    await t.core.dispose();
    const again = await makeCore({ server: t.server, files: t.files, secrets: t.secrets });
    t.server.down = false;
    await again.clock.advance(120_000);
    await again.call('sync:now', {});
    expect(bulkRequests(t)).toHaveLength(1);
    expect(t.server.keys.every((k) => k.status === 'revoked')).toBe(true);
  });

  it('ids RakerOne does not know, found when the queued bulk lands, are kept as a failed action until dismissed', async () => {
    const { t, ids } = await withKeys(['Kept', 'Vanished']);
    t.server.down = true;
    await t.call('sync:now', {});
    await t.call('keys:bulk-revoke', { ids });
    t.server.keys = t.server.keys.filter((k) => k.name !== 'Vanished');
    t.server.down = false;
    await t.clock.advance(120_000);
    const state = await t.call('sync:state', {});
    expect(state.pending).toBe(0);
    expect(state.failed).toEqual([expect.objectContaining({ action: 'revoke', keyName: 'Vanished', error: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    await t.call('outbox:dismiss', { outboxId: state.failed[0]!.outboxId });
    expect(await readOutbox(t)).toEqual([]);
  });
});

describe('keys:bulk-revoke and queued creates', () => {
  it('a create that never left is cancelled here, not sent', async () => {
    const { t, ids } = await withKeys(['Server key']);
    t.server.down = true;
    await t.call('sync:now', {});
    const pending = await t.call('keys:create', { ...NEW_KEY, name: 'Never sent' });
    const result = await t.call('keys:bulk-revoke', { ids: [ids[0]!, pending.key.id] });
    expect(result.cancelled.map((k) => k.name)).toEqual(['Never sent']);
    expect(result.pending.map((k) => k.name)).toEqual(['Server key']);
    expect(await readOutbox(t)).toMatchObject([{ kind: 'bulk-revoke', keys: [{ id: ids[0] }] }]);
    t.server.down = false;
    await t.clock.advance(120_000);
    expect(t.server.keys.map((k) => [k.name, k.status])).toEqual([['Server key', 'revoked']]);
  });

  it('a create that may be on the server: the bulk names its local id, re-pointed when the create lands', async () => {
    const { t } = await withKeys([]);
    t.server.afterApply = (path) => {
      if (!path.endsWith('api-keys')) return;
      t.server.afterApply = null;
      throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED');
    };
    const created = await t.call('keys:create', { ...NEW_KEY, name: 'Maybe created' });
    expect(created.queued).toBe(true);
    t.server.down = true;
    await t.call('sync:now', {});
    const result = await t.call('keys:bulk-revoke', { ids: [created.key.id] });
    expect(result.pending.map((k) => k.id)).toEqual([created.key.id]);
    t.server.down = false;
    await t.clock.advance(120_000);
    expect(t.server.keys.map((k) => [k.name, k.status])).toEqual([['Maybe created', 'revoked']]);
    const sent = bulkRequests(t);
    expect(sent).toHaveLength(1);
    expect(await readOutbox(t)).toEqual([]);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('a create refused for good takes its id out of the queued bulk (the rest is still sent)', async () => {
    const { t, ids } = await withKeys(['Server key']);
    // Answered 504 (each of the client's tries): the server may or may not have the key.
    t.server.failNext = { status: 504, code: 'INTERNAL', message: 'Gateway timeout', path: /api-keys$/, times: 3 };
    const created = await t.call('keys:create', { ...NEW_KEY, name: 'Refused later' });
    expect(created.queued).toBe(true);
    t.server.down = true;
    await t.call('sync:now', {});
    await t.call('keys:bulk-revoke', { ids: [ids[0]!, created.key.id] });
    t.server.down = false;
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Missing capability', path: /api-keys$/ };
    await t.clock.advance(120_000);
    const outbox = await readOutbox(t);
    expect(outbox).toMatchObject([{ kind: 'create', state: 'failed' }]);
    expect(t.server.keys.map((k) => [k.name, k.status])).toEqual([['Server key', 'revoked']]);
  });
});
