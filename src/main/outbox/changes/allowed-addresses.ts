/**
 * What keys:set-allowed-addresses does to the stored state, as one pure change (applied in one atomic
 * write, like changes/revoke.ts):
 * - the key must exist and still work (not revoked, expired, or on its way to being revoked);
 * - only the newest list matters: earlier changes of the same key that cannot have reached the server
 *   (never sent, or refused for good) are dropped, so the server hears one PUT, not a history of them;
 * - a new set-allowed-addresses entry is queued — behind the key's create when it is still queued (it
 *   is re-pointed to the server's id when that lands); a create that failed with an unknown outcome is
 *   queued again so it lands, or is refused, first;
 * - the list the server already holds, with nothing else on its way, queues nothing.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import { rowStatus } from '../../../shared/key-row-status.js';
import { findRow } from '../../keys/key-view.js';
import { appendEntry, canCancelCreate, mayBeApplied, requeueEntries, withoutEntries } from '../lifecycle.js';
import { allowedAddressChangesOf, isBeingRevoked, queuedCreateOf } from '../queries.js';
import type { ProfileState, SetAllowedAddressesEntry } from '../schema.js';

export function setAllowedAddressesChange(
  state: ProfileState,
  keyId: string,
  allowedAddresses: string[] | null,
  context: { now: string; inFlight: ReadonlySet<string> },
): { next: ProfileState; result: { entryId: string | null } } {
  let s = state;
  const create = queuedCreateOf(s.outbox, keyId);
  if (create?.state === 'failed') {
    if (canCancelCreate(create, context.inFlight)) throw new AppError('CONFLICT', 'This key was never created.');
    s = requeueEntries(s, new Set([create.id]));
  }
  const row = findRow(s, keyId, context.inFlight, Date.parse(context.now));
  if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
  // As of now, not of the last sync: an expiry or a retirement that has come since ends the key too.
  const status = rowStatus(row, Date.parse(context.now));
  if (status === 'revoked') throw new AppError('CONFLICT', 'This key is already revoked.');
  if (status === 'expired') throw new AppError('CONFLICT', 'This key has expired.');
  if (isBeingRevoked(s.outbox, keyId)) throw new AppError('CONFLICT', 'This key is already being revoked.');
  const superseded = new Set(
    allowedAddressChangesOf(s.outbox, keyId)
      .filter((e) => !mayBeApplied(e, context.inFlight))
      .map((e) => e.id),
  );
  const rest = withoutEntries(s, superseded);
  // The server already holds this list and nothing else is on its way: there is nothing to send.
  const server = rest.keys.find((k) => k.id === keyId);
  if (server && allowedAddressChangesOf(rest.outbox, keyId).length === 0 && sameList(server.allowedAddresses, allowedAddresses))
    return { next: rest, result: { entryId: null } };
  const entry: SetAllowedAddressesEntry = {
    kind: 'set-allowed-addresses',
    id: randomUUID(),
    idempotencyKey: randomUUID(),
    keyId,
    keyName: row.name,
    allowedAddresses,
    queuedAt: context.now,
    state: 'queued',
    error: null,
    attempts: 0,
  };
  return { next: appendEntry(rest, entry), result: { entryId: entry.id } };
}

/** The same blocks, in any order (both lists are canonical). */
function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  const set = new Set(a);
  return a.length === b.length && b.every((block) => set.has(block));
}
