/**
 * Rate limit on failed authentication, per client address: after `max` failures within `windowMs`,
 * further failures from that address are answered 429 (with Retry-After) instead of 401 until the
 * window ends. Valid credentials from that address still get in (see plugins/auth.ts): nobody behind
 * the same NAT or proxy can lock an organization out by sending junk. So this limit tells a client to
 * back off; it does not save the lookup (a checksum-valid guess is still looked up once) and it is no
 * defence in itself — 190-bit secrets are. Fixed windows per address, in memory: each server node
 * limits on its own.
 */
import type { Clock } from '../lib/clock.js';

export interface AuthFailureLimits {
  /** Failures allowed per address and window; the next request is refused. */
  max: number;
  windowMs: number;
}

export interface AuthFailureLimiter {
  /** Seconds until the address may try again, or 0 when it is not blocked. */
  retryAfterSeconds(address: string): number;
  recordFailure(address: string): void;
}

/** Addresses tracked at once; beyond it the oldest windows are dropped (bounded memory under attack). */
const MAX_TRACKED = 50_000;

export function createAuthFailureLimiter(limits: AuthFailureLimits, clock: Clock): AuthFailureLimiter {
  const windows = new Map<string, { start: number; failures: number }>();

  function current(address: string, now: number) {
    const entry = windows.get(address);
    if (entry && now - entry.start < limits.windowMs) return entry;
    if (entry) windows.delete(address);
    return undefined;
  }

  return {
    retryAfterSeconds(address) {
      // The common case on the hot path: this address has no recent failures.
      if (!windows.has(address)) return 0;
      const now = clock.now().getTime();
      const entry = current(address, now);
      if (!entry || entry.failures < limits.max) return 0;
      return Math.max(1, Math.ceil((entry.start + limits.windowMs - now) / 1000));
    },
    recordFailure(address) {
      const now = clock.now().getTime();
      const entry = current(address, now);
      if (entry) {
        entry.failures += 1;
        return;
      }
      if (windows.size >= MAX_TRACKED) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(address, { start: now, failures: 1 });
    },
  };
}
