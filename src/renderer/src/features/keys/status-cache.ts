/**
 * A key's status and whether it can be revoked, remembered per key row. `rowStatus(key, now)` depends on
 * the clock only through the key's own time points (its expiry, its scheduled retirement): between two
 * of them it cannot change, so the answer is kept with the span of time it holds for and reused while
 * `now` stays in it. The filter and the selection ask this for up to 10,000 keys on each search
 * keystroke; the cache turns each question into a WeakMap lookup instead of parsing dates again.
 * Rows are immutable (a refreshed list brings new objects), so keying by the object is exact.
 */
import type { KeyRow } from '../../../../shared/ipc/contract';
import { canRevoke, rowStatus, type RowStatus } from './key-status';

interface Entry {
  status: RowStatus;
  selectable: boolean;
  /** The answer holds for from ≤ now < until. */
  from: number;
  until: number;
}

const cache = new WeakMap<KeyRow, Entry>();

function entryAt(key: KeyRow, now: number): Entry {
  const hit = cache.get(key);
  if (hit && now >= hit.from && now < hit.until) return hit;
  // rowStatus compares each time point with `Date.parse(point) <= now`: the answer changes exactly at
  // a point, so it holds from the latest point already passed until the next one to come.
  let from = -Infinity;
  let until = Infinity;
  for (const iso of [key.expiresAt, key.scheduledRevocation?.at]) {
    if (iso == null) continue;
    const at = Date.parse(iso);
    if (Number.isNaN(at)) continue;
    if (at <= now) from = Math.max(from, at);
    else until = Math.min(until, at);
  }
  const entry = { status: rowStatus(key, now), selectable: canRevoke(key, now), from, until };
  cache.set(key, entry);
  return entry;
}

/** `rowStatus(key, now)`, remembered. */
export function statusAt(key: KeyRow, now: number = Date.now()): RowStatus {
  return entryAt(key, now).status;
}

/** `canRevoke(key, now)` (can be selected for a bulk revoke), remembered. */
export function selectableAt(key: KeyRow, now: number = Date.now()): boolean {
  return entryAt(key, now).selectable;
}

/** How many of `keys` can be selected for a bulk revoke now. */
export function countSelectable(keys: readonly KeyRow[]): number {
  const now = Date.now();
  let count = 0;
  for (const key of keys) if (entryAt(key, now).selectable) count++;
  return count;
}
