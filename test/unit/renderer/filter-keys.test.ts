import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filterKeys, sortKeys, type KeyFilters } from '../../../src/renderer/src/features/keys/filter-keys';
import { canRevoke, rowStatus } from '../../../src/renderer/src/features/keys/key-status';
import { generateKeys, makeKey } from '../../helpers/fake-bridge';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const all: KeyFilters = { ...DEFAULT_FILTERS, status: 'all' };

describe('filterKeys / sortKeys', () => {
  const keys = [
    makeKey({ name: 'Fresh', createdAt: iso(NOW - 2 * DAY), lastUsedAt: null }),
    makeKey({ name: 'Stale', createdAt: iso(NOW - 300 * DAY), lastUsedAt: iso(NOW - 100 * DAY) }),
    makeKey({ name: 'Old unused', createdAt: iso(NOW - 200 * DAY), lastUsedAt: null }),
    makeKey({ name: 'Gone', status: 'revoked', revokedAt: iso(NOW - DAY) }),
    makeKey({ name: 'Leaving', pending: { outboxId: 'o', action: 'revoke', state: 'queued', error: null, queuedAt: iso(NOW), mayBeApplied: false } }),
  ];
  const names = (filters: KeyFilters) => filterKeys(sortKeys(keys, { column: 'name', direction: 'ascending' }), filters, NOW).map((k) => k.name);

  it('"Not used in 90 days" counts never-used keys from their creation', () => {
    expect(names({ ...all, usage: 'unused-90' })).toEqual(['Old unused', 'Stale']);
  });

  it('"Never used" is keys with no last use', () => {
    expect(names({ ...all, usage: 'never' })).toEqual(['Fresh', 'Old unused']);
  });

  it('status: not revoked (default), pending, revoked', () => {
    expect(names(DEFAULT_FILTERS)).toEqual(['Fresh', 'Leaving', 'Old unused', 'Stale']);
    expect(names({ ...all, status: 'pending' })).toEqual(['Leaving']);
    expect(names({ ...all, status: 'revoked' })).toEqual(['Gone']);
  });

  it('search is case-insensitive and trimmed', () => {
    expect(names({ ...all, query: '  OLD ' })).toEqual(['Old unused']);
  });

  it('sorts never-used keys as the oldest use, and ties by name', () => {
    const sorted = sortKeys(keys, { column: 'lastUsed', direction: 'descending' }).map((e) => e.key.name);
    expect(sorted.slice(-2)).toEqual(['Fresh', 'Old unused']);
  });

  it('row status and what can still be revoked', () => {
    expect(keys.map(rowStatus)).toEqual(['active', 'active', 'active', 'revoked', 'revocation-pending']);
    expect(keys.map((key) => canRevoke(key))).toEqual([true, true, true, false, false]);
  });

  it('filters 10,000 keys per keystroke in well under a frame', () => {
    const sorted = sortKeys(generateKeys(10_000), { column: 'created', direction: 'descending' });
    const started = performance.now();
    for (const query of ['d', 'da', 'dat', 'data']) filterKeys(sorted, { ...DEFAULT_FILTERS, query });
    expect((performance.now() - started) / 4).toBeLessThan(16);
  });
});
