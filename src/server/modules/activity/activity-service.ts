/** Reading key activity: one key's days and sources, and the organization's summary. */
import { AppError } from '../../../shared/errors.js';
import { ACTIVITY_SOURCES_SHOWN, type ActivitySummary, type KeyActivity } from '../../../shared/http/activity.js';
import type { Clock } from '../../lib/clock.js';
import type { ApiKeysRepository } from '../api-keys/api-keys-repository.js';
import type { PersonPrincipal } from '../auth/principal.js';
import type { ActivityRepository } from './activity-repository.js';
import { daysEndingAt } from './utc-days.js';

export interface ActivityService {
  activityOf(caller: PersonPrincipal, id: string, days: number): Promise<KeyActivity>;
  summary(caller: PersonPrincipal, days: number): Promise<ActivitySummary>;
}

export function createActivityService(deps: {
  keys: Pick<ApiKeysRepository, 'findInOrganization'>;
  activity: Pick<ActivityRepository, 'days' | 'sources' | 'summary'>;
  clock: Clock;
}): ActivityService {
  const { keys, activity, clock } = deps;
  return {
    async activityOf(caller, id, count) {
      // Any status: a revoked key's activity is what an incident needs to read.
      const row = await keys.findInOrganization(caller.organization.id, id);
      if (!row) throw new AppError('NOT_FOUND', 'No such API key');
      const window = daysEndingAt(clock.now(), count);
      const from = window[0]!;
      const to = window[window.length - 1]!;
      const [stored, sources] = await Promise.all([activity.days(row.id, from, to), activity.sources(row.id, from, to, ACTIVITY_SOURCES_SHOWN)]);
      const byDay = new Map(stored.map((day) => [day.day, day]));
      return {
        days: window.map((date) => ({ date, requests: byDay.get(date)?.requests ?? 0, refused: byDay.get(date)?.refused ?? 0 })),
        sources,
      };
    },
    async summary(caller, count) {
      const window = daysEndingAt(clock.now(), count);
      return { keys: await activity.summary(caller.organization.id, window[0]!, window[window.length - 1]!) };
    },
  };
}
