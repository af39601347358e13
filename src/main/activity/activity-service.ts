/**
 * A key's activity for the details drawer (`keys:activity`): requests and refusals per UTC day over
 * ACTIVITY_VIEW_DAYS and the addresses it was used from (GET /admin/api-keys/{id}/activity).
 *
 * - Online: asked of the server every time (the renderer asks when the drawer opens and again when the
 *   key's `lastUsedAt` moves), and the answer is kept in the profile's state with its date.
 * - Offline, or the server did not answer: the last answer kept for this key, with its date
 *   (`source: 'cache'`), or `activity: null` when there is none — never an empty answer that would
 *   read as "no activity".
 * - A queued create's local id: the server does not have the key yet, so it is not asked.
 * - The server says the key is gone (404): what was kept about it is dropped and the error goes on.
 */
import { AppError } from '../../shared/errors.js';
import { ACTIVITY_VIEW_DAYS, type KeyActivityView } from '../../shared/ipc/activity.js';
import type { ConnectionService } from '../connection/connection-service.js';
import { isUnreachable } from '../http/map-error.js';
import { queuedCreateOf, resolveKeyId } from '../outbox/queries.js';
import type { Clock } from '../ports.js';
import { withCachedActivity, withoutCachedActivity } from '../store/slices/activity.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';

export interface ActivityService {
  get(id: string): Promise<KeyActivityView>;
}

export interface ActivityServiceDeps {
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'isOnline' | 'aliasOf'>;
  states: StateStore;
  clock: Clock;
}

export function createActivityService(deps: ActivityServiceDeps): ActivityService {
  return {
    async get(rawId) {
      const { profileId, api } = deps.connection.requireSession();
      const state = await deps.states.read(profileId);
      const id = resolveKeyId(state, rawId, deps.sync.aliasOf);
      if (queuedCreateOf(state.outbox, id)) return { activity: null, asOf: null, source: 'queued-create' };

      if (deps.sync.isOnline()) {
        try {
          const activity = await api.keyActivity(id, ACTIVITY_VIEW_DAYS);
          const asOf = new Date(deps.clock.now()).toISOString();
          await deps.states.update(profileId, (current) => withCachedActivity(current, id, { activity, fetchedAt: asOf }));
          return { activity, asOf, source: 'server' };
        } catch (error) {
          if (error instanceof AppError && error.code === 'NOT_FOUND') {
            await deps.states.update(profileId, (current) => withoutCachedActivity(current, id));
            throw error;
          }
          // Unreachable: the link has heard of it (observed-api.ts); answer from what was kept below.
          if (!isUnreachable(error)) throw error;
        }
      }
      const cached = (await deps.states.read(profileId)).activity[id];
      return cached ? { activity: cached.activity, asOf: cached.fetchedAt, source: 'cache' } : { activity: null, asOf: null, source: 'cache' };
    },
  };
}
