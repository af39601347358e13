import { describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';
import { createAuditCacheStore } from '../../../../src/main/audit/audit-cache.js';
import { createAuditService } from '../../../../src/main/audit/audit-service.js';
import { createApiClient } from '../../../../src/main/http/api-client.js';
import { silentLogger } from '../../../../src/main/logger.js';
import { AUDIT_PAGE_SIZE, AuditFilterSchema } from '../../../../src/shared/ipc/audit.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { createFakeServer, type FakeServer } from '../../../helpers/fake-server.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';
import { makeCore, type TestCore } from '../../../helpers/test-core.js';

const KEY_A = '00000000-0000-4000-8000-0000000000aa';
const KEY_B = '00000000-0000-4000-8000-0000000000bb';
const PERSON = '11111111-1111-4111-8111-111111111111';
const T0 = Date.parse('2026-11-20T12:00:00.000Z');

/** n events, one a minute back from T0: odd ones revoke KEY_A, even ones create KEY_B. */
function events(n: number): AuditEventDto[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
    occurredAt: new Date(T0 - i * 60_000).toISOString(),
    action: i % 2 ? ('api_key.revoked' as const) : ('api_key.created' as const),
    actor: { type: 'person' as const, id: PERSON, name: 'Ada Admin', viaKey: null },
    target: { type: 'apiKey', id: i % 2 ? KEY_A : KEY_B, name: i % 2 ? 'Billing' : 'Import' },
    details: null,
  }));
}

const ALL = { filter: {} };

async function offline(t: TestCore) {
  t.server.down = true;
  await t.call('sync:now', {}); // the link hears the server is gone
}

const cacheFile = (t: TestCore) => [...t.files.data.keys()].find((path) => path.startsWith('/data/audit/') && path.endsWith('.json'));

