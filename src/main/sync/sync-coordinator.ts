/**
 * The one owner of sync. It alone drains the outbox (single flight: a request while a drain runs sets
 * a "run again" flag, so drains never overlap and none is lost), owns the one backoff schedule for
 * drains that did not get through, follows the link (online → drain), and announces what changed.
 *
 * Everything else only asks: `request()` a drain, `requestRefresh()` (keys:list: refresh the cached
 * list in the background unless a drain or a retry is already on its way), `syncNow()` (sync:now),
 * `submit()` (a create or revoke awaits the outcome of its own outbox entry, settled by the drain).
 */
import type { AppError } from '../../shared/errors.js';
import type { SyncState } from '../../shared/ipc/contract.js';
import type { BackoffPolicy } from '../http/backoff.js';
import { isTransient, isUnreachable } from '../http/map-error.js';
import type { Clock, Logger } from '../ports.js';
import type { StateStore } from '../store/state-store.js';
import { drainOnce, type DrainHooks } from './drain.js';
import { createEntryWaiters, type EntryOutcome } from './entry-waiters.js';
import type { Link } from './link.js';
import { createRetrySchedule } from './retry-schedule.js';
import { createSingleFlight } from './single-flight.js';
import type { SessionRef } from './session-ref.js';
import { syncStateOf } from './sync-status.js';

export type SyncChange = 'progress' | 'synced' | 'refreshed';

export interface SyncCoordinatorDeps {
  store: StateStore;
  clock: Clock;
  logger: Logger;
  session: SessionRef;
  link: Link;
  /** Something visible changed: 'progress' → sync:changed; 'synced' / 'refreshed' → also keys:changed. */
  onChanged: (change: SyncChange) => void;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** A drain emptied the queue and refreshed the list: work that follows list syncs (key usage). */
  afterListRefresh?: () => void;
}

export interface SyncCoordinator {
  /** A new session: probe the server, then drain if it answers (else the link probes until it does). */
  activate(): Promise<void>;
  /** Resolves when a drain that starts after this call has finished. */
  request(): Promise<void>;
  /**
   * keys:list. The first read of a session waits for the drain under way (or one it asks for), so the
   * list is the server's and a refusal (403, 401) is the answer; later reads only ask for a refresh.
   */
  beforeListRead(): Promise<void>;
  /** Why the server refuses this list (401 / 403), if it does. */
  listRefusal(): AppError | null;
  /** Probe now if offline, then drain; resolves when done. */
  syncNow(): Promise<void>;
  /**
   * Writes to the outbox (`write` resolves to the entry to await, or null if nothing was queued, and
   * a result of its own) and, if online, awaits that entry's outcome; offline it stays queued.
   */
  submit<R>(write: () => Promise<{ entryId: string | null; result: R }>): Promise<{ outcome: EntryOutcome; result: R }>;
  state(): Promise<SyncState>;
  isOnline(): boolean;
  /** The cached list was refreshed from the server since the link last came online. */
  listIsCurrent(): boolean;
  inFlight(): ReadonlySet<string>;
  /** Server id of a key created from the pending row `localId` during this run. */
  aliasOf(localId: string): string | undefined;
  dispose(): void;
}

