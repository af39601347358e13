/**
 * Scheduled revocation (`POST`/`DELETE /api/admin/api-keys/{id}/scheduled-revocation`) on both
 * drivers with a manual clock, and its exactly-once audit event with two app instances (nodes) on
 * one database observing the same due retirement at once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../../src/server/app.js';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { ApiKeyResponseSchema, type AuditEventDto } from '../../../../../src/shared/http/index.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, type TestOrg, call, newOrg, useApp, createSharedDatabase, type SharedDatabase } from '../../support.js';

const HOUR_MS = 3_600_000;

async function eventsOf(app: FastifyInstance, org: TestOrg, query: string): Promise<AuditEventDto[]> {
  const res = await call(app, 'GET', `/api/admin/audit-events?${query}`, org.adminToken);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe.each(DRIVERS)('scheduled revocation on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 0 });
  const inMs = (ms: number) => new Date(clock.now() + ms).toISOString();
  const schedule = (org: TestOrg, id: string, body: unknown, headers: Record<string, string> = {}) =>
    call(h.app(), 'POST', `/api/admin/api-keys/${id}/scheduled-revocation`, org.adminToken, body, headers);
  const cancel = (org: TestOrg, id: string) => call(h.app(), 'DELETE', `/api/admin/api-keys/${id}/scheduled-revocation`, org.adminToken);
  const me = async (secret: string) => (await call(h.app(), 'GET', '/api/me', secret)).statusCode;
  const keyOf = async (org: TestOrg, id: string) =>
    (await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).json().items.find((k: { id: string }) => k.id === id);

  it('revokes a key from the scheduled time: refused, listed revoked with revokedAt = that time, one audit event by the scheduler', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Old' });
    expect(await me(secret!)).toBe(200);
    const at = inMs(HOUR_MS);
    const res = await schedule(org, apiKey.id, { at });
    expect(res.statusCode).toBe(200);
    expect(ApiKeyResponseSchema.parse(res.json()).apiKey).toMatchObject({ id: apiKey.id, status: 'active', scheduledRevocation: { at } });

    clock.advance(HOUR_MS - 1);
    expect(await me(secret!)).toBe(200);
    clock.advance(1);
    expect(await me(secret!)).toBe(401);
    clock.advance(5 * 60_000);
    expect(await keyOf(org, apiKey.id)).toMatchObject({ status: 'revoked', revokedAt: at, scheduledRevocation: { at } });
    expect((await call(h.app(), 'GET', '/api/admin/api-keys?status=revoked', org.adminToken)).json().items.map((k: { id: string }) => k.id)).toEqual([
      apiKey.id,
    ]);
    // Read again and again: still one event, at the scheduled time, by whoever scheduled it.
    await keyOf(org, apiKey.id);
    const revoked = await eventsOf(h.app(), org, 'action=api_key.revoked');
    expect(revoked).toEqual([
      expect.objectContaining({
        occurredAt: at,
        actor: expect.objectContaining({ type: 'person', id: org.adminId }),
        target: { type: 'apiKey', id: apiKey.id, name: 'Old' },
        details: { scheduled: true },
      }),
    ]);
    const scheduled = await eventsOf(h.app(), org, 'action=api_key.revocation_scheduled');
    expect(scheduled).toEqual([expect.objectContaining({ details: { at }, target: { type: 'apiKey', id: apiKey.id, name: 'Old' } })]);
    // A revoke now changes nothing: the key was revoked at its time.
    const again = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken);
    expect(again.json().apiKey.revokedAt).toBe(at);
    expect(await eventsOf(h.app(), org, 'action=api_key.revoked')).toHaveLength(1);
  });

  it('records a due retirement when only the audit trail is read', async () => {
    const org = await newOrg(h.app());
    const { apiKey } = await org.createKey({ name: 'Unwatched' });
    const at = inMs(60_000);
    expect((await schedule(org, apiKey.id, { at })).statusCode).toBe(200);
    clock.advance(60_000);
    expect(await eventsOf(h.app(), org, 'action=api_key.revoked')).toEqual([expect.objectContaining({ occurredAt: at, details: { scheduled: true } })]);
  });

  it('retires the old key graceSeconds after the first use of the new one: `at` is filled on that use', async () => {
    const org = await newOrg(h.app());
    const old = await org.createKey({ name: 'Old' });
    const fresh = await org.createKey({ name: 'New' });
    expect(await me(old.secret!)).toBe(200);
    const res = await schedule(org, old.apiKey.id, { afterFirstUseOf: fresh.apiKey.id.toUpperCase(), graceSeconds: 3600 });
    expect(res.statusCode).toBe(200);
    expect(res.json().apiKey.scheduledRevocation).toEqual({ afterFirstUseOf: fresh.apiKey.id, graceSeconds: 3600, at: null });
    // No use of the new key: the old one lives on, whatever the time.
    clock.advance(10 * HOUR_MS);
    expect(await me(old.secret!)).toBe(200);

    const firstUse = new Date(clock.now()).toISOString();
    expect(await me(fresh.secret!)).toBe(200);
    const at = new Date(Date.parse(firstUse) + HOUR_MS).toISOString();
    expect((await keyOf(org, old.apiKey.id)).scheduledRevocation).toEqual({ afterFirstUseOf: fresh.apiKey.id, graceSeconds: 3600, at });
    // Later uses of the new key do not move it.
    clock.advance(60_000);
    expect(await me(fresh.secret!)).toBe(200);
    expect((await keyOf(org, old.apiKey.id)).scheduledRevocation.at).toBe(at);
    clock.advance(HOUR_MS - 60_001);
    expect(await me(old.secret!)).toBe(200);
    clock.advance(1);
    expect(await me(old.secret!)).toBe(401);
    expect(await keyOf(org, old.apiKey.id)).toMatchObject({ status: 'revoked', revokedAt: at });
    expect(await me(fresh.secret!)).toBe(200);
  });

  it('with no grace, refuses the old key on the very next request after the new key was first used', async () => {
    const org = await newOrg(h.app());
    const old = await org.createKey({ name: 'Old' });
    const fresh = await org.createKey({ name: 'New' });
    expect(await me(old.secret!)).toBe(200);
    expect((await schedule(org, old.apiKey.id, { afterFirstUseOf: fresh.apiKey.id, graceSeconds: 0 })).statusCode).toBe(200);
    expect(await me(old.secret!)).toBe(200);
    expect(await me(fresh.secret!)).toBe(200);
    expect(await me(old.secret!)).toBe(401);
  });

  it('counts from now when the new key was already used before the schedule', async () => {
    const org = await newOrg(h.app());
    const old = await org.createKey({ name: 'Old' });
    const fresh = await org.createKey({ name: 'New' });
    expect(await me(fresh.secret!)).toBe(200);
    clock.advance(HOUR_MS);
    const res = await schedule(org, old.apiKey.id, { afterFirstUseOf: fresh.apiKey.id, graceSeconds: 60 });
    expect(res.json().apiKey.scheduledRevocation).toEqual({ afterFirstUseOf: fresh.apiKey.id, graceSeconds: 60, at: inMs(60_000) });
  });

  it('cancels a schedule (audited once); the key then keeps working; cancelling again is a no-op; a passed schedule cannot be cancelled', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Kept' });
    const at = inMs(HOUR_MS);
    expect((await schedule(org, apiKey.id, { at })).statusCode).toBe(200);
    const res = await cancel(org, apiKey.id);
    expect(res.statusCode).toBe(200);
    expect(ApiKeyResponseSchema.parse(res.json()).apiKey).toMatchObject({ status: 'active', scheduledRevocation: null });
    expect((await cancel(org, apiKey.id)).json().apiKey.scheduledRevocation).toBeNull();
    expect(await eventsOf(h.app(), org, 'action=api_key.revocation_cancelled')).toEqual([
      expect.objectContaining({ details: { at }, actor: expect.objectContaining({ id: org.adminId }) }),
    ]);
    clock.advance(2 * HOUR_MS);
    expect(await me(secret!)).toBe(200);

    const due = inMs(60_000);
    expect((await schedule(org, apiKey.id, { at: due })).statusCode).toBe(200);
    clock.advance(60_000);
    const late = await cancel(org, apiKey.id);
    expect(late.statusCode).toBe(409);
    expect(await keyOf(org, apiKey.id)).toMatchObject({ status: 'revoked', revokedAt: due });
  });

  it('replaces an earlier schedule with a new one', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Moved' });
    expect((await schedule(org, apiKey.id, { at: inMs(60_000) })).statusCode).toBe(200);
    const later = inMs(HOUR_MS);
    expect((await schedule(org, apiKey.id, { at: later })).json().apiKey.scheduledRevocation).toEqual({ at: later });
    clock.advance(120_000);
    expect(await me(secret!)).toBe(200);
  });

  it('honours Idempotency-Key: the same request again is replayed (200, one event); another request with it is 409', async () => {
    const org = await newOrg(h.app());
    const { apiKey } = await org.createKey({ name: 'Idem' });
    const body = { at: inMs(HOUR_MS) };
    const headers = { 'idempotency-key': 'schedule-idem-0001' };
    const first = await schedule(org, apiKey.id, body, headers);
    const second = await schedule(org, apiKey.id, body, headers);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await eventsOf(h.app(), org, 'action=api_key.revocation_scheduled')).toHaveLength(1);
    expect((await schedule(org, apiKey.id, { at: inMs(2 * HOUR_MS) }, headers)).statusCode).toBe(409);
  });

  it('validates the body, the replacement key and the key itself', async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const { apiKey } = await org.createKey({ name: 'Target' });
    const fresh = await org.createKey({ name: 'New' });
    const revoked = await org.createKey({ name: 'Gone' });
    await call(h.app(), 'POST', `/api/admin/api-keys/${revoked.apiKey.id}/revoke`, org.adminToken);
    const foreign = await other.createKey({ name: 'Foreign' });

    const cases: [unknown, string][] = [
      [{}, 'at'],
      [{ at: inMs(HOUR_MS), afterFirstUseOf: fresh.apiKey.id, graceSeconds: 0 }, 'at'],
      [{ at: 'soon' }, 'at'],
      [{ at: new Date(clock.now()).toISOString() }, 'at'],
      [{ at: inMs(-1) }, 'at'],
      [{ afterFirstUseOf: fresh.apiKey.id }, 'graceSeconds'],
      [{ graceSeconds: 0 }, 'afterFirstUseOf'],
      [{ afterFirstUseOf: fresh.apiKey.id, graceSeconds: -1 }, 'graceSeconds'],
      [{ afterFirstUseOf: fresh.apiKey.id, graceSeconds: 2_592_001 }, 'graceSeconds'],
      [{ afterFirstUseOf: fresh.apiKey.id, graceSeconds: 1.5 }, 'graceSeconds'],
      [{ afterFirstUseOf: 'not-a-uuid', graceSeconds: 0 }, 'afterFirstUseOf'],
      [{ afterFirstUseOf: apiKey.id, graceSeconds: 0 }, 'afterFirstUseOf'],
      [{ afterFirstUseOf: foreign.apiKey.id, graceSeconds: 0 }, 'afterFirstUseOf'],
      [{ afterFirstUseOf: revoked.apiKey.id, graceSeconds: 0 }, 'afterFirstUseOf'],
      [{ at: inMs(HOUR_MS), extra: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await schedule(org, apiKey.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      if (path)
        expect(
          error.details?.issues?.map((i) => i.path),
          JSON.stringify(body),
        ).toContain(path);
    }
    expect((await schedule(org, apiKey.id, { afterFirstUseOf: fresh.apiKey.id, graceSeconds: 2_592_000 })).statusCode).toBe(200);
    expect((await keyOf(org, apiKey.id)).scheduledRevocation).toEqual({ afterFirstUseOf: fresh.apiKey.id, graceSeconds: 2_592_000, at: null });

    // Another organization's key, or no key: 404 for both verbs; a revoked key: 409; not an admin: 403.
    for (const id of [foreign.apiKey.id, '01900000-0000-7000-8000-000000000000']) {
      expect((await schedule(org, id, { at: inMs(HOUR_MS) })).statusCode).toBe(404);
      expect((await cancel(org, id)).statusCode).toBe(404);
    }
    expect((await schedule(org, revoked.apiKey.id, { at: inMs(HOUR_MS) })).statusCode).toBe(409);
    const manager = await org.addPerson('manager');
    expect((await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/scheduled-revocation`, manager.token, { at: inMs(HOUR_MS) })).statusCode).toBe(403);
    expect((await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/scheduled-revocation`, fresh.secret, { at: inMs(HOUR_MS) })).statusCode).toBe(403);
    // Nothing above was recorded but the one valid schedule.
    expect(await eventsOf(h.app(), org, 'action=api_key.revocation_scheduled')).toHaveLength(1);
  });
});

describe.each(DRIVERS)('a due retirement seen by two nodes on one %s database', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  let nodes: FastifyInstance[] = [];
  let shared: SharedDatabase | undefined;

  beforeAll(async () => {
    shared = await createSharedDatabase(driver, 4);
    const { database } = shared;
    nodes = [await buildApp({ database, clock, retirementSweepMs: 0 }), await buildApp({ database, clock, retirementSweepMs: 0 })];
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await shared?.remove();
  });

  it('records the revocation and its audit event exactly once, however many readers observe it at once', async () => {
    const [a, b] = nodes as [FastifyInstance, FastifyInstance];
    const org = await newOrg(a);
    const { apiKey, secret } = await org.createKey({ name: 'Retired' });
    for (const node of nodes) expect((await call(node, 'GET', '/api/me', secret)).statusCode).toBe(200);
    const at = new Date(clock.now() + 60_000).toISOString();
    expect((await call(a, 'POST', `/api/admin/api-keys/${apiKey.id}/scheduled-revocation`, org.adminToken, { at })).statusCode).toBe(200);
    clock.advance(60_000);
    // Both nodes, all at once: uses of the key, lists, reads of the audit trail.
    const results = await Promise.all(
      [a, b, a, b, a, b].flatMap((node) => [
        call(node, 'GET', '/api/me', secret),
        call(node, 'GET', '/api/admin/api-keys', org.adminToken),
        call(node, 'GET', '/api/admin/audit-events', org.adminToken),
      ]),
    );
    expect(results.filter((_, i) => i % 3 === 0).map((r) => r.statusCode)).toEqual(Array(6).fill(401));
    expect(results.filter((_, i) => i % 3 !== 0).map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    for (const node of nodes) {
      const events = await eventsOf(node, org, 'action=api_key.revoked');
      expect(events).toEqual([expect.objectContaining({ occurredAt: at, details: { scheduled: true }, actor: expect.objectContaining({ id: org.adminId }) })]);
      expect((await call(node, 'GET', '/api/admin/api-keys', org.adminToken)).json().items[0]).toMatchObject({ status: 'revoked', revokedAt: at });
    }
  });
});

describe.each(DRIVERS)('the retirement sweep on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 60_000 });

  it('records a due retirement with no request at all, on its own timer', async () => {
    const org = await newOrg(h.app());
    const { apiKey } = await org.createKey({ name: 'Forgotten' });
    const at = new Date(clock.now() + 30_000).toISOString();
    expect((await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/scheduled-revocation`, org.adminToken, { at })).statusCode).toBe(200);
    const stored = () => h.app().rakerone.db.kysely.selectFrom('api_keys').select('revoked_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    const events = () =>
      h
        .app()
        .rakerone.db.kysely.selectFrom('audit_events')
        .select('occurred_at')
        .where('api_key_id', '=', apiKey.id)
        .where('action', '=', 'api_key.revoked')
        .execute();
    clock.advance(30_000);
    expect(await stored()).toEqual({ revoked_at: null });
    clock.advance(60_000);
    await expect.poll(stored).toEqual({ revoked_at: at });
    expect(await events()).toEqual([{ occurred_at: at }]);
  });
});
