import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiKeyDtoSchema, CreateApiKeyBodySchema, ListAuditEventsQuerySchema } from '../../../src/shared/http/index.js';
import { INSTANT_MAX, InstantSchema, compareInstants, isStoredInstant, parseInstant } from '../../../src/shared/instant.js';
import { KEY_END_MAX_DAYS, keyEndIssue } from '../../../src/shared/key-expiry.js';
import { edgeInstantText, validInstantText } from '../../helpers/instant-arbitraries.js';

const STORED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAY_MS = 86_400_000;

describe('InstantSchema', () => {
  it('reads RFC 3339 in its forms and yields the stored UTC form', () => {
    const cases: [string, string][] = [
      ['2027-01-31T12:00:00Z', '2027-01-31T12:00:00.000Z'],
      ['2027-01-31t12:00:00z', '2027-01-31T12:00:00.000Z'],
      ['2027-01-31 12:00:00+01:00', '2027-01-31T11:00:00.000Z'],
      ['2027-01-31T12:00:00-00:00', '2027-01-31T12:00:00.000Z'],
      ['2027-01-31T12:00:00.123456789Z', '2027-01-31T12:00:00.123Z'],
      ['2027-01-31T12:00:00.9999Z', '2027-01-31T12:00:00.999Z'],
      ['2027-01-31T12:00:00.5-05:30', '2027-01-31T17:30:00.500Z'],
      ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.999Z'],
      ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
      ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'],
      ['9999-12-31T23:59:59.999Z', INSTANT_MAX],
    ];
    for (const [text, stored] of cases) expect(InstantSchema.parse(text), text).toBe(stored);
  });

  it('refuses extended years, out-of-range results, impossible dates and other shapes, with a message', () => {
    const cases: [string, RegExp][] = [
      ['9999-12-31T23:59:59-23:59', /years 0000–9999/],
      ['0000-01-01T00:00:00+00:01', /years 0000–9999/],
      ['+010000-01-01T23:58:59.000Z', /four digits/],
      ['-000001-12-31T23:00:00.000Z', /four digits/],
      ['2026-02-29T00:00:00Z', /calendar date/],
      ['2026-01-01T24:00:00Z', /time of day/],
      ['2026-01-01T00:00:00+24:00', /UTC offset/],
      ['2026-01-01T00:00:00', /RFC 3339/],
      ['2026-01-01T00:00:00.1234567890Z', /RFC 3339/],
      [' 2026-01-01T00:00:00Z', /RFC 3339/],
      ['tomorrow', /RFC 3339/],
    ];
    for (const [text, message] of cases) {
      const result = InstantSchema.safeParse(text);
      expect(result.success, text).toBe(false);
      expect(result.error?.issues[0]?.message, text).toMatch(message);
    }
  });

  it('property: accepts exactly the valid texts, as the instant their parts name, in the stored form', () => {
    fc.assert(
      fc.property(fc.oneof(edgeInstantText, validInstantText), ({ text, ms }) => {
        const result = InstantSchema.safeParse(text);
        expect(result.success, text).toBe(ms !== null);
        if (result.success) {
          expect(result.data).toMatch(STORED);
          expect(Date.parse(result.data)).toBe(ms);
          // Reading the stored form again changes nothing.
          expect(InstantSchema.parse(result.data)).toBe(result.data);
          expect(isStoredInstant(result.data)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: instants compare by time, whatever their offsets, and the stored form sorts as text like time', () => {
    fc.assert(
      fc.property(validInstantText, validInstantText, (a, b) => {
        expect(Math.sign(compareInstants(a.text, b.text))).toBe(Math.sign(a.ms! - b.ms!));
        const [sa, sb] = [InstantSchema.parse(a.text), InstantSchema.parse(b.text)];
        expect([Date.parse(sa), Date.parse(sb)]).toEqual([a.ms, b.ms]);
        expect(Math.sign(sa.localeCompare(sb, 'en'))).toBe(Math.sign(a.ms! - b.ms!));
      }),
      { numRuns: 1000 },
    );
  });

  it('encodes (server responses) only what can be shown in the stored form', () => {
    expect(ApiKeyDtoSchema.shape.createdAt.encode('2026-03-01T12:00:00.000Z')).toBe('2026-03-01T12:00:00.000Z');
    expect(() => ApiKeyDtoSchema.shape.createdAt.encode('+010000-01-01T23:58:59.000Z')).toThrow(/four digits/);
  });

  it('an audit query range compares its ends as instants', () => {
    // 12:00+01:00 is 11:00Z: before 11:30Z, though it sorts after it as text.
    expect(ListAuditEventsQuerySchema.safeParse({ from: '2026-03-01T12:00:00+01:00', to: '2026-03-01T11:30:00Z' }).success).toBe(true);
    expect(ListAuditEventsQuerySchema.safeParse({ from: '2026-03-01T12:00:00Z', to: '2026-03-01T12:30:00+01:00' }).success).toBe(false);
  });

  it('the create body carries the error on expiresAt', () => {
    const result = CreateApiKeyBodySchema.safeParse({ name: 'K', capabilities: [], expiresAt: '9999-12-31T23:59:59-23:59' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['expiresAt']);
  });
});

describe('a key end', () => {
  const now = Date.parse('2026-03-01T12:00:00.000Z');
  it('is after now and at most 3,650 days ahead', () => {
    expect(keyEndIssue('2026-03-01T12:00:00.000Z', now, 'expiresAt')).toMatch(/future/);
    expect(keyEndIssue('2026-03-01T12:00:00.001Z', now, 'expiresAt')).toBeNull();
    expect(keyEndIssue(new Date(now + KEY_END_MAX_DAYS * DAY_MS).toISOString(), now, 'expiresAt')).toBeNull();
    expect(keyEndIssue(new Date(now + KEY_END_MAX_DAYS * DAY_MS + 1).toISOString(), now, 'expiresAt')).toBe('expiresAt must be at most 3,650 days ahead');
    expect(keyEndIssue('9999-12-31T23:59:59Z', now, 'at')).toBe('at must be at most 3,650 days ahead');
  });

  it('parses as one instant whatever the offset', () => {
    expect(parseInstant('2026-03-01T13:00:00.001+01:00')).toEqual({ ok: true, ms: now + 1, iso: '2026-03-01T12:00:00.001Z' });
  });
});
