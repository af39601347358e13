/** Dates as people read them: relative in tables ("3 days ago"), exact on hover and in details. */
import dayjs from 'dayjs';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

// Formatting with dayjs is the costliest part of drawing a table row, and the same few thousand
// timestamps are drawn again on every keystroke: cache them (relative ones per minute).
const CACHE_LIMIT = 50_000;
const exactCache = new Map<string, string>();
const relativeCache = new Map<string, string>();
let relativeMinute = 0;

function remember(cache: Map<string, string>, key: string, compute: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}

export function relative(iso: string, now?: number): string {
  if (now !== undefined) return dayjs(iso).from(now);
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== relativeMinute) {
    relativeCache.clear();
    relativeMinute = minute;
  }
  return remember(relativeCache, iso, () => dayjs(iso).fromNow());
}

/** Full date and time in the person's locale, with seconds: used in tooltips and the details drawer. */
export function exact(iso: string): string {
  return remember(exactCache, iso, () => dayjs(iso).format('dddd, LL LTS'));
}

export function clockTime(iso: string): string {
  return dayjs(iso).format('LTS');
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A day as people write it ("December 7, 2026"), for a YYYY-MM-DD value or an instant. */
export function longDate(value: string): string {
  const date = dayjs(value);
  return date.isValid() ? date.format('LL') : value;
}

/** A day in few characters ("Dec 7"), for a chart's axis; a YYYY-MM-DD value or an instant. */
export function shortDate(value: string): string {
  const date = dayjs(value);
  return date.isValid() ? date.format('MMM D') : value;
}

const shortCache = new Map<string, string>();
let shortMinute = 0;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A relative time short enough for a table column: "just now", "5 min ago", "3 hours ago", "3 days
 * ago", "4 months ago", "2 years ago" (and "in 5 min" for a time ahead, e.g. a skewed clock). Cached
 * per minute like `relative`: the table draws the same timestamps on every keystroke.
 */
export function shortRelative(iso: string, now?: number): string {
  if (now !== undefined) return computeShort(Date.parse(iso), now);
  const minute = Math.floor(Date.now() / MINUTE_MS);
  if (minute !== shortMinute) {
    shortCache.clear();
    shortMinute = minute;
  }
  return remember(shortCache, iso, () => computeShort(Date.parse(iso), Date.now()));
}

function computeShort(at: number, now: number): string {
  const ahead = at > now;
  const span = Math.abs(now - at);
  if (span < MINUTE_MS) return 'just now';
  // Rounded, as dayjs does for the app's other relative times ("last synced 3 minutes ago"), so the
  // table and the status bar agree at each minute's tick.
  const minutes = Math.round(span / MINUTE_MS);
  const hours = Math.round(span / HOUR_MS);
  const days = Math.round(span / DAY_MS);
  let text: string;
  if (minutes < 60) text = `${minutes} min`;
  else if (hours < 24) text = count(hours, 'hour', 'hours');
  else if (days < 45) text = count(days, 'day', 'days');
  else if (days < 365) text = count(Math.round(span / (30.44 * DAY_MS)), 'month', 'months');
  else text = count(Math.max(1, Math.floor(span / (365.25 * DAY_MS))), 'year', 'years');
  return ahead ? `in ${text}` : `${text} ago`;
}
