/**
 * One key can be known from several answers (the list, its details, the row it was opened from):
 * the one that arrived last wins, so a revoke seen by any of them is never hidden by an older one.
 */
import type { KeyRow } from '@shared/ipc/contract';

export interface RowSighting {
  row: KeyRow | undefined;
  /** When that answer arrived (TanStack's `dataUpdatedAt`; 0 if never). */
  updatedAt: number;
}

export function freshestRow(fallback: KeyRow, sightings: RowSighting[]): KeyRow {
  let best: KeyRow = fallback;
  let bestAt = -Infinity;
  for (const { row, updatedAt } of sightings) {
    if (row && updatedAt > bestAt) {
      best = row;
      bestAt = updatedAt;
    }
  }
  return best;
}
