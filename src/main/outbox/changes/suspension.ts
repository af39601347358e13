/**
 * What keys:suspend, keys:resume and keys:bulk-suspend do to the stored state, as pure changes (each
 * applied in one atomic write). The server must end on the admin's last word for each key, so:
 * - a suspend or resume that cannot have reached the server (never sent) is cancelled by the opposite
 *   action: suspend then resume offline sends nothing, and the audit log records nothing that never
 *   took effect; one that may have reached the server (sent, answer lost) stays, and the new action is
 *   queued behind it: both are sent, in order;
 * - asking again for what is already queued awaits the entry already queued (the first reason stands,
 *   as on the server); asking for what the server already holds, with nothing queued, sends nothing;
 * - a key whose create is still queued is suspended behind it (re-pointed when the create lands); a
 *   create that failed with an unknown outcome is queued again so it lands, or is refused, first;
 * - refused suspends and resumes of the key are superseded by the new action and leave the failed list.
 */
import { AppError } from '../../../shared/errors.js';
import type { BulkKeyRef } from '../../../shared/ipc/bulk-revoke.js';
import type { KeyRow } from '../../../shared/ipc/contract.js';
import { rowStatus } from '../../../shared/key-row-status.js';
import { findRow, keysViewOf } from '../../keys/key-view.js';
import { latestQueuedContainmentOf, withoutUnsentContainmentOf } from '../containment-queries.js';
import { appendEntry, canCancelCreate, requeueEntries } from '../lifecycle.js';
import { isBeingRevoked, queuedCreateOf } from '../queries.js';
import type { BulkSuspendEntry, ProfileState, ResumeEntry, SuspendEntry } from '../schema.js';

export type SuspensionResult =
  /** The entry to await (new, or already queued). */
  | { kind: 'queued'; entryId: string }
  /** Nothing needs to reach the server: it already holds what the admin asked for. */
  | { kind: 'none' };

interface Context {
  now: string;
  inFlight: ReadonlySet<string>;
}

const serverSuspended = (state: ProfileState, keyId: string) => state.keys.find((k) => k.id === keyId)?.status === 'suspended';

/** A create of the key that failed with an unknown outcome goes again first; one refused for good means no key. */
function withCreateRequeued(state: ProfileState, keyId: string, inFlight: ReadonlySet<string>): ProfileState {
  const create = queuedCreateOf(state.outbox, keyId);
  if (create?.state !== 'failed') return state;
  if (canCancelCreate(create, inFlight)) throw new AppError('CONFLICT', 'This key was never created.');
  return requeueEntries(state, new Set([create.id]));
}

/** The key's row, if it can still be switched off or on. */
function containableRow(state: ProfileState, keyId: string, action: 'suspended' | 'resumed', context: Context): KeyRow {
  const row = findRow(state, keyId, context.inFlight, Date.parse(context.now));
  if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
  // As of now, not of the last sync: an expiry or a retirement that has come since ends the key too
  // (the server would refuse the call with a 409 once it is sent).
  const status = rowStatus(row, Date.parse(context.now));
  if (status === 'revoked') throw new AppError('CONFLICT', `This key is revoked: it cannot be ${action}.`);
  if (status === 'expired') throw new AppError('CONFLICT', `This key has expired: it cannot be ${action}.`);
  if (isBeingRevoked(state.outbox, keyId)) throw new AppError('CONFLICT', `This key is being revoked: it cannot be ${action}.`);
  return row;
}

export function suspendChange(
  state: ProfileState,
  keyId: string,
  reason: string,
  context: Context & { entryId: string; idempotencyKey: string },
): { next: ProfileState; result: SuspensionResult } {
  let s = withCreateRequeued(state, keyId, context.inFlight);
  const row = containableRow(s, keyId, 'suspended', context);
  const latest = latestQueuedContainmentOf(s.outbox, keyId);
  if (latest?.suspends) return { next: s, result: { kind: 'queued', entryId: latest.entry.id } };
  s = withoutUnsentContainmentOf(s, keyId, context.inFlight);
  const remaining = latestQueuedContainmentOf(s.outbox, keyId);
  if (remaining?.suspends) return { next: s, result: { kind: 'queued', entryId: remaining.entry.id } };
  if (!remaining && serverSuspended(s, keyId)) return { next: s, result: { kind: 'none' } };
  const entry: SuspendEntry = {
    kind: 'suspend',
    id: context.entryId,
    idempotencyKey: context.idempotencyKey,
    keyId,
    keyName: row.name,
    reason,
    queuedAt: context.now,
    state: 'queued',
    error: null,
    attempts: 0,
  };
  return { next: appendEntry(s, entry), result: { kind: 'queued', entryId: entry.id } };
}

