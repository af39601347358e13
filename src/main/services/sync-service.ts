/** sync:state, sync:now and the outbox:dismiss channels on top of the sync engine and the connection. */
import { AppError } from '../../shared/errors.js';
import type { SyncState } from '../../shared/ipc/contract.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { ConnectionService } from './connection-service.js';

export interface SyncService {
  state(): Promise<SyncState>;
  /** Probes the server if offline, then drains the queue and refreshes the list. */
  now(): Promise<SyncState>;
  dismiss(outboxId: string): Promise<SyncState>;
  /** The admin has read the notice about an unreadable state file (the file itself stays aside). */
  dismissUnreadable(): Promise<SyncState>;
}

export function createSyncService(deps: { engine: SyncEngine; connection: ConnectionService; states: StateStore; onDismissed: () => void }): SyncService {
  const state = () => deps.engine.state(deps.connection.isOnline());
  const requireSession = () => deps.connection.requireSession();
  return {
    state,
    async now() {
      requireSession();
      if (!deps.connection.isOnline() && (await deps.connection.probe())) deps.connection.reportReachable();
      if (deps.connection.isOnline()) {
        const report = await deps.engine.drain();
        if (report.stoppedBy?.code === 'NETWORK' || report.stoppedBy?.code === 'TIMEOUT') deps.connection.reportUnreachable(report.stoppedBy);
      }
      return state();
    },
    async dismiss(outboxId) {
      const session = requireSession();
      await deps.states.update(session.profileId, (s) => {
        const entry = s.outbox.find((e) => e.id === outboxId);
        if (!entry) throw new AppError('NOT_FOUND', 'This queued action no longer exists.');
        // Only refused actions can be dismissed: a queued one is still on its way.
        if (entry.state !== 'failed') throw new AppError('CONFLICT', 'Only actions RakerOne refused can be dismissed.');
        return { ...s, outbox: s.outbox.filter((e) => e.id !== outboxId) };
      });
      deps.onDismissed();
      return state();
    },
    async dismissUnreadable() {
      const session = requireSession();
      await deps.states.update(session.profileId, (s) => ({ ...s, unreadable: null }));
      return state();
    },
  };
}
