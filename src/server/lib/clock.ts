/**
 * The server's clock: the shared Clock (src/shared/clock.ts, epoch milliseconds), with timers a
 * process can let go of. Services, caches and the last-used tracker take it so they can be tested
 * without waiting; tests pass a manual clock (test/helpers/manual-clock.ts) and move time forward.
 * This file and the process entries (server.ts, cli.ts, cluster.ts) are the only readers of the system clock.
 */
import type { Clock as SharedClock } from '../../shared/clock.js';

export interface ClockTimer {
  /** Lets the process exit while this timer is pending (a graceful shutdown runs what it would). */
  unref(): void;
}

export type Clock = SharedClock<ClockTimer>;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
