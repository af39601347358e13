/**
 * What keys:bulk-revoke does to the stored state, as one pure change (one atomic write), key by key
 * with the same rules as a single revoke (changes/revoke.ts):
 * - a queued create that was never sent is cancelled here: that key never reaches the server;
 * - a create that may have reached the server stays, and its local id goes into the bulk (re-pointed
 *   to the server's id when the create lands; a create kept as failed after server errors is queued
 *   again so it lands, or is refused, first);
 * - a key the cache knows as revoked is reported as already revoked and not sent;
 * - every other id is sent, including ids this app has never listed (the server says what they are).
 * Everything to send becomes ONE outbox entry with its own Idempotency-Key. Earlier refusals to revoke
 * these keys (failed single or bulk revokes) are superseded by it and leave the failed list.
 */
import type { BulkKeyRef } from '../../../shared/ipc/bulk-revoke.js';
import type { KeyRow } from '../../../shared/ipc/contract.js';
import { keysViewOf } from '../../keys/key-view.js';
import { keyNeverExists } from '../fate.js';
import { canCancelCreate, requeueEntries, withoutEntries } from '../lifecycle.js';
import { queuedCreates, withoutFailedRevocationsOf } from '../queries.js';
import type { BulkRevokeEntry, ProfileState } from '../schema.js';

export interface BulkRevokeChange {
  /** The entry to await, or null when nothing needs the server. */
  entry: BulkRevokeEntry | null;
  cancelled: BulkKeyRef[];
  alreadyRevoked: BulkKeyRef[];
}

const refOf = (id: string, row: KeyRow | undefined): BulkKeyRef => ({ id, name: row?.name ?? null, hint: row?.hint ?? null });

export function bulkRevokeChange(
  state: ProfileState,
  ids: readonly string[],
  context: { now: string; inFlight: ReadonlySet<string>; entryId: string; idempotencyKey: string },
): { next: ProfileState; result: BulkRevokeChange } {
  const rows = new Map(keysViewOf(state, 'cache', context.inFlight, Date.parse(context.now)).keys.map((row) => [row.id, row]));
  const creates = new Map(queuedCreates(state.outbox).map((e) => [e.localKeyId, e]));
  const cancelledEntries = new Set<string>();
  const requeuedEntries = new Set<string>();
  const result: BulkRevokeChange = { entry: null, cancelled: [], alreadyRevoked: [] };
  const toSend: BulkKeyRef[] = [];
  for (const id of new Set(ids)) {
    const row = rows.get(id);
    const create = creates.get(id);
    if (create && canCancelCreate(create, context.inFlight)) {
      cancelledEntries.add(create.id);
      result.cancelled.push(refOf(id, row));
      continue;
    }
    if (create?.state === 'failed') requeuedEntries.add(create.id);
    if (row?.status === 'revoked') result.alreadyRevoked.push(refOf(id, row));
    else toSend.push(refOf(id, row));
  }
  const cancelledIds = result.cancelled.map((k) => k.id);
  let next = requeueEntries(withoutEntries(state, cancelledEntries), requeuedEntries);
  // Revocations queued for a cancelled create while it was on the wire (since proven unsent) go too,
  // and retirements naming it (nothing to retire, or a first use that never comes), as keys:revoke does.
  next = cancelledIds.reduce((s, id) => keyNeverExists(s, id, { cancelled: true, inFlight: context.inFlight }), next);
  if (toSend.length > 0) {
    result.entry = {
      kind: 'bulk-revoke',
      id: context.entryId,
      idempotencyKey: context.idempotencyKey,
      keys: toSend,
      queuedAt: context.now,
      state: 'queued',
      error: null,
      attempts: 0,
    };
    next = { ...next, outbox: [...withoutFailedRevocationsOf(next.outbox, new Set(toSend.map((k) => k.id))), result.entry] };
  }
  return { next, result };
}
