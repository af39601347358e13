/**
 * Activity is kept 90 days (UTC days: today and the 89 before it). The server's periodic sweep (api-keys/retirement-sweeper.ts)
 * calls `sweep()`; it deletes only when the first kept day has moved since its last successful run,
 * so a process prunes about once a day and every other sweep costs nothing. Several nodes pruning the
 * same days delete the same rows: harmless.
 */
import { ACTIVITY_RETENTION_DAYS } from '../../../shared/http/activity.js';
import type { Clock } from '../../lib/clock.js';
import type { ActivityRepository } from './activity-repository.js';
import { daysEndingAt } from './utc-days.js';

export interface ActivityRetention {
  sweep(): Promise<void>;
}

export function createActivityRetention(deps: { activity: Pick<ActivityRepository, 'prune'>; clock: Clock }): ActivityRetention {
  const { activity, clock } = deps;
  let prunedBefore: string | null = null;
  return {
    async sweep() {
      const firstKept = daysEndingAt(clock.now(), ACTIVITY_RETENTION_DAYS)[0]!;
      if (firstKept === prunedBefore) return;
      await activity.prune(firstKept);
      prunedBefore = firstKept;
    },
  };
}
