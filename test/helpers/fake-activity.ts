/** Key activity for the renderer's fake bridge and its tests: days ending today, sources, and the view keys:activity answers. */
import type { ActivityDay, ActivitySource, KeyActivity } from '../../src/shared/http/activity';
import { ACTIVITY_VIEW_DAYS, type KeyActivityView } from '../../src/shared/ipc/activity';

const DAY_MS = 86_400_000;

/** `count` UTC days ending on `today`, oldest first; `counts` gives requests and refusals by days ago (0 = today). */
export function activityDays(today: Date, counts: Record<number, { requests?: number; refused?: number }> = {}, count = ACTIVITY_VIEW_DAYS): ActivityDay[] {
  return Array.from({ length: count }, (_, i) => {
    const ago = count - 1 - i;
    const date = new Date(today.getTime() - ago * DAY_MS).toISOString().slice(0, 10);
    return { date, requests: counts[ago]?.requests ?? 0, refused: counts[ago]?.refused ?? 0 };
  });
}

export function activitySource(overrides: Partial<ActivitySource> & Pick<ActivitySource, 'address'>): ActivitySource {
  return { userAgent: 'curl/8.5.0', firstSeenAt: '2026-11-20T08:00:00.000Z', lastSeenAt: '2026-12-06T09:30:00.000Z', requests: 1, ...overrides };
}

/** What the fake bridge answers: the stored view, or 30 quiet days online / nothing kept offline. */
export function fakeActivityView(stored: KeyActivityView | undefined, { offline, now }: { offline: boolean; now: Date }): KeyActivityView {
  if (stored) return offline && stored.source === 'server' ? { ...stored, source: 'cache' } : stored;
  if (offline) return { activity: null, asOf: null, source: 'cache' };
  const activity: KeyActivity = { days: activityDays(now), sources: [] };
  return { activity, asOf: now.toISOString(), source: 'server' };
}
