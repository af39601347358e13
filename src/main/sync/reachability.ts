/**
 * Is the server reachable? Decided by really calling it (GET /api/health), never by the OS's online
 * flag, which says nothing about a VPN, a captive portal or a stopped server. While offline, probes
 * repeat with backoff + jitter (2 s, 4 s … up to 30 s); the first answer brings the app back online.
 */
import { backoffDelay, type BackoffPolicy } from '../http/backoff.js';
import type { Clock, Logger } from '../ports.js';

export interface Reachability {
  /** Starts probing (idempotent). */
  markOffline(): void;
  /** Stops probing. */
  markOnline(): void;
  /** Probes once now; true if the server answered. */
  probeNow(): Promise<boolean>;
  isProbing(): boolean;
  dispose(): void;
}

export function createReachability(deps: {
  clock: Clock;
  logger: Logger;
  probe: () => Promise<boolean>;
  onOnline: () => void;
  backoff?: BackoffPolicy;
  random?: () => number;
}): Reachability {
  const policy = deps.backoff ?? { baseMs: 2_000, capMs: 30_000 };
  let timer: unknown = null;
  let attempt = 0;
  let probing = false;
  let disposed = false;

  const schedule = () => {
    if (disposed || !probing) return;
    const delay = Math.max(policy.baseMs / 2, backoffDelay(attempt, policy, deps.random));
    timer = deps.clock.setTimeout(async () => {
      timer = null;
      if (!probing || disposed) return;
      const reached = await deps.probe().catch(() => false);
      if (!probing || disposed) return;
      if (reached) {
        probing = false;
        attempt = 0;
        deps.onOnline();
      } else {
        attempt += 1;
        schedule();
      }
    }, delay);
  };

  return {
    markOffline() {
      if (probing || disposed) return;
      probing = true;
      attempt = 0;
      schedule();
    },
    markOnline() {
      probing = false;
      attempt = 0;
      if (timer) deps.clock.clearTimeout(timer);
      timer = null;
    },
    probeNow: () => deps.probe().catch(() => false),
    isProbing: () => probing,
    dispose() {
      disposed = true;
      probing = false;
      if (timer) deps.clock.clearTimeout(timer);
      timer = null;
    },
  };
}
