/**
 * A found key as the results list shows it. For a key of ours the row comes from the keys list when
 * that list has it (fresher than the scan's answer: a revoke made since, or one queued offline, shows
 * at once) and from the scan's answer otherwise.
 */
import type { FoundKey, IdentifyResult } from '@shared/ipc/identify';
import type { KeyRow } from '@shared/ipc/contract';
import { canRevoke } from '../keys/table/key-status';

export interface FoundKeyView {
  found: FoundKey;
  /** Our key as it is now; null for a key that is not ours or not named (offline). */
  row: KeyRow | null;
}

export function foundKeyViews(result: IdentifyResult, listed: readonly KeyRow[] | undefined): FoundKeyView[] {
  const byId = new Map((listed ?? []).map((row) => [row.id, row]));
  return result.keys.map((found) => {
    if (found.match.kind !== 'ours') return { found, row: null };
    const key = found.match.key;
    return { found, row: byId.get(key.id) ?? { ...key, pending: null, rotatesKeyId: null, flags: [], usageFetchedAt: null, allowedAddressesPending: false } };
  });
}

/** Our keys among the found ones that still work (or may): what "Revoke N keys" revokes. */
export function revocableKeys(views: readonly FoundKeyView[], now: number = Date.now()): KeyRow[] {
  return views.flatMap((view) => (view.row && canRevoke(view.row, now) ? [view.row] : []));
}

/** "Line 12, column 5". */
export function positionText(position: FoundKey['firstSeen']): string {
  return `Line ${position.line.toLocaleString('en-US')}, column ${position.column.toLocaleString('en-US')}`;
}

export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
