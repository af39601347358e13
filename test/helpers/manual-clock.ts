/**
 * A Clock whose time moves only when the test says so: `advance(ms)` moves it forward and runs,
 * in time order, every timer that falls due on the way (each sees `now()` at its own due time).
 *
 *   const clock = createManualClock('2026-03-01T12:00:00.000Z');
 *   createLastUsedTracker({ clock, … });
 *   clock.advance(60_000);
 */
import type { Clock, ClockTimer } from '../../src/server/lib/clock.js';

export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** Timers not yet run nor cleared. */
  pendingTimers(): number;
}

export function createManualClock(start: string | number = '2026-03-01T12:00:00.000Z'): ManualClock {
  let now = typeof start === 'number' ? start : Date.parse(start);
  let sequence = 0;
  const timers = new Map<ClockTimer, { due: number; order: number; run: () => void }>();

  function nextDue(until: number) {
    let found: [ClockTimer, { due: number; order: number; run: () => void }] | undefined;
    for (const entry of timers) {
      if (entry[1].due > until) continue;
      if (!found || entry[1].due < found[1].due || (entry[1].due === found[1].due && entry[1].order < found[1].order)) found = entry;
    }
    return found;
  }

  return {
    now: () => now,
    setTimeout(run, ms) {
      const timer: ClockTimer = { unref: () => undefined };
      timers.set(timer, { due: now + Math.max(0, ms), order: sequence++, run });
      return timer;
    },
    clearTimeout(timer) {
      timers.delete(timer);
    },
    advance(ms) {
      const until = now + ms;
      for (let due = nextDue(until); due; due = nextDue(until)) {
        timers.delete(due[0]);
        now = due[1].due;
        due[1].run();
      }
      now = until;
    },
    pendingTimers: () => timers.size,
  };
}
