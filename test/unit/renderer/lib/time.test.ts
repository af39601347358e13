import { describe, expect, it } from 'vitest';
import { shortRelative } from '../../../../src/renderer/src/lib/time';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('short relative times (table columns)', () => {
  it('says "just now", minutes, hours, days, months and years, short enough for a 120 px column', () => {
    expect(shortRelative(before(20_000), NOW)).toBe('just now');
    expect(shortRelative(before(5 * MIN + 10_000), NOW)).toBe('5 min ago');
    expect(shortRelative(before(HOUR), NOW)).toBe('1 hour ago');
    expect(shortRelative(before(23 * HOUR), NOW)).toBe('23 hours ago');
    expect(shortRelative(before(DAY), NOW)).toBe('1 day ago');
    expect(shortRelative(before(3 * DAY), NOW)).toBe('3 days ago');
    expect(shortRelative(before(44 * DAY), NOW)).toBe('44 days ago');
    expect(shortRelative(before(120 * DAY), NOW)).toBe('4 months ago');
    expect(shortRelative(before(800 * DAY), NOW)).toBe('2 years ago');
  });

  it('a time ahead (a skewed clock) reads forward', () => {
    expect(shortRelative(new Date(NOW + 10 * MIN).toISOString(), NOW)).toBe('in 10 min');
    expect(shortRelative(new Date(NOW + 30_000).toISOString(), NOW)).toBe('just now');
  });
});
