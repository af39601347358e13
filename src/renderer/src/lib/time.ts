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
