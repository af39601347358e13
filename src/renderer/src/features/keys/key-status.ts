/**
 * What a row's status is and how to say it honestly (docs/renderer.md): a queued revoke still works
 * until the app reconnects; a queued create does not work yet. Once an action was sent and its answer
 * lost (`mayBeApplied`), neither is certain: the create may already work, the revoke may be done.
 * The wording then errs on the safe side: a key that may work is never called "not active".
 */
import type { KeyRow } from '../../../../shared/ipc/contract';

export type RowStatus = 'active' | 'not-active-yet' | 'not-confirmed-yet' | 'revocation-pending' | 'create-failed' | 'revoke-failed' | 'revoked';

export function rowStatus(key: KeyRow): RowStatus {
  if (key.status === 'revoked') return 'revoked';
  if (key.pending?.action === 'create') {
    if (key.pending.mayBeApplied) return 'not-confirmed-yet';
    return key.pending.state === 'failed' ? 'create-failed' : 'not-active-yet';
  }
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
  'not-confirmed-yet': {
    label: 'Not confirmed yet',
    explanation: 'Not confirmed yet: RakerOne may already have this key, so it may work now. RakerOne Admin confirms once it reconnects.',
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
  if (status === 'revocation-pending' && key.pending?.mayBeApplied) {
    return 'Revocation pending: RakerOne may already have revoked this key, but count on it working until RakerOne Admin reconnects.';
  }
  const reason = key.pending?.state === 'failed' && key.pending.error ? ` Reason: ${key.pending.error.message}` : '';
  return `${STATUS_TEXT[status].explanation}${reason}`;
}

/**
 * Keys that work or may work and are not already on their way out: the ones that can be revoked, or
 * replaced by a rotation. Not a revoked key, nor one whose create the server refused (it never
 * worked), nor one with a revocation pending.
 */
function worksAndStays(key: KeyRow): boolean {
  const status = rowStatus(key);
  return status === 'active' || status === 'not-active-yet' || status === 'not-confirmed-yet' || status === 'revoke-failed';
}

export const canRevoke = worksAndStays;
export const canRotate = worksAndStays;
