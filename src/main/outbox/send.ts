/**
 * Sends one outbox entry and records the answer, each change a single atomic write:
 * - success → the entry leaves the queue in the same write that records the result;
 * - no answer / timeout / 429 / 401 / keychain / our own disk → stop, keep the entry in place
 *   (order is preserved), retried later for as long as it takes;
 * - 5xx / INTERNAL → the same, but after MAX_SERVER_ERRORS drains the entry is kept as failed (until
 *   dismissed) so the queue moves on; never removed: the server may have applied it;
 * - any other answer (400, 403, 404, 409) → refused for good: kept as failed until dismissed — except
 *   when someone awaits the entry (the admin is looking at the dialog): then its error goes straight
 *   back to them and the entry is dropped. This is the one place that rule lives.
 * Exactly once: a create carries its Idempotency-Key, so re-sending it after a crash (answer lost,
 * entry still queued) makes the server replay the first result, and so do a scheduled retirement and a
 * bulk revoke; revoking one key and cancelling a retirement are idempotent by nature.
 * What is sent, and how its answer is recorded, is each kind's own (kinds/*.ts).
 */
import { AppError } from '../../shared/errors.js';
import type { ApiClient } from '../http/api-client.js';
import { certainlyNotApplied, isServerError, isTransient } from '../http/map-error.js';
import type { Logger } from '../ports.js';
import type { StateStore } from '../store/state-store.js';
import type { EntryOutcome } from '../sync/entry-waiters.js';
import { MAX_SERVER_ERRORS } from './entry-base.js';
import { keyLanded, keyMayNotExist, keyNeverExists } from './fate.js';
import { countServerError, markFailed, markSent, markUnsent, removeEntry } from './lifecycle.js';
import { currentOf, kindOf } from './registry.js';
import type { OutboxEntry } from './schema.js';

export interface SendContext {
  store: StateStore;
  profileId: string;
  api: ApiClient;
  logger: Logger;
  /** Does someone await this entry's outcome (an interactive create or revoke)? */
  awaited(entryId: string): boolean;
  /** A create landed: the pending row's local id now names the server's key. */
  created(localKeyId: string, serverId: string): void;
}

export type Step =
  | { kind: 'settled'; outcome: Exclude<EntryOutcome, { kind: 'queued' }> }
  /** Not the entry's fault: stop the drain, keep the entry in place. */
  | { kind: 'stop'; error: AppError }
  /** Cancelled (by a revoke) between being read and being marked sent: never sent. */
  | { kind: 'skipped' };

export function asAppError(caught: unknown): AppError {
  return caught instanceof AppError ? caught : new AppError('INTERNAL', 'Sync failed unexpectedly.');
}

export async function sendEntry(ctx: SendContext, entry: OutboxEntry): Promise<Step> {
  const { store, profileId, api } = ctx;
  const kind = kindOf(entry);
  // Recorded before the request leaves, in its own atomic write: from now on the server may have
  // applied the entry even if its answer is lost, so a revoke must never cancel it locally. A revoke
  // may have cancelled the entry since it was read: a cancelled create must never be sent.
  const stillQueued = await store.transact(profileId, (s) => {
    const queued = s.outbox.some((e) => e.id === entry.id && e.state === 'queued');
    return { next: queued ? markSent(s, entry.id) : s, result: queued };
  });
  if (!stillQueued) return { kind: 'skipped' };
  try {
    const delivered = await kind.send(entry, { api, awaited: ctx.awaited });
    const localKeyId = kind.createdKeyId(entry);
    const landedAs = localKeyId !== null && delivered.outcome.kind === 'applied' ? delivered.outcome.key.id : null;
    if (localKeyId !== null && landedAs !== null) ctx.created(localKeyId, landedAs);
    await store.update(profileId, (s) => {
      const current = currentOf(s.outbox, entry);
      if (!current) return s;
      const recorded = delivered.record(s, current);
      return localKeyId !== null && landedAs !== null ? keyLanded(recorded, localKeyId, landedAs) : recorded;
    });
    return { kind: 'settled', outcome: delivered.outcome };
  } catch (caught) {
    return failed(ctx, entry, caught);
  }
}

async function failed(ctx: SendContext, entry: OutboxEntry, caught: unknown): Promise<Step> {
  const { store, profileId } = ctx;
  const error = asAppError(caught);
  const createdKeyId = kindOf(entry).createdKeyId(entry);
  // The server certainly does not have it (never left, or refused unprocessed): not "sent" after all.
  if (certainlyNotApplied(error)) await store.update(profileId, (s) => markUnsent(s, entry.id));
  if (caught instanceof AppError && isServerError(caught)) {
    // Retried in place, but not forever: after MAX_SERVER_ERRORS drains the entry is kept as failed.
    const capped = await store.transact(profileId, (s) => {
      const counted = countServerError(s, entry.id);
      if (counted.count < MAX_SERVER_ERRORS) return { next: counted.state, result: false };
      const failedState = markFailed(counted.state, entry.id, error.toDto());
      return { next: createdKeyId === null ? failedState : keyMayNotExist(failedState, createdKeyId), result: true };
    });
    if (!capped) return { kind: 'stop', error };
    ctx.logger.warn('An outbox entry kept getting server errors; kept as failed', { kind: entry.kind, entryId: entry.id, code: error.code });
    return { kind: 'settled', outcome: { kind: 'refused', error } };
  }
  if (!(caught instanceof AppError) || isTransient(error) || error.code === 'UNAUTHORIZED' || error.code === 'KEYCHAIN') return { kind: 'stop', error };
  const awaited = ctx.awaited(entry.id);
  await store.update(profileId, (s) => {
    const next = awaited ? removeEntry(s, entry.id) : markFailed(s, entry.id, error.toDto());
    // Refused for good: the key does not exist, so what was queued behind its create has nothing to do.
    return createdKeyId === null ? next : keyNeverExists(next, createdKeyId);
  });
  return { kind: 'settled', outcome: { kind: 'refused', error } };
}
