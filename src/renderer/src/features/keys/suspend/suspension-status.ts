/**
 * Which keys can be switched off or on again, and a suspension's who, when and why in words — one
 * place for the row's action, the drawer, the selection bar and the status badge's explanation.
 */
import type { Suspension } from '@shared/http/containment';
import type { KeyRow } from '@shared/ipc/contract';
import { rowStatus, type RowStatus } from '@shared/key-row-status';
import { suspendedByText } from '@shared/wording/suspension';
import { exact } from '../../../lib/time';

/**
 * Working (or about to work again): a suspend switches it off. A queued resume is cancelled by it.
 * Not offered while the key's create is still queued ('not-active-yet', 'not-confirmed-yet'): the row
 * shows the create, so a suspend queued behind it would be invisible there and could not be undone —
 * the key can be suspended once it exists on the server.
 */
const SUSPENDABLE: ReadonlySet<RowStatus> = new Set([
  'active',
  'revoke-failed',
  'retirement-pending',
  'retirement-failed',
  'cancellation-pending',
  'cancellation-failed',
  'suspend-failed',
  'resume-pending',
  'allowed-addresses-pending',
  'allowed-addresses-failed',
]);

/** Switched off (or about to be): a resume switches it on again. A queued suspend is cancelled by it. */
const RESUMABLE: ReadonlySet<RowStatus> = new Set(['suspended', 'suspension-pending', 'resume-failed']);

export function canSuspend(key: KeyRow, now: number = Date.now()): boolean {
  return SUSPENDABLE.has(rowStatus(key, now));
}

export function canResume(key: KeyRow, now: number = Date.now()): boolean {
  return RESUMABLE.has(rowStatus(key, now));
}

/** "Suspended by Ada Admin on 7 Dec 2026, 09:41: “Seen in a public gist”." */
export function suspensionText(suspension: Suspension): string {
  return `Suspended by ${suspendedByText(suspension)} on ${exact(suspension.at)}: “${suspension.reason}”.`;
}
