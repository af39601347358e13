/**
 * The organization's key policy (GET /admin/key-policy), for the create dialog. Read from the server
 * when it answers and kept in the profile's state, so the dialog still knows it offline and can say
 * how fresh it is. Never read and offline: `policy: null` — the dialog then allows every choice and
 * the server decides when the queued create reaches it.
 *
 * Setting it (`set`, Admin) needs the server: a policy change is never queued, because the creates it
 * governs may already be queued under the old one and an admin must know at once whether it took.
 * Offline it is refused with a NETWORK error that says so; the form keeps what was typed.
 */
import { AppError } from '../../shared/errors.js';
import type { KeyPolicy } from '../../shared/http/index.js';
import { isUnreachable } from '../http/map-error.js';
import type { Clock } from '../ports.js';
import type { PolicyView } from '../../shared/ipc/contract.js';
import { withKeyPolicy } from '../store/slices/key-policy.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from '../connection/connection-service.js';

export interface PolicyService {
  get(): Promise<PolicyView>;
  set(policy: KeyPolicy): Promise<PolicyView>;
}

export const POLICY_NEEDS_SERVER =
  'Changing the key policy needs the server, and RakerOne Admin is offline. Nothing was changed; your choices stay here — save again once it reconnects.';
export const POLICY_UNCONFIRMED =
  "RakerOne didn't answer in time, so the key policy may or may not have changed. Your choices stay here — save again (saving the same policy twice is harmless).";

export function createPolicyService(deps: {
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'isOnline'>;
  states: StateStore;
  clock: Clock;
}): PolicyService {
  async function remember(profileId: string, policy: KeyPolicy): Promise<PolicyView> {
    const fetchedAt = new Date(deps.clock.now()).toISOString();
    await deps.states.update(profileId, (s) => withKeyPolicy(s, policy, fetchedAt));
    return { policy, fetchedAt, source: 'server' };
  }

  return {
    async set(policy) {
      const { profileId, api } = deps.connection.requireSession();
      if (!deps.sync.isOnline()) throw new AppError('NETWORK', POLICY_NEEDS_SERVER);
      try {
        // The server's answer is what is kept: the create dialog reads this cache (policy:get) offline.
        return await remember(profileId, await api.setKeyPolicy(policy));
      } catch (error) {
        // A timeout may come after the server applied it: say so rather than "nothing was changed".
        if (error instanceof AppError && error.code === 'TIMEOUT') throw new AppError('TIMEOUT', POLICY_UNCONFIRMED);
        if (isUnreachable(error)) throw new AppError('NETWORK', POLICY_NEEDS_SERVER);
        throw error;
      }
    },
    async get() {
      const { profileId, api } = deps.connection.requireSession();
      if (deps.sync.isOnline()) {
        try {
          return await remember(profileId, await api.keyPolicy());
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
