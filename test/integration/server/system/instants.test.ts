/**
 * Instants at the API's edge, on both drivers: RFC 3339 in, the stored UTC form out, out-of-range ones
 * refused with a 400 on their field before anything is written, so the organization's list always answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../src/shared/errors.js';
import { ListApiKeysResponseSchema } from '../../../../src/shared/http/index.js';
import { createManualClock } from '../../../helpers/manual-clock.js';
import { edgeInstantText, validInstantText, validInstantTextIn } from '../../../helpers/instant-arbitraries.js';
import { DRIVERS, call, newOrg, useApp } from '../support.js';

const DAY_MS = 86_400_000;
const STORED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(DRIVERS)('instants at the edge on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 0 });
  const inMs = (ms: number) => new Date(clock.now() + ms).toISOString();

  async function listAll(token: string) {
    const res = await call(h.app(), 'GET', '/api/admin/api-keys?status=all', token);
    expect(res.statusCode, res.body).toBe(200);
    return ListApiKeysResponseSchema.parse(res.json()).items;
  }

  function expectFieldError(res: { statusCode: number; json(): unknown; body: string }, path: string, message: RegExp) {
    expect(res.statusCode, res.body).toBe(400);
    const error = ErrorBodySchema.parse(res.json()).error;
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.issues?.map((i) => i.path)).toEqual([path]);
    expect(error.details?.issues?.[0]?.message).toMatch(message);
  }

  it('the reported request: an expiry past 9999 in UTC is a 400 on expiresAt, nothing is created, the list stays 200', async () => {
    const org = await newOrg(h.app());
    expect((await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, { maxLifetimeDays: 90, requireExpiry: true })).statusCode).toBe(200);
    const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, {
      name: 'Forever',
      capabilities: [],
      expiresAt: '9999-12-31T23:59:59-23:59',
    });
    expectFieldError(res, 'expiresAt', /years 0000–9999/);
    expect(await listAll(org.adminToken)).toEqual([]);
    // An expiry in range but past the policy's 90 days is the policy's 400, as before.
    expectFieldError(
      await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'K', capabilities: [], expiresAt: '9999-12-31T23:59:59Z' }),
      'expiresAt',
      /3,650 days/,
    );
    expectFieldError(
      await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'K', capabilities: [], expiresAt: inMs(91 * DAY_MS) }),
      'expiresAt',
      /key policy/,
    );
    expect(await listAll(org.adminToken)).toEqual([]);
  });

  it('an expiry is at most 3,650 days ahead even without a policy; extended years are refused', async () => {
    const org = await newOrg(h.app());
    const create = (expiresAt: string) => call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'K', capabilities: [], expiresAt });
    expectFieldError(await create(inMs(3650 * DAY_MS + 1)), 'expiresAt', /at most 3,650 days ahead/);
    expectFieldError(await create('+010000-01-01T23:58:59.000Z'), 'expiresAt', /four digits/);
    expectFieldError(await create('-000001-12-31T23:00:00.000Z'), 'expiresAt', /four digits/);
    const edge = await create(inMs(3650 * DAY_MS));
    expect(edge.statusCode).toBe(201);
    expect(edge.json().apiKey.expiresAt).toBe(inMs(3650 * DAY_MS));
    expect((await listAll(org.adminToken)).map((k) => k.expiresAt)).toEqual([inMs(3650 * DAY_MS)]);
  });

  it('a scheduled revocation is bounded like an expiry, and compared as an instant', async () => {
    const org = await newOrg(h.app());
    const { apiKey } = await org.createKey({ name: 'Old' });
    const schedule = (at: string) => call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/scheduled-revocation`, org.adminToken, { at });
    expectFieldError(await schedule('9999-12-31T23:59:59-23:59'), 'at', /years 0000–9999/);
    expectFieldError(await schedule('9999-12-31T23:59:59Z'), 'at', /3,650 days/);
    // An hour ahead in UTC, written at +02:00 (so it reads as earlier than now as text).
    const local = new Date(clock.now() + 3 * 3_600_000);
    const text = `${local.toISOString().slice(0, 19)}+02:00`;
    const res = await schedule(text);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().apiKey.scheduledRevocation).toEqual({ at: inMs(3_600_000) });
    // Two hours in the past in UTC, though it sorts after now as text.
    const past = `${new Date(clock.now()).toISOString().slice(0, 19)}+02:00`;
    expectFieldError(await schedule(past), 'at', /future/);
  });

  it('fuzz: every RFC 3339 form (offsets, t/z, spaces, 0–9 fractional digits, :60, extended years) is stored in UTC or refused on expiresAt; the list stays 200', async () => {
    const org = await newOrg(h.app());
    const start = clock.now();
    let created = 0;
    await fc.assert(
      // Weighted towards instants around the allowed window (now, now + 3,650 days].
      fc.asyncProperty(fc.oneof(edgeInstantText, validInstantText, validInstantTextIn(start - DAY_MS, start + 3651 * DAY_MS)), async ({ text, ms }) => {
        const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'Fuzz', capabilities: [], expiresAt: text });
        expect(res.statusCode, `${text} → ${res.body}`).toBeLessThan(500);
        const now = clock.now();
        if (ms !== null && ms > now && ms <= now + 3650 * DAY_MS) {
          expect(res.statusCode, text).toBe(201);
          expect(res.json().apiKey.expiresAt).toBe(new Date(ms).toISOString());
          created += 1;
        } else {
          expectFieldError(res, 'expiresAt', /./);
        }
      }),
      { numRuns: 150 },
    );
    const keys = await listAll(org.adminToken);
    expect(keys).toHaveLength(created);
    for (const key of keys) expect(key.expiresAt).toMatch(STORED);
  });
});
