/**
 * The organization's key policy (GET /admin/key-policy), for the create dialog. Read from the server
 * when it answers and kept in the profile's state, so the dialog still knows it offline and can say
 * how fresh it is. Never read and offline: `policy: null` — the dialog then allows every choice and
 * the server decides when the queued create reaches it.
 */
import { isUnreachable } from '../http/map-error.js';
import type { Clock } from '../ports.js';
import type { PolicyView } from '../../shared/ipc/contract.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from './connection-service.js';

export interface PolicyService {
  get(): Promise<PolicyView>;
}

export function createPolicyService(deps: { connection: Pick<ConnectionService, 'requireSession'>; sync: Pick<SyncCoordinator, 'isOnline'>; states: StateStore; clock: Clock }): PolicyService {
  return {
    async get() {
      const { profileId, api } = deps.connection.requireSession();
      if (deps.sync.isOnline()) {
        try {
          const policy = await api.keyPolicy();
          const fetchedAt = new Date(deps.clock.now()).toISOString();
          await deps.states.update(profileId, (s) => ({ ...s, keyPolicy: { policy, fetchedAt } }));
          return { policy, fetchedAt, source: 'server' };
        } catch (error) {
          // Unreachable: the link has heard of it (observed-api.ts); answer from the cache below.
          if (!isUnreachable(error)) throw error;
        }
      }
      const cached = (await deps.states.read(profileId)).keyPolicy;
      return { policy: cached?.policy ?? null, fetchedAt: cached?.fetchedAt ?? null, source: 'cache' };
    },
  };
}
