/**
 * The optional periodic sweep: records due retirements even when nobody lists or uses those keys
 * (retirements.ts, batched), and prunes key activity past its retention. It owns its timer: one
 * sweep at a time, the next scheduled only when the last has ended, so a slow sweep is never joined
 * by another. `intervalMs` ≤ 0 turns it off (validity never depends on it: see retirements.ts).
 */
import type { Clock, ClockTimer } from '../../lib/clock.js';
import type { ActivityRetention } from '../activity/activity-retention.js';
import type { Retirements } from './retirements.js';

export interface RetirementSweeper {
  start(): void;
  /** Cancels the next sweep, waits for one in flight and for background retirement runs (graceful close). */
  stop(): Promise<void>;
}

export function createRetirementSweeper(deps: {
  clock: Clock;
  intervalMs: number;
  retirements: Pick<Retirements, 'materializeDue' | 'settled'>;
  activityRetention: ActivityRetention;
  onRetirementError(error: unknown): void;
  onRetentionError(error: unknown): void;
}): RetirementSweeper {
  const { clock, intervalMs, retirements, activityRetention } = deps;
  let timer: ClockTimer | null = null;
  let sweeping: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const schedule = () => {
    if (intervalMs <= 0 || stopped) return;
    timer = clock.setTimeout(() => {
      sweeping = Promise.all([retirements.materializeDue({}).catch(deps.onRetirementError), activityRetention.sweep().catch(deps.onRetentionError)]).finally(
        schedule,
      );
    }, intervalMs);
    timer.unref();
  };
  const cancel = () => {
    if (timer) clock.clearTimeout(timer);
    timer = null;
  };

  return {
    start: schedule,
    async stop() {
      // A sweep in flight that ends now schedules no successor.
      stopped = true;
      cancel();
      await sweeping;
      await retirements.settled();
    },
  };
}
