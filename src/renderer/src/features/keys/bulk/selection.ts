/**
 * Which keys are selected for a bulk revoke. Only keys that can be revoked are selectable (not a
 * revoked or expired key, nor one whose revocation is already pending): they are skipped by every way
 * of selecting, so the count on "Revoke N keys" is exactly what will be revoked. A selection belongs to
 * the filters it was made under: changing the search or a filter starts a new one, so no key hidden by
 * the current filter can be revoked by accident.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { canRevoke } from '../table/key-status';

export interface Selection {
  /** Selected keys, in the table's order. */
  rows: KeyRow[];
  has(id: string): boolean;
  /** How many of the matching keys can be selected. */
  selectableCount: number;
  isSelectable(key: KeyRow): boolean;
  /** Toggles the row at `index`; with `range`, every selectable row from the last toggled one takes its new state. */
  toggle(index: number, range: boolean): void;
  selectAll(): void;
  clear(): void;
}

/** Ids of `rows[from..to]` (either order) that can be selected. */
export function idsInRange(rows: readonly KeyRow[], from: number, to: number, selectable: (key: KeyRow) => boolean): string[] {
  const ids: string[] = [];
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const key = rows[i];
    if (key && selectable(key)) ids.push(key.id);
  }
  return ids;
}

const NONE: ReadonlySet<string> = new Set();
const NO_ROWS: KeyRow[] = [];

/**
 * `selectable`: how many of `visible` can be selected, when the caller counted them already (the
 * filter's pass does, see filterKeysCounted); otherwise counted here.
 */
export function useSelection(visible: readonly KeyRow[], scope: unknown, selectable?: number): Selection {
  const [state, setState] = useState<{ scope: unknown; ids: ReadonlySet<string>; anchor: number | null }>({ scope, ids: NONE, anchor: null });
  const ids = state.scope === scope ? state.ids : NONE;
  // The minute tick is not needed here: a key that expires while selected is dropped at the next list refresh.
  // Run on every search keystroke over up to 10,000 keys: the count comes from the filter's own pass
  // (which reads each key's status as of sorting while it still holds), else a count and no Set of
  // them; with nothing selected, no pass over the list at all for `rows`.
  const selectableCount = useMemo(() => {
    if (selectable !== undefined) return selectable;
    let count = 0;
    for (const key of visible) if (canRevoke(key)) count++;
    return count;
  }, [visible, selectable]);
  const isSelectable = useCallback((key: KeyRow) => canRevoke(key), []);
  const rows = useMemo(() => (ids.size === 0 ? NO_ROWS : visible.filter((key) => ids.has(key.id) && canRevoke(key))), [visible, ids]);

  // Callbacks stay the same across renders (rows are memoised on them) and read the latest list here.
  const latest = useRef({ visible, isSelectable, scope });
  useLayoutEffect(() => {
    latest.current = { visible, isSelectable, scope };
  });

  const toggle = useCallback((index: number, range: boolean) => {
    setState((previous) => {
      const { visible: rowsNow, isSelectable: selectable, scope: scopeNow } = latest.current;
      const base = previous.scope === scopeNow ? previous : { scope: scopeNow, ids: NONE, anchor: null };
      const key = rowsNow[index];
      if (!key || !selectable(key)) return base;
      const next = new Set(base.ids);
      const checked = !next.has(key.id);
      const ids = range && base.anchor !== null ? idsInRange(rowsNow, base.anchor, index, selectable) : [key.id];
      for (const id of ids) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return { scope: scopeNow, ids: next, anchor: index };
    });
  }, []);

  const selectAll = useCallback(() => {
    const { visible: rowsNow, isSelectable: selectable, scope: scopeNow } = latest.current;
    setState({ scope: scopeNow, ids: new Set(rowsNow.filter(selectable).map((key) => key.id)), anchor: null });
  }, []);
  const clear = useCallback(() => setState({ scope: latest.current.scope, ids: NONE, anchor: null }), []);
  // Selected and still selectable (a key that became pending meanwhile is not shown as selected).
  const selectedIds = useMemo(() => (rows.length === 0 ? NONE : new Set(rows.map((key) => key.id))), [rows]);
  const has = useCallback((id: string) => selectedIds.has(id), [selectedIds]);

  // One object per change, so the memoised table redraws only when the selection or the list changes.
  return useMemo(
    () => ({ rows, has, selectableCount, isSelectable, toggle, selectAll, clear }),
    [rows, has, selectableCount, isSelectable, toggle, selectAll, clear],
  );
}