export function resumeChange(
  state: ProfileState,
  keyId: string,
  context: Context & { entryId: string; idempotencyKey: string },
): { next: ProfileState; result: SuspensionResult } {
  let s = withCreateRequeued(state, keyId, context.inFlight);
  const row = containableRow(s, keyId, 'resumed', context);
  const latest = latestQueuedContainmentOf(s.outbox, keyId);
  if (latest && !latest.suspends) return { next: s, result: { kind: 'queued', entryId: latest.entry.id } };
  s = withoutUnsentContainmentOf(s, keyId, context.inFlight);
  const remaining = latestQueuedContainmentOf(s.outbox, keyId);
  if (remaining && !remaining.suspends) return { next: s, result: { kind: 'queued', entryId: remaining.entry.id } };
  if (!remaining && !serverSuspended(s, keyId)) return { next: s, result: { kind: 'none' } };
  const entry: ResumeEntry = {
    kind: 'resume',
    id: context.entryId,
    idempotencyKey: context.idempotencyKey,
    keyId,
    keyName: row.name,
    queuedAt: context.now,
    state: 'queued',
    error: null,
    attempts: 0,
  };
  return { next: appendEntry(s, entry), result: { kind: 'queued', entryId: entry.id } };
}

export interface BulkSuspendChange {
  /** The entry to await, or null when nothing needs the server. */
  entry: BulkSuspendEntry | null;
  /** Suspended on RakerOne already, with nothing queued to resume them. */
  alreadySuspended: BulkKeyRef[];
  /** Revoked, expired, or never created: nothing to switch off. */
  notActive: BulkKeyRef[];
}

const refOf = (id: string, row: KeyRow | undefined): BulkKeyRef => ({ id, name: row?.name ?? null, hint: row?.hint ?? null });

/**
 * keys:bulk-suspend, key by key with the rules of a single suspend; everything to send becomes ONE
 * entry with its own Idempotency-Key. Ids this app has never listed are sent (the server says what they are).
 */
export function bulkSuspendChange(
  state: ProfileState,
  ids: readonly string[],
  reason: string,
  context: Context & { entryId: string; idempotencyKey: string },
): { next: ProfileState; result: BulkSuspendChange } {
  const rows = new Map(keysViewOf(state, 'cache', context.inFlight, Date.parse(context.now)).keys.map((row) => [row.id, row]));
  const result: BulkSuspendChange = { entry: null, alreadySuspended: [], notActive: [] };
  const toSend: BulkKeyRef[] = [];
  let s = state;
  for (const id of new Set(ids)) {
    const row = rows.get(id);
    try {
      s = withCreateRequeued(s, id, context.inFlight);
    } catch {
      result.notActive.push(refOf(id, row));
      continue;
    }
    const status = row && rowStatus(row, Date.parse(context.now));
    if (status === 'revoked' || status === 'expired') {
      result.notActive.push(refOf(id, row));
      continue;
    }
    s = withoutUnsentContainmentOf(s, id, context.inFlight);
    if (!latestQueuedContainmentOf(s.outbox, id) && serverSuspended(s, id)) result.alreadySuspended.push(refOf(id, row));
    else toSend.push(refOf(id, row));
  }
  if (toSend.length > 0) {
    result.entry = {
      kind: 'bulk-suspend',
      id: context.entryId,
      idempotencyKey: context.idempotencyKey,
      reason,
      keys: toSend,
      queuedAt: context.now,
      state: 'queued',
      error: null,
      attempts: 0,
    };
    s = appendEntry(s, result.entry);
  }
  return { next: s, result };
}
