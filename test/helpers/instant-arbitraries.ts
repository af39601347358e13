/**
 * Date-time texts for fuzzing, from their parts, with what an RFC 3339 reader must make of them worked
 * out from the parts (not by parsing the text): offsets, extended years (+010000, -000001), 0–10
 * fractional digits, leap seconds (:60), lowercase t/z, spaces, and near misses of each.
 */
import fc from 'fast-check';

export interface InstantText {
  text: string;
  /** The instant in milliseconds when the text is a valid RFC 3339 date-time within 0000–9999 UTC; else null. */
  ms: number | null;
}

const MIN_MS = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days from 0000-01-01 to `year`-01-01 (proleptic Gregorian), without Date. */
function daysBeforeYear(year: number): number {
  const y = year - 1;
  return year === 0 ? 0 : 366 + y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

function epochMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  let days = daysBeforeYear(year) - daysBeforeYear(1970);
  for (let m = 1; m < month; m++) days += daysIn(year, m);
  days += day - 1;
  return (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + ms;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const yearText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 9999 }).map((year) => ({ text: pad(year, 4), year: year as number | null })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('+010000', '-000001', '+002026', '10000', '999', '-2026').map((text) => ({ text, year: null })),
  },
);
const fraction = fc.oneof(
  fc.constant({ text: '', ms: 0, ok: true }),
  fc.stringMatching(/^[0-9]{1,9}$/).map((digits) => ({
    text: `.${digits}`,
    ms: Number(digits.padEnd(3, '0').slice(0, 3)),
    ok: true,
  })),
  fc.constantFrom('.', '.1234567890', ',5').map((text) => ({ text, ms: 0, ok: false })),
);
const separator = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('T', 't', ' ').map((text) => ({ text, ok: true })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '  ', '_', 'TT').map((text) => ({ text, ok: false })),
  },
);
const zone = fc.oneof(
  fc.constantFrom('Z', 'z').map((text) => ({ text, minutes: 0 as number | null })),
  fc
    .record({
      sign: fc.constantFrom('+', '-'),
      h: fc.integer({ min: 0, max: 24 }),
      m: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ sign, h, m }) => ({
      text: `${sign}${pad(h, 2)}:${pad(m, 2)}`,
      minutes: h <= 23 && m <= 59 ? (sign === '+' ? 1 : -1) * (h * 60 + m) : null,
    })),
  fc.constantFrom('', '+0100', '+01', 'UTC', ' Z').map((text) => ({ text, minutes: null })),
);

export const instantText: fc.Arbitrary<InstantText> = fc
  .record({
    year: yearText,
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constant(60), fc.constant(61)),
    fraction,
    separator,
    zone,
    padding: fc.constantFrom('', '', '', ' ', '\n'),
  })
  .map((p) => {
    const text = `${p.padding}${p.year.text}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.separator.text}${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction.text}${p.zone.text}`;
    const valid =
      p.padding === '' &&
      p.year.year !== null &&
      p.month >= 1 &&
      p.month <= 12 &&
      p.day >= 1 &&
      p.day <= daysIn(p.year.year, p.month) &&
      p.hour <= 23 &&
      p.minute <= 59 &&
      p.second <= 60 &&
      p.fraction.ok &&
      p.separator.ok &&
      p.zone.minutes !== null;
    if (!valid) return { text, ms: null };
    // A leap second is the last millisecond of its minute.
    const local =
      p.second === 60
        ? epochMs(p.year.year!, p.month, p.day, p.hour, p.minute, 59, 999)
        : epochMs(p.year.year!, p.month, p.day, p.hour, p.minute, p.second, p.fraction.ms);
    const ms = local - p.zone.minutes! * 60_000;
    return { text, ms: ms < MIN_MS || ms > MAX_MS ? null : ms };
  });

/** The same instants, weighted towards the edges of the range (offsets pushing 9999/0000 over). */
export const edgeInstantText: fc.Arbitrary<InstantText> = fc.oneof(
  instantText,
  fc.constantFrom<InstantText>(
    { text: '9999-12-31T23:59:59-23:59', ms: null },
    { text: '0000-01-01T00:00:00+00:01', ms: null },
    { text: '9999-12-31T23:59:59.999Z', ms: MAX_MS },
    { text: '0000-01-01T00:00:00Z', ms: MIN_MS },
    { text: '+010000-01-01T23:58:59.000Z', ms: null },
    { text: '-000001-12-31T23:00:00.000Z', ms: null },
    {
      text: '2026-12-31T23:59:60Z',
      ms: Date.parse('2026-12-31T23:59:59.999Z'),
    },
    { text: '2026-02-29T00:00:00Z', ms: null },
    {
      text: '2028-02-29t00:00:00.123456789z',
      ms: Date.parse('2028-02-29T00:00:00.123Z'),
    },
  ),
);

/** Valid texts only: any instant from `min` to `max` ms, written at any offset with any separator and precision. */
export function validInstantTextIn(min: number, max: number): fc.Arbitrary<InstantText> {
  return fc
    .record({
      ms: fc.integer({
        min: Math.max(min, MIN_MS),
        max: Math.min(max, MAX_MS),
      }),
      offset: fc.oneof(fc.constant(0), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
      zulu: fc.constantFrom('Z', 'z', null),
      separator: fc.constantFrom('T', 't', ' '),
      digits: fc.integer({ min: 0, max: 9 }),
      extra: fc.stringMatching(/^[0-9]{6}$/),
    })
    .map(({ ms, offset, zulu, separator, digits, extra }) => {
      const minutes = zulu === null ? offset : 0;
      const fractionDigits = `${pad(((ms % 1000) + 1000) % 1000, 3)}${extra}`.slice(0, digits);
      const named = ms - (((ms % 1000) + 1000) % 1000) + Number(fractionDigits.padEnd(3, '0').slice(0, 3));
      const local = new Date(named + minutes * 60_000);
      const year = local.getUTCFullYear();
      const zone = zulu ?? `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60), 2)}:${pad(Math.abs(minutes) % 60, 2)}`;
      const text = `${pad(year, 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}${separator}${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}${digits > 0 ? `.${fractionDigits}` : ''}${zone}`;
      return { text, ms: named, year };
    })
    .filter(({ year }) => year >= 0 && year <= 9999)
    .map(({ text, ms }) => ({ text, ms }));
}

/** Valid texts of any instant of the range. */
export const validInstantText = validInstantTextIn(MIN_MS, MAX_MS);
