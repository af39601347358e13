import { describe, expect, it } from 'vitest';
import { compareNewestFirst } from '../../../../src/main/audit/event-order.js';

describe('the audit order', () => {
  it('compares positions as instants, whatever form their times are in', () => {
    // 12:00 at +01:00 is 11:00Z: older than 11:30Z, though it sorts after it as text.
    const offset = { at: '2026-03-01T12:00:00.000+01:00', id: 'b' };
    const utc = { at: '2026-03-01T11:30:00.000Z', id: 'a' };
    expect(compareNewestFirst(utc, offset)).toBeLessThan(0);
    expect(compareNewestFirst(offset, utc)).toBeGreaterThan(0);
    // The same instant: the id decides, newest (greatest) first.
    expect(compareNewestFirst({ at: '2026-03-01T11:00:00.000Z', id: 'b' }, { at: '2026-03-01T12:00:00+01:00', id: 'a' })).toBeLessThan(0);
    expect(compareNewestFirst(utc, { ...utc })).toBe(0);
  });
});
