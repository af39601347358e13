/**
 * One click cancels a key's planned retirement: in the row, a small "×" right after "Retires in 23
 * hours" (the row's actions column has room for Revoke only; the control sits beside what it undoes),
 * and a "Cancel retirement" button in the details drawer. Both are shown only while
 * `canCancelRetirement` says there is a plan to cancel and no cancellation on its way.
 */
import { Button } from '@mantine/core';
import type { KeyRow } from '@shared/ipc/contract';
import { canCancelRetirement } from '../table/key-status';
import { useCancelRetirement } from './retirement-hooks';

/** Plain elements: drawn in the virtualised table's rows (see keys-table.tsx). */
export function CancelRetirementInline({ keyRow, now }: { keyRow: KeyRow; now: number }) {
  if (!canCancelRetirement(keyRow, now)) return null;
  return <CancelRetirementIcon keyRow={keyRow} />;
}

function CancelRetirementIcon({ keyRow }: { keyRow: KeyRow }) {
  const cancel = useCancelRetirement();
  return (
    <button
      type="button"
      className="rk-icon-button"
      title="Cancel retirement"
      aria-label={`Cancel retirement of ${keyRow.name}`}
      disabled={cancel.isPending}
      onClick={() => cancel.run(keyRow.id)}
    >
      <span aria-hidden>×</span>
    </button>
  );
}

export function CancelRetirementButton({ keyRow }: { keyRow: KeyRow }) {
  const cancel = useCancelRetirement();
  if (!canCancelRetirement(keyRow)) return null;
  return (
    <Button variant="default" onClick={() => cancel.run(keyRow.id)} loading={cancel.isPending}>
      Cancel retirement
    </Button>
  );
}
