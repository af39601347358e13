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
 * entry still queued) makes the server replay the first result, and so does a bulk revoke; revoking
 * one key is idempotent by nature.
 */
import { AppError } from '../../shared/errors.js';
import type { ApiClient } from '../http/api-client.js';
import { certainlyNotApplied, isServerError, isTransient } from '../http/map-error.js';
import type { Logger } from '../ports.js';
import type { CreateApiKeyBody } from '../../shared/http/index.js';
import { MAX_SERVER_ERRORS, type CreateEntry, type OutboxEntry } from '../store/outbox-schema.js';
import type { StateStore } from '../store/state-store.js';
import { applyCreated, applyRevoked, countServerError, dropRevokesOf, failRevokesOf, markFailed, markSent, markUnsent, removeEntry } from './apply.js';
import { applyBulkRevoked } from './bulk-apply.js';
import type { EntryOutcome } from './entry-waiters.js';

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

/** The POST body of a create entry: no expiry is sent as no `expiresAt` at all (the server's field is optional, not nullable). */
export function createBodyOf(entry: CreateEntry): CreateApiKeyBody {
  const { expiresAt, ...rest } = entry.body;
  return expiresAt === null ? rest : { ...rest, expiresAt };
}

export function asAppError(caught: unknown): AppError {
  return caught instanceof AppError ? caught : new AppError('INTERNAL', 'Sync failed unexpectedly.');
}

export async function sendEntry(ctx: SendContext, entry: OutboxEntry): Promise<Step> {
  const { store, profileId, api } = ctx;
  // Recorded before the request leaves, in its own atomic write: from now on the server may have
  // applied the entry even if its answer is lost, so a revoke must never cancel it locally. A revoke
  // may have cancelled the entry since it was read: a cancelled create must never be sent.
  const stillQueued = await store.transact(profileId, (s) => {
    const queued = s.outbox.some((e) => e.id === entry.id && e.state === 'queued');
    return { next: queued ? markSent(s, entry.id) : s, result: queued };
  });
  if (!stillQueued) return { kind: 'skipped' };
  try {
    if (entry.kind === 'create') {
      const { apiKey } = await api.createKey(createBodyOf(entry), entry.idempotencyKey);
      ctx.created(entry.localKeyId, apiKey.id);
      await store.update(profileId, (s) => {
        const current = s.outbox.find((e) => e.id === entry.id);
        return current?.kind === 'create' ? applyCreated(s, current, apiKey) : s;
      });
      return { kind: 'settled', outcome: { kind: 'applied', key: apiKey } };
    }
    if (entry.kind === 'bulk-revoke') {
      const response = await api.bulkRevokeKeys(entry.keys.map((k) => k.id), entry.idempotencyKey);
      const awaited = ctx.awaited(entry.id);
      await store.update(profileId, (s) => {
        const current = s.outbox.find((e) => e.id === entry.id);
        return current?.kind === 'bulk-revoke' ? applyBulkRevoked(s, current, response, { awaited }) : s;
      });
      return { kind: 'settled', outcome: { kind: 'bulk-applied', response } };
    }
    const key = await api.revokeKey(entry.keyId);
    await store.update(profileId, (s) => {
      const current = s.outbox.find((e) => e.id === entry.id);
      return current?.kind === 'revoke' ? applyRevoked(s, current, key) : s;
    });
    return { kind: 'settled', outcome: { kind: 'applied', key } };
  } catch (caught) {
    return failed(ctx, entry, caught);
  }
}

async function failed(ctx: SendContext, entry: OutboxEntry, caught: unknown): Promise<Step> {
  const { store, profileId } = ctx;
  const error = asAppError(caught);
  // The server certainly does not have it (never left, or refused unprocessed): not "sent" after all.
  if (certainlyNotApplied(error)) await store.update(profileId, (s) => markUnsent(s, entry.id));
  if (caught instanceof AppError && isServerError(caught)) {
    // Retried in place, but not forever: after MAX_SERVER_ERRORS drains the entry is kept as failed.
    const capped = await store.transact(profileId, (s) => {
      const counted = countServerError(s, entry.id);
      if (counted.count < MAX_SERVER_ERRORS) return { next: counted.state, result: false };
      const failedState = markFailed(counted.state, entry.id, error.toDto());
      return { next: entry.kind === 'create' ? failRevokesOf(failedState, entry.localKeyId) : failedState, result: true };
    });
    if (!capped) return { kind: 'stop', error };
    ctx.logger.warn('An outbox entry kept getting server errors; kept as failed', { kind: entry.kind, entryId: entry.id, code: error.code });
    return { kind: 'settled', outcome: { kind: 'refused', error } };
  }
  if (!(caught instanceof AppError) || isTransient(error) || error.code === 'UNAUTHORIZED' || error.code === 'KEYCHAIN') return { kind: 'stop', error };
  const awaited = ctx.awaited(entry.id);
  await store.update(profileId, (s) => {
    const next = awaited ? removeEntry(s, entry.id) : markFailed(s, entry.id, error.toDto());
    // Refused for good: the key does not exist, so a revoke queued behind the create has nothing to do.
    return entry.kind === 'create' ? dropRevokesOf(next, entry.localKeyId) : next;
  });
  return { kind: 'settled', outcome: { kind: 'refused', error } };
}
