import { describe, expect, it } from 'vitest';
import { IpAddressSchema } from '../../../src/shared/http/activity.js';
import { normalizeIpAddress } from '../../../src/shared/ip-address.js';

describe('client address normalization', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:CB00:7107', '203.0.113.7'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::1', '::1'],
  ])('%s → %s', (raw, normalized) => expect(normalizeIpAddress(raw)).toBe(normalized));

  it.each(['', '203.0.113', '0x7f.0.0.1', '203.0.113.7/32', '1.2.3.256', 'localhost', '203.0.113.7:8080', 'x'.repeat(100)])('refuses %j', (raw) =>
    expect(normalizeIpAddress(raw)).toBeNull(),
  );

  it('gives a query a field message for anything that is not an address', () => {
    expect(IpAddressSchema.parse(' ::ffff:203.0.113.7 ')).toBe('203.0.113.7');
    const result = IpAddressSchema.safeParse('203.0.113');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('IPv4 or IPv6');
  });
});
