/**
 * The one retry rule, used by main's API client (a call's own retries), the sync's retry schedule
 * and the link's probes, and by the server's reconnects to PostgreSQL (server/db/pg-guard.ts):
 * exponential backoff with "full jitter" (AWS architecture blog) — a random delay in
 * [0, min(cap, base·2^n)] — and, when the server said how long to wait (Retry-After on a 429
 * or 503), never less than that, capped so a hostile header cannot stall the app for days.
 * Jitter spreads retries of many clients so a recovering server is not hit in lockstep.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  // Never zero: a floor of a tenth of the base keeps a retry loop from spinning.
  return Math.max(policy.baseMs / 10, Math.floor(random() * ceiling));
}

/** The longest Retry-After honoured (an hour): beyond it, the backoff's own cap applies. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** The delay before retry `attempt` (0-based): the backoff, or the server's Retry-After if it asked for longer. */
export function retryDelay(attempt: number, policy: BackoffPolicy, options: { retryAfterSeconds?: number; random?: () => number } = {}): number {
  const backoff = backoffDelay(attempt, policy, options.random);
  const asked = options.retryAfterSeconds;
  if (asked === undefined || !Number.isFinite(asked) || asked <= 0) return backoff;
  return Math.max(backoff, Math.min(asked * 1000, MAX_RETRY_AFTER_MS));
}
