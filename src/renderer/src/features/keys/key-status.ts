/**
 * What a row's status is and how to say it honestly (DESIGN.md §6): a queued revoke still works
 * until the app reconnects; a queued create does not work yet.
 */
import type { KeyRow } from '../../../../shared/ipc/contract';

export type RowStatus = 'active' | 'not-active-yet' | 'revocation-pending' | 'create-failed' | 'revoke-failed' | 'revoked';

export function rowStatus(key: KeyRow): RowStatus {
  if (key.status === 'revoked') return 'revoked';
  if (key.pending?.action === 'create') return key.pending.state === 'failed' ? 'create-failed' : 'not-active-yet';
  if (key.pending?.action === 'revoke') return key.pending.state === 'failed' ? 'revoke-failed' : 'revocation-pending';
  return 'active';
}

export const STATUS_TEXT: Record<RowStatus, { label: string; explanation: string; color: string }> = {
  active: { label: 'Active', explanation: 'This key works now.', color: 'green' },
  'not-active-yet': {
    label: 'Not active yet',
    explanation: 'Not active yet: this key starts working once RakerOne Admin reconnects.',
    color: 'yellow',
  },
  'revocation-pending': {
    label: 'Revocation pending',
    explanation: 'Revocation pending: this key still works until RakerOne Admin reconnects.',
    color: 'orange',
  },
  'create-failed': { label: "Couldn't create", explanation: 'The server refused to create this key. It does not work.', color: 'red' },
  'revoke-failed': { label: "Couldn't revoke", explanation: 'The server refused to revoke this key. It still works.', color: 'red' },
  revoked: { label: 'Revoked', explanation: 'This key no longer works.', color: 'gray' },
};

/** A failed pending action's reason, when there is one. */
export function statusExplanation(key: KeyRow): string {
  const status = rowStatus(key);
  const reason = key.pending?.state === 'failed' && key.pending.error ? ` Reason: ${key.pending.error.message}` : '';
  return `${STATUS_TEXT[status].explanation}${reason}`;
}

/** Keys that can still be revoked from the table (not revoked, not already being revoked). */
export function canRevoke(key: KeyRow): boolean {
  const status = rowStatus(key);
  return status === 'active' || status === 'not-active-yet' || status === 'revoke-failed';
}
