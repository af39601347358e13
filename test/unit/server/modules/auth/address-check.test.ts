import { describe, expect, it } from 'vitest';
import { addressCheckOf } from '../../../../../src/server/modules/auth/address-check.js';

const outcome = (check: ReturnType<typeof addressCheckOf>, ip: string | undefined) => {
  try {
    check!(ip === undefined ? {} : { ip });
    return 'allowed';
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return `${code}: ${message}`;
  }
};

describe('addressCheckOf', () => {
  it('is null for a key without a list (from anywhere)', () => {
    expect(addressCheckOf(null)).toBeNull();
  });

  it('refuses with 403 naming the normalized caller, and an unknown origin without an address', () => {
    const check = addressCheckOf(JSON.stringify(['203.0.113.0/24']));
    expect(outcome(check, '203.0.113.1')).toBe('allowed');
    expect(outcome(check, '::FFFF:198.51.100.4')).toBe('FORBIDDEN: This API key may not be used from 198.51.100.4');
    expect(outcome(check, 'unknown')).toBe('FORBIDDEN: This API key may not be used from an unknown address');
    expect(outcome(check, undefined)).toBe('FORBIDDEN: This API key may not be used from an unknown address');
  });

  it('answers the same for every peer however many it has remembered (the memo starts over, never lies)', () => {
    const check = addressCheckOf(JSON.stringify(['10.0.0.0/24']));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 600; i++) {
        const ip = `10.0.${i % 3}.${i % 250}`;
        expect(outcome(check, ip), ip).toBe(i % 3 === 0 ? 'allowed' : `FORBIDDEN: This API key may not be used from ${ip}`);
      }
    }
  });

  it('fails closed on a stored value the server never writes (not a list: no address allowed)', () => {
    expect(outcome(addressCheckOf('{"not":"a list"}'), '203.0.113.1')).toMatch(/^FORBIDDEN/);
    expect(outcome(addressCheckOf('["not a block"]'), '203.0.113.1')).toMatch(/^FORBIDDEN/);
  });
});
