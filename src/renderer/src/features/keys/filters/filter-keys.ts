/**
 * Search, filters and sort for the keys table, as pure functions so they are tested directly and stay
 * cheap at 10,000 keys: sorting (the costly part) is memoised per list and sort order, and a
 * keystroke only runs one linear pass of precomputed lower-case names over the sorted list.
 */
import type { CapabilitySlug } from '@shared/capabilities';
import type { KeyRow } from '@shared/ipc/contract';
import type { FlagKind } from '@shared/ipc/key-flags';
import { DAY_MS } from '../../../lib/time';
import { canRevoke, rowStatus } from '../table/key-status';

export type StatusFilter = 'all' | 'active' | 'pending' | 'suspended' | 'revoked' | 'expired';
export type ImpersonationFilter = 'any' | 'yes' | 'no';
export type UsageFilter = 'any' | 'never' | 'unused-90';
/** "Needs attention": any flag, or one kind of flag (flags come from main, see key-flags.ts). */
export type AttentionFilter = 'any' | 'any-flag' | FlagKind;
export type SortColumn = 'name' | 'lastUsed' | 'created';
export interface SortOrder {
  column: SortColumn;
  direction: 'ascending' | 'descending';
}

export interface KeyFilters {
  query: string;
  status: StatusFilter;
  capability: CapabilitySlug | 'any';
  impersonation: ImpersonationFilter;
  usage: UsageFilter;
  attention: AttentionFilter;
  /** Incident shortcuts: the id of the person who created the key ('any': anyone). */
  createdBy: string;
  /**
   * A date (YYYY-MM-DD, local): keys not used since before it — last used before that day, or never
   * used (a key never used has not been used since either). '' : any.
   */
  lastUsedBefore: string;
  /**
   * Incident shortcut "Used from": a normalized IP address ('' : any). Which keys it used is the
   * server's answer (keys:used-from), passed to the filter as `usedFromIds`.
   */
  usedFrom: string;
}

export const DEFAULT_FILTERS: KeyFilters = {
  query: '',
  status: 'active',
  capability: 'any',
  impersonation: 'any',
  usage: 'any',
  createdBy: 'any',
  lastUsedBefore: '',
  usedFrom: '',
  attention: 'any',
};
export const DEFAULT_SORT: SortOrder = { column: 'created', direction: 'descending' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The start of a local YYYY-MM-DD day in epoch ms, or null for anything else. */
export function startOfLocalDay(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const ms = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** The people who created keys in the list, by name, for the "Created by" filter. */
export function creatorsOf(keys: readonly KeyRow[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const key of keys) if (key.createdBy) byId.set(key.createdBy.id, key.createdBy.name);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name));
}

export interface IndexedKey {
  key: KeyRow;
  /** The key's status and whether it can be selected for a bulk revoke, as of `statusFrom ≤ now < statusUntil`. */
  status: ReturnType<typeof rowStatus>;
  selectable: boolean;
  /**
   * The span of time `status` and `selectable` hold for: a key's status changes with the clock only at
   * its own time points (its expiry, its scheduled retirement), so between them a keystroke reads them
   * here instead of parsing dates again.
   */
  statusFrom: number;
  statusUntil: number;
  searchName: string;
  createdMs: number;
  lastUsedMs: number | null;
}

/**
 * The span around `now` between the key's time points, in which its status cannot change (see
 * rowStatus): most keys have none, so nothing is allocated or parsed for them.
 */
function statusSpan(key: KeyRow, now: number): { from: number; until: number } {
  const expires = key.expiresAt;
  const retires = key.scheduledRevocation?.at ?? null;
  if (expires === null && retires === null) return ALWAYS;
  let from = -Infinity;
  let until = Infinity;
  for (const iso of [expires, retires]) {
    if (iso === null) continue;
    const at = Date.parse(iso);
    if (Number.isNaN(at)) continue;
    // rowStatus says a point has passed once `at <= now`: the status changes exactly at a point.
    if (at <= now) from = Math.max(from, at);
    else until = Math.min(until, at);
  }
  return { from, until };
}
const ALWAYS = { from: -Infinity, until: Infinity };

function compare(a: IndexedKey, b: IndexedKey, column: SortColumn): number {
  switch (column) {
    case 'name':
      return collator.compare(a.key.name, b.key.name);
    case 'created':
      return a.createdMs - b.createdMs;
    case 'lastUsed':
      // Never-used keys sort as the oldest use.
      return (a.lastUsedMs ?? -Infinity) - (b.lastUsedMs ?? -Infinity) || 0;
  }
}

