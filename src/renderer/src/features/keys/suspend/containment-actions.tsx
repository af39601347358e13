/**
 * Suspend / Resume as buttons: the row's (plain elements, drawn for every visible row) and the
 * drawer's and selection bar's (Mantine). Each only asks; ContainmentDialogs confirms.
 */
import { Button } from '@mantine/core';
import type { KeyRow } from '@shared/ipc/contract';
import { requestResume, requestSuspend } from './containment-requests';
import { suspendKeysLabel } from './suspend-dialog';
import { canResume, canSuspend } from './suspension-status';

const targetOf = (key: KeyRow) => ({ id: key.id, name: key.name, hint: key.hint });

/**
 * The row's Suspend or Resume (none for a revoked, expired or never-created key): a square icon button
 * named for its key, with its word as a tooltip, so the actions column stays narrow enough for the
 * Permissions column to read three badges whole at 1280 px. The drawer and the selection bar say it in words.
 */
export function RowContainmentAction({ keyRow, now }: { keyRow: KeyRow; now: number }) {
  if (canResume(keyRow, now)) {
    return (
      <button type="button" className="rk-row-icon-button" onClick={() => requestResume(keyRow)} aria-label={`Resume ${keyRow.name}`} title="Resume">
        <ResumeGlyph />
      </button>
    );
  }
  if (!canSuspend(keyRow, now)) return null;
  return (
    <button
      type="button"
      className="rk-row-icon-button"
      onClick={() => requestSuspend([targetOf(keyRow)])}
      aria-label={`Suspend ${keyRow.name}`}
      title="Suspend"
    >
      <SuspendGlyph />
    </button>
  );
}

/** Pause: two bars (the key switched off, not ended). */
function SuspendGlyph() {
  return (
    <svg aria-hidden width="12" height="12" viewBox="0 0 12 12" fill="currentColor" focusable="false">
      <rect x="2" y="1.5" width="3" height="9" rx="0.5" />
      <rect x="7" y="1.5" width="3" height="9" rx="0.5" />
    </svg>
  );
}

/** Play: a triangle (the key switched on again). */
function ResumeGlyph() {
  return (
    <svg aria-hidden width="12" height="12" viewBox="0 0 12 12" fill="currentColor" focusable="false">
      <path d="M3 1.5v9l7.5-4.5z" />
    </svg>
  );
}

/** The drawer's Suspend or Resume. */
export function DrawerContainmentAction({ keyRow }: { keyRow: KeyRow }) {
  if (canResume(keyRow)) {
    return (
      <Button variant="default" onClick={() => requestResume(keyRow)}>
        Resume key
      </Button>
    );
  }
  if (!canSuspend(keyRow)) return null;
  return (
    <Button variant="default" color="grape" onClick={() => requestSuspend([targetOf(keyRow)])}>
      Suspend key
    </Button>
  );
}

/** "Suspend N keys" for the selected keys that can be switched off (none: no button). */
export function BulkSuspendButton({ keys, onDone, size = 'compact-sm' }: { keys: readonly KeyRow[]; onDone?: () => void; size?: 'compact-sm' | 'sm' }) {
  const targets = keys.filter((key) => canSuspend(key)).map(targetOf);
  if (targets.length === 0) return null;
  return (
    <Button size={size} color="grape" variant="light" onClick={() => requestSuspend(targets, onDone)}>
      {suspendKeysLabel(targets.length)}
    </Button>
  );
}
