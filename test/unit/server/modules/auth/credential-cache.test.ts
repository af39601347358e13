import { describe, expect, it } from 'vitest';
import { createCredentialCache } from '../../../../../src/server/modules/auth/credential-cache.js';

describe('credential cache', () => {
  it('serves an entry only under the exact epoch it was read with', () => {
    const cache = createCredentialCache<{ id: string }>(10);
    cache.remember('h', { row: { id: 'k' }, epoch: 4, validUntil: Infinity });
    expect(cache.current('h', 4, 0)?.row.id).toBe('k');
    expect(cache.current('h', 3, 0)).toBeUndefined();
    expect(cache.current('h', 5, 0)).toBeUndefined();
    // A newer epoch empties the cache: the entry is gone even if an old epoch is read again.
    expect(cache.current('h', 4, 0)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('refuses an entry once the clock passes its validity, without any lookup or epoch change', () => {
    const cache = createCredentialCache<{ id: string }>(10);
    cache.remember('h', { row: { id: 'k' }, epoch: 1, validUntil: 1_000 });
    expect(cache.current('h', 1, 999)).toBeDefined();
    expect(cache.current('h', 1, 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep a row read under an epoch older than one already seen', () => {
    const cache = createCredentialCache<{ id: string }>(10);
    cache.current('x', 7, 0);
    cache.remember('h', { row: { id: 'k' }, epoch: 6, validUntil: Infinity });
    expect(cache.size).toBe(0);
  });

  it('empties itself when the epoch goes back (a restored database), so an old entry never matches a later climb', () => {
    const cache = createCredentialCache<{ id: string }>(10);
    cache.remember('h', { row: { id: 'k' }, epoch: 5, validUntil: Infinity });
    expect(cache.current('h', 5, 0)).toBeDefined();
    expect(cache.current('other', 3, 0)).toBeUndefined();
    // Epochs 4 and 5 now stand for revocations the entry never saw.
    expect(cache.current('h', 5, 0)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('remembers nothing with size 0', () => {
    const cache = createCredentialCache<{ id: string }>(0);
    cache.remember('h', { row: { id: 'k' }, epoch: 1, validUntil: Infinity });
    expect(cache.current('h', 1, 0)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const cache = createCredentialCache<{ id: string }>(2);
    for (const h of ['a', 'b']) cache.remember(h, { row: { id: h }, epoch: 1, validUntil: Infinity });
    cache.current('a', 1, 0);
    cache.remember('c', { row: { id: 'c' }, epoch: 1, validUntil: Infinity });
    expect(cache.current('a', 1, 0)).toBeDefined();
    expect(cache.current('b', 1, 0)).toBeUndefined();
  });
});