/** Indexes and sorts once per list / sort order. */
export function sortKeys(keys: readonly KeyRow[], sort: SortOrder): IndexedKey[] {
  const now = Date.now();
  const indexed = keys.map((key): IndexedKey => {
    const span = statusSpan(key, now);
    return {
      key,
      status: rowStatus(key, now),
      selectable: canRevoke(key, now),
      statusFrom: span.from,
      statusUntil: span.until,
      searchName: key.name.toLowerCase(),
      createdMs: Date.parse(key.createdAt),
      lastUsedMs: key.lastUsedAt ? Date.parse(key.lastUsedAt) : null,
    };
  });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  indexed.sort((a, b) => sign * compare(a, b, sort.column) || collator.compare(a.key.name, b.key.name));
  return indexed;
}

/** The keys the search and filters show, in order, and how many of them can be selected for a bulk revoke. */
export interface Filtered {
  keys: KeyRow[];
  selectable: number;
}

/**
 * "Not used in 90 days" counts from creation for never-used keys, so a key made yesterday is not
 * reported as stale. One pass, which also counts the selectable keys (the selection's "Select all N").
 * `usedFromIds`: the server's answer for `filters.usedFrom` (the caller shows no list until it has one).
 */
export function filterKeysCounted(
  sorted: readonly IndexedKey[],
  filters: KeyFilters,
  now: number = Date.now(),
  usedFromIds: ReadonlySet<string> | null = null,
): Filtered {
  const query = filters.query.trim().toLowerCase();
  const staleBefore = now - 90 * DAY_MS;
  const usedBefore = startOfLocalDay(filters.lastUsedBefore);
  const result: KeyRow[] = [];
  let selectable = 0;
  for (const entry of sorted) {
    const { key } = entry;
    if (query && !entry.searchName.includes(query)) continue;
    // Sorting happened at some earlier time: outside the span its status held for, a key is judged as of now.
    const current = now >= entry.statusFrom && now < entry.statusUntil;
    if (filters.status !== 'all') {
      const status = current ? entry.status : rowStatus(key, now);
      if (filters.status === 'revoked' && status !== 'revoked') continue;
      if (filters.status === 'expired' && status !== 'expired') continue;
      // Switched off on the server (a queued resume included: it is still refused until that lands).
      if (filters.status === 'suspended' && (key.status !== 'suspended' || status === 'revoked' || status === 'expired')) continue;
      if (filters.status === 'active' && status === 'revoked') continue;
      if (filters.status === 'pending' && key.pending === null) continue;
    }
    if (filters.capability !== 'any' && !key.capabilities.includes(filters.capability)) continue;
    if (filters.impersonation === 'yes' && !key.canImpersonate) continue;
    if (filters.impersonation === 'no' && key.canImpersonate) continue;
    if (filters.usage === 'never' && entry.lastUsedMs !== null) continue;
    if (filters.usage === 'unused-90' && (entry.lastUsedMs ?? entry.createdMs) >= staleBefore) continue;
    if (filters.attention === 'any-flag' && key.flags.length === 0) continue;
    if (filters.attention !== 'any' && filters.attention !== 'any-flag' && !key.flags.some((flag) => flag.kind === filters.attention)) continue;
    if (filters.createdBy !== 'any' && key.createdBy?.id !== filters.createdBy) continue;
    if (usedBefore !== null && entry.lastUsedMs !== null && entry.lastUsedMs >= usedBefore) continue;
    if (filters.usedFrom !== '' && usedFromIds !== null && !usedFromIds.has(key.id)) continue;
    result.push(key);
    if (current ? entry.selectable : canRevoke(key, now)) selectable++;
  }
  return { keys: result, selectable };
}

/** The keys the search and filters show, in order (see filterKeysCounted). */
export function filterKeys(sorted: readonly IndexedKey[], filters: KeyFilters, now: number = Date.now()): KeyRow[] {
  return filterKeysCounted(sorted, filters, now).keys;
}

export function filtersActive(filters: KeyFilters): boolean {
  return (Object.keys(DEFAULT_FILTERS) as (keyof KeyFilters)[]).some((name) => filters[name] !== DEFAULT_FILTERS[name]);
}
