/**
 * Key activity (modules/activity/) on both drivers, with real nodes on one database: exact counts
 * across two nodes, refusals of every kind that exists, the window and its bounds, the source cap
 * and what sources store, retention, the summary and the key list's usedFrom filter.
 * (--trust-proxy: key-activity-proxy.test.ts.)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../../../src/server/app.js';
import { ActivitySummarySchema, KeyActivitySchema, type KeyActivity } from '../../../../../src/shared/http/activity.js';
import { HEADERS } from '../../../../../src/shared/http/common.js';
import { createManualClock, type ManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, call, createSharedDatabase, newOrg, type SharedDatabase, type TestOrg } from '../../support.js';

const INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

describe.each(DRIVERS)('key activity on %s', (driver) => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await createSharedDatabase(driver, 4);
  });
  afterAll(async () => {
    await shared.remove();
  });

  /** A node on the suite's database with a manual clock; closed by the test. */
  function node(clock: ManualClock, options: { retirementSweepMs?: number; trustProxy?: string } = {}): Promise<FastifyInstance> {
    return buildApp({ database: shared.database, clock, lastUsedIntervalMs: INTERVAL_MS, retirementSweepMs: 0, ...options });
  }

  async function activityOf(app: FastifyInstance, org: TestOrg, id: string, days?: number): Promise<KeyActivity> {
    const res = await call(app, 'GET', `/api/admin/api-keys/${id}/activity${days === undefined ? '' : `?days=${days}`}`, org.adminToken);
    expect(res.statusCode, res.body).toBe(200);
    return KeyActivitySchema.parse(res.json());
  }

  const today = (clock: ManualClock) => new Date(clock.now()).toISOString().slice(0, 10);
  const me = (app: FastifyInstance, secret: string, remoteAddress = '203.0.113.7', userAgent = 'curl/8.5.0') =>
    app.inject({ url: '/api/me', remoteAddress, headers: { authorization: `Bearer ${secret}`, 'user-agent': userAgent } });

  it('counts every request exactly when two nodes serve one key at once', async () => {
    const clock = createManualClock('2026-05-01T10:00:00.000Z');
    const a = await node(clock);
    const b = await node(clock);
    const org = await newOrg(a);
    const { apiKey, secret } = await org.createKey({ name: 'Busy', capabilities: ['data-record:read'] });
    // One request each first, one after the other: the key's first use is then recorded (a write
    // the request waits for) before the burst.
    expect((await me(a, secret!)).statusCode).toBe(200);
    expect((await me(b, secret!)).statusCode).toBe(200);
    const N = 61;
    const sent = Array.from({ length: N }, (_, i) => me(i % 2 === 0 ? a : b, secret!, i % 3 === 0 ? '198.51.100.1' : '198.51.100.2'));
    // Refused on both nodes: a route the key lacks the capability for.
    const refused = Array.from({ length: 7 }, (_, i) =>
      call(i % 2 ? a : b, 'POST', `/api/projects/${org.projectId}/playbook-runs`, secret, { playbookId: 'x' }),
    );
    const statuses = await Promise.all([...sent, ...refused]);
    expect(statuses.map((r) => r.statusCode).sort()).toEqual([...Array(N).fill(200), ...Array(7).fill(403)]);
    clock.advance(1_000);
    // More in the same interval (gathered, not written), then both nodes close gracefully.
    for (let i = 0; i < 10; i++) expect((await me(i % 2 ? a : b, secret!)).statusCode).toBe(200);
    await a.close();
    await b.close();

    const reader = await node(clock);
    try {
      const activity = await activityOf(reader, org, apiKey.id, 1);
      expect(activity.days).toEqual([{ date: today(clock), requests: N + 12, refused: 7 }]);
      const bySource = Object.fromEntries(activity.sources.map((s) => [s.address, s.requests]));
      const fromOne = Math.ceil(N / 3);
      expect(bySource).toEqual({ '198.51.100.1': fromOne, '198.51.100.2': N - fromOne, '203.0.113.7': 12 });
      expect(activity.sources.every((s) => s.userAgent === 'curl/8.5.0')).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('counts refusals of every kind: revoked, expired, retired, missing capability, admin route, impersonation refused', async () => {
    const clock = createManualClock('2026-05-02T10:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const revoked = await org.createKey({ name: 'Revoked' });
      const expiring = await org.createKey({ name: 'Expiring', expiresAt: '2026-05-02T10:00:30.000Z' });
      const retiring = await org.createKey({ name: 'Retiring' });
      const narrow = await org.createKey({ name: 'Narrow', capabilities: ['data-record:read'] });
      const other = await newOrg(app);
      const unknownHash = await other.createKey({ name: 'Elsewhere' });

      for (const key of [revoked, expiring, retiring, narrow]) expect((await me(app, key.secret!)).statusCode).toBe(200);
      expect((await call(app, 'POST', `/api/admin/api-keys/${revoked.apiKey.id}/revoke`, org.adminToken)).statusCode).toBe(200);
      const schedule = await call(app, 'POST', `/api/admin/api-keys/${retiring.apiKey.id}/scheduled-revocation`, org.adminToken, {
        at: '2026-05-02T10:00:20.000Z',
      });
      expect(schedule.statusCode, schedule.body).toBe(200);
      clock.advance(60_000);

      expect((await me(app, revoked.secret!)).statusCode).toBe(401);
      expect((await me(app, revoked.secret!)).statusCode).toBe(401);
      expect((await me(app, expiring.secret!)).statusCode).toBe(401);
      expect((await me(app, retiring.secret!)).statusCode).toBe(401);
      expect((await call(app, 'POST', `/api/projects/${org.projectId}/records`, narrow.secret, { fields: {} })).statusCode).toBe(403);
      expect((await call(app, 'GET', '/api/admin/api-keys', narrow.secret)).statusCode).toBe(403);
      expect((await call(app, 'GET', '/api/me', narrow.secret, undefined, { [HEADERS.actAs]: org.adminId })).statusCode).toBe(403);
      // Not a key's refusal: another organization's key works; junk and admin tokens name no key.
      expect((await me(app, unknownHash.secret!)).statusCode).toBe(200);
      expect((await me(app, 'rkr_key_nonsense')).statusCode).toBe(401);
      await app.rakerone.activity.flush();

      const day = async (id: string) => (await activityOf(app, org, id, 1)).days[0];
      expect(await day(revoked.apiKey.id)).toEqual({ date: today(clock), requests: 1, refused: 2 });
      expect(await day(expiring.apiKey.id)).toEqual({ date: today(clock), requests: 1, refused: 1 });
      expect(await day(retiring.apiKey.id)).toEqual({ date: today(clock), requests: 1, refused: 1 });
      expect(await day(narrow.apiKey.id)).toEqual({ date: today(clock), requests: 1, refused: 3 });
      // Refused requests are not sources: only the admitted one is.
      expect((await activityOf(app, org, revoked.apiKey.id, 1)).sources.map((s) => s.requests)).toEqual([1]);
    } finally {
      await app.close();
    }
  });

  it("writes a key's first request of the day, its first refusal and a new source at once, the rest once per interval", async () => {
    const clock = createManualClock('2026-05-03T10:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Prompt', capabilities: [] });
      const writes = vi.spyOn(app.rakerone.activityStore, 'record');
      const read = async () => (await activityOf(app, org, apiKey.id, 1)).days[0];

      await me(app, secret!);
      expect(writes).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 20; i++) await me(app, secret!);
      expect(writes).toHaveBeenCalledTimes(1);
      await vi.waitFor(async () => expect(await read()).toMatchObject({ requests: 1, refused: 0 }));
      // A new source: written at once with what was gathered.
      await me(app, secret!, '2001:db8::7');
      expect(writes).toHaveBeenCalledTimes(2);
      await vi.waitFor(async () => expect(await read()).toMatchObject({ requests: 22, refused: 0 }));
      // The first refusal of the day: at once; the next one waits for the interval.
      await call(app, 'GET', '/api/admin/api-keys', secret);
      await call(app, 'GET', '/api/admin/api-keys', secret);
      expect(writes).toHaveBeenCalledTimes(3);
      clock.advance(INTERVAL_MS);
      expect(writes).toHaveBeenCalledTimes(4);
      await vi.waitFor(async () => expect(await read()).toMatchObject({ requests: 22, refused: 2 }));
      // The next UTC day's first request: at once, on its own day.
      clock.advance(DAY_MS);
      await me(app, secret!);
      expect(writes).toHaveBeenCalledTimes(5);
      await vi.waitFor(async () => expect(await read()).toEqual({ date: today(clock), requests: 1, refused: 0 }));
    } finally {
      await app.close();
    }
  });

  it('answers exactly N UTC days ending today, oldest first, zeros included; days outside 1–90 are 400', async () => {
    const clock = createManualClock('2026-05-10T23:59:59.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Window' });
      await me(app, secret!);
      clock.advance(2_000); // the next UTC day
      await me(app, secret!);
      await me(app, secret!);
      await app.rakerone.activity.flush();

      const standard = await activityOf(app, org, apiKey.id);
      expect(standard.days).toHaveLength(30);
      expect(standard.days[0]!.date).toBe('2026-04-12');
      expect(standard.days.slice(-2)).toEqual([
        { date: '2026-05-10', requests: 1, refused: 0 },
        { date: '2026-05-11', requests: 2, refused: 0 },
      ]);
      expect(standard.days.slice(0, -2).every((d) => d.requests === 0 && d.refused === 0)).toBe(true);
      expect((await activityOf(app, org, apiKey.id, 1)).days).toEqual([{ date: '2026-05-11', requests: 2, refused: 0 }]);
      const widest = await activityOf(app, org, apiKey.id, 90);
      expect(widest.days).toHaveLength(90);
      expect(widest.days.map((d) => d.date)).toEqual([...widest.days.map((d) => d.date)].sort());
      // The source was seen on both days; with one day, its requests are that day's only.
      expect((await activityOf(app, org, apiKey.id, 1)).sources).toEqual([
        { address: '203.0.113.7', userAgent: 'curl/8.5.0', firstSeenAt: '2026-05-10T23:59:59.000Z', lastSeenAt: '2026-05-11T00:00:01.000Z', requests: 2 },
      ]);

      for (const query of ['days=0', 'days=91', 'days=1.5', 'days=abc', 'days=']) {
        for (const path of [`/api/admin/api-keys/${apiKey.id}/activity`, '/api/admin/api-keys/activity-summary']) {
          const res = await call(app, 'GET', `${path}?${query}`, org.adminToken);
          expect(res.statusCode, `${path}?${query}`).toBe(400);
          expect(res.json().error.code).toBe('VALIDATION');
          expect(res.json().error.details.issues[0].path).toMatch(/^query/);
        }
      }
    } finally {
      await app.close();
    }
  });

  it("is the organization's own: another organization's key and an unknown id are 404; admins only", async () => {
    const clock = createManualClock('2026-05-04T10:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const other = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Ours' });
      await me(app, secret!);
      const manager = await org.addPerson('manager');
      for (const [token, id, status] of [
        [other.adminToken, apiKey.id, 404],
        [org.adminToken, '01a21ab3-0000-7000-8000-000000000000', 404],
        [org.adminToken, 'not-an-id', 400],
        [secret!, apiKey.id, 403],
        [manager.token, apiKey.id, 403],
        [undefined, apiKey.id, 401],
      ] as const) {
        const res = await call(app, 'GET', `/api/admin/api-keys/${id}/activity`, token);
        expect(res.statusCode, `${id} → ${res.body}`).toBe(status);
      }
      const foreign = await call(app, 'GET', `/api/admin/api-keys/${apiKey.id}/activity`, other.adminToken);
      const unknown = await call(app, 'GET', '/api/admin/api-keys/01a21ab3-0000-7000-8000-000000000000/activity', other.adminToken);
      expect(foreign.json().error.message).toBe(unknown.json().error.message);
      // The other organization's summary does not name our key.
      await app.rakerone.activity.flush();
      const summary = await call(app, 'GET', '/api/admin/api-keys/activity-summary', other.adminToken);
      expect(summary.json()).toEqual({ keys: [] });
      expect((await call(app, 'GET', '/api/admin/api-keys/activity-summary', secret)).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('keeps at most 100 sources per key and day (the rest in the totals), normalized, most recent first, 50 shown', async () => {
    const clock = createManualClock('2026-05-05T10:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Flooded' });
      for (let i = 0; i < 120; i++) {
        expect((await me(app, secret!, '203.0.113.50', `agent/${i}`)).statusCode).toBe(200);
        clock.advance(10);
      }
      // Normalized: an IPv4-mapped IPv6 peer is its IPv4 address (the same source as before).
      await me(app, secret!, '::ffff:203.0.113.50', 'agent/119');
      await app.rakerone.activity.flush();
      const stored = await app.rakerone.db.kysely
        .selectFrom('api_key_activity_sources')
        .select(['user_agent', 'requests'])
        .where('api_key_id', '=', apiKey.id)
        .execute();
      expect(stored).toHaveLength(100);
      const activity = await activityOf(app, org, apiKey.id, 1);
      expect(activity.days[0]).toMatchObject({ requests: 121 });
      expect(activity.sources).toHaveLength(50);
      expect(activity.sources[0]).toMatchObject({ address: '203.0.113.50', userAgent: 'agent/99', requests: 1 });
      expect(activity.sources.map((s) => s.lastSeenAt)).toEqual([...activity.sources.map((s) => s.lastSeenAt)].sort().reverse());

      // A second node writing new pairs to the full day adds none.
      const second = await node(clock);
      try {
        await me(second, secret!, '198.51.100.99', 'late/1');
        await second.rakerone.activity.flush();
      } finally {
        await second.close();
      }
      const after = await app.rakerone.db.kysely.selectFrom('api_key_activity_sources').select('address').where('api_key_id', '=', apiKey.id).execute();
      expect(after).toHaveLength(100);
      expect(after.some((row) => row.address === '198.51.100.99')).toBe(false);

      // User agents: control characters removed, cut to 200 characters; empty is null.
      const other = await org.createKey({ name: 'Agents' });
      await me(app, other.secret!, '2001:DB8:0:0::1', `evil\u0000\u001b[31m\u0085${'x'.repeat(300)}`);
      await me(app, other.secret!, '198.51.100.4', '');
      await app.rakerone.activity.flush();
      const sources = (await activityOf(app, org, other.apiKey.id, 1)).sources;
      const byAddress = Object.fromEntries(sources.map((s) => [s.address, s.userAgent]));
      expect(byAddress).toEqual({ '2001:db8::1': `evil[31m${'x'.repeat(192)}`, '198.51.100.4': null });
    } finally {
      await app.close();
    }
  });

  it('prunes activity older than 90 days in the sweep (injected clock)', async () => {
    const clock = createManualClock('2026-01-01T12:00:00.000Z');
    const app = await node(clock, { retirementSweepMs: 60_000 });
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Old' });
      await me(app, secret!);
      clock.advance(DAY_MS);
      await me(app, secret!, '198.51.100.8');
      await app.rakerone.activity.flush();
      const rows = () => app.rakerone.db.kysely.selectFrom('api_key_activity_days').select('day').where('api_key_id', '=', apiKey.id).orderBy('day').execute();
      const sourceRows = () => app.rakerone.db.kysely.selectFrom('api_key_activity_sources').select('day').where('api_key_id', '=', apiKey.id).execute();
      expect((await rows()).map((r) => r.day)).toEqual(['2026-01-01', '2026-01-02']);

      // 2026-03-31 is the 90th day from 2026-01-01: both days are still kept.
      clock.advance(88 * DAY_MS);
      await vi.waitFor(async () => {
        clock.advance(60_000);
        expect((await activityOf(app, org, apiKey.id, 90)).days[0]).toEqual({ date: '2026-01-01', requests: 1, refused: 0 });
      });
      expect(await rows()).toHaveLength(2);
      // One day later the first day is gone, from both tables; the next day after that, all.
      clock.advance(DAY_MS);
      await vi.waitFor(async () => {
        clock.advance(60_000);
        expect((await rows()).map((r) => r.day)).toEqual(['2026-01-02']);
      });
      expect(await sourceRows()).toEqual([{ day: '2026-01-02' }]);
      clock.advance(DAY_MS);
      await vi.waitFor(async () => {
        clock.advance(60_000);
        expect(await rows()).toEqual([]);
      });
      expect(await sourceRows()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('summarizes the organization: requests, refusals and addresses first seen within the window', async () => {
    const clock = createManualClock('2026-06-01T10:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const steady = await org.createKey({ name: 'Steady' });
      const moved = await org.createKey({ name: 'Moved' });
      const refusedOnly = await org.createKey({ name: 'Refused only' });
      const idle = await org.createKey({ name: 'Idle' });
      await me(app, steady.secret!, '198.51.100.1');
      await me(app, moved.secret!, '198.51.100.1');
      clock.advance(10 * DAY_MS);
      await me(app, steady.secret!, '198.51.100.1', 'another/agent');
      await me(app, moved.secret!, '198.51.100.1');
      await me(app, moved.secret!, '2001:db8::9');
      await me(app, moved.secret!, '2001:db8::10');
      expect((await call(app, 'POST', `/api/admin/api-keys/${refusedOnly.apiKey.id}/revoke`, org.adminToken)).statusCode).toBe(200);
      await me(app, refusedOnly.secret!);
      await app.rakerone.activity.flush();

      const summary = async (query: string) => {
        const res = await call(app, 'GET', `/api/admin/api-keys/activity-summary${query}`, org.adminToken);
        expect(res.statusCode, res.body).toBe(200);
        const keys = ActivitySummarySchema.parse(res.json()).keys;
        return Object.fromEntries(keys.map(({ apiKeyId, ...rest }) => [apiKeyId, rest]));
      };
      expect(await summary('')).toEqual({
        [steady.apiKey.id]: { requests: 1, refused: 0, newAddresses: 0 },
        [moved.apiKey.id]: { requests: 3, refused: 0, newAddresses: 2 },
        [refusedOnly.apiKey.id]: { requests: 0, refused: 1, newAddresses: 0 },
      });
      expect(await summary('?days=11')).toEqual({
        [steady.apiKey.id]: { requests: 2, refused: 0, newAddresses: 1 },
        [moved.apiKey.id]: { requests: 4, refused: 0, newAddresses: 3 },
        [refusedOnly.apiKey.id]: { requests: 0, refused: 1, newAddresses: 0 },
      });
      expect(Object.keys(await summary('?days=90'))).not.toContain(idle.apiKey.id);
    } finally {
      await app.close();
    }
  });

  it('filters the key list by an address a key was used from in the last 90 days; an invalid address is 400', async () => {
    const clock = createManualClock('2026-07-01T10:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const other = await newOrg(app);
      const v4 = await org.createKey({ name: 'From v4' });
      const v6 = await org.createKey({ name: 'From v6' });
      const both = await org.createKey({ name: 'From both' });
      await org.createKey({ name: 'Unused' });
      const foreign = await other.createKey({ name: 'Other org, same address' });
      await me(app, v4.secret!, '::ffff:203.0.113.70');
      await me(app, v6.secret!, '2001:db8::70');
      await me(app, both.secret!, '203.0.113.70');
      await me(app, both.secret!, '2001:db8::70');
      await me(app, foreign.secret!, '203.0.113.70');
      await app.rakerone.activity.flush();

      const usedFrom = async (address: string, extra = '') => {
        const res = await call(app, 'GET', `/api/admin/api-keys?usedFrom=${encodeURIComponent(address)}${extra}`, org.adminToken);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as { name: string }[]).map((k) => k.name).sort();
      };
      expect(await usedFrom('203.0.113.70')).toEqual(['From both', 'From v4']);
      expect(await usedFrom('::ffff:203.0.113.70')).toEqual(['From both', 'From v4']);
      expect(await usedFrom('2001:DB8:0::70')).toEqual(['From both', 'From v6']);
      expect(await usedFrom('198.51.100.1')).toEqual([]);
      expect(await usedFrom('203.0.113.70', '&status=revoked')).toEqual([]);
      // Pages through the filtered list.
      const first = await call(app, 'GET', '/api/admin/api-keys?usedFrom=203.0.113.70&limit=1', org.adminToken);
      const next = await call(app, 'GET', `/api/admin/api-keys?usedFrom=203.0.113.70&limit=1&cursor=${first.json().nextCursor}`, org.adminToken);
      expect([...first.json().items, ...next.json().items].map((k: { name: string }) => k.name).sort()).toEqual(['From both', 'From v4']);

      for (const bad of ['203.0.113', 'not-an-address', '203.0.113.70/24', '1.2.3.256', '']) {
        const res = await call(app, 'GET', `/api/admin/api-keys?usedFrom=${encodeURIComponent(bad)}`, org.adminToken);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().error.details.issues).toEqual([{ path: 'query.usedFrom', message: expect.stringContaining('IPv4 or IPv6') }]);
      }

      // Older than 90 days: no longer matches.
      clock.advance(90 * DAY_MS);
      expect(await usedFrom('203.0.113.70')).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
