/** sync:state, sync:now and the outbox:dismiss channels on top of the sync coordinator. */
import type { SyncState } from '../../shared/ipc/contract.js';
import { dismissFailed } from '../outbox/changes/dismiss.js';
import { withUnreadableDismissed } from '../store/slices/unreadable.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from './connection-service.js';

export interface SyncService {
  state(): Promise<SyncState>;
  /** Probes the server if offline, then drains the queue and refreshes the list. */
  now(): Promise<SyncState>;
  dismiss(outboxId: string): Promise<SyncState>;
  /** The admin has read the notice about an unreadable state file (the file itself stays aside). */
  dismissUnreadable(): Promise<SyncState>;
}

export function createSyncService(deps: {
  sync: Pick<SyncCoordinator, 'state' | 'syncNow'>;
  connection: Pick<ConnectionService, 'requireSession'>;
  states: StateStore;
  onDismissed: () => void;
}): SyncService {
  const state = () => deps.sync.state();
  const requireSession = () => deps.connection.requireSession();
  return {
    state,
    async now() {
      requireSession();
      await deps.sync.syncNow();
      return state();
    },
    async dismiss(outboxId) {
      const session = requireSession();
      await deps.states.update(session.profileId, (s) => dismissFailed(s, outboxId));
      deps.onDismissed();
      return state();
    },
    async dismissUnreadable() {
      const session = requireSession();
      await deps.states.update(session.profileId, withUnreadableDismissed);
      return state();
    },
  };
}
