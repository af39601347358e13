import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateApiKeyBodySchema, KeyNameSchema } from '../../../src/shared/http/api-keys.js';

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
    for (const bad of ['\u200e\u200b\u2028\ufeff', 'zero\u200bwidth', 'line\u2028sep', 'b\ufeffom', 'mark\u200fed', 'arabic\u061cmark', 'word\u2060joiner', '\u200d', '\u200c\u200d']) {
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
