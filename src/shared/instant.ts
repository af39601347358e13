/**
 * Instants: the one type every time field of the HTTP and IPC contracts, the server's storage and
 * main's cached state uses.
 *
 * - In: RFC 3339 (`2027-01-31T12:00:00Z`, `2027-01-31t12:00:00.5+01:00`, a space for the `T`, `z`,
 *   0–9 fractional digits, `-00:00`), four-digit years only: an extended year (`+010000`, `-000001`)
 *   is not RFC 3339.
 * - Out and stored: UTC `YYYY-MM-DDTHH:mm:ss.sssZ`, always 24 characters, within years 0000–9999 in UTC
 *   (an offset can push a valid local time outside: `9999-12-31T23:59:59-23:59` is refused, since it
 *   would need a six-digit year that breaks every reader expecting the stored form).
 * - Compared as instants (compareInstants), never as text: only the stored form is ordered like time
 *   as text, and a value from elsewhere may not be in it yet.
 *
 * Fractional digits beyond milliseconds are cut (not rounded), so an instant never moves into the next
 * millisecond (or day, or year). A leap second (`23:59:60`) names a moment after :59 and before the next
 * minute, which a millisecond timeline cannot hold: it is read as :59.999.
 */
import { z } from 'zod';

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const EXTENDED_YEAR = /^[+-]\d{5,}-/;
const STORED_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const INSTANT_MIN = '0000-01-01T00:00:00.000Z';
export const INSTANT_MAX = '9999-12-31T23:59:59.999Z';
const MIN_MS = Date.parse(INSTANT_MIN);
const MAX_MS = Date.parse(INSTANT_MAX);

export const INSTANT_FORMAT_MESSAGE = 'Must be an RFC 3339 date-time such as 2027-01-31T12:00:00Z';

export type InstantParse = { ok: true; ms: number; iso: string } | { ok: false; message: string };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `count` digits of `text` from `at` as a number; the caller checked they are digits. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/**
 * The common case, an instant already in the stored form (every response, every cached list), read
 * without building a Date: lists of thousands of keys carry several instants each.
 */
function storedFormMs(text: string): number | null {
  if (text.length !== 24 || !STORED_FORM.test(text)) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const [hour, minute, second] = [digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return utcMs(year, month, day, hour, minute, second, digits(text, 20, 3));
}

/** Milliseconds since the epoch at a valid UTC date and time (arithmetic, no Date: Date.UTC reads years 0–99 as 1900–1999). */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** Reads an RFC 3339 date-time; the message says what is wrong in words a form can show. */
export function parseInstant(text: string): InstantParse {
  const stored = storedFormMs(text);
  if (stored !== null) return { ok: true, ms: stored, iso: text };
  const match = RFC_3339.exec(text);
  if (!match) {
    return { ok: false, message: EXTENDED_YEAR.test(text) ? 'Years must have four digits (0000–9999)' : INSTANT_FORMAT_MESSAGE };
  }
  const [, y, mo, d, h, mi, s, fraction, sign, oh, om] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
    string | undefined,
    string | undefined,
  ];
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (hour > 23 || minute > 59 || second > 60) return { ok: false, message: 'Not a valid time of day' };
  const offsetMinutes = sign === undefined ? 0 : Number(oh) * 60 + Number(om);
  if (sign !== undefined && (Number(oh) > 23 || Number(om) > 59)) return { ok: false, message: 'Not a valid UTC offset' };
  const leap = second === 60;
  const millis = leap ? 999 : Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, message: 'Not a valid calendar date' };
  const ms = utcMs(year, month, day, hour, minute, leap ? 59 : second, millis) - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000;
  if (ms < MIN_MS || ms > MAX_MS) return { ok: false, message: 'Must fall within the years 0000–9999 in UTC' };
  return { ok: true, ms, iso: new Date(ms).toISOString() };
}

/** True for the stored form (what every instant this project writes looks like). */
export function isStoredInstant(text: string): boolean {
  return STORED_FORM.test(text) && parseInstant(text).ok;
}

function normalize(value: string, ctx: { issues: z.core.$ZodRawIssue[] }): string {
  const parsed = parseInstant(value);
  if (parsed.ok) return parsed.iso;
  ctx.issues.push({ code: 'custom', message: parsed.message, input: value });
  return z.NEVER;
}

/**
 * An instant in any contract: parsing (a request, an IPC input, a stored file) accepts RFC 3339 and
 * yields the stored form; encoding (a server response) checks and yields the stored form too, so an
 * instant that cannot be shown is caught before anything is written, not after.
 */
export const InstantSchema = z.codec(
  z.string({ error: INSTANT_FORMAT_MESSAGE }).meta({ format: 'date-time', description: 'RFC 3339 date-time; read in years 0000–9999 (UTC)' }),
  z.string().meta({ format: 'date-time', description: 'UTC, YYYY-MM-DDTHH:mm:ss.sssZ' }),
  { decode: normalize, encode: normalize },
);
export type Instant = z.output<typeof InstantSchema>;

/** Milliseconds since the epoch of an instant (any RFC 3339 form); NaN when it is none. */
export function instantMs(value: string): number {
  const parsed = parseInstant(value);
  return parsed.ok ? parsed.ms : Number.NaN;
}

/** Negative when `a` is earlier than `b`, positive when later, 0 for the same instant. */
export function compareInstants(a: string, b: string): number {
  return instantMs(a) - instantMs(b);
}

/** True when instant `a` is at or before instant `b`. */
export const isAtOrBefore = (a: string, b: string): boolean => compareInstants(a, b) <= 0;
