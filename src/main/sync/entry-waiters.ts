/**
 * The per-entry promises a create or a revoke awaits: the drain settles each one with what happened to
 * *that* entry, so there is one place that decides what the dialog hears (see outbox/send.ts).
 */
import type { AppError } from '../../shared/errors.js';
import type { ApiKeyDto, BulkRevokeApiKeysResponse, BulkSuspendApiKeysResponse } from '../../shared/http/index.js';

export type EntryOutcome =
  /** The server applied it (the key as it is now). */
  | { kind: 'applied'; key: ApiKeyDto }
  /** The server applied a bulk revoke: its answer, key by key. */
  | { kind: 'bulk-applied'; response: BulkRevokeApiKeysResponse }
  /** The server applied a bulk suspend: its answer, key by key. */
  | { kind: 'bulk-suspended'; response: BulkSuspendApiKeysResponse }
  /** The server refused it (or kept failing it): the error for the admin. */
  | { kind: 'refused'; error: AppError }
  /** Still queued: not sent yet (offline, backoff), or sent with no answer; it goes out later. */
  | { kind: 'queued' };

export interface EntryWaiters {
  wait(entryId: string): Promise<EntryOutcome>;
  has(entryId: string): boolean;
  settle(entryId: string, outcome: EntryOutcome): void;
  /** Every entry still awaited stays queued (the drain stopped, or will not run). */
  settleAllQueued(): void;
}

export function createEntryWaiters(): EntryWaiters {
  const waiting = new Map<string, ((outcome: EntryOutcome) => void)[]>();
  return {
    wait(entryId) {
      return new Promise((resolve) => waiting.set(entryId, [...(waiting.get(entryId) ?? []), resolve]));
    },
    has: (entryId) => waiting.has(entryId),
    settle(entryId, outcome) {
      const resolvers = waiting.get(entryId) ?? [];
      waiting.delete(entryId);
      resolvers.forEach((resolve) => resolve(outcome));
    },
    settleAllQueued() {
      for (const entryId of [...waiting.keys()]) this.settle(entryId, { kind: 'queued' });
    },
  };
}
