/**
 * The one interface every kind of queued action implements (kinds/*.ts), so the code that sends the
 * queue, follows a queued create to the server's id, and shows pending rows never asks which kind an
 * entry is. A new kind is a new file in kinds/ and one line in registry.ts: the registry's type requires
 * every hook for every kind, so a kind with a missing hook does not compile.
 */
import type { PendingAction } from '../../shared/ipc/contract.js';
import type { ApiClient } from '../http/api-client.js';
import type { EntryOutcome } from '../sync/entry-waiters.js';
import type { OutboxEntry, ProfileState } from './schema.js';

/** What an entry's request came back with, for whoever awaits the entry. */
export type DeliveredOutcome = Extract<EntryOutcome, { kind: 'applied' | 'bulk-applied' | 'bulk-suspended' }>;

export interface Delivered<E> {
  outcome: DeliveredOutcome;
  /**
   * Records the answer in the stored state, given the entry as it is at that moment (one atomic write:
   * the entry leaves the queue in the same write that caches its result).
   */
  record(state: ProfileState, current: E): ProfileState;
}

export interface DeliveryContext {
  api: ApiClient;
  /** Does someone await this entry's outcome (an admin looking at the dialog)? */
  awaited(entryId: string): boolean;
}

/** How the create of a key ended when that key never exists: refused for good, or cancelled before it was sent. */
export interface NeverExists {
  /** Cancelled locally (never sent): entries naming the key that cannot have reached the server go too. */
  cancelled: boolean;
  inFlight: ReadonlySet<string>;
}

export interface OutboxKind<E extends OutboxEntry> {
  /** Sends the entry; the answer and how to record it. Throws the request's AppError. */
  send(entry: E, context: DeliveryContext): Promise<Delivered<E>>;
  /** The key this entry creates (its pending row's local id), or null. */
  createdKeyId(entry: E): string | null;
  /** A queued create landed: `localId` now names the server's key `serverId`. */
  repoint(entry: E, localId: string, serverId: string): E;
  /** The create of `keyId` will never reach the server: what remains of this entry ([] drops it). */
  whenKeyNeverExists(entry: E, keyId: string, how: NeverExists): OutboxEntry[];
  /**
   * The create of `keyId` kept failing with server errors: the key may or may not exist, and this entry
   * cannot name it. What remains of this entry in place, and entries to add at the end of the queue.
   */
  whenKeyMayNotExist(entry: E, keyId: string): { kept: OutboxEntry[]; added: OutboxEntry[] };
  /** Keys this entry revokes: their rows show a pending revocation. */
  revokes(entry: E): readonly string[];
  /** The action a pending row shows for it (a bulk revoke is, for each of its rows, a revocation). */
  rowAction: PendingAction['action'];
  /** The key a failed entry is about, for the failed list. */
  failedKey(entry: E): { keyId: string; keyName: string };
}
