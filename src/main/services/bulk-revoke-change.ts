/**
 * What keys:bulk-revoke does to the stored state, as one pure change (one atomic write), key by key
 * with the same rules as a single revoke (revoke-change.ts):
 * - a queued create that was never sent is cancelled here: that key never reaches the server;
 * - a create that may have reached the server stays, and its local id goes into the bulk (re-pointed
 *   to the server's id when the create lands; a create kept as failed after server errors is queued
 *   again so it lands, or is refused, first);
 * - a key the cache knows as revoked is reported as already revoked and not sent;
 * - every other id is sent, including ids this app has never listed (the server says what they are).
 * Everything to send becomes ONE outbox entry with its own Idempotency-Key. Earlier refusals to revoke
 * these keys (failed single or bulk revokes) are superseded by it and leave the failed list.
 */
import type { BulkKeyRef } from '../../shared/ipc/bulk-revoke.js';
import type { KeyRow } from '../../shared/ipc/contract.js';
import type { BulkRevokeEntry, CreateEntry, OutboxEntry, ProfileState } from '../store/outbox-schema.js';
import { canCancelCreate, dropRevokesOf, requeued } from '../sync/apply.js';
import { dropRetirementsNaming } from '../sync/retirement-apply.js';
import { keysViewOf } from './key-view.js';

export interface BulkRevokeChange {
  /** The entry to await, or null when nothing needs the server. */
  entry: BulkRevokeEntry | null;
  cancelled: BulkKeyRef[];
  alreadyRevoked: BulkKeyRef[];
}

/** The id the renderer holds may be a pending row's local id whose create has landed since. */
export function resolveKeyId(state: ProfileState, id: string, aliasOf: (localId: string) => string | undefined): string {
  const inQueue = state.outbox.some((e) => e.kind === 'create' && e.localKeyId === id);
  return inQueue ? id : (aliasOf(id) ?? id);
}

const refOf = (id: string, row: KeyRow | undefined): BulkKeyRef => ({ id, name: row?.name ?? null, hint: row?.hint ?? null });

/** Failed entries about these keys, minus these keys (an emptied one leaves the queue). */
function withoutFailedRevokesOf(outbox: OutboxEntry[], ids: ReadonlySet<string>): OutboxEntry[] {
  return outbox.flatMap((e): OutboxEntry[] => {
    if (e.state !== 'failed') return [e];
    if (e.kind === 'revoke') return ids.has(e.keyId) ? [] : [e];
    if (e.kind !== 'bulk-revoke') return [e];
    const keys = e.keys.filter((k) => !ids.has(k.id));
    return keys.length > 0 ? [{ ...e, keys }] : [];
  });
}

export function bulkRevokeChange(
  state: ProfileState,
  ids: readonly string[],
  context: { now: string; inFlight: ReadonlySet<string>; entryId: string; idempotencyKey: string },
): { next: ProfileState; result: BulkRevokeChange } {
  const rows = new Map(keysViewOf(state, 'cache', context.inFlight).keys.map((row) => [row.id, row]));
  const creates = new Map(state.outbox.filter((e): e is CreateEntry => e.kind === 'create').map((e) => [e.localKeyId, e]));
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
  let outbox = state.outbox
    .filter((e) => !cancelledEntries.has(e.id))
    .map((e) => (requeuedEntries.has(e.id) ? requeued(e) : e));
  // Revocations queued for a cancelled create while it was on the wire (since proven unsent) go too,
  // and retirements naming it (nothing to retire, or a first use that never comes), as keys:revoke does.
  outbox = cancelledIds.reduce((s, id) => dropRevokesOf({ ...s, outbox: dropRetirementsNaming(s.outbox, id, context.inFlight) }, id), { ...state, outbox }).outbox;
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
    outbox = [...withoutFailedRevokesOf(outbox, new Set(toSend.map((k) => k.id))), result.entry];
  }
  return { next: { ...state, outbox }, result };
}
