/**
 * One pass over the outbox of the active profile, in order, one entry at a time (outbox/send.ts), then
 * the server's list replaces the cache: the server is the source of truth. Stops at the first entry
 * that cannot go out now and says why; it never retries by itself (the coordinator owns backoff).
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppError } from '../../shared/errors.js';
import type { Clock, Logger } from '../ports.js';
import type { StateStore } from '../store/state-store.js';
import { asAppError, sendEntry, type Step } from '../outbox/send.js';
import { withListedKeys } from '../store/slices/key-cache.js';
import type { SyncSession } from './session-ref.js';

export interface DrainHooks {
  /** How many entries are queued as the pass starts. */
  begin(total: number): void;
  sending(entryId: string): void;
  /** The entry is no longer on the wire (`step` says what happened to it). */
  sent(entryId: string, step: Step | null): void;
  awaited(entryId: string): boolean;
  created(localKeyId: string, serverId: string): void;
}

export interface DrainResult {
  /** Why the pass stopped early (entries are still queued), or null if it emptied the queue and refreshed. */
  stoppedBy: AppError | null;
  /** The refreshed list differs from the cache it replaced. */
  listChanged: boolean;
}

export async function drainOnce(deps: { store: StateStore; clock: Clock; logger: Logger }, session: SyncSession, hooks: DrainHooks): Promise<DrainResult> {
  const { store } = deps;
  const { profileId, api } = session;
  const ctx = { store, profileId, api, logger: deps.logger, awaited: hooks.awaited, created: hooks.created };
  try {
    const tried = new Set<string>();
    hooks.begin((await store.read(profileId)).outbox.filter((e) => e.state === 'queued').length);
    for (;;) {
      const entry = (await store.read(profileId)).outbox.find((e) => e.state === 'queued' && !tried.has(e.id));
      if (!entry) break;
      tried.add(entry.id);
      hooks.sending(entry.id);
      let step: Step | null = null;
      try {
        step = await sendEntry(ctx, entry);
      } finally {
        hooks.sent(entry.id, step);
      }
      if (step.kind === 'stop') return { stoppedBy: step.error, listChanged: false };
    }
    const keys = await api.listKeys();
    const syncedAt = new Date(deps.clock.now()).toISOString();
    const listChanged = await store.transact(profileId, (s) => ({ next: withListedKeys(s, keys, syncedAt), result: !isDeepStrictEqual(s.keys, keys) }));
    return { stoppedBy: null, listChanged };
  } catch (caught) {
    return { stoppedBy: asAppError(caught), listChanged: false };
  }
}
