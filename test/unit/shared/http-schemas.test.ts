import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiKeyDtoSchema, CreateApiKeyBodySchema, KeyNameSchema, ScheduleRevocationBodySchema } from '../../../src/shared/http/api-keys.js';

describe('key name', () => {
  it('is trimmed and must be 1–100 characters', () => {
    expect(KeyNameSchema.parse('  Data import service  ')).toBe('Data import service');
    expect(KeyNameSchema.safeParse('   ').success).toBe(false);
    expect(KeyNameSchema.safeParse('x'.repeat(100)).success).toBe(true);
    expect(KeyNameSchema.safeParse('x'.repeat(101)).success).toBe(false);
  });

  it('refuses control and text-direction characters (NUL breaks PostgreSQL; bidi overrides disguise names)', () => {
    for (const bad of ['a\u0000b', 'tab\there', 'line\nbreak', 'del\u007f', 'evil\u202egnp.exe', 'iso\u2066late']) {
      const result = KeyNameSchema.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
    }
    expect(KeyNameSchema.parse('Données — import ✓ 日本')).toBe('Données — import ✓ 日本');
  });

  it('refuses invisible characters and names with nothing visible; keeps joiners that scripts and emoji need', () => {
    for (const bad of [
      '\u200e\u200b\u2028\ufeff',
      'zero\u200bwidth',
      'line\u2028sep',
      'b\ufeffom',
      'mark\u200fed',
      'arabic\u061cmark',
      'word\u2060joiner',
      '\u200d',
      '\u200c\u200d',
    ]) {
      expect(KeyNameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(KeyNameSchema.parse('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(KeyNameSchema.parse('Deploy bot 👩\u200d💻')).toBe('Deploy bot 👩\u200d💻');
  });

  it('property: whatever is accepted is trimmed, 1–100 long and free of control characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: 'grapheme' }), (raw) => {
        const result = KeyNameSchema.safeParse(raw);
        if (!result.success) return true;
        const name = result.data;
        // eslint-disable-next-line no-control-regex -- the property is about control characters
        return name === name.trim() && name.length >= 1 && name.length <= 100 && !/[\u0000-\u001f]/.test(name);
      }),
    );
  });

  it('create body: both secretHash and hint, or neither; unknown fields refused', () => {
    const base = { name: 'k', capabilities: ['data-record:read'] };
    expect(CreateApiKeyBodySchema.safeParse(base).success).toBe(true);
    expect(CreateApiKeyBodySchema.safeParse({ ...base, secretHash: 'a'.repeat(64) }).success).toBe(false);
    expect(CreateApiKeyBodySchema.safeParse({ ...base, secretHash: 'a'.repeat(64), hint: 'rkr_key_…Ab3x' }).success).toBe(true);
    expect(CreateApiKeyBodySchema.safeParse({ ...base, capabilities: ['data-record:read', 'data-record:read'] }).success).toBe(false);
    expect(CreateApiKeyBodySchema.safeParse({ ...base, role: 'admin' }).success).toBe(false);
  });
});

describe('keys that end on time', () => {
  const key = {
    id: '01900000-0000-7000-8000-000000000001',
    name: 'K',
    capabilities: [],
    canImpersonate: false,
    hint: 'rkr_key_…Ab3x',
    createdAt: '2026-03-01T12:00:00.000Z',
    createdBy: null,
    lastUsedAt: null,
    status: 'active',
    revokedAt: null,
  };

  it('reads a key listed before expiry existed (an older server, a stored list) with no expiry and no schedule', () => {
    expect(ApiKeyDtoSchema.parse(key)).toMatchObject({ expiresAt: null, scheduledRevocation: null });
    expect(
      ApiKeyDtoSchema.parse({ ...key, status: 'expired', expiresAt: '2026-03-02T00:00:00.000Z', scheduledRevocation: { at: '2026-03-03T00:00:00.000Z' } })
        .status,
    ).toBe('expired');
    expect(ApiKeyDtoSchema.safeParse({ ...key, status: 'retired' }).success).toBe(false);
  });

  it('normalizes expiresAt to UTC on create', () => {
    expect(CreateApiKeyBodySchema.parse({ name: 'K', capabilities: [], expiresAt: '2026-03-01T13:00:00+01:00' }).expiresAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('takes exactly one form of scheduled revocation', () => {
    const id = '01900000-0000-7000-8000-000000000002';
    expect(ScheduleRevocationBodySchema.safeParse({ at: '2026-03-01T12:00:00Z' }).success).toBe(true);
    expect(ScheduleRevocationBodySchema.safeParse({ afterFirstUseOf: id, graceSeconds: 0 }).success).toBe(true);
    expect(ScheduleRevocationBodySchema.safeParse({ afterFirstUseOf: id, graceSeconds: 2_592_000 }).success).toBe(true);
    for (const bad of [
      {},
      { at: '2026-03-01T12:00:00Z', graceSeconds: 0 },
      { afterFirstUseOf: id },
      { graceSeconds: 1 },
      { afterFirstUseOf: id, graceSeconds: 2_592_001 },
      { afterFirstUseOf: id, graceSeconds: -1 },
    ]) {
      expect(ScheduleRevocationBodySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
