/**
 * Time as a dependency, so services, caches and the last-used tracker can be tested without
 * waiting: `now()` for timestamps, `setTimeout`/`clearTimeout` for anything scheduled. Tests pass a
 * manual clock (test/helpers/manual-clock.ts) and move time forward themselves.
 */
export interface ClockTimer {
  /** Lets the process exit while this timer is pending (a graceful shutdown runs what it would). */
  unref(): void;
}

export interface Clock {
  now(): Date;
  setTimeout(run: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
