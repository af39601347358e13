/**
 * Drains the outbox of the active profile, in order, one entry at a time:
 * - success → the entry leaves the queue in the same atomic write that records the result;
 * - no answer / timeout / 429 → stop, keep the entry, retry later with backoff (and tell the
 *   connection it is offline when the server was not reached at all), for as long as it takes;
 * - 5xx / INTERNAL → the same, but after MAX_SERVER_ERRORS drains the entry is kept as failed
 *   (until dismissed) so the queue moves on;
 * - 401 → stop, keep everything, the admin must sign in again;
 * - any other answer (400, 403, 404, 409) → permanent: kept as failed until dismissed — except for an
 *   interactive create (the admin is looking at the dialog), whose error goes straight back to them.
 * Exactly once: a create carries its Idempotency-Key, so re-sending it after a crash (answer lost,
 * entry still queued) makes the server replay the first result; revoking is idempotent by nature.
 * After a complete drain the list is refreshed from the server, which is the source of truth.
 */
import { AppError } from '../../shared/errors.js';
import type { ApiKeyDto } from '../../shared/http/index.js';
import type { SyncState } from '../../shared/ipc/contract.js';
import { backoffDelay, type BackoffPolicy } from '../http/backoff.js';
import type { ApiClient } from '../http/api-client.js';
import { certainlyNotApplied, isServerError, isTransient, isUnreachable } from '../http/map-error.js';
import { MAX_SERVER_ERRORS } from '../store/outbox-schema.js';
import type { Clock, Logger } from '../ports.js';
import type { StateStore } from '../store/state-store.js';
import { failedOf } from '../services/key-view.js';
import { applyCreated, applyRefreshed, countServerError, dropRevokesOf, failRevokesOf, applyRevoked, markFailed, markSent, markUnsent, removeEntry } from './apply.js';

export interface SyncSession {
  profileId: string;
  api: ApiClient;
}

export type EntryOutcome = { ok: true; key: ApiKeyDto } | { ok: false; error: AppError };

export interface DrainReport {
  outcomes: Map<string, EntryOutcome>;
  /** Why the drain stopped early (entries are still queued), or null if the queue was emptied. */
  stoppedBy: AppError | null;
}

export interface SyncEngineDeps {
  store: StateStore;
  clock: Clock;
  logger: Logger;
  session: () => SyncSession | null;
  /** Called when the server could not be reached at all (go offline, start probing). */
  onUnreachable: (error: AppError) => void;
  /** Called when the server answered 401 to the stored token. */
  onUnauthorized: (error: AppError) => void;
  /** Something visible changed: emit sync:changed / keys:changed. */
  onChanged: (reason: 'progress' | 'synced' | 'refreshed') => void;
  backoff?: BackoffPolicy;
  random?: () => number;
}

export interface DrainOptions {
  /** The outbox entry of a create the admin is waiting on: its refusal goes back to them. */
  interactive?: string;
  /** Wait for the drain under way, then drain again. */
  fresh?: boolean;
  /**
   * The caller reads the refreshed list itself (keys:list): do not announce the refresh. The
   * renderer answers keys:changed by asking for the list again, so announcing it would loop.
   */
  quietRefresh?: boolean;
}

export interface SyncEngine {
  /**
   * Drains now. A plain call joins the drain under way; `fresh` (and `interactive`) wait for it and
   * then drain again, so the result reflects everything queued and the server's current list.
   */
  drain(options?: DrainOptions): Promise<DrainReport>;
  state(online: boolean): Promise<SyncState>;
  /** Server id of a key that was created from the pending row `localId` during this run. */
  aliasOf(localId: string): string | undefined;
  inFlight(): ReadonlySet<string>;
  dispose(): void;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const policy = deps.backoff ?? { baseMs: 1_000, capMs: 60_000 };
  const inFlight = new Set<string>();
  const aliases = new Map<string, string>();
  let running: Promise<DrainReport> | null = null;
  /** A fresh drain chained behind the one running, not started yet (see drain()). */
  let waitingFresh: { promise: Promise<DrainReport>; options: DrainOptions } | null = null;
  let progress: SyncState['progress'] = null;
  let lastError: AppError | null = null;
  /** The profile `lastError` and the scheduled retry belong to: another profile's are not reported. */
  let errorProfileId: string | null = null;
  let failures = 0;
  let retryTimer: unknown = null;
  let nextRetryAt: number | null = null;
  let disposed = false;

