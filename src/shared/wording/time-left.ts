/**
 * How long a key has left near its end, in the words the keys table, the reminder banner and the
 * desktop reminders share: below two days the hours are what an admin acts on ("in 23 hours", not
 * "in a day"). From two days on each says days its own way (the renderer with dayjs: "in 5 days",
 * "in 3 months"; a reminder, always within 7 days: "in 5 days").
 */
const MINUTE_MS = 60_000;

/** "in less than a minute", "in 5 minutes", "in 23 hours"; null from 48 hours on. */
export function hoursLeft(at: string, now: number): string | null {
  const minutes = Math.floor((Date.parse(at) - now) / MINUTE_MS);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  return null;
}
