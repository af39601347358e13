/**
 * Issue 18, finding 6: what failed sign-ins cost the database. Before, every failure was one write
 * of the shared count — from an address already answered 429, and for a request with no
 * Authorization header at all. Counted here with a spy on the real store (it still writes), on both
 * drivers, with a manual clock so the write budget per second is exact.
 */
import { describe, expect, it, vi } from 'vitest';
import { generateSecret } from '../../../../src/shared/key-format.js';
import { createManualClock } from '../../../helpers/manual-clock.js';
import { DRIVERS, newOrg, useApp } from '../support.js';

const MAX = 3;
const WRITES_PER_SECOND = 10;

describe.each(DRIVERS)('failed sign-ins and database writes on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 0, authFailureLimits: { max: MAX, windowMs: 60_000, writesPerSecond: WRITES_PER_SECOND } });
  const from = (ip: string, authorization?: string) =>
    h.app().inject({ url: '/api/me', remoteAddress: ip, headers: authorization === undefined ? {} : { authorization } });
  const countWrites = () => vi.spyOn(h.app().rakerone.db.hot, 'countAuthFailure');

  it('costs no write for requests without a credential or with a malformed one, yet limits them', async () => {
    const writes = countWrites();
    const none = [];
    for (let i = 0; i < 30; i++) none.push((await from('10.6.0.1')).statusCode);
    const malformed = [];
    for (let i = 0; i < 30; i++) malformed.push((await from('10.6.0.2', 'Bearer rkr_key_not-a-real-key')).statusCode);
    const count = writes.mock.calls.length;
    writes.mockRestore();
    expect(count).toBe(0);
    expect(none).toEqual([...Array(MAX).fill(401), ...Array(30 - MAX).fill(429)]);
    expect(malformed).toEqual([...Array(MAX).fill(401), ...Array(30 - MAX).fill(429)]);
  });

  it('costs no write for failures from an address already answered 429, and lets valid credentials in', async () => {
    const org = await newOrg(h.app());
    clock.advance(1_000);
    const writes = countWrites();
    const statuses = [];
    for (let i = 0; i < 50; i++) statuses.push((await from('10.6.0.3', `Bearer ${generateSecret('apiKey')}`)).statusCode);
    const count = writes.mock.calls.length;
    writes.mockRestore();
    expect(statuses).toEqual([...Array(MAX).fill(401), ...Array(50 - MAX).fill(429)]);
    // MAX failures under the limit and the one that went over: each counted once in the shared table.
    expect(count).toBe(MAX + 1);
    expect((await from('10.6.0.3', `Bearer ${org.adminToken}`)).statusCode).toBe(200);
  });

  it(`writes the shared count at most ${WRITES_PER_SECOND} times a second, whatever the number of addresses`, async () => {
    clock.advance(1_000);
    const writes = countWrites();
    const firstSecond = await Promise.all(Array.from({ length: 100 }, (_, i) => from(`10.7.0.${i}`, `Bearer ${generateSecret('apiKey')}`)));
    const inFirstSecond = writes.mock.calls.length;
    clock.advance(1_000);
    await Promise.all(Array.from({ length: 100 }, (_, i) => from(`10.7.1.${i}`, `Bearer ${generateSecret('apiKey')}`)));
    const inTwoSeconds = writes.mock.calls.length;
    writes.mockRestore();
    expect(firstSecond.map((r) => r.statusCode)).toEqual(Array(100).fill(401));
    expect(inFirstSecond).toBe(WRITES_PER_SECOND);
    expect(inTwoSeconds).toBe(2 * WRITES_PER_SECOND);
  });

  it('counts the failures held back towards the address at once, and adds them to the shared count with its next write', async () => {
    clock.advance(1_000);
    // Spend this second's budget on other addresses.
    await Promise.all(Array.from({ length: WRITES_PER_SECOND }, (_, i) => from(`10.8.0.${i}`, `Bearer ${generateSecret('apiKey')}`)));
    const held = [];
    for (let i = 0; i < MAX + 1; i++) held.push((await from('10.8.1.1', `Bearer ${generateSecret('apiKey')}`)).statusCode);
    expect(held).toEqual([...Array(MAX).fill(401), 429]);
    const stored = () => h.app().rakerone.db.kysely.selectFrom('auth_failures').select('failures').where('address', '=', '10.8.1.1').executeTakeFirst();
    expect(await stored()).toBeUndefined();
    // Blocked here from memory, with nothing written. Held-back failures of an address that fails
    // again reach the shared count with its next write:
    clock.advance(1_000);
    await Promise.all(Array.from({ length: WRITES_PER_SECOND }, (_, i) => from(`10.8.2.${i}`, `Bearer ${generateSecret('apiKey')}`)));
    expect((await from('10.8.3.1', `Bearer ${generateSecret('apiKey')}`)).statusCode).toBe(401);
    expect((await from('10.8.3.1', `Bearer ${generateSecret('apiKey')}`)).statusCode).toBe(401);
    clock.advance(1_000);
    expect((await from('10.8.3.1', `Bearer ${generateSecret('apiKey')}`)).statusCode).toBe(401);
    const carried = await h.app().rakerone.db.kysely.selectFrom('auth_failures').select('failures').where('address', '=', '10.8.3.1').executeTakeFirstOrThrow();
    expect(carried.failures).toBe(3);
  });
});
