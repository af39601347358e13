/**
 * Keys that end on time (expiry, key policy) on both drivers, with a manual clock: nothing waits.
 * Scheduled revocation is in scheduled-revocation.test.ts; the race against the real clock with
 * separate processes in time-race.serial.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { ApiKeyDtoSchema, KeyPolicySchema, ListApiKeysResponseSchema } from '../../../../../src/shared/http/index.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, call, newOrg, useApp } from '../../support.js';

const DAY_MS = 86_400_000;

describe.each(DRIVERS)('key expiry and key policy on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 0 });
  const inMs = (ms: number) => new Date(clock.now() + ms).toISOString();

  it('creates a key with an expiry; once it passes the key is refused with a message saying it expired, and listed as expired', async () => {
    const org = await newOrg(h.app());
    // Any offset is accepted and stored in UTC.
    const expiresAt = inMs(DAY_MS);
    const withOffset = new Date(Date.parse(expiresAt)).toISOString().replace('Z', '+00:00');
    const { apiKey, secret } = await org.createKey({ name: 'Temporary', expiresAt: withOffset });
    expect(ApiKeyDtoSchema.parse(apiKey)).toMatchObject({ status: 'active', expiresAt, scheduledRevocation: null });
    const forever = await org.createKey({ name: 'Forever' });
    expect(forever.apiKey.expiresAt).toBeNull();

    expect((await call(h.app(), 'GET', '/api/me', secret)).statusCode).toBe(200);
    clock.advance(DAY_MS - 1);
    // Served from the credential cache, still valid.
    expect((await call(h.app(), 'GET', '/api/me', secret)).statusCode).toBe(200);
    clock.advance(1);
    const refused = await call(h.app(), 'GET', '/api/me', secret);
    expect(refused.statusCode).toBe(401);
    const error = ErrorBodySchema.parse(refused.json()).error;
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/expired/);
    expect(error.message).not.toMatch(/invalid/);
    expect((await call(h.app(), 'GET', '/api/me', forever.secret)).statusCode).toBe(200);

    const list = async (status: string) =>
      ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', `/api/admin/api-keys?status=${status}`, org.adminToken)).json()).items.map((k) => [
        k.name,
        k.status,
      ]);
    expect(await list('expired')).toEqual([['Temporary', 'expired']]);
    expect(await list('active')).toEqual([['Forever', 'active']]);
    expect(await list('revoked')).toEqual([]);
    expect(await list('all')).toEqual([
      ['Forever', 'active'],
      ['Temporary', 'expired'],
    ]);
    // Revoking an expired key is still possible, and revoked wins.
    const revoked = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken);
    expect(revoked.json().apiKey).toMatchObject({ status: 'revoked', expiresAt });
    expect(await list('expired')).toEqual([]);
  });

  it('refuses an expiry that is not in the future or not an ISO-8601 instant (400 on expiresAt)', async () => {
    const org = await newOrg(h.app());
    for (const expiresAt of [new Date(clock.now()).toISOString(), inMs(-1), 'tomorrow', '2026-13-01T00:00:00Z', 42, null]) {
      const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'K', capabilities: [], expiresAt });
      expect(res.statusCode, String(expiresAt)).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      expect(error.details?.issues?.map((i) => i.path)).toEqual(['expiresAt']);
    }
  });

  it('reads and sets the key policy (Admin only, audited), and refuses creates that break it naming the policy', async () => {
    const org = await newOrg(h.app());
    const manager = await org.addPerson('manager');
    const get = async () => KeyPolicySchema.parse((await call(h.app(), 'GET', '/api/admin/key-policy', org.adminToken)).json());
    expect(await get()).toEqual({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false });
    expect((await call(h.app(), 'GET', '/api/admin/key-policy', manager.token)).statusCode).toBe(403);
    expect(
      (await call(h.app(), 'PUT', '/api/admin/key-policy', manager.token, { maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false }))
        .statusCode,
    ).toBe(403);

    const put = await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, {
      maxLifetimeDays: 30,
      requireExpiry: false,
      requireAllowedAddresses: false,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false });
    expect(await get()).toEqual({ maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false });
    // Another organization is not affected.
    const other = await newOrg(h.app());
    expect((await other.createKey({ name: 'No policy here' })).apiKey.expiresAt).toBeNull();

    const create = (body: Record<string, unknown>) => call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'K', capabilities: [], ...body });
    for (const body of [{}, { expiresAt: inMs(31 * DAY_MS) }]) {
      const res = await create(body);
      expect(res.statusCode).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/key policy \(maximum lifetime 30 days\)/);
      expect(error.details?.issues).toEqual([{ path: 'expiresAt', message: error.message }]);
    }
    expect((await create({ expiresAt: inMs(30 * DAY_MS) })).statusCode).toBe(201);

    expect(
      (await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, { maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false }))
        .statusCode,
    ).toBe(200);
    const noExpiry = await create({});
    expect(noExpiry.statusCode).toBe(400);
    expect(noExpiry.json().error.message).toMatch(/key policy \(require an expiry date\)/);
    expect((await create({ expiresAt: inMs(3650 * DAY_MS) })).statusCode).toBe(201);

    const events = await call(h.app(), 'GET', '/api/admin/audit-events?action=key_policy.updated', org.adminToken);
    expect(events.json().items.map((e: { details: unknown; actor: { id: string }; target: unknown }) => [e.details, e.actor.id, e.target])).toEqual([
      [
        {
          before: { maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false },
          after: { maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false },
        },
        org.adminId,
        { type: 'keyPolicy', id: org.orgId, name: null },
      ],
      [
        {
          before: { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false },
          after: { maxLifetimeDays: 30, requireExpiry: false, requireAllowedAddresses: false },
        },
        org.adminId,
        { type: 'keyPolicy', id: org.orgId, name: null },
      ],
    ]);
  });

  it('refuses a malformed policy (400, nothing changed)', async () => {
    const org = await newOrg(h.app());
    for (const body of [
      {},
      { maxLifetimeDays: 0, requireExpiry: false },
      { maxLifetimeDays: 3651, requireExpiry: false },
      { maxLifetimeDays: 1.5, requireExpiry: false },
      { maxLifetimeDays: null, requireExpiry: 'yes' },
      { maxLifetimeDays: null, requireExpiry: false, extra: 1 },
    ]) {
      const res = await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect((await call(h.app(), 'GET', '/api/admin/key-policy', org.adminToken)).json()).toEqual({
      maxLifetimeDays: null,
      requireExpiry: false,
      requireAllowedAddresses: false,
    });
  });

  it('replays an idempotent create made under an earlier policy and time (a create queued offline), without checking again', async () => {
    const org = await newOrg(h.app());
    const body = { name: 'Queued', capabilities: [], expiresAt: inMs(60_000) };
    const headers = { 'idempotency-key': 'expiry-replay-0001' };
    const first = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body, headers);
    expect(first.statusCode).toBe(201);
    clock.advance(120_000);
    expect(
      (await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, { maxLifetimeDays: null, requireExpiry: true, requireAllowedAddresses: false }))
        .statusCode,
    ).toBe(200);
    const replay = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().apiKey).toMatchObject({ id: first.json().apiKey.id, status: 'expired' });
  });
});
