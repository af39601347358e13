/** The numbers the chart draws, said in words: the visible summary under the Activity heading. */
import type { ActivityDay } from '@shared/http/activity';

export interface ActivityTotals {
  requests: number;
  refused: number;
  /** The last day of the window (today, UTC, when the answer is fresh). */
  last: ActivityDay | null;
}

export function activityTotals(days: readonly ActivityDay[]): ActivityTotals {
  return {
    requests: days.reduce((sum, day) => sum + day.requests, 0),
    refused: days.reduce((sum, day) => sum + day.refused, 0),
    last: days.at(-1) ?? null,
  };
}

export function countText(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "312 requests and 4 refused in these 30 days." / "No requests in these 30 days." */
export function totalsSentence(totals: ActivityTotals, dayCount: number): string {
  const span = `in these ${dayCount} days`;
  if (totals.requests === 0 && totals.refused === 0) return `No requests ${span}.`;
  return `${countText(totals.requests, 'request', 'requests')} and ${totals.refused.toLocaleString()} refused ${span}.`;
}
