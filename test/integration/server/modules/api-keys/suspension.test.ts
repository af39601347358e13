/**
 * Suspend, resume and bulk suspend on both drivers, with a manual clock (expiry without waiting).
 * Several nodes and the race against a suspend through another node: system/revoke-race.serial.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { KeyActivitySchema } from '../../../../../src/shared/http/activity.js';
import {
  ApiKeyResponseSchema,
  BulkSuspendApiKeysResponseSchema,
  ListApiKeysResponseSchema,
  ListAuditEventsResponseSchema,
  type AuditEventDto,
} from '../../../../../src/shared/http/index.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, call, newOrg, type TestOrg, useApp } from '../../support.js';

const DAY_MS = 86_400_000;
const BULK_URL = '/api/admin/api-keys/bulk-suspend';

describe.each(DRIVERS)('suspending keys on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 0 });
  const suspend = (org: TestOrg, id: string, reason: unknown = 'Seen in a public paste', headers: Record<string, string> = {}) =>
    call(h.app(), 'POST', `/api/admin/api-keys/${id}/suspend`, org.adminToken, { reason }, headers);
  const resume = (org: TestOrg, id: string, headers: Record<string, string> = {}) =>
    call(h.app(), 'POST', `/api/admin/api-keys/${id}/resume`, org.adminToken, undefined, headers);
  const me = async (secret: string) => call(h.app(), 'GET', '/api/me', secret);

  async function events(org: TestOrg, query = ''): Promise<AuditEventDto[]> {
    const res = await call(h.app(), 'GET', `/api/admin/audit-events?limit=1000${query}`, org.adminToken);
    expect(res.statusCode).toBe(200);
    return ListAuditEventsResponseSchema.parse(res.json()).items;
  }

  async function list(org: TestOrg, status: string): Promise<[string, string][]> {
    const res = await call(h.app(), 'GET', `/api/admin/api-keys?status=${status}`, org.adminToken);
    return ListApiKeysResponseSchema.parse(res.json()).items.map((k) => [k.name, k.status]);
  }

  async function refusedToday(org: TestOrg, id: string): Promise<number> {
    await h.app().rakerone.activity.flush();
    const res = await call(h.app(), 'GET', `/api/admin/api-keys/${id}/activity?days=1`, org.adminToken);
    return KeyActivitySchema.parse(res.json()).days[0]!.refused;
  }

  it('suspends a key: refused on the very next request with a 401 that says only that it is suspended, counted as refused; resume lets it in again', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Importer' });
    for (let i = 0; i < 2; i++) expect((await me(secret!)).statusCode).toBe(200);
    // PostgreSQL (and a SQLite file) serve it from the credential cache by now; the suspend moves the epoch.
    if (driver === 'postgres') expect(h.app().rakerone.authenticator.cachedCredentials()).toBeGreaterThan(0);

    const res = await suspend(org, apiKey.id, '  Seen in a public paste  ');
    expect(res.statusCode).toBe(200);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const suspended = ApiKeyResponseSchema.parse(res.json()).apiKey;
    expect(suspended).toMatchObject({
      id: apiKey.id,
      status: 'suspended',
      revokedAt: null,
      suspension: { at: new Date(clock.now()).toISOString(), by: { id: org.adminId, name: 'Org Admin' }, reason: 'Seen in a public paste' },
    });

    const refused = await me(secret!);
    expect(refused.statusCode).toBe(401);
    const error = ErrorBodySchema.parse(refused.json()).error;
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: 'This API key is suspended' });
    // Nothing else about the key: not its name, who suspended it or why.
    expect(refused.body).not.toMatch(/Importer|paste|Org Admin|2026/);
    expect(await refusedToday(org, apiKey.id)).toBe(1);

    expect(await list(org, 'suspended')).toEqual([['Importer', 'suspended']]);
    expect(await list(org, 'active')).toEqual([]);
    expect(await list(org, 'all')).toEqual([['Importer', 'suspended']]);

    const resumed = await resume(org, apiKey.id);
    expect(resumed.statusCode).toBe(200);
    expect(ApiKeyResponseSchema.parse(resumed.json()).apiKey).toMatchObject({ status: 'active', suspension: null });
    expect((await me(secret!)).statusCode).toBe(200);
    expect(await list(org, 'active')).toEqual([['Importer', 'active']]);
    expect(await list(org, 'suspended')).toEqual([]);

    const trail = await events(org, `&apiKeyId=${apiKey.id}`);
    expect(trail.map((e) => e.action)).toEqual(['api_key.resumed', 'api_key.suspended', 'api_key.created']);
    expect(trail[1]).toMatchObject({
      actor: { type: 'person', id: org.adminId },
      target: { type: 'apiKey', id: apiKey.id },
      details: { reason: 'Seen in a public paste' },
    });
    expect(trail[0]!.details).toEqual({ suspension: suspended.suspension });
  });

  it('answers a second suspend and a resume of an active key unchanged, with no new event; the first reason stands', async () => {
    const org = await newOrg(h.app());
    const { apiKey } = await org.createKey({ name: 'Twice' });
    const notSuspended = await resume(org, apiKey.id);
    expect(notSuspended.statusCode).toBe(200);
    expect(notSuspended.json().apiKey).toMatchObject({ status: 'active', suspension: null });
    const first = ApiKeyResponseSchema.parse((await suspend(org, apiKey.id, 'first')).json()).apiKey;
    clock.advance(1_000);
    const second = await suspend(org, apiKey.id, 'second');
    expect(second.statusCode).toBe(200);
    expect(ApiKeyResponseSchema.parse(second.json()).apiKey.suspension).toEqual(first.suspension);
    await resume(org, apiKey.id);
    const again = await resume(org, apiKey.id);
    expect(again.statusCode).toBe(200);
    expect((await events(org, `&apiKeyId=${apiKey.id}`)).map((e) => e.action)).toEqual(['api_key.resumed', 'api_key.suspended', 'api_key.created']);
  });

  it('takes a reason of 1 to 200 characters on one line (trimmed), and refuses 0, 201, blank, multi-line or missing with a 400 on reason', async () => {
    const org = await newOrg(h.app());
    for (const reason of ['x', 'y'.repeat(200)]) {
      const { apiKey } = await org.createKey({ name: `Reason ${reason.length}` });
      const res = await suspend(org, apiKey.id, reason);
      expect(res.statusCode, `${reason.length} characters`).toBe(200);
      expect(res.json().apiKey.suspension.reason).toBe(reason);
    }
    const { apiKey, secret } = await org.createKey({ name: 'Untouched' });
    for (const reason of ['', 'z'.repeat(201), '   ', 'two\nlines', 42, undefined]) {
      const res = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/suspend`, org.adminToken, reason === undefined ? {} : { reason });
      expect(res.statusCode, JSON.stringify(reason)).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      expect(error.details?.issues?.map((i) => i.path)).toEqual(['reason']);
    }
    const extra = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/suspend`, org.adminToken, { reason: 'ok', more: 1 });
    expect(extra.statusCode).toBe(400);
    expect((await me(secret!)).statusCode).toBe(200);
  });

  it('refuses to suspend or resume a revoked or expired key (409), and orders statuses revoked, expired, suspended, active', async () => {
    const org = await newOrg(h.app());
    const revoked = await org.createKey({ name: 'Revoked' });
    await call(h.app(), 'POST', `/api/admin/api-keys/${revoked.apiKey.id}/revoke`, org.adminToken);
    const expiring = await org.createKey({ name: 'Expiring', expiresAt: new Date(clock.now() + DAY_MS).toISOString() });
    const suspendedThenExpired = await org.createKey({ name: 'Suspended, then expired', expiresAt: new Date(clock.now() + DAY_MS).toISOString() });
    const suspendedThenRevoked = await org.createKey({ name: 'Suspended, then revoked' });
    const suspended = await org.createKey({ name: 'Suspended' });
    await org.createKey({ name: 'Active' });
    for (const key of [suspendedThenExpired, suspendedThenRevoked, suspended]) expect((await suspend(org, key.apiKey.id)).statusCode).toBe(200);
    await call(h.app(), 'POST', `/api/admin/api-keys/${suspendedThenRevoked.apiKey.id}/revoke`, org.adminToken);
    clock.advance(DAY_MS);

    for (const [key, status] of [
      [revoked, 'revoked'],
      [expiring, 'expired'],
      [suspendedThenExpired, 'expired'],
      [suspendedThenRevoked, 'revoked'],
    ] as const) {
      for (const res of [await suspend(org, key.apiKey.id), await resume(org, key.apiKey.id)]) {
        expect(res.statusCode, key.apiKey.name).toBe(409);
        const error = ErrorBodySchema.parse(res.json()).error;
        expect(error.code).toBe('CONFLICT');
        expect(error.message).toContain(status === 'revoked' ? 'revoked' : 'expired');
      }
    }
    // The refusal on use follows the same precedence.
    expect(ErrorBodySchema.parse((await me(suspendedThenExpired.secret!)).json()).error.message).toMatch(/expired/);
    expect(ErrorBodySchema.parse((await me(suspendedThenRevoked.secret!)).json()).error.message).toMatch(/revoked/);
    expect(ErrorBodySchema.parse((await me(suspended.secret!)).json()).error.message).toBe('This API key is suspended');

    expect(await list(org, 'all')).toEqual([
      ['Active', 'active'],
      ['Suspended', 'suspended'],
      ['Suspended, then revoked', 'revoked'],
      ['Suspended, then expired', 'expired'],
      ['Expiring', 'expired'],
      ['Revoked', 'revoked'],
    ]);
    expect(await list(org, 'suspended')).toEqual([['Suspended', 'suspended']]);
    expect((await list(org, 'expired')).map(([name]) => name)).toEqual(['Suspended, then expired', 'Expiring']);
    expect((await list(org, 'revoked')).map(([name]) => name)).toEqual(['Suspended, then revoked', 'Revoked']);
    expect(await list(org, 'active')).toEqual([['Active', 'active']]);
    // A key that ended while suspended keeps its suspension on record; the status says what wins.
    const all = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).json()).items;
    expect(all.find((k) => k.name === 'Suspended, then revoked')!.suspension).toMatchObject({ reason: 'Seen in a public paste' });
  });

  it("answers 404 for an unknown id and another organization's key, 400 for a malformed id, 403 for non-admins and keys", async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const theirs = await other.createKey({ name: 'Theirs' });
    const { secret } = await org.createKey({ name: 'Mine', capabilities: ['data-record:read'] });
    const member = await org.addPerson('member');
    for (const id of [randomUUID(), theirs.apiKey.id]) {
      expect((await suspend(org, id)).statusCode).toBe(404);
      expect((await resume(org, id)).statusCode).toBe(404);
    }
    expect((await me(theirs.secret!)).statusCode).toBe(200);
    expect((await suspend(org, 'not-a-uuid')).statusCode).toBe(400);
    expect((await resume(org, 'not-a-uuid')).statusCode).toBe(400);
    for (const token of [member.token, secret!]) {
      expect((await call(h.app(), 'POST', `/api/admin/api-keys/${theirs.apiKey.id}/suspend`, token, { reason: 'x' })).statusCode).toBe(403);
      expect((await call(h.app(), 'POST', `/api/admin/api-keys/${theirs.apiKey.id}/resume`, token)).statusCode).toBe(403);
      expect((await call(h.app(), 'POST', BULK_URL, token, { ids: [theirs.apiKey.id], reason: 'x' })).statusCode).toBe(403);
    }
  });

  it('replays a suspend and a resume with the same Idempotency-Key: the key as it is now, nothing changed or recorded again; another request is a 409', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Replayed' });
    const suspendKey = { 'idempotency-key': `suspend-${randomUUID()}` };
    const first = await suspend(org, apiKey.id, 'why', suspendKey);
    expect(first.statusCode).toBe(200);
    const replay = await suspend(org, apiKey.id, 'why', suspendKey);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const conflict = await suspend(org, apiKey.id, 'another reason', suspendKey);
    expect(conflict.statusCode).toBe(409);

    const resumeKey = { 'idempotency-key': `resume-${randomUUID()}` };
    expect((await resume(org, apiKey.id, resumeKey)).json().apiKey.status).toBe('active');
    // A suspend retried after the key was resumed (a lost response, an outbox replay) does not switch it off again.
    const late = await suspend(org, apiKey.id, 'why', suspendKey);
    expect(late.statusCode).toBe(200);
    expect(late.headers['idempotent-replayed']).toBe('true');
    expect(late.json().apiKey).toMatchObject({ status: 'active', suspension: null });
    expect((await me(secret!)).statusCode).toBe(200);
    // Likewise a resume retried after a new suspend.
    expect((await suspend(org, apiKey.id, 'again')).json().apiKey.status).toBe('suspended');
    const lateResume = await resume(org, apiKey.id, resumeKey);
    expect(lateResume.headers['idempotent-replayed']).toBe('true');
    expect(lateResume.json().apiKey.status).toBe('suspended');
    expect((await me(secret!)).statusCode).toBe(401);

    expect((await events(org, `&apiKeyId=${apiKey.id}`)).map((e) => e.action)).toEqual([
      'api_key.suspended',
      'api_key.resumed',
      'api_key.suspended',
      'api_key.created',
    ]);
  });

  it("bulk suspends in one go and sorts out the rest, in the order listed: already suspended, not active, not found (another organization's keys too)", async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const a = await org.createKey({ name: 'A' });
    const b = await org.createKey({ name: 'B' });
    const c = await org.createKey({ name: 'C' });
    const expiring = await org.createKey({ name: 'Expiring', expiresAt: new Date(clock.now() + 1_000).toISOString() });
    const d = await org.createKey({ name: 'D' });
    const theirs = await other.createKey({ name: 'Theirs' });
    await suspend(org, b.apiKey.id, 'earlier');
    await call(h.app(), 'POST', `/api/admin/api-keys/${c.apiKey.id}/revoke`, org.adminToken);
    clock.advance(1_000);
    const missing = randomUUID();

    const ids = [missing, d.apiKey.id, b.apiKey.id, c.apiKey.id, theirs.apiKey.id, expiring.apiKey.id, a.apiKey.id, d.apiKey.id.toUpperCase()];
    const res = await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids, reason: 'Leaked .env' });
    expect(res.statusCode).toBe(200);
    const body = BulkSuspendApiKeysResponseSchema.parse(res.json());
    expect(body.suspended.map((k) => [k.id, k.status, k.suspension?.reason])).toEqual([
      [d.apiKey.id, 'suspended', 'Leaked .env'],
      [a.apiKey.id, 'suspended', 'Leaked .env'],
    ]);
    expect(body.alreadySuspended).toEqual([b.apiKey.id]);
    expect(body.notActive).toEqual([c.apiKey.id, expiring.apiKey.id]);
    expect(body.notFound).toEqual([missing, theirs.apiKey.id]);
    for (const key of [a, d, b]) expect(ErrorBodySchema.parse((await me(key.secret!)).json()).error.message).toBe('This API key is suspended');
    expect((await me(theirs.secret!)).statusCode).toBe(200);
    expect(res.body).not.toContain('Theirs');

    const all = await events(org);
    const bulk = all.filter((e) => e.action === 'api_key.bulk_suspended');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]).toMatchObject({
      actor: { type: 'person', id: org.adminId },
      target: { type: 'apiKeyBatch', id: bulk[0]!.id },
      details: { count: 2, alreadySuspended: 1, notActive: 2, notFound: 2, reason: 'Leaked .env' },
    });
    const perKey = all.filter((e) => e.action === 'api_key.suspended' && e.details?.bulk === bulk[0]!.id);
    expect(perKey.map((e) => e.target.id).sort()).toEqual([a.apiKey.id, d.apiKey.id].sort());
    expect(perKey.every((e) => e.occurredAt === bulk[0]!.occurredAt && e.details?.reason === 'Leaked .env')).toBe(true);
    // B keeps its first suspension and its single event.
    expect((await events(org, `&apiKeyId=${b.apiKey.id}`)).map((e) => [e.action, e.details?.reason ?? null])).toEqual([
      ['api_key.suspended', 'earlier'],
      ['api_key.created', null],
    ]);
    expect(JSON.stringify(await events(org))).not.toContain(theirs.apiKey.id);
  });

  it('replays a bulk suspend with the same Idempotency-Key as first sorted, the keys as they are now; other ids are a 409', async () => {
    const org = await newOrg(h.app());
    const a = await org.createKey({ name: 'A' });
    const b = await org.createKey({ name: 'B' });
    await suspend(org, b.apiKey.id, 'earlier');
    const headers = { 'idempotency-key': `bulk-suspend-${randomUUID()}` };
    const ids = [a.apiKey.id, b.apiKey.id];
    const first = await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids, reason: 'incident 7' }, headers);
    expect(first.statusCode).toBe(200);
    const eventsAfterFirst = await events(org);
    const replay = await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids, reason: 'incident 7' }, headers);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(await events(org)).toEqual(eventsAfterFirst);
    expect((await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids: [a.apiKey.id], reason: 'incident 7' }, headers)).statusCode).toBe(409);
    expect((await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids, reason: 'incident 8' }, headers)).statusCode).toBe(409);

    // B is revoked and A resumed since: still sorted as at first, A shown as it is now. (A key revoked
    // in the very millisecond of the bulk would read as revoked before it: the replay sorts by time.)
    clock.advance(1);
    await call(h.app(), 'POST', `/api/admin/api-keys/${b.apiKey.id}/revoke`, org.adminToken);
    await resume(org, a.apiKey.id);
    const late = BulkSuspendApiKeysResponseSchema.parse((await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids, reason: 'incident 7' }, headers)).json());
    expect(late.suspended.map((k) => [k.id, k.status])).toEqual([[a.apiKey.id, 'active']]);
    expect(late.alreadySuspended).toEqual([b.apiKey.id]);
    expect((await me(a.secret!)).statusCode).toBe(200);
  });

  it('bulk suspends 1,000 ids in one request; 1,001 ids, a bad id or a bad reason are a 400 and suspend nothing', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Real' });
    const filler = Array.from({ length: 999 }, () => randomUUID());
    const bad: [unknown, string][] = [
      [{ ids: [apiKey.id, ...filler, randomUUID()], reason: 'x' }, 'ids'],
      [{ ids: [], reason: 'x' }, 'ids'],
      [{ ids: [apiKey.id, 'nope'], reason: 'x' }, 'ids.1'],
      [{ ids: [apiKey.id], reason: '' }, 'reason'],
      [{ ids: [apiKey.id], reason: 'r'.repeat(201) }, 'reason'],
      [{ ids: [apiKey.id] }, 'reason'],
    ];
    for (const [body, path] of bad) {
      const res = await call(h.app(), 'POST', BULK_URL, org.adminToken, body);
      expect(res.statusCode, path).toBe(400);
      expect(ErrorBodySchema.parse(res.json()).error.details?.issues?.map((i) => i.path)).toContain(path);
    }
    expect((await me(secret!)).statusCode).toBe(200);
    const ok = await call(h.app(), 'POST', BULK_URL, org.adminToken, { ids: [apiKey.id, ...filler], reason: 'r'.repeat(200) });
    expect(ok.statusCode).toBe(200);
    const body = BulkSuspendApiKeysResponseSchema.parse(ok.json());
    expect([body.suspended.length, body.notFound.length]).toEqual([1, 999]);
    expect((await me(secret!)).statusCode).toBe(401);
  });
});
