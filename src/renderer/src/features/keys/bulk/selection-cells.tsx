/**
 * The checkbox column of the keys table: one native checkbox per row (plain elements: every visible
 * row draws one on each keystroke) and the header's "select all matching" box. Shift+click selects
 * the range from the last toggled row; Space on a row's name toggles its box too (Enter opens it).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { rowStatus, STATUS_TEXT } from '../table/key-status';
import type { Selection } from './selection';

export function SelectCell({
  keyRow,
  index,
  selectable,
  selected,
  onToggle,
}: {
  keyRow: KeyRow;
  index: number;
  selectable: boolean;
  selected: boolean;
  onToggle: Selection['toggle'];
}) {
  // Why a box is disabled, in its name: "Select Billing (Revoked: can't be selected)".
  const reason = selectable ? '' : ` (${STATUS_TEXT[rowStatus(keyRow)].label}: can't be selected)`;
  return (
    <input
      type="checkbox"
      className="rk-checkbox"
      checked={selected}
      disabled={!selectable}
      aria-label={`Select ${keyRow.name}${reason}`}
      onChange={(event) => onToggle(index, (event.nativeEvent as MouseEvent).shiftKey === true)}
    />
  );
}

/** Space on the row's name toggles the row's box (Shift+Space: the range); the box handles its own Space. */
export function toggleOnSpace(event: KeyboardEvent<HTMLElement>, index: number, selectable: boolean, onToggle: Selection['toggle']) {
  if (event.key !== ' ' || !selectable) return;
  if (!(event.target as HTMLElement).classList.contains('rk-name-button')) return;
  event.preventDefault();
  onToggle(index, event.shiftKey);
}

export function SelectAllCheckbox({
  selected,
  selectable,
  onSelectAll,
  onClear,
}: {
  selected: number;
  selectable: number;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const all = selectable > 0 && selected === selectable;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selected > 0 && !all;
  }, [selected, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="rk-checkbox"
      checked={all}
      disabled={selectable === 0}
      aria-label={`Select all ${selectable} matching keys`}
      // Partly selected: a click completes the selection; all selected: it clears.
      onChange={() => (all ? onClear() : onSelectAll())}
    />
  );
}
