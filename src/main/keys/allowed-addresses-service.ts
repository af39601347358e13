/**
 * A key's allowed addresses (keys:set-allowed-addresses): the list of CIDR blocks it may be used from,
 * or null for any address. Like a revoke, the change goes into the outbox first
 * (outbox/changes/allowed-addresses.ts, one atomic write) and the sync coordinator sends it: online the
 * call awaits its own entry's outcome (a refusal comes back as the error and nothing stays queued);
 * offline it returns at once and the row says "Allowed addresses pending".
 */
import { AppError } from '../../shared/errors.js';
import type { KeyRow } from '../../shared/ipc/contract.js';
import type { ConnectionService } from '../connection/connection-service.js';
import { setAllowedAddressesChange } from '../outbox/changes/allowed-addresses.js';
import { resolveKeyId } from '../outbox/queries.js';
import type { Clock, Emit } from '../ports.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import { findRow } from './key-view.js';

export interface AllowedAddressesServiceDeps {
  states: StateStore;
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'submit' | 'inFlight' | 'aliasOf'>;
  clock: Clock;
  emit: Emit;
}

export interface AllowedAddressesService {
  /** `allowedAddresses`: canonical blocks (the IPC input schema made them so), or null for any address. */
  set(id: string, allowedAddresses: string[] | null): Promise<KeyRow>;
}

export function createAllowedAddressesService(deps: AllowedAddressesServiceDeps): AllowedAddressesService {
  return {
    async set(rawId, allowedAddresses) {
      const { profileId } = deps.connection.requireSession();
      const { outcome } = await deps.sync.submit(async () => {
        const result = await deps.states.transact(profileId, (current) =>
          setAllowedAddressesChange(current, resolveKeyId(current, rawId, deps.sync.aliasOf), allowedAddresses, {
            now: new Date(deps.clock.now()).toISOString(),
            inFlight: deps.sync.inFlight(),
          }),
        );
        return { entryId: result.entryId, result };
      });
      // Refusals this change superseded left the failed list even when the server refused it: say so.
      if (outcome.kind === 'refused') {
        deps.emit('keys:changed', { reason: 'allowed-addresses' });
        throw outcome.error;
      }
      const latest = await deps.states.read(profileId);
      const row = findRow(latest, resolveKeyId(latest, rawId, deps.sync.aliasOf), deps.sync.inFlight(), deps.clock.now());
      if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
      deps.emit('keys:changed', { reason: 'allowed-addresses' });
      return row;
    },
  };
}
