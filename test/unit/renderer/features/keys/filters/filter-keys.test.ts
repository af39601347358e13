import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filterKeys,
  filterKeysCounted,
  sortKeys,
  type KeyFilters,
} from '../../../../../../src/renderer/src/features/keys/filters/filter-keys';
import { canRevoke, rowStatus } from '../../../../../../src/renderer/src/features/keys/table/key-status';
import { generateKeys, makeKey } from '../../../../../helpers/fake-bridge';

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

  it('judges a key by the clock at filtering time once its expiry passed after sorting, and counts the selectable keys', () => {
    // Sorted now (the keys' statuses are read then), filtered later: the expiry in between counts.
    const soon = makeKey({ name: 'Soon', expiresAt: iso(Date.now() + DAY) });
    const sorted = sortKeys([...keys, soon], { column: 'name', direction: 'ascending' });
    const before = filterKeysCounted(sorted, { ...all, status: 'expired' }, Date.now());
    expect(before.keys.map((k) => k.name)).toEqual([]);
    const after = filterKeysCounted(sorted, all, Date.now() + 2 * DAY);
    expect(filterKeys(sorted, { ...all, status: 'expired' }, Date.now() + 2 * DAY).map((k) => k.name)).toEqual(['Soon']);
    // Fresh, Old unused, Stale (Soon has expired; Gone is revoked, Leaving already pending).
    expect(after.selectable).toBe(3);
    expect(filterKeysCounted(sorted, all, Date.now()).selectable).toBe(4);
  });

  it('filters 10,000 keys per keystroke in well under a frame', () => {
    const sorted = sortKeys(generateKeys(10_000), { column: 'created', direction: 'descending' });
    const started = performance.now();
    for (const query of ['d', 'da', 'dat', 'data']) filterKeys(sorted, { ...DEFAULT_FILTERS, query });
    expect((performance.now() - started) / 4).toBeLessThan(16);
  });
});

describe('the Suspended status filter', () => {
  it('shows keys the server holds suspended (a resume still queued included), nothing else', () => {
    const now = Date.parse('2026-11-29T10:00:00.000Z');
    const suspension = { at: '2026-11-28T10:00:00.000Z', by: null, reason: 'Leaked?' };
    const queuedAt = '2026-11-29T09:00:00.000Z';
    const pending = (action: 'suspend' | 'resume') => ({ outboxId: action, action, state: 'queued' as const, error: null, queuedAt, mayBeApplied: false });
    const keys = [
      makeKey({ name: 'Off', status: 'suspended', suspension }),
      makeKey({ name: 'Coming back', status: 'suspended', suspension, pending: pending('resume') }),
      makeKey({ name: 'Going off', pending: pending('suspend') }),
      makeKey({ name: 'On' }),
    ];
    const shown = filterKeys(sortKeys(keys, { column: 'name', direction: 'ascending' }), { ...DEFAULT_FILTERS, status: 'suspended' }, now);
    expect(shown.map((k) => k.name)).toEqual(['Coming back', 'Off']);
    expect(shown.every((k) => canRevoke(k, now))).toBe(true);
    expect(rowStatus(shown[0]!, now)).toBe('resume-pending');
  });
});
