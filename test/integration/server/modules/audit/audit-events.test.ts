import { describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../../../../../src/server/lib/clock.js';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { ListAuditEventsResponseSchema, RecordResponseSchema, type AuditEventDto } from '../../../../../src/shared/http/index.js';
import { DRIVERS, call, newOrg, type TestOrg, useApp } from '../../support.js';

/**
 * A clock the test sets by hand (also back, between tests), so events get known instants and several
 * share one; timers are the system's (only the last-used flush uses them, and nothing here waits on it).
 */
function manualClock(start: string) {
  let now = Date.parse(start);
  return {
    clock: { ...systemClock, now: () => now } satisfies Clock,
    set(at: string) {
      now = Date.parse(at);
    },
  };
}

describe.each(DRIVERS)('audit event filters on %s', (driver) => {
  const time = manualClock('2026-03-01T09:00:00.000Z');
  const h = useApp(driver, { clock: time.clock });

  async function page(org: TestOrg, query: string) {
    const res = await call(h.app(), 'GET', `/api/admin/audit-events?${query}`, org.adminToken);
    expect(res.statusCode, res.body).toBe(200);
    return ListAuditEventsResponseSchema.parse(res.json());
  }

  /** Every event through pages of `limit`, following nextCursor. */
  async function allPages(org: TestOrg, query: string, limit: number): Promise<AuditEventDto[]> {
    const items: AuditEventDto[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result = await page(org, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...result.items);
      cursor = result.nextCursor;
      if (cursor === null) return items;
    }
    throw new Error('too many pages');
  }

  /**
   * An organization with a known history: at 10:00 keys A, B, C created by the admin; at 11:00 key W
   * (which can write records) creates a record as itself; at 12:00 a bulk revoke of A and B, at 13:00
   * a single revoke of C, at 14:00 a second admin creates key D.
   */
  async function history() {
    time.set('2026-03-01T09:00:00.000Z');
    const org = await newOrg(h.app());
    time.set('2026-03-01T10:00:00.000Z');
    const a = (await org.createKey({ name: 'A' })).apiKey.id;
    const b = (await org.createKey({ name: 'B' })).apiKey.id;
    const c = (await org.createKey({ name: 'C' })).apiKey.id;
    const writer = await org.createKey({ name: 'W', capabilities: ['data-record:write'] });
    time.set('2026-03-01T11:00:00.000Z');
    const record = await call(h.app(), 'POST', `/api/projects/${org.projectId}/records`, writer.secret, { fields: { n: 1 } });
    RecordResponseSchema.parse(record.json());
    time.set('2026-03-01T12:00:00.000Z');
    expect((await call(h.app(), 'POST', '/api/admin/api-keys/bulk-revoke', org.adminToken, { ids: [a, b] })).statusCode).toBe(200);
    time.set('2026-03-01T13:00:00.000Z');
    expect((await call(h.app(), 'POST', `/api/admin/api-keys/${c}/revoke`, org.adminToken)).statusCode).toBe(200);
    time.set('2026-03-01T14:00:00.000Z');
    const second = await org.addPerson('admin');
    const d = await call(h.app(), 'POST', '/api/admin/api-keys', second.token, { name: 'D', capabilities: [] });
    expect(d.statusCode).toBe(201);
    return { org, a, b, c, writerId: writer.apiKey.id, secondAdminId: second.id };
  }

  it('filters by one action or several (repeated parameter)', async () => {
    const { org } = await history();
    const revoked = await page(org, 'action=api_key.revoked');
    expect(revoked.items.map((e) => e.target.name)).toEqual(['C', 'B', 'A']);
    const both = await page(org, 'action=api_key.revoked&action=api_key.bulk_revoked&action=api_key.revoked');
    expect(both.items.map((e) => e.action).sort()).toEqual(['api_key.bulk_revoked', 'api_key.revoked', 'api_key.revoked', 'api_key.revoked']);
    const tokens = await page(org, 'action=admin_token.issued');
    expect(tokens.items.map((e) => [e.action, e.actor.type, e.target.type])).toEqual([
      ['admin_token.issued', 'system', 'person'],
      ['admin_token.issued', 'system', 'person'],
    ]);
  });

  it('filters by actor: a person, or a key acting as itself', async () => {
    const { org, writerId, secondAdminId } = await history();
    const byWriter = await page(org, `actorId=${writerId}`);
    expect(byWriter.items.map((e) => e.action)).toEqual(['record.created']);
    const bySecondAdmin = await page(org, `actorId=${secondAdminId}`);
    expect(bySecondAdmin.items.map((e) => [e.action, e.target.name])).toEqual([['api_key.created', 'D']]);
    const byCli = await page(org, 'actorId=server-cli');
    expect(byCli.items.map((e) => e.action)).toEqual(['admin_token.issued', 'admin_token.issued']);
  });

  it('filters by time: from inclusive, to exclusive, any offset', async () => {
    const { org } = await history();
    const noon = await page(org, 'from=2026-03-01T12:00:00Z&to=2026-03-01T13:00:00.000Z');
    expect(noon.items.map((e) => e.action).sort()).toEqual(['api_key.bulk_revoked', 'api_key.revoked', 'api_key.revoked']);
    // 13:30 in UTC+01:00 is 12:30Z: the same window, seen from another zone.
    const offset = await page(org, `from=${encodeURIComponent('2026-03-01T12:00:00+00:00')}&to=${encodeURIComponent('2026-03-01T13:30:00+01:00')}`);
    expect(offset.items.map((e) => e.id)).toEqual(noon.items.map((e) => e.id));
    const since = await page(org, 'from=2026-03-01T13:00:00Z');
    expect(since.items.map((e) => e.action)).toEqual(['api_key.created', 'admin_token.issued', 'api_key.revoked']);
  });

  it('combines filters, including the existing apiKeyId', async () => {
    const { org, a } = await history();
    expect((await page(org, `apiKeyId=${a}`)).items.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    expect((await page(org, `apiKeyId=${a}&action=api_key.created`)).items.map((e) => e.action)).toEqual(['api_key.created']);
    expect((await page(org, `apiKeyId=${a}&from=2026-03-01T11:00:00Z`)).items.map((e) => e.action)).toEqual(['api_key.revoked']);
    expect((await page(org, `action=api_key.created&actorId=${org.adminId}&to=2026-03-01T10:00:00.001Z`)).items.map((e) => e.target.name)).toEqual([
      'W',
      'C',
      'B',
      'A',
    ]);
  });

  it('pages filtered listings with the cursor: every match once, in order, even when events share an instant', async () => {
    time.set('2026-03-02T08:00:00.000Z');
    const org = await newOrg(h.app());
    const ids: string[] = [];
    // Created and revoked events interleaved, all at one instant: the order then rests on the id.
    for (let i = 0; i < 7; i++) {
      const id = (await org.createKey({ name: `K${i}` })).apiKey.id;
      ids.push(id);
      if (i % 2 === 0) await call(h.app(), 'POST', `/api/admin/api-keys/${id}/revoke`, org.adminToken);
    }
    await call(h.app(), 'POST', '/api/admin/api-keys/bulk-revoke', org.adminToken, { ids });
    const everything = await page(org, 'action=api_key.revoked&limit=1000');
    expect(everything.items).toHaveLength(7);
    expect(everything.nextCursor).toBeNull();
    for (const limit of [1, 2, 3]) {
      const paged = await allPages(org, 'action=api_key.revoked', limit);
      expect(paged.map((e) => e.id)).toEqual(everything.items.map((e) => e.id));
    }
    const created = await allPages(org, `action=api_key.created&actorId=${org.adminId}&from=2026-03-02T08:00:00Z&to=2026-03-02T08:00:01Z`, 2);
    expect(created.map((e) => e.target.name)).toEqual(['K6', 'K5', 'K4', 'K3', 'K2', 'K1', 'K0']);
  });

  it("stays inside the caller's organization whatever the filter", async () => {
    const { org: theirs, secondAdminId, writerId } = await history();
    const ours = await newOrg(h.app());
    for (const query of [`actorId=${secondAdminId}`, `actorId=${writerId}`, 'actorId=server-cli&action=admin_token.issued', 'action=api_key.bulk_revoked']) {
      const result = await page(ours, query);
      expect(
        result.items.every((e) => !JSON.stringify(e).includes(theirs.slug)),
        query,
      ).toBe(true);
      expect(
        result.items.some((e) => e.actor.id === secondAdminId || e.actor.id === writerId || e.action === 'api_key.bulk_revoked'),
        query,
      ).toBe(false);
    }
  });

  it('refuses bad filters with a 400 naming the query field', async () => {
    const org = await newOrg(h.app());
    const cases: [string, string][] = [
      ['action=api_key.exploded', 'query.action.0'],
      ['action=api_key.revoked&action=nope', 'query.action.1'],
      ['actorId=%00', 'query.actorId'],
      [`actorId=${'x'.repeat(65)}`, 'query.actorId'],
      ['from=yesterday', 'query.from'],
      ['to=2026-13-01T00:00:00Z', 'query.to'],
      ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'query.from'],
      ['apiKeyId=nope', 'query.apiKeyId'],
    ];
    for (const [query, path] of cases) {
      const res = await call(h.app(), 'GET', `/api/admin/audit-events?${query}`, org.adminToken);
      expect(res.statusCode, query).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      expect(
        error.details?.issues?.map((i) => i.path),
        query,
      ).toContain(path);
    }
  });
});
