import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../src/server/db/database.js';
import { openSqlite } from '../../../../src/server/db/sqlite.js';
import { createAuthFailureLimiter } from '../../../../src/server/plugins/auth-failure-limiter.js';
import { createManualClock, type ManualClock } from '../../../helpers/manual-clock.js';

/** On a real (in-memory) SQLite database: the counting is one SQL statement, which is what is tested. */
describe('failed-authentication limiter', () => {
  let db: Database;
  let clock: ManualClock;
  beforeEach(async () => {
    db = await openSqlite(':memory:');
    clock = createManualClock(1_000_000);
  });
  afterEach(() => db.close());

  it('blocks an address after max failures until its window ends, with the seconds left', async () => {
    const limiter = createAuthFailureLimiter({ max: 3, windowMs: 60_000 }, { store: db.hot, clock, onError: () => undefined });
    for (let i = 0; i < 3; i++) expect(await limiter.recordFailure('1.2.3.4')).toBe(0);
    expect(await limiter.recordFailure('1.2.3.4')).toBe(60);
    expect(await limiter.recordFailure('5.6.7.8')).toBe(0);
    clock.advance(59_500);
    expect(await limiter.recordFailure('1.2.3.4')).toBe(1);
    clock.advance(500);
    // The window is over: a new one starts with this failure.
    expect(await limiter.recordFailure('1.2.3.4')).toBe(0);
    expect(await limiter.recordFailure('1.2.3.4')).toBe(0);
  });

  it('counts for every process sharing the database: two limiters give the limit of one', async () => {
    const a = createAuthFailureLimiter({ max: 2, windowMs: 60_000 }, { store: db.hot, clock, onError: () => undefined });
    const b = createAuthFailureLimiter({ max: 2, windowMs: 60_000 }, { store: db.hot, clock, onError: () => undefined });
    expect(await a.recordFailure('9.9.9.9')).toBe(0);
    expect(await b.recordFailure('9.9.9.9')).toBe(0);
    expect(await a.recordFailure('9.9.9.9')).toBe(60);
    expect(await b.recordFailure('9.9.9.9')).toBe(60);
  });

  it('does not count failures while blocked, and forgets ended windows when pruning', async () => {
    const limiter = createAuthFailureLimiter({ max: 1, windowMs: 1_000 }, { store: db.hot, clock, onError: () => undefined });
    expect(await limiter.recordFailure('1.1.1.1')).toBe(0);
    for (let i = 0; i < 5; i++) expect(await limiter.recordFailure('1.1.1.1')).toBe(1);
    const row = await db.kysely.selectFrom('auth_failures').selectAll().where('address', '=', '1.1.1.1').executeTakeFirstOrThrow();
    expect(row.failures).toBe(2);
    clock.advance(5_000);
    await db.hot.pruneAuthFailures(clock.now() - 1_000);
    expect(await db.kysely.selectFrom('auth_failures').selectAll().execute()).toEqual([]);
  });
});