describe('audit:list online', () => {
  it('pages through the server newest first, each page continuing where the last ended', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.audit = events(AUDIT_PAGE_SIZE + 10);
    const first = await t.call('audit:list', ALL);
    expect(first).toMatchObject({ source: 'server', olderNotCachedBefore: null });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]!.id).toBe(t.server.audit[0]!.id);
    expect(first.nextCursor).not.toBeNull();
    const second = await t.call('audit:list', { ...ALL, cursor: first.nextCursor });
    expect(second.events.map((e) => e.id)).toEqual(t.server.audit.slice(AUDIT_PAGE_SIZE).map((e) => e.id));
    expect(second.nextCursor).toBeNull();
    expect(t.server.auditQueries.map((q) => q.get('limit'))).toEqual([String(AUDIT_PAGE_SIZE), String(AUDIT_PAGE_SIZE)]);
  });

  it('passes every filter through to the server (actions repeated, instants as given)', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.audit = events(20);
    const page = await t.call('audit:list', {
      filter: {
        actions: ['api_key.revoked', 'api_key.bulk_revoked'],
        apiKeyId: KEY_A,
        actorId: PERSON,
        from: '2026-11-20T11:50:00.000Z',
        to: '2026-11-20T12:00:00.000Z',
      },
    });
    const query = t.server.auditQueries.at(-1)!;
    expect(query.getAll('action')).toEqual(['api_key.revoked', 'api_key.bulk_revoked']);
    expect([query.get('apiKeyId'), query.get('actorId'), query.get('from'), query.get('to')]).toEqual([
      KEY_A,
      PERSON,
      '2026-11-20T11:50:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ]);
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.events.every((e) => e.action === 'api_key.revoked' && e.target.id === KEY_A)).toBe(true);
  });

  it('a refusal is an error, not a silent answer from the cache', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.failNext = { status: 403, code: 'FORBIDDEN', message: 'Admins only', path: /audit-events/ };
    expect(await t.raw('audit:list', ALL)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a bad filter before anything is sent', async () => {
    const t = await makeCore();
    await t.connect();
    const sent = t.server.auditQueries.length;
    expect(await t.raw('audit:list', { filter: { actions: ['api_key.exploded' as never] } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.raw('audit:list', { filter: { from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(t.server.auditQueries.length).toBe(sent);
  });
});

describe('audit:list offline, from the cache', () => {
  it('serves the unfiltered pages fetched before, saying when they were fetched, and filters them here', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.audit = events(AUDIT_PAGE_SIZE + 10);
    const first = await t.call('audit:list', ALL);
    await t.call('audit:list', { ...ALL, cursor: first.nextCursor });
    // A filtered page online does not change what is kept.
    await t.call('audit:list', { filter: { actions: ['api_key.created'] } });

    await offline(t);
    const sent = t.server.auditQueries.length;
    const cached = await t.call('audit:list', ALL);
    expect(cached).toMatchObject({ source: 'cache', fetchedAt: first.fetchedAt, olderNotCachedBefore: null });
    expect(cached.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    const rest = await t.call('audit:list', { ...ALL, cursor: cached.nextCursor });
    expect(rest.events).toHaveLength(10);
    expect(rest.nextCursor).toBeNull();

    const revokedA = await t.call('audit:list', { filter: { actions: ['api_key.revoked'], apiKeyId: KEY_A } });
    expect(revokedA.events).toHaveLength((AUDIT_PAGE_SIZE + 10) / 2);
    expect(revokedA.events.every((e) => e.action === 'api_key.revoked')).toBe(true);
    const lastTen = await t.call('audit:list', { filter: { from: new Date(T0 - 9 * 60_000).toISOString() } });
    expect(lastTen.events).toHaveLength(10);
    expect(t.server.auditQueries.length).toBe(sent);
  });

  it('says when older events were never kept (the admin did not scroll to the end)', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.audit = events(AUDIT_PAGE_SIZE + 10);
    const first = await t.call('audit:list', ALL);
    await offline(t);
    const cached = await t.call('audit:list', ALL);
    expect(cached.olderNotCachedBefore).toBe(first.events.at(-1)!.occurredAt);
    expect(cached.nextCursor).toBeNull();
  });

  it('continues a listing from the cache when the server goes away mid-scroll', async () => {
    const t = await makeCore();
    await t.connect();
    t.server.audit = events(AUDIT_PAGE_SIZE * 2 + 5);
    const first = await t.call('audit:list', ALL);
    const second = await t.call('audit:list', { ...ALL, cursor: first.nextCursor });
    t.server.down = true; // this call is the first to find out
    const third = await t.call('audit:list', { ...ALL, cursor: first.nextCursor });
    expect(third.source).toBe('cache');
    expect(third.events.map((e) => e.id)).toEqual(second.events.map((e) => e.id));
  });

  it('never fetched: an empty page that says so (fetchedAt null)', async () => {
    const t = await makeCore();
    await t.connect();
    await offline(t);
    expect(await t.call('audit:list', ALL)).toEqual({ events: [], nextCursor: null, source: 'cache', fetchedAt: null, olderNotCachedBefore: null });
  });

  it('re-reads the cache file with its schema: a corrupt or tampered file is set aside, logged, and read as empty', async () => {
    const files = createMemoryFiles();
    const t = await makeCore({ files });
    await t.connect();
    t.server.audit = events(3);
    await t.call('audit:list', ALL);
    const path = cacheFile(t)!;
    expect(path).toBeDefined();

    // Another process edits it: events out of order.
    const stored = JSON.parse(files.data.get(path)!) as { version: number; data: { events: AuditEventDto[] } };
    stored.data.events.reverse();
    files.data.set(path, JSON.stringify(stored));
    const restarted = await makeCore({ files, server: t.server, secrets: t.secrets });
    await offline(restarted);
    expect(await restarted.call('audit:list', ALL)).toMatchObject({ events: [], fetchedAt: null, source: 'cache' });
  });

  it('a file that is not JSON at all is set aside too, never served', async () => {
    const files = createMemoryFiles();
    const t = await makeCore({ files });
    await t.connect();
    t.server.audit = events(3);
    await t.call('audit:list', ALL);
    const path = cacheFile(t)!;
    files.data.set(path, '{"version":1,"data":{"events":[{"id":');
    const restarted = await makeCore({ files, server: t.server, secrets: t.secrets });
    await offline(restarted);
    expect(await restarted.call('audit:list', ALL)).toMatchObject({ events: [], fetchedAt: null });
    expect([...files.data.keys()].some((name) => name.startsWith(`${path}.unreadable-`))).toBe(true);
  });
});

describe('nothing secret-shaped reaches the page or the cache file (issue 18, 4)', () => {
  it('names and ids of actor, via key and target are scrubbed like details, online and offline', async () => {
    const t = await makeCore();
    await t.connect();
    const secret = `rkr_key_${'Q'.repeat(32)}abcdef`;
    const [leaky] = events(1);
    t.server.audit = [
      {
        ...leaky!,
        action: 'playbook_run.started',
        actor: { type: 'person', id: PERSON, name: `Ada ${secret}`, viaKey: { id: KEY_A, name: secret } },
        target: { type: 'playbookRun', id: secret, name: `playbook ${secret}` },
        details: { note: secret },
      },
    ];
    const online = await t.call('audit:list', ALL);
    expect(JSON.stringify(online)).not.toContain(secret);
    expect(online.events[0]!.actor.viaKey).toEqual({ id: KEY_A, name: '[secret removed]' });
    expect(t.files.data.get(cacheFile(t)!)).not.toContain(secret);
    await offline(t);
    const cached = await t.call('audit:list', ALL);
    expect(cached.source).toBe('cache');
    expect(cached.events).toEqual(online.events);
  });
});

describe('a cache file written before every field was scrubbed (issue 18, 4)', () => {
  it('is scrubbed as it is read: never shown offline, never exported, and rewritten clean with the next page', async () => {
    const files = createMemoryFiles();
    const t = await makeCore({ files });
    await t.connect();
    t.server.audit = events(2);
    await t.call('audit:list', ALL);
    const path = cacheFile(t)!;
    // What an earlier version wrote: the target's name as the server sent it.
    const secret = `rkr_key_${'W'.repeat(32)}abcdef`;
    const stored = JSON.parse(files.data.get(path)!) as { version: number; data: { events: AuditEventDto[] } };
    stored.data.events[0]!.target.name = secret;
    files.data.set(path, JSON.stringify(stored));

    const restarted = await makeCore({ files, server: t.server, secrets: t.secrets });
    await offline(restarted);
    const page = await restarted.call('audit:list', ALL);
    expect(page.source).toBe('cache');
    expect(page.events[0]!.target.name).toBe('[secret removed]');
    t.server.down = false;
    await restarted.call('sync:now', {});
    await restarted.call('audit:list', ALL);
    expect(files.data.get(path)).not.toContain(secret);
  });
});

describe('every event of a filter (for exports)', () => {
  function serviceOn(server: FakeServer) {
    const api = createApiClient({
      serverUrl: 'https://rakerone.test',
      getToken: async () => server.adminToken,
      adapter: server.adapter,
      sleep: async () => {},
    });
    return createAuditService({
      connection: { requireSession: () => ({ profileId: 'profile-1', api }) },
      sync: { isOnline: () => true },
      cache: createAuditCacheStore({ dir: '/data', files: createMemoryFiles(), logger: silentLogger, now: () => T0 }),
      clock: createFakeClock(T0),
    });
  }

  it('pages through the server until its end, with the filter', async () => {
    const server = createFakeServer();
    server.audit = events(2_345);
    const seen: string[] = [];
    for await (const page of serviceOn(server).allEvents(AuditFilterSchema.parse({ actions: ['api_key.revoked'] }))) seen.push(...page.map((e) => e.id));
    expect(seen).toEqual(server.audit.filter((e) => e.action === 'api_key.revoked').map((e) => e.id));
    expect(server.auditQueries.map((q) => [q.getAll('action').join(), q.get('limit')])).toEqual([
      ['api_key.revoked', '1000'],
      ['api_key.revoked', '1000'],
    ]);
  });

  it('fails when the server goes away mid-way, rather than end as if the log were whole', async () => {
    const server = createFakeServer();
    server.audit = events(2_345);
    const iterator = serviceOn(server).allEvents(AuditFilterSchema.parse({}));
    expect((await iterator.next()).value).toHaveLength(1000);
    server.down = true;
    await expect(iterator.next()).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