  function scheduleRetry() {
    if (disposed) return;
    if (retryTimer) deps.clock.clearTimeout(retryTimer);
    const delay = backoffDelay(failures - 1, policy, deps.random);
    nextRetryAt = deps.clock.now() + delay;
    retryTimer = deps.clock.setTimeout(() => {
      retryTimer = null;
      nextRetryAt = null;
      void drain().catch((error) => deps.logger.warn('Scheduled sync failed', { error }));
    }, delay);
  }

  /** `sendQueue` false: only refresh the list (a retry with backoff is already scheduled for the queue). */
  async function drainOnce({ interactive, quietRefresh }: DrainOptions, sendQueue: boolean): Promise<DrainReport> {
    const outcomes = new Map<string, EntryOutcome>();
    const session = deps.session();
    if (!session) return { outcomes, stoppedBy: new AppError('UNAUTHORIZED', 'Not signed in.') };
    const { profileId, api } = session;
    const initial = await deps.store.read(profileId);
    progress = { done: 0, total: sendQueue ? initial.outbox.filter((e) => e.state === 'queued').length : 0 };
    try {
      for (;;) {
        const state = await deps.store.read(profileId);
        const entry = sendQueue ? state.outbox.find((e) => e.state === 'queued' && !outcomes.has(e.id)) : undefined;
        if (!entry) break;
        inFlight.add(entry.id);
        deps.onChanged('progress');
        try {
          // Recorded before the request leaves, in its own atomic write: from now on the server may
          // have applied the entry even if its answer is lost, so a revoke must never cancel it locally.
          // The entry was read before that write was queued: a revoke may have cancelled it meanwhile
          // (its write still in progress when we read), and a cancelled create must never be sent.
          let stillQueued = false;
          await deps.store.update(profileId, (s) => {
            stillQueued = s.outbox.some((e) => e.id === entry.id && e.state === 'queued');
            return stillQueued ? markSent(s, entry.id) : s;
          });
          if (!stillQueued) continue;
          if (entry.kind === 'create') {
            const { apiKey } = await api.createKey(entry.body, entry.idempotencyKey);
            aliases.set(entry.localKeyId, apiKey.id);
            await deps.store.update(profileId, (s) => {
              const current = s.outbox.find((e) => e.id === entry.id);
              return current?.kind === 'create' ? applyCreated(s, current, apiKey) : s;
            });
            outcomes.set(entry.id, { ok: true, key: apiKey });
          } else {
            const key = await api.revokeKey(entry.keyId);
            await deps.store.update(profileId, (s) => {
              const current = s.outbox.find((e) => e.id === entry.id);
              return current?.kind === 'revoke' ? applyRevoked(s, current, key) : s;
            });
            outcomes.set(entry.id, { ok: true, key });
          }
        } catch (caught) {
          const error = caught instanceof AppError ? caught : new AppError('INTERNAL', 'Sync failed unexpectedly.');
          // The server certainly does not have it (never left, or refused unprocessed): not "sent" after all.
          if (certainlyNotApplied(error)) await deps.store.update(profileId, (s) => markUnsent(s, entry.id));
          if (caught instanceof AppError && isServerError(caught)) {
            // Retried in place (order is preserved), but not forever: after MAX_SERVER_ERRORS drains the
            // entry is kept as failed (until dismissed) so the entries behind it are not blocked.
            // Never removed, even for an interactive create: the server may have applied it.
            let capped = false;
            await deps.store.update(profileId, (s) => {
              const counted = countServerError(s, entry.id);
              capped = counted.count >= MAX_SERVER_ERRORS;
              if (!capped) return counted.state;
              const failed = markFailed(counted.state, entry.id, error.toDto());
              return entry.kind === 'create' ? failRevokesOf(failed, entry.localKeyId) : failed;
            });
            if (!capped) return { outcomes, stoppedBy: error };
            deps.logger.warn('An outbox entry kept getting server errors; kept as failed', { kind: entry.kind, entryId: entry.id, code: error.code });
            outcomes.set(entry.id, { ok: false, error });
          } else if (!(caught instanceof AppError) || isTransient(error) || error.code === 'UNAUTHORIZED' || error.code === 'KEYCHAIN') {
            // Not the entry's fault (no answer, timeout, 429, sign-in, keychain, our own disk): keep it
            // queued, in place, and stop so order is preserved. Retried for as long as it takes.
            return { outcomes, stoppedBy: error };
          } else {
            outcomes.set(entry.id, { ok: false, error });
            await deps.store.update(profileId, (s) => {
              const next = interactive === entry.id ? removeEntry(s, entry.id) : markFailed(s, entry.id, error.toDto());
              // Refused for good: the key does not exist, so a revoke queued behind the create has nothing to do.
              return entry.kind === 'create' ? dropRevokesOf(next, entry.localKeyId) : next;
            });
          }
        } finally {
          inFlight.delete(entry.id);
          progress = progress && { done: progress.done + 1, total: Math.max(progress.total, progress.done + 1) };
        }
        deps.onChanged('synced');
      }
      const keys = await api.listKeys();
      await deps.store.update(profileId, (s) => applyRefreshed(s, keys, new Date(deps.clock.now()).toISOString()));
      if (!quietRefresh || outcomes.size > 0) deps.onChanged('refreshed');
      return { outcomes, stoppedBy: null };
    } catch (caught) {
      const error = caught instanceof AppError ? caught : new AppError('INTERNAL', 'Sync failed unexpectedly.');
      return { outcomes, stoppedBy: error };
    }
  }

