/**
 * What happens to any entry on its way through the queue, whatever its kind, as pure functions over
 * the stored state (each applied in one atomic write): sent, proven unsent, counted failing, failed,
 * queued again, removed. The outbox module is the only writer of `state.outbox`.
 */
import type { AppErrorDto } from '../../shared/errors.js';
import { MAX_SERVER_ERRORS } from './entry-base.js';
import type { OutboxEntry, ProfileState } from './schema.js';

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

/** The server refused the entry for good: keep it, marked failed with the reason, until dismissed. */
export function markFailed(state: ProfileState, entryId: string, error: AppErrorDto): ProfileState {
  return { ...state, outbox: state.outbox.map((e) => (e.id === entryId ? { ...e, state: 'failed', error } : e)) };
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

export function removeEntry(state: ProfileState, entryId: string): ProfileState {
  return { ...state, outbox: state.outbox.filter((e) => e.id !== entryId) };
}

/** Entries queued again (by id), e.g. a create kept failing that a revoke or a retirement now waits behind. */
export function requeueEntries(state: ProfileState, entryIds: ReadonlySet<string>): ProfileState {
  if (entryIds.size === 0) return state;
  return { ...state, outbox: state.outbox.map((e) => (entryIds.has(e.id) ? requeued(e) : e)) };
}

/** A new entry at the end of the queue. */
export function appendEntry(state: ProfileState, entry: OutboxEntry): ProfileState {
  return { ...state, outbox: [...state.outbox, entry] };
}

/** A failed entry a new action supersedes. */
export function withoutEntries(state: ProfileState, entryIds: ReadonlySet<string>): ProfileState {
  if (entryIds.size === 0) return state;
  return { ...state, outbox: state.outbox.filter((e) => !entryIds.has(e.id)) };
}

/** A queued create may be cancelled locally only if the server cannot have it. */
export function canCancelCreate(entry: OutboxEntry, inFlight: ReadonlySet<string>): boolean {
  return !mayBeApplied(entry, inFlight);
}
