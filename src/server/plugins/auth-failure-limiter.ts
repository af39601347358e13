/**
 * Rate limit on failed authentication, per client address, shared by every worker and node: after
 * `max` failures within a fixed window of `windowMs`, further failures from that address are answered
 * 429 (with Retry-After) instead of 401 until the window ends. Valid credentials from that address
 * still get in (see plugins/auth.ts): nobody behind the same NAT or proxy can lock an organization
 * out by sending junk. So this limit tells a client to back off; it does not save the lookup (a
 * checksum-valid guess is still looked up once) and it is no defence in itself — 190-bit secrets are.
 *
 * The count lives in the database (table auth_failures, UNLOGGED on PostgreSQL), so N nodes give the
 * same limit as one, not N times it. Only failures touch it: a valid credential never waits for it.
 */
import type { HotQueries } from '../db/database.js';
import type { Clock } from '../lib/clock.js';

export interface AuthFailureLimits {
  /** Failures allowed per address and window; the next one is refused with 429. */
  max: number;
  windowMs: number;
}

export interface AuthFailureLimiter {
  /**
   * Counts a failed authentication from `address`. Resolves to the seconds the address must wait
   * when it is over the limit (this failure is then answered 429 and not counted), else 0 (answer 401).
   */
  recordFailure(address: string): Promise<number>;
}

/** Every this many failures counted by a process, it deletes the windows that have ended. */
const PRUNE_EVERY = 500;

export function createAuthFailureLimiter(
  limits: AuthFailureLimits,
  deps: { store: Pick<HotQueries, 'countAuthFailure' | 'pruneAuthFailures'>; clock: Clock; onError(error: unknown): void },
): AuthFailureLimiter {
  const { store, clock, onError } = deps;
  let sincePrune = 0;

  return {
    async recordFailure(address) {
      const now = clock.now().getTime();
      const { windowStart, failures } = await store.countAuthFailure(address, now, limits.windowMs, limits.max);
      if (++sincePrune >= PRUNE_EVERY) {
        sincePrune = 0;
        store.pruneAuthFailures(now - limits.windowMs).catch(onError);
      }
      if (failures <= limits.max) return 0;
      return Math.max(1, Math.ceil((windowStart + limits.windowMs - now) / 1000));
    },
  };
}