  async function runDrain(options: DrainOptions): Promise<DrainReport> {
    // The page's periodic list refresh must not defeat the backoff: while a retry is scheduled it
    // refreshes the list only, and leaves the queue, the retry and its error to the scheduled drain.
    const sendQueue = !(options.quietRefresh && retryTimer !== null);
    const profileId = deps.session()?.profileId ?? null;
    const report = await drainOnce(options, sendQueue);
    progress = null;
    const error = report.stoppedBy;
    if (!error && !sendQueue) return report;
    lastError = error;
    errorProfileId = profileId;
    if (!error) {
      failures = 0;
      if (retryTimer) deps.clock.clearTimeout(retryTimer);
      retryTimer = null;
      nextRetryAt = null;
    } else if (isUnreachable(error)) {
      deps.onUnreachable(error);
    } else if (error.code === 'UNAUTHORIZED') {
      deps.onUnauthorized(error);
    } else if (isTransient(error) || error.code === 'INTERNAL') {
      failures += 1;
      scheduleRetry();
    }
    return report;
  }

  function drain(options: DrainOptions = {}): Promise<DrainReport> {
    // Drains never overlap. A plain request joins the drain under way (it re-reads the queue on every
    // step, and a second pass right after a transient failure would defeat the backoff); an
    // interactive create or a list request runs right after it, so what it returns is current.
    if (running && !options.interactive && !options.fresh) return running;
    // Fresh requests that arrive while one is already waiting to start share it: it starts after
    // them all, so its result is current for each (and N list calls do not make N full drains).
    if (waitingFresh && !options.interactive) {
      waitingFresh.options.quietRefresh = waitingFresh.options.quietRefresh && options.quietRefresh;
      return waitingFresh.promise;
    }
    const previous = running ?? Promise.resolve(null);
    const mergedOptions = { ...options };
    const next = previous.then(() => {
      if (waitingFresh?.promise === next) waitingFresh = null;
      return runDrain(mergedOptions);
    });
    if (running && !options.interactive) waitingFresh = { promise: next, options: mergedOptions };
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
      // Announce only now: while `running` is set, state() reports 'syncing', and this is the last word.
      deps.onChanged('progress');
    });
    return next;
  }

  return {
    drain,
    async state(online) {
      const session = deps.session();
      const state = session ? await deps.store.read(session.profileId) : null;
      const pending = state ? state.outbox.filter((e) => e.state === 'queued').length : 0;
      const ours = session !== null && session.profileId === errorProfileId;
      const error = ours ? lastError : null;
      let status: SyncState['status'] = 'idle';
      // A drain with nothing to send is only a list refresh (every few seconds while a page polls for
      // "last used"): calling that "Syncing" would make the status flicker for no change of the admin's.
      if (running && (pending > 0 || (progress?.total ?? 0) > 0)) status = 'syncing';
      else if (!online) status = 'offline';
      // A sync that is not getting through. Not "error": no connection (offline), a refused sign-in
      // (the page asks to sign in again) or no access (a non-admin sees the no-access message).
      else if (error && !isUnreachable(error) && error.code !== 'UNAUTHORIZED' && error.code !== 'FORBIDDEN') status = 'error';
      return {
        status,
        pending,
        progress: running ? progress : null,
        failed: state ? failedOf(state) : [],
        lastSyncedAt: state?.syncedAt ?? null,
        nextRetryAt: nextRetryAt === null || !ours ? null : new Date(nextRetryAt).toISOString(),
        unreadable: state?.unreadable ?? null,
      };
    },
    aliasOf: (localId) => aliases.get(localId),
    inFlight: () => inFlight,
    dispose() {
      disposed = true;
      if (retryTimer) deps.clock.clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
