/**
 * Exponential backoff with "full jitter" (AWS architecture blog): a random delay in [0, min(cap, base·2^n)].
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
