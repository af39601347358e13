/**
 * A key row's status as the person reads it, from the row alone (the server's status, what is queued
 * for it, and the clock): one definition for the keys table (renderer) and the inventory export (main),
 * so a file and the screen never disagree about a key. Its words are in wording/key-status.ts.
 */
import type { KeyRow } from './ipc/contract.js';

/** Every status a row can be in (its words: wording/key-status.ts). */
export const ROW_STATUSES = [
  'active',
  'not-active-yet',
  'not-confirmed-yet',
  'revocation-pending',
  'create-failed',
  'revoke-failed',
  'revoked',
  'expired',
  'retirement-pending',
  'retirement-failed',
  'cancellation-pending',
  'cancellation-failed',
  'suspended',
  'suspension-pending',
  'suspend-failed',
  'resume-pending',
  'resume-failed',
  'allowed-addresses-pending',
  'allowed-addresses-failed',
] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/**
 * Time ends a key on its own: the status the server sent is as of the last sync, so a key whose
 * expiry or scheduled retirement has passed since (a cached list, offline) is shown as it is now.
 */
function passed(iso: string | null | undefined, now: number): boolean {
  return iso != null && Date.parse(iso) <= now;
}

/** The row's status at `now` (epoch ms): main's injected clock, or the renderer's clock. */
export function rowStatus(key: KeyRow, now: number): RowStatus {
  if (key.status === 'revoked') return 'revoked';
  if (key.pending?.action === 'create') {
    if (key.pending.mayBeApplied) return 'not-confirmed-yet';
    return key.pending.state === 'failed' ? 'create-failed' : 'not-active-yet';
  }
  // A scheduled retirement whose time came is a revocation from that moment (the server lists it so) —
  // unless that plan is still queued here: the server does not have it, the key works.
  const retirementQueued = key.pending?.action === 'schedule-retirement' && key.pending.state !== 'failed';
  if (!retirementQueued && passed(key.scheduledRevocation?.at, now)) return 'revoked';
  if (key.status === 'expired' || passed(key.expiresAt, now)) return 'expired';
  const failed = key.pending?.state === 'failed';
  switch (key.pending?.action) {
    case 'revoke':
      // A refused revoke leaves the key as the server has it: a suspended key stays suspended (and
      // can be resumed); the refusal stays in the failed-actions list.
      if (failed) return key.status === 'suspended' ? 'suspended' : 'revoke-failed';
      return 'revocation-pending';
    case 'suspend':
      // Refused: the key is as the server says (still working, or suspended by someone else meanwhile).
      return failed ? (key.status === 'suspended' ? 'suspended' : 'suspend-failed') : 'suspension-pending';
    case 'resume':
      return failed ? (key.status === 'suspended' ? 'resume-failed' : 'active') : 'resume-pending';
  }
  // Switched off on the server: that says more than a retirement plan being set or cancelled (the
  // drawer still shows the plan and the failed list its refusal).
  if (key.status === 'suspended') return 'suspended';
  switch (key.pending?.action) {
    case 'schedule-retirement':
      return failed ? 'retirement-failed' : 'retirement-pending';
    case 'cancel-retirement':
      return failed ? 'cancellation-failed' : 'cancellation-pending';
    case 'set-allowed-addresses':
      return failed ? 'allowed-addresses-failed' : 'allowed-addresses-pending';
    default:
      return 'active';
  }
}
