/**
 * What keys:revoke does to the stored state, as one pure change (applied in one atomic write):
 * - a queued create that was never sent (its `attempts` is persisted before each send) is cancelled:
 *   the key never reaches the server, and the row comes back revoked; retirements naming it go too;
 * - once sent — on the wire now, or sent earlier and its answer lost — the server may have the key,
 *   so the revoke is queued behind the create and re-pointed to the server's id once the create lands;
 *   a create that failed with an unknown outcome (5xx) is queued again so it lands, or is refused, first;
 * - a revoke asked again after a refusal is queued again at the end, behind what was queued since.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import type { KeyRow } from '../../../shared/ipc/contract.js';
import { findRow } from '../../keys/key-view.js';
import { keyNeverExists } from '../fate.js';
import { appendEntry, canCancelCreate, requeued, requeueEntries, withoutEntries } from '../lifecycle.js';
import { queuedCreateOf, singleRevokeOf } from '../queries.js';
import type { ProfileState, RevokeEntry } from '../schema.js';

export type RevokeResult =
  | { kind: 'cancelled'; row: KeyRow }
  /** The revoke entry to await (new, requeued or already queued). */
  | { kind: 'queued'; entryId: string }
  /** The key is already revoked: nothing to send. */
  | { kind: 'none' };

export function revokeChange(
  state: ProfileState,
  id: string,
  context: { now: string; inFlight: ReadonlySet<string> },
): { next: ProfileState; result: RevokeResult } {
  let s = state;
  const queuedCreate = queuedCreateOf(s.outbox, id);
  if (queuedCreate && canCancelCreate(queuedCreate, context.inFlight)) {
    // Never sent (or refused for good): cancel it. The row is returned revoked and disappears from the list.
    const row = findRow(s, id, context.inFlight, Date.parse(context.now));
    // Revocations queued for it while it was on the wire (since proven unsent) have nothing to revoke;
    // retirements naming it have nothing to retire or to wait for.
    const next = keyNeverExists(withoutEntries(s, new Set([queuedCreate.id])), id, { cancelled: true, inFlight: context.inFlight });
    if (!row) return { next, result: { kind: 'none' } };
    return { next, result: { kind: 'cancelled', row: { ...row, status: 'revoked', revokedAt: context.now, pending: null } } };
  }
  // Its count of server errors starts again, or the next 5xx would fail it (and this revoke) at once.
  if (queuedCreate?.state === 'failed') s = requeueEntries(s, new Set([queuedCreate.id]));
  const row = findRow(s, id, context.inFlight, Date.parse(context.now));
  if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
  if (row.status === 'revoked') return { next: s, result: { kind: 'none' } };
  const previous = singleRevokeOf(s.outbox, id);
  // Already queued: nothing to add. Failed before: the admin asks again, so try again.
  if (previous?.state === 'queued') return { next: s, result: { kind: 'queued', entryId: previous.id } };
  // Asked again after a refusal, it goes to the END of the queue: at its old place it would revoke the
  // key before what was queued for it since (a suspend, a change of allowed addresses), which would come
  // back 409. Sent last, the server still ends on the admin's last word: revoked.
  if (previous) {
    const next = appendEntry(withoutEntries(s, new Set([previous.id])), requeued(previous));
    return { next, result: { kind: 'queued', entryId: previous.id } };
  }
  const entry: RevokeEntry = {
    kind: 'revoke',
    id: randomUUID(),
    keyId: id,
    keyName: row.name,
    queuedAt: context.now,
    state: 'queued',
    error: null,
    attempts: 0,
  };
  return { next: appendEntry(s, entry), result: { kind: 'queued', entryId: entry.id } };
}
