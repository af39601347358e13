/**
 * keys:used-from — incident response: every key of the organization used from an address in the last
 * 90 days. The server answers from its activity sources (`GET /api/admin/api-keys?usedFrom=`); main
 * reads every page of 1,000 keys (api-client.ts) so a large fleet is never cut off at the first page.
 * Offline (or when the server stops answering mid-call) the answer is `offline`, never an empty list:
 * the renderer says the lookup needs the server. Nothing is cached: per-address answers cannot be known
 * in advance, and an old answer would hide a key used since.
 */
import type { UsedFromResult } from '../../shared/ipc/activity-flags.js';
import type { ConnectionService } from '../connection/connection-service.js';
import { isUnreachable } from '../http/map-error.js';
import type { Clock } from '../ports.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';

export interface UsedFromService {
  /** `address`: already normalized by the channel's schema. */
  usedFrom(address: string): Promise<UsedFromResult>;
}

export interface UsedFromServiceDeps {
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'isOnline'>;
  clock: Clock;
}

export function createUsedFromService(deps: UsedFromServiceDeps): UsedFromService {
  return {
    async usedFrom(address) {
      const { api } = deps.connection.requireSession();
      if (!deps.sync.isOnline()) return { source: 'offline', address };
      try {
        const keys = await api.listKeysUsedFrom(address);
        return { source: 'server', address, keyIds: keys.map((key) => key.id), asOf: new Date(deps.clock.now()).toISOString() };
      } catch (error) {
        // The link has heard of it (observed-api.ts); the renderer says the lookup needs the server.
        if (isUnreachable(error)) return { source: 'offline', address };
        throw error;
      }
    },
  };
}
