import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_HINT_PATTERN,
  SECRET_ENTROPY_BITS,
  SECRET_HASH_PATTERN,
  checkSecret,
  generateSecret,
  hashSecret,
  hintOf,
} from '../../../src/shared/key-format.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_';
const kinds = fc.constantFrom('apiKey' as const, 'adminToken' as const);

describe('key format', () => {
  it('carries at least 160 bits of randomness', () => {
    expect(SECRET_ENTROPY_BITS).toBeGreaterThanOrEqual(160);
  });

  it('uses a distinct, recognisable prefix per kind and only word characters (double-click selects it)', () => {
    const key = generateSecret('apiKey');
    const token = generateSecret('adminToken');
    expect(key).toMatch(/^rkr_key_\w+$/);
    expect(token).toMatch(/^rkr_adm_\w+$/);
    expect(checkSecret(key)).toBe('apiKey');
    expect(checkSecret(token)).toBe('adminToken');
  });

  it('property: every generated value checks as its own kind', () => {
    fc.assert(
      fc.property(kinds, (kind) => checkSecret(generateSecret(kind)) === kind),
      { numRuns: 500 },
    );
  });

  it('property: any single-character change fails the check', () => {
    fc.assert(
      fc.property(kinds, fc.nat(), fc.constantFrom(...ALPHABET), (kind, position, replacement) => {
        const secret = generateSecret(kind);
        const index = position % secret.length;
        fc.pre(secret[index] !== replacement);
        const changed = secret.slice(0, index) + replacement + secret.slice(index + 1);
        return checkSecret(changed) === null;
      }),
      { numRuns: 3000 },
    );
  });

  it('property: truncated, extended and arbitrary strings fail the check', () => {
    const secret = generateSecret('apiKey');
    expect(checkSecret(secret.slice(0, -1))).toBeNull();
    expect(checkSecret(secret + 'a')).toBeNull();
    expect(checkSecret(` ${secret}`.slice(0, secret.length))).toBeNull();
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (value) => checkSecret(value) === null));
  });

  it('never repeats (2,000 draws)', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => generateSecret('apiKey')));
    expect(seen.size).toBe(2000);
  });

  it('hashes to SHA-256 hex and hints without revealing the secret', () => {
    const secret = generateSecret('apiKey');
    expect(hashSecret(secret)).toMatch(SECRET_HASH_PATTERN);
    expect(hashSecret(secret)).toBe(hashSecret(secret));
    const hint = hintOf(secret);
    expect(hint).toMatch(API_KEY_HINT_PATTERN);
    expect(hint.length).toBeLessThan(16);
    expect(secret.slice(0, -6).endsWith(hint.slice(-4))).toBe(true);
  });
});
