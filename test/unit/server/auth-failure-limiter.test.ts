import { describe, expect, it } from 'vitest';
import { createAuthFailureLimiter } from '../../../src/server/plugins/auth-failure-limiter.js';

describe('failed-authentication limiter', () => {
  it('blocks an address after max failures until its window ends, with the seconds left', () => {
    let now = 1_000_000;
    const limiter = createAuthFailureLimiter({ max: 3, windowMs: 60_000 }, { now: () => new Date(now) });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('1.2.3.4')).toBe(0);
      limiter.recordFailure('1.2.3.4');
    }
    expect(limiter.retryAfterSeconds('1.2.3.4')).toBe(60);
    expect(limiter.retryAfterSeconds('5.6.7.8')).toBe(0);
    now += 59_500;
    expect(limiter.retryAfterSeconds('1.2.3.4')).toBe(1);
    now += 500;
    expect(limiter.retryAfterSeconds('1.2.3.4')).toBe(0);
    limiter.recordFailure('1.2.3.4');
    expect(limiter.retryAfterSeconds('1.2.3.4')).toBe(0);
  });
});
