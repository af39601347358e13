/**
 * keys:suspend, keys:resume and keys:bulk-suspend through the real main core (fake server, memory
 * files, fake clock): online one request each, offline one queued action each, sent exactly once with
 * the Idempotency-Key stored in the entry; an unsent opposite action cancels out; restarts keep the queue.
 */
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { makeCore, NEW_KEY, type TestCore } from '../../../helpers/test-core.js';

async function readOutbox(t: TestCore) {
  const file = [...t.files.data.entries()].find(([path]) => path.includes('/state/'))![1];
  return JSON.parse(file).data.outbox as { kind: string; state: string; attempts: number; idempotencyKey?: string; keyId?: string; reason?: string }[];
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

const requestsTo = (t: TestCore, suffix: string) => t.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix));
const goOffline = async (t: TestCore) => {
  t.server.down = true;
  await t.call('sync:now', {});
};
const goOnline = async (t: TestCore) => {
  t.server.down = false;
  await t.clock.advance(120_000);
  await t.call('sync:now', {});
};

describe('keys:suspend and keys:resume online', () => {
  it('suspends with the reason and an Idempotency-Key, the row says who, when and why; resume switches it back on', async () => {
    const { t, ids } = await withKeys(['Billing']);
    const row = await t.call('keys:suspend', { id: ids[0]!, reason: '  Seen in a public gist ' });
    expect(row).toMatchObject({ status: 'suspended', pending: null, suspension: { reason: 'Seen in a public gist', by: { name: 'Ada Admin' } } });
    expect(requestsTo(t, '/suspend')).toEqual([expect.objectContaining({ idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) })]);
    const resumed = await t.call('keys:resume', { id: ids[0]! });
    expect(resumed).toMatchObject({ status: 'active', suspension: null, pending: null });
    expect(t.server.keys[0]!.status).toBe('active');
    expect(await readOutbox(t)).toEqual([]);
  });

  it('refuses a reason that is empty, too long or on two lines, before anything is queued or sent', async () => {
    const { t, ids } = await withKeys(['Billing']);
    for (const reason of ['   ', 'x'.repeat(201), 'two\nlines']) {
      expect(await t.raw('keys:suspend', { id: ids[0]!, reason })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(requestsTo(t, '/suspend')).toHaveLength(0);
  });

  it('a revoked key cannot be suspended; a refusal from the server reaches the caller and leaves nothing queued', async () => {
    const { t, ids } = await withKeys(['Gone', 'Live']);
    await t.call('keys:revoke', { id: ids[0]! });
    expect(await t.raw('keys:suspend', { id: ids[0]!, reason: 'why' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /suspend$/ };
    expect(await t.raw('keys:suspend', { id: ids[1]!, reason: 'why' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await readOutbox(t)).toEqual([]);
  });

  it('suspending a suspended key, or resuming an active one, sends nothing', async () => {
    const { t, ids } = await withKeys(['Billing']);
    await t.call('keys:suspend', { id: ids[0]!, reason: 'first' });
    await t.call('keys:suspend', { id: ids[0]!, reason: 'second' });
    expect(requestsTo(t, '/suspend')).toHaveLength(1);
    await t.call('keys:resume', { id: ids[0]! });
    await t.call('keys:resume', { id: ids[0]! });
    expect(requestsTo(t, '/resume')).toHaveLength(1);
  });
});

describe('offline', () => {
  it('a suspend is queued ("Suspension pending", the key still works), survives a restart and is sent once', async () => {
    const { t, ids } = await withKeys(['Billing']);
    await goOffline(t);
    const row = await t.call('keys:suspend', { id: ids[0]!, reason: 'Leaked?' });
    expect(row).toMatchObject({ status: 'active', pending: { action: 'suspend', state: 'queued', mayBeApplied: false } });
    expect(await readOutbox(t)).toMatchObject([{ kind: 'suspend', keyId: ids[0], reason: 'Leaked?', attempts: 0 }]);
    await t.core.dispose();
    const again = await makeCore({ server: t.server, files: t.files, secrets: t.secrets });
    await goOnline(again);
    expect(requestsTo(t, '/suspend')).toHaveLength(1);
    expect(t.server.keys[0]).toMatchObject({ status: 'suspended', suspension: { reason: 'Leaked?' } });
    expect((await again.call('keys:list', {})).keys[0]).toMatchObject({ status: 'suspended', pending: null });
  });

  it('suspend then resume, neither sent: they cancel out and nothing reaches the server', async () => {
    const { t, ids } = await withKeys(['Billing']);
    await goOffline(t);
    await t.call('keys:suspend', { id: ids[0]!, reason: 'Leaked?' });
    const row = await t.call('keys:resume', { id: ids[0]! });
    expect(row).toMatchObject({ status: 'active', pending: null });
    expect(await readOutbox(t)).toEqual([]);
    await goOnline(t);
    expect(requestsTo(t, '/suspend')).toHaveLength(0);
    expect(t.server.keys[0]!.status).toBe('active');
  });

  it('a suspend whose answer was lost, then a resume: both are sent, in order, and the server ends resumed', async () => {
    const { t, ids } = await withKeys(['Billing']);
    t.server.afterApply = (path) => {
      if (!path.endsWith('/suspend')) return;
      t.server.afterApply = null;
      throw new AxiosError('timeout of 10000ms exceeded', 'ECONNABORTED');
    };
    const suspended = await t.call('keys:suspend', { id: ids[0]!, reason: 'Leaked?' });
    expect(suspended.pending).toMatchObject({ action: 'suspend', mayBeApplied: true });
    await goOffline(t);
    const resumed = await t.call('keys:resume', { id: ids[0]! });
    expect(resumed.pending).toMatchObject({ action: 'resume', state: 'queued' });
    expect((await readOutbox(t)).map((e) => e.kind)).toEqual(['suspend', 'resume']);
    await goOnline(t);
    const suspends = requestsTo(t, '/suspend');
    expect(new Set(suspends.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(requestsTo(t, '/resume')).toHaveLength(1);
    expect(t.server.keys[0]!.status).toBe('active');
    expect(await readOutbox(t)).toEqual([]);
  });

  it('a suspend queued behind a queued create follows it to the server id', async () => {
    const { t } = await withKeys([]);
    await goOffline(t);
    const created = await t.call('keys:create', { ...NEW_KEY, name: 'New' });
    await t.call('copy-screen:done', { id: created.key.id });
    await t.call('keys:suspend', { id: created.key.id, reason: 'Not yet' });
    await goOnline(t);
    expect(t.server.keys.map((k) => [k.name, k.status])).toEqual([['New', 'suspended']]);
    expect(await readOutbox(t)).toEqual([]);
  });
});

describe('keys:bulk-suspend', () => {
  it('online: one request, answered key by key (suspended, already suspended, revoked, unknown)', async () => {
    const { t, ids } = await withKeys(['One', 'Two', 'Gone', 'Vanished']);
    await t.call('keys:suspend', { id: ids[1]!, reason: 'before' });
    await t.call('keys:revoke', { id: ids[2]! });
    t.server.keys = t.server.keys.filter((k) => k.name !== 'Vanished');
    const result = await t.call('keys:bulk-suspend', { ids, reason: 'Incident 42' });
    expect(result.queued).toBe(false);
    expect(result.suspended.map((k) => k.name)).toEqual(['One']);
    expect(result.alreadySuspended.map((k) => k.name)).toEqual(['Two']);
    expect(result.notActive.map((k) => k.name)).toEqual(['Gone']);
    expect(result.notFound.map((k) => k.name)).toEqual(['Vanished']);
    expect(requestsTo(t, '/bulk-suspend')).toHaveLength(1);
    expect((await t.call('sync:state', {})).failed).toEqual([]);
  });

  it('offline: ONE queued action, every row pending, sent once with its Idempotency-Key after a restart', async () => {
    const { t, ids } = await withKeys(['One', 'Two']);
    await goOffline(t);
    const result = await t.call('keys:bulk-suspend', { ids, reason: 'Incident 42' });
    expect(result).toMatchObject({ queued: true, suspended: [] });
    expect(result.pending).toHaveLength(2);
    const rows = (await t.call('keys:list', {})).keys;
    expect(rows.map((r) => [r.status, r.pending?.action])).toEqual([
      ['active', 'suspend'],
      ['active', 'suspend'],
    ]);
    await t.core.dispose();
    const again = await makeCore({ server: t.server, files: t.files, secrets: t.secrets });
    await goOnline(again);
    expect(requestsTo(t, '/bulk-suspend')).toHaveLength(1);
    expect(t.server.keys.every((k) => k.status === 'suspended' && k.suspension?.reason === 'Incident 42')).toBe(true);
  });

  it('a resume of one key of an unsent bulk takes it out: only the others are suspended', async () => {
    const { t, ids } = await withKeys(['One', 'Two']);
    await goOffline(t);
    await t.call('keys:bulk-suspend', { ids, reason: 'Incident 42' });
    await t.call('keys:resume', { id: ids[0]! });
    await goOnline(t);
    expect(t.server.keys.map((k) => [k.name, k.status]).sort()).toEqual([
      ['One', 'active'],
      ['Two', 'suspended'],
    ]);
  });
});
