import { describe, expect, it } from 'vitest';
import { cleanUserAgent, clientAddressOf } from '../../../../../src/server/modules/activity/client-source.js';

describe('user agents as stored', () => {
  it('removes control characters, cuts to 200 characters without splitting a surrogate pair, and makes empty null', () => {
    expect(cleanUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(cleanUserAgent('a\u0000b\u001bc\u007fd\u0085e')).toBe('abcde');
    expect(cleanUserAgent(`${'x'.repeat(199)}😀tail`)).toBe(`${'x'.repeat(199)}😀`);
    expect(cleanUserAgent('y'.repeat(500))).toHaveLength(200);
    expect(cleanUserAgent('')).toBeNull();
    expect(cleanUserAgent('\u0000\u0001')).toBeNull();
    expect(cleanUserAgent(undefined)).toBeNull();
  });
});

describe('client address of a request', () => {
  it('is request.ip normalized, or null', () => {
    expect(clientAddressOf({ ip: '::ffff:198.51.100.1' })).toBe('198.51.100.1');
    expect(clientAddressOf({ ip: 'unknown' })).toBeNull();
    expect(clientAddressOf({ ip: undefined as unknown as string })).toBeNull();
  });
});