export function createSyncCoordinator(deps: SyncCoordinatorDeps): SyncCoordinator {
  const { link, clock } = deps;
  const retry = createRetrySchedule({ clock, policy: deps.backoff, random: deps.random, run: () => void request() });
  const waiters = createEntryWaiters();
  const inFlight = new Set<string>();
  const aliases = new Map<string, string>();
  const flight = createSingleFlight({
    run: () => drainPass().catch((error) => deps.logger.warn('Sync failed', { error })),
    after(again) {
      // Awaited entries the pass did not settle stay queued, unless another pass is about to run.
      if (!again) waiters.settleAllQueued();
      // Announced only now: while draining, state() reports 'syncing', and this is the last word.
      deps.onChanged('progress');
    },
  });
  const request = () => flight.request();
  let progress: SyncState['progress'] = null;
  let lastError: AppError | null = null;
  /** The profile `lastError` and the scheduled retry belong to: another profile's are not reported. */
  let errorProfileId: string | null = null;
  let listCurrent = false;
  let disposed = false;

  link.subscribe((status) => {
    if (status !== 'online') listCurrent = false;
    if (status === 'online') void request();
    deps.onChanged('progress');
  });

  const hooks: DrainHooks = {
    begin: (total) => {
      progress = { done: 0, total };
    },
    sending(entryId) {
      inFlight.add(entryId);
      deps.onChanged('progress');
    },
    sent(entryId, step) {
      inFlight.delete(entryId);
      progress = progress && { done: progress.done + 1, total: Math.max(progress.total, progress.done + 1) };
      if (step?.kind !== 'settled') return;
      waiters.settle(entryId, step.outcome);
      deps.onChanged('synced');
    },
    awaited: (entryId) => waiters.has(entryId),
    created: (localKeyId, serverId) => void aliases.set(localKeyId, serverId),
  };

  async function drainPass(): Promise<void> {
    const session = deps.session.get();
    if (!session || link.status() !== 'online') return;
    const { stoppedBy: error, listChanged } = await drainOnce(deps, session, hooks);
    progress = null;
    lastError = error;
    errorProfileId = session.profileId;
    if (!error) {
      retry.reset();
      if (deps.session.get() === session) listCurrent = true;
      deps.afterListRefresh?.();
      // Each settled entry was announced as it landed ('synced'): only a changed list is news now.
      if (listChanged) deps.onChanged('refreshed');
    } else if (isUnreachable(error)) {
      link.unreachable(error);
    } else if (error.code === 'UNAUTHORIZED') {
      link.unauthorized(error);
    } else if (isTransient(error) || error.code === 'INTERNAL') {
      retry.failed(error.details?.retryAfterSeconds);
    }
  }

  /** The drain under way, or a new one. */
  const settled = () => flight.current() ?? request();
  const online = () => link.status() === 'online';

  return {
    async activate() {
      retry.reset();
      listCurrent = false;
      if ((await link.start()) === 'online') void request();
    },
    request,
    async beforeListRead() {
      // While a retry is scheduled the queue and the list are left to it: no resend before the backoff.
      if (!online() || retry.isScheduled()) return;
      // A drain under way is asked to run once more: list calls that pile up share that one drain.
      const refreshed = request();
      if (!listCurrent) await refreshed;
    },
    listRefusal() {
      if (link.status() === 'unauthorized') return link.error();
      const ours = deps.session.get()?.profileId === errorProfileId;
      return ours && lastError?.code === 'FORBIDDEN' ? lastError : null;
    },
    async syncNow() {
      // Probing brings the link back online, which starts a drain: join it rather than run a second.
      const reconnected = link.status() === 'offline' && (await link.probeNow());
      if (reconnected) await settled();
      else if (online()) await request();
    },
    async submit(write) {
      const { entryId, result } = await write();
      if (entryId === null || link.status() !== 'online' || disposed) return { outcome: { kind: 'queued' }, result };
      const outcome = waiters.wait(entryId);
      void request();
      return { outcome: await outcome, result };
    },
    async state() {
      const session = deps.session.get();
      const ours = session !== null && session.profileId === errorProfileId;
      return syncStateOf({
        state: session ? await deps.store.read(session.profileId) : null,
        online: link.status() === 'online',
        draining: flight.current() !== null,
        progress,
        lastError: ours ? lastError : null,
        nextRetryAt: ours ? retry.nextAt() : null,
      });
    },
    isOnline: online,
    listIsCurrent: () => listCurrent && online(),
    inFlight: () => inFlight,
    aliasOf: (localId) => aliases.get(localId),
    dispose() {
      disposed = true;
      flight.stop();
      retry.reset();
      waiters.settleAllQueued();
      link.dispose();
    },
  };
}
