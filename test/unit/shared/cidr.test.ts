import { describe, expect, it } from 'vitest';
import { ALLOWED_ADDRESSES_MAX, addressAllowed, blocksMatcher, parseCidr } from '../../../src/shared/cidr.js';
import { AllowedAddressesSchema, SetAllowedAddressesBodySchema } from '../../../src/shared/http/containment.js';

const block = (input: string) => {
  const parsed = parseCidr(input);
  return parsed.ok ? parsed.block : `! ${parsed.message}`;
};

describe('parseCidr', () => {
  it('reads a bare address as one host, IPv4 and IPv6, in canonical form', () => {
    expect(block('203.0.113.7')).toBe('203.0.113.7/32');
    expect(block(' 203.0.113.7 ')).toBe('203.0.113.7/32');
    expect(block('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1/128');
    expect(block('::1')).toBe('::1/128');
  });

  it('keeps networks with their prefix, including the whole space', () => {
    expect(block('203.0.113.0/24')).toBe('203.0.113.0/24');
    expect(block('2001:db8::/32')).toBe('2001:db8::/32');
    expect(block('10.0.0.0/08')).toBe('10.0.0.0/8');
    expect(block('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(block('::/0')).toBe('::/0');
  });

  it('refuses host bits and names the network probably meant', () => {
    expect(block('203.0.113.7/24')).toBe('! 203.0.113.7/24 has host bits set; did you mean 203.0.113.0/24?');
    expect(block('2001:db8::1/32')).toBe('! 2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?');
    expect(block('10.1.2.3/9')).toBe('! 10.1.2.3/9 has host bits set; did you mean 10.0.0.0/9?');
  });

  it('writes IPv4-mapped IPv6 blocks as the IPv4 block they cover (prefix 96–128 only)', () => {
    expect(block('::ffff:203.0.113.7')).toBe('203.0.113.7/32');
    expect(block('::ffff:203.0.113.0/120')).toBe('203.0.113.0/24');
    expect(block('::FFFF:cb00:7100/120')).toBe('203.0.113.0/24');
    expect(block('::ffff:0:0/96')).toBe('0.0.0.0/0');
    expect(block('::ffff:203.0.113.7/120')).toBe('! ::ffff:203.0.113.7/120 has host bits set; did you mean 203.0.113.0/24?');
    expect(block('::ffff:203.0.113.0/95')).toMatch(/^! .*IPv4-mapped block needs a prefix length from 96 to 128/);
    expect(block('::ffff:203.0.113.0/129')).toMatch(/^! .*from 96 to 128/);
  });

  it('does not mistake an IPv4-compatible address (::a.b.c.d) for IPv4', () => {
    expect(block('::1.2.3.4')).toBe('::102:304/128');
  });

  it('bounds the prefix length per family', () => {
    expect(block('1.2.3.4/32')).toBe('1.2.3.4/32');
    expect(block('1.2.3.4/33')).toBe('! 1.2.3.4/33: the prefix length must be at most 32');
    expect(block('2001:db8::/128')).toBe('2001:db8::/128');
    expect(block('2001:db8::/129')).toBe('! 2001:db8::/129: the prefix length must be at most 128');
    for (const bad of ['1.2.3.4/', '1.2.3.4/-1', '1.2.3.4/x', '1.2.3.4/1000', '1.2.3.4/ 8', '1.2.3.4/8/8']) expect(block(bad), bad).toMatch(/^! /);
  });

  it('refuses garbage: empty, short or padded IPv4, hostnames, zone indexes, URL tricks', () => {
    expect(block('')).toBe('! Enter an address or a CIDR block');
    expect(block('   ')).toBe('! Enter an address or a CIDR block');
    for (const bad of [
      '1.2.3',
      '010.0.0.1',
      '1.2.3.256',
      '0x7f.0.0.1',
      'localhost',
      'fe80::1%eth0',
      'fe80::1%eth0/64',
      '::1]@example.com',
      '1:2:3:4:5:6:7:8:9',
      ':::',
    ]) {
      expect(block(bad), bad).toBe(`! ${bad} is not an IP address or CIDR block`);
    }
  });

  it('refuses input over 64 characters, quoting only its start', () => {
    const long = `2001:db8:${'0:'.repeat(30)}1`;
    expect(long.length).toBeGreaterThan(64);
    expect(block(long)).toBe(`! ${long.slice(0, 20)}… is not an IP address or CIDR block`);
  });
});

describe('blocksMatcher and addressAllowed', () => {
  const blocks = ['203.0.113.0/24', '198.51.100.7/32', '2001:db8::/32', '10.0.0.0/9'];

  it('matches IPv4 and IPv6 peers by prefix, at the edges of each block', () => {
    const allowed = blocksMatcher(blocks);
    for (const inside of ['203.0.113.0', '203.0.113.255', '198.51.100.7', '2001:db8::1', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '10.127.255.255'])
      expect(allowed(inside), inside).toBe(true);
    for (const outside of ['203.0.114.0', '203.0.112.255', '198.51.100.8', '2001:db9::', '10.128.0.0', '::1']) expect(allowed(outside), outside).toBe(false);
  });

  it('reads an IPv4-mapped IPv6 peer as IPv4, and never matches across families otherwise', () => {
    expect(addressAllowed('::ffff:203.0.113.9', blocks)).toBe(true);
    expect(addressAllowed('::ffff:cb00:7109', blocks)).toBe(true);
    expect(addressAllowed('::cb00:7109', blocks)).toBe(false);
    expect(
      addressAllowed(
        '203.0.113.9',
        ['::ffff:0:0/96'].map((b) => (parseCidr(b) as { block: string }).block),
      ),
    ).toBe(true);
    expect(addressAllowed('2001:db8::1', ['0.0.0.0/0'])).toBe(false);
    expect(addressAllowed('203.0.113.9', ['::/0'])).toBe(false);
  });

  it('matches nothing for an address that does not parse, or with no usable block', () => {
    expect(addressAllowed('garbage', ['0.0.0.0/0'])).toBe(false);
    expect(addressAllowed('', ['0.0.0.0/0'])).toBe(false);
    expect(addressAllowed('203.0.113.9', [])).toBe(false);
    expect(addressAllowed('203.0.113.9', ['not a block'])).toBe(false);
  });
});

describe('AllowedAddressesSchema', () => {
  it('canonicalizes each block and drops duplicates after canonicalization, keeping the first order', () => {
    expect(AllowedAddressesSchema.parse(['203.0.113.7', '2001:DB8::/32', '203.0.113.7/32', '::ffff:203.0.113.7', '2001:db8::/32'])).toEqual([
      '203.0.113.7/32',
      '2001:db8::/32',
    ]);
    expect(AllowedAddressesSchema.parse(null)).toBeNull();
  });

  it(`accepts 1–${ALLOWED_ADDRESSES_MAX} entries: 0 and ${ALLOWED_ADDRESSES_MAX + 1} are refused`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${i}.0/24`);
    expect(AllowedAddressesSchema.safeParse([]).success).toBe(false);
    expect(AllowedAddressesSchema.parse(many(1))).toHaveLength(1);
    expect(AllowedAddressesSchema.parse(many(ALLOWED_ADDRESSES_MAX))).toHaveLength(ALLOWED_ADDRESSES_MAX);
    const over = AllowedAddressesSchema.safeParse(many(ALLOWED_ADDRESSES_MAX + 1));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe(`At most ${ALLOWED_ADDRESSES_MAX} allowed addresses`);
  });

  it('reports each bad block at its index with its message', () => {
    const result = AllowedAddressesSchema.safeParse(['203.0.113.7', '203.0.113.7/24', 'nope']);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['1', '203.0.113.7/24 has host bits set; did you mean 203.0.113.0/24?'],
      ['2', 'nope is not an IP address or CIDR block'],
    ]);
  });

  it('the PUT body needs allowedAddresses (a list or null) and nothing else', () => {
    expect(SetAllowedAddressesBodySchema.parse({ allowedAddresses: null })).toEqual({ allowedAddresses: null });
    expect(SetAllowedAddressesBodySchema.safeParse({}).success).toBe(false);
    expect(SetAllowedAddressesBodySchema.safeParse({ allowedAddresses: null, extra: 1 }).success).toBe(false);
  });
});
