/** Dates as people read them: relative in tables ("3 days ago"), exact on hover and in details. */
import dayjs from 'dayjs';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

export function relative(iso: string, now: number = Date.now()): string {
  return dayjs(iso).from(now);
}

/** Full date and time in the person's locale, with seconds: used in tooltips and the details drawer. */
export function exact(iso: string): string {
  return dayjs(iso).format('dddd, LL LTS');
}

export function clockTime(iso: string): string {
  return dayjs(iso).format('LTS');
}

export const DAY_MS = 24 * 60 * 60 * 1000;
