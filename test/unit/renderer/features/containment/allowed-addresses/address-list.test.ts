/** The allowed-addresses box as pure functions: per-line issues, the 50-block bound, sources in and out. */
import { describe, expect, it } from 'vitest';
import {
  blocksFromSources,
  checkAddressList,
  listIsValid,
  refusedSources,
  textOf,
} from '../../../../../../src/renderer/src/features/containment/allowed-addresses/address-list';
import type { ActivitySource } from '../../../../../../src/shared/http/activity';

const source = (address: string, lastSeenAt = '2026-11-19T08:00:00.000Z', userAgent: string | null = 'curl/8.4'): ActivitySource => ({
  address,
  userAgent,
  firstSeenAt: '2026-11-01T08:00:00.000Z',
  lastSeenAt,
  requests: 3,
});

describe('checkAddressList', () => {
  it('canonical blocks in the order typed, each once; blank lines skipped', () => {
    const check = checkAddressList('203.0.113.7\n\n  2001:DB8::/32 \n203.0.113.7/32\r\n::ffff:198.51.100.0/120', null);
    expect(check).toEqual({ blocks: ['203.0.113.7/32', '2001:db8::/32', '198.51.100.0/24'], issues: [], listError: null });
    expect(listIsValid(check)).toBe(true);
  });

  it('says what is wrong on which line, suggesting the network for host bits', () => {
    const check = checkAddressList('10.0.0.0/8\n10.1.2.3/16\nexample.com\n192.0.2.0/33', null);
    expect(check.blocks).toEqual(['10.0.0.0/8']);
    expect(check.issues).toEqual([
      { line: 2, message: '10.1.2.3/16 has host bits set; did you mean 10.1.0.0/16?' },
      { line: 3, message: 'example.com is not an IP address or CIDR block' },
      { line: 4, message: '192.0.2.0/33: the prefix length must be at most 32' },
    ]);
    expect(listIsValid(check)).toBe(false);
  });

  it('at most 50 distinct blocks, and an empty box is an error only where a list is required', () => {
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`).join('\n');
    expect(checkAddressList(fiftyOne, null).listError).toBe('At most 50 addresses or blocks: remove 1, or use wider blocks.');
    const fiftyTwice = Array.from({ length: 100 }, (_, i) => `10.0.${i % 50}.0/24`).join('\n');
    expect(checkAddressList(fiftyTwice, null).listError).toBeNull();
    expect(checkAddressList('  \n', null)).toEqual({ blocks: [], issues: [], listError: null });
    expect(checkAddressList('', 'Required').listError).toBe('Required');
  });

  it('textOf: one block per line; nothing for "from any address"', () => {
    expect(textOf(['10.0.0.0/8', '::1/128'])).toBe('10.0.0.0/8\n::1/128');
    expect(textOf(null)).toBe('');
  });
});

describe('sources', () => {
  it('blocksFromSources: one single-address block per distinct address, most recent first, at most 50', () => {
    expect(blocksFromSources([source('203.0.113.7'), source('203.0.113.7', undefined, 'other'), source('2001:db8::1')])).toEqual({
      blocks: ['203.0.113.7/32', '2001:db8::1/128'],
      leftOut: 0,
    });
    const many = Array.from({ length: 53 }, (_, i) => source(`198.51.100.${i}`));
    const filled = blocksFromSources(many);
    expect(filled.blocks).toHaveLength(50);
    expect(filled.blocks[0]).toBe('198.51.100.0/32');
    expect(filled.leftOut).toBe(3);
  });

  it('refusedSources: the sources outside the list, each address once; none for any address', () => {
    const sources = [source('203.0.113.7'), source('198.51.100.9'), source('198.51.100.9', '2026-11-01T00:00:00.000Z'), source('::ffff:203.0.113.8')];
    expect(refusedSources(sources, ['203.0.113.0/24']).map((s) => s.address)).toEqual(['198.51.100.9']);
    expect(refusedSources(sources, ['198.51.100.9/32']).map((s) => s.address)).toEqual(['203.0.113.7', '::ffff:203.0.113.8']);
    expect(refusedSources(sources, null)).toEqual([]);
  });
});
