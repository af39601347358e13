/** UTC calendar days as the activity tables store them (`YYYY-MM-DD`), from the injected clock's ms. */

const DAY_MS = 86_400_000;

/** The start (ms) of the UTC day that contains `ms`. */
export function dayStartOf(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** `YYYY-MM-DD` of the UTC day that contains `ms`. */
export function dayOf(ms: number): string {
  return new Date(dayStartOf(ms)).toISOString().slice(0, 10);
}

/** The `count` UTC days ending with the one that contains `nowMs`, oldest first. */
export function daysEndingAt(nowMs: number, count: number): string[] {
  const today = dayStartOf(nowMs);
  return Array.from({ length: count }, (_, i) => dayOf(today - (count - 1 - i) * DAY_MS));
}

export { DAY_MS };
