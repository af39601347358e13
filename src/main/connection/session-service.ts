/**
 * Who is signed in (GET /api/me, cached per profile for offline use) and the capability catalog
 * (from the server when it answers, else the identical catalog compiled into the app).
 */
import { CAPABILITIES } from '../../shared/capabilities.js';
import { AppError } from '../../shared/errors.js';
import type { CapabilitiesResponse, MeResponse } from '../../shared/http/index.js';
import { isUnreachable } from '../http/map-error.js';
import type { MeStore } from '../store/me-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from './connection-service.js';

export interface SessionService {
  me(): Promise<MeResponse>;
  capabilities(): Promise<CapabilitiesResponse>;
}

export function createSessionService(deps: {
  connection: Pick<ConnectionService, 'requireSession' | 'session'>;
  sync: Pick<SyncCoordinator, 'isOnline'>;
  meStore: MeStore;
}): SessionService {
  const requireSession = () => deps.connection.requireSession();
  return {
    async me() {
      const { profileId, api } = requireSession();
      if (deps.sync.isOnline()) {
        try {
          const me = await api.me();
          await deps.meStore.save(profileId, me);
          return me;
        } catch (error) {
          // The link heard about it already (observed-api.ts): offline, or signed out on a 401.
          if (!isUnreachable(error)) throw error;
        }
      }
      const cached = await deps.meStore.read(profileId);
      if (!cached) throw new AppError('NETWORK', 'RakerOne cannot be reached, and this app has not seen who you are yet.');
      return cached;
    },
    async capabilities() {
      const session = deps.connection.session();
      if (session && deps.sync.isOnline()) {
        try {
          return await session.api.capabilities();
        } catch (error) {
          if (!isUnreachable(error)) throw error;
        }
      }
      return { items: CAPABILITIES.map((c) => ({ slug: c.slug, label: c.label, group: c.group, meaning: c.meaning, roles: [...c.roles] })) };
    },
  };
}
