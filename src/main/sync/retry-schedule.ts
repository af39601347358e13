/**
 * The one backoff schedule of the sync: after a drain that did not get through (5xx, 429, a timeout
 * while the server still answers probes), the next drain waits base·2^n with full jitter, capped —
 * or as long as the server's Retry-After asked, if that is longer (http/backoff.ts).
 * A drain that gets through resets it.
 */
import { retryDelay, type BackoffPolicy } from '../http/backoff.js';
import type { Clock } from '../ports.js';

export interface RetrySchedule {
  /** One more failure: (re)schedule `run` after the next backoff delay, or the server's Retry-After if longer. */
  failed(retryAfterSeconds?: number): void;
  /** Success, a new session or shutdown: forget failures and any scheduled retry. */
  reset(): void;
  isScheduled(): boolean;
  /** Epoch ms of the scheduled retry, or null. */
  nextAt(): number | null;
}

export function createRetrySchedule(deps: { clock: Clock; run: () => void; policy?: BackoffPolicy; random?: () => number }): RetrySchedule {
  const policy = deps.policy ?? { baseMs: 1_000, capMs: 60_000 };
  let failures = 0;
  let timer: unknown = null;
  let at: number | null = null;
  const clear = () => {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
    at = null;
  };
  return {
    failed(retryAfterSeconds) {
      clear();
      failures += 1;
      const delay = retryDelay(failures - 1, policy, { retryAfterSeconds, random: deps.random });
      at = deps.clock.now() + delay;
      timer = deps.clock.setTimeout(() => {
        timer = null;
        at = null;
        deps.run();
      }, delay);
    },
    reset() {
      clear();
      failures = 0;
    },
    isScheduled: () => timer !== null,
    nextAt: () => at,
  };
}
