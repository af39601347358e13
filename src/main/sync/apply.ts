/**
 * How a server answer changes the stored state, as pure functions, so each one is a single atomic
 * write: the outbox entry leaves the queue in the same write that records its result.
 */
import type { AppErrorDto } from '../../shared/errors.js';
import type { ApiKeyDto } from '../../shared/http/index.js';
import { dropFromBulks, failFromBulks, repointBulk } from './bulk-apply.js';
import { MAX_SERVER_ERRORS, type CreateEntry, type OutboxEntry, type ProfileState, type RevokeEntry } from '../store/outbox-schema.js';

function upsertKey(keys: ApiKeyDto[], key: ApiKeyDto): ApiKeyDto[] {
  const at = keys.findIndex((k) => k.id === key.id);
  if (at === -1) return [key, ...keys];
  return keys.map((k, i) => (i === at ? key : k));
}

/**
 * The create reached the server: drop the entry, put the key in the cache, and re-point everything
 * that still names the pending row's local id (a queued revoke, a rotation) to the server's id.
 */
export function applyCreated(state: ProfileState, entry: CreateEntry, key: ApiKeyDto): ProfileState {
  const local = entry.localKeyId;
  const repoint = (id: string) => (id === local ? key.id : id);
  const outbox = state.outbox
    .filter((e) => e.id !== entry.id)
    .map((e): OutboxEntry => {
      if (e.kind === 'bulk-revoke') return repointBulk(e, local, key.id);
      return e.kind === 'revoke' ? { ...e, keyId: repoint(e.keyId) } : { ...e, rotatesKeyId: e.rotatesKeyId && repoint(e.rotatesKeyId) };
    });
  const rotations = Object.fromEntries(Object.entries(state.rotations).map(([n, o]) => [n, repoint(o)]));
  if (entry.rotatesKeyId) rotations[key.id] = entry.rotatesKeyId;
  return { ...state, outbox, keys: upsertKey(state.keys, key), rotations };
}

/** The entry is about to be sent: from here on the server may have applied it, answer or not. */
export function markSent(state: ProfileState, entryId: string): ProfileState {
  return { ...state, outbox: state.outbox.map((e) => (e.id === entryId ? { ...e, attempts: e.attempts + 1 } : e)) };
}

/** The send that `markSent` recorded certainly did not reach the server (no connection, 401, 429). */
export function markUnsent(state: ProfileState, entryId: string): ProfileState {
  return { ...state, outbox: state.outbox.map((e) => (e.id === entryId ? { ...e, attempts: Math.max(0, e.attempts - 1) } : e)) };
}

/**
 * May the server already have applied this entry? Yes while it is on the wire, and once it was sent
 * with no answer, or answered with a 5xx. A failed entry was either refused for good (a definitive
 * 4xx: a create it had applied would have been replayed through its Idempotency-Key) or kept as failed
 * after MAX_SERVER_ERRORS server errors, whose outcome is unknown.
 */
export function mayBeApplied(entry: OutboxEntry, inFlight: ReadonlySet<string>): boolean {
  if (inFlight.has(entry.id)) return true;
  if (entry.attempts === 0) return false;
  if (entry.state !== 'failed') return true;
  return (entry.serverErrors ?? 0) >= MAX_SERVER_ERRORS;
}

/** A failed entry queued again by the admin: a fresh start, including its count of server errors. */
export function requeued<E extends OutboxEntry>(entry: E): E {
  return { ...entry, state: 'queued', error: null, serverErrors: 0 };
}

/** A queued create may be cancelled locally only if the server cannot have it. */
export function canCancelCreate(entry: CreateEntry, inFlight: ReadonlySet<string>): boolean {
  return !mayBeApplied(entry, inFlight);
}

export function applyRevoked(state: ProfileState, entry: RevokeEntry, key: ApiKeyDto): ProfileState {
  return { ...state, outbox: state.outbox.filter((e) => e.id !== entry.id), keys: upsertKey(state.keys, key) };
}

/** The server refused the entry for good: keep it, marked failed with the reason, until dismissed. */
export function markFailed(state: ProfileState, entryId: string, error: AppErrorDto): ProfileState {
  return { ...state, outbox: state.outbox.map((e) => (e.id === entryId ? { ...e, state: 'failed', error } : e)) };
}

/** Queued revokes of a key that will never exist (its create was refused for good). */
export function dropRevokesOf(state: ProfileState, keyId: string): ProfileState {
  return dropFromBulks({ ...state, outbox: state.outbox.filter((e) => !(e.kind === 'revoke' && e.keyId === keyId)) }, keyId);
}

/** One more server error for the entry; returns the new state and the count. */
export function countServerError(state: ProfileState, entryId: string): { state: ProfileState; count: number } {
  let count = 0;
  const outbox = state.outbox.map((e) => {
    if (e.id !== entryId) return e;
    count = (e.serverErrors ?? 0) + 1;
    return { ...e, serverErrors: count };
  });
  return { state: { ...state, outbox }, count };
}

/**
 * The server kept failing a create: it may or may not have the key. Revokes queued behind it cannot be
 * sent (they name the local id): they are kept as failed too, saying so.
 */
export function failRevokesOf(state: ProfileState, keyId: string): ProfileState {
  const error: AppErrorDto = {
    code: 'INTERNAL',
    message: 'Not revoked: RakerOne kept failing to create this key. If it appears in the list after a refresh, revoke it there.',
  };
  const failed: ProfileState = { ...state, outbox: state.outbox.map((e) => (e.kind === 'revoke' && e.keyId === keyId && e.state === 'queued' ? { ...e, state: 'failed', error } : e)) };
  return failFromBulks(failed, keyId, error);
}

export function removeEntry(state: ProfileState, entryId: string): ProfileState {
  return { ...state, outbox: state.outbox.filter((e) => e.id !== entryId) };
}

/** The server's list replaces the cache; rotations of keys that no longer exist are forgotten. */
export function applyRefreshed(state: ProfileState, keys: ApiKeyDto[], syncedAt: string): ProfileState {
  const ids = new Set(keys.map((k) => k.id));
  const rotations = Object.fromEntries(Object.entries(state.rotations).filter(([newId]) => ids.has(newId)));
  return { ...state, keys, syncedAt, rotations };
}
