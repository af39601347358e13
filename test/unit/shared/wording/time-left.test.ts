/** The near-end words the keys table and the desktop reminders share. */
import { describe, expect, it } from 'vitest';
import { hoursLeft } from '../../../../src/shared/wording/time-left.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('hoursLeft', () => {
  it('minutes under an hour, hours under two days, then nothing (each caller says days its way)', () => {
    expect(hoursLeft(at(30_000), NOW)).toBe('in less than a minute');
    expect(hoursLeft(at(MINUTE), NOW)).toBe('in 1 minute');
    expect(hoursLeft(at(59 * MINUTE), NOW)).toBe('in 59 minutes');
    expect(hoursLeft(at(HOUR + 59 * MINUTE), NOW)).toBe('in 1 hour');
    expect(hoursLeft(at(47 * HOUR + 59 * MINUTE), NOW)).toBe('in 47 hours');
    expect(hoursLeft(at(48 * HOUR), NOW)).toBeNull();
  });
});
