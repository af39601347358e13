/** The incident shortcuts of the keys filters: created by, last used before a date. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  creatorsOf,
  filterKeys,
  sortKeys,
  startOfLocalDay,
  type KeyFilters,
} from '../../../../../../src/renderer/src/features/keys/filters/filter-keys';
import { makeKey } from '../../../../../helpers/fake-bridge';

const ANA = { id: 'ana', name: 'Ana' };
const BEN = { id: 'ben', name: 'Ben' };
const local = (y: number, m: number, d: number, h = 0) => new Date(y, m - 1, d, h).toISOString();

const keys = [
  makeKey({ name: 'Ana writer', createdBy: ANA, capabilities: ['data-record:write'], lastUsedAt: local(2026, 11, 10, 12) }),
  makeKey({ name: 'Ana reader', createdBy: ANA, capabilities: ['data-record:read'], lastUsedAt: local(2026, 11, 1) }),
  makeKey({ name: 'Ben writer', createdBy: BEN, capabilities: ['data-record:write'], lastUsedAt: null }),
  makeKey({ name: 'Seed key', createdBy: null, capabilities: ['data-record:write'], lastUsedAt: local(2026, 11, 9, 23) }),
];
const names = (filters: Partial<KeyFilters>) =>
  filterKeys(sortKeys(keys, { column: 'name', direction: 'ascending' }), { ...DEFAULT_FILTERS, ...filters }).map((k) => k.name);

describe('incident filters', () => {
  it('"every key that can write records, created by Ana"', () => {
    expect(names({ capability: 'data-record:write', createdBy: 'ana' })).toEqual(['Ana writer']);
    expect(names({ createdBy: 'ben' })).toEqual(['Ben writer']);
  });

  it('"last used before" a day: used before its start, or never used', () => {
    expect(names({ lastUsedBefore: '2026-11-10' })).toEqual(['Ana reader', 'Ben writer', 'Seed key']);
    expect(names({ lastUsedBefore: '2026-11-02' })).toEqual(['Ana reader', 'Ben writer']);
    // Not a date (a half-typed field): no filter rather than nothing shown.
    expect(names({ lastUsedBefore: '2026-1' })).toHaveLength(4);
  });

  it('the "Created by" choices: each person once, by name; keys made by no person are left out', () => {
    expect(creatorsOf(keys)).toEqual([ANA, BEN]);
  });

  it('reads a date as the start of that local day', () => {
    expect(startOfLocalDay('2026-11-10')).toBe(new Date(2026, 10, 10).getTime());
    expect(startOfLocalDay('10/11/2026')).toBeNull();
  });
});
