/**
 * "Needs attention" flags for the table, the filter and the drawer. The flags themselves are computed
 * in main (src/main/keys/key-flags.ts) from the cached list and usage; their words are the shared
 * wording (shared/wording/key-flags.ts, also the inventory export's), re-exported here; this file
 * orders them by urgency and counts them.
 */
import { FLAG_KINDS, type FlagKind, type KeyFlag } from '@shared/ipc/key-flags';
import type { KeyRow } from '@shared/ipc/contract';
import { compareInstants } from '@shared/instant';

export { FLAG_FILTER_LABEL, flagDetail, flagLabel } from '@shared/wording/key-flags';

/**
 * Most urgent first: the row shows the first one and counts the rest. A refusal or a new address on an
 * established key is a possible leak — someone else may hold the secret — so both come before an
 * expiry (planned, and reminded of) and before the advice about unused keys and permissions.
 */
const URGENCY: FlagKind[] = ['expired', 'refused-requests', 'new-address', 'expires-soon', 'unused-permissions', 'never-used', 'unused-90-days'];

/** Flags the row draws in the warning colour: the key has ended or ends soon, or may have leaked. */
export const URGENT_FLAGS: ReadonlySet<FlagKind> = new Set(['expired', 'expires-soon', 'refused-requests', 'new-address']);

export function byUrgency(flags: readonly KeyFlag[]): KeyFlag[] {
  return [...flags].sort((a, b) => URGENCY.indexOf(a.kind) - URGENCY.indexOf(b.kind));
}

export type FlagCounts = Record<FlagKind | 'any-flag', number>;

export function countFlags(keys: readonly KeyRow[]): FlagCounts {
  const counts = Object.fromEntries([...FLAG_KINDS, 'any-flag'].map((kind) => [kind, 0])) as FlagCounts;
  for (const key of keys) {
    if (key.flags.length > 0) counts['any-flag'] += 1;
    for (const flag of key.flags) counts[flag.kind] += 1;
  }
  return counts;
}

/**
 * How fresh the flags are: the list's last sync, the oldest usage among the keys that have some
 * (usage is fetched per key, after list syncs; `unknownUsage`: active keys with no usage fetched yet),
 * and the activity summary's fetch (one for the fleet, after list syncs; null: never fetched).
 */
export function flagsFreshness(
  keys: readonly KeyRow[],
  syncedAt: string | null,
  activityFetchedAt: string | null,
): { syncedAt: string | null; oldestUsage: string | null; unknownUsage: number; activityFetchedAt: string | null } {
  let oldestUsage: string | null = null;
  let unknownUsage = 0;
  for (const key of keys) {
    if (key.status !== 'active' || key.pending?.action === 'create') continue;
    if (key.usageFetchedAt === null) unknownUsage += 1;
    else if (oldestUsage === null || compareInstants(key.usageFetchedAt, oldestUsage) < 0) oldestUsage = key.usageFetchedAt;
  }
  return { syncedAt, oldestUsage, unknownUsage, activityFetchedAt };
}
