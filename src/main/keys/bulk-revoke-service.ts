/**
 * keys:bulk-revoke. The change goes into the outbox first as ONE entry (outbox/changes/bulk-revoke.ts, one
 * atomic write) and the sync coordinator sends it: online, this call awaits that entry's answer (one
 * request, with the Idempotency-Key stored in the entry); offline, it returns at once with every key
 * pending, and the entry is sent exactly once when RakerOne answers again (a resend after a lost
 * answer is replayed by the server under the same key). The answer is reported key by key.
 */
import { randomUUID } from 'node:crypto';
import type { BulkRevokeApiKeysResponse } from '../../shared/http/index.js';
import type { BulkKeyRef, BulkRevokeResult } from '../../shared/ipc/bulk-revoke.js';
import type { Clock, Emit } from '../ports.js';
import { bulkRevokeChange, type BulkRevokeChange } from '../outbox/changes/bulk-revoke.js';
import { resolveKeyId } from '../outbox/queries.js';
import type { BulkRevokeEntry } from '../outbox/schema.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from '../connection/connection-service.js';

export interface BulkRevokeServiceDeps {
  states: StateStore;
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'submit' | 'inFlight' | 'aliasOf'>;
  clock: Clock;
  emit: Emit;
}

export interface BulkRevokeService {
  bulkRevoke(ids: string[]): Promise<BulkRevokeResult>;
}

/** The server's answer, key by key, named from what the entry knew of each key. */
function reported(entry: BulkRevokeEntry, response: BulkRevokeApiKeysResponse): Pick<BulkRevokeResult, 'revoked' | 'alreadyRevoked' | 'notFound'> {
  // The server answers with lowercase ids.
  const known = new Map(entry.keys.map((k) => [k.id.toLowerCase(), k]));
  const refOf = (id: string): BulkKeyRef => known.get(id) ?? { id, name: null, hint: null };
  return {
    revoked: response.revoked.map((key) => ({ id: key.id, name: key.name, hint: key.hint })),
    alreadyRevoked: response.alreadyRevoked.map(refOf),
    notFound: response.notFound.map(refOf),
  };
}

export function createBulkRevokeService(deps: BulkRevokeServiceDeps): BulkRevokeService {
  return {
    async bulkRevoke(ids) {
      const { profileId } = deps.connection.requireSession();
      const context = { now: new Date(deps.clock.now()).toISOString(), inFlight: deps.sync.inFlight(), entryId: randomUUID(), idempotencyKey: randomUUID() };
      const { outcome, result: change } = await deps.sync.submit(async () => {
        const result: BulkRevokeChange = await deps.states.transact(profileId, (current) =>
          bulkRevokeChange(
            current,
            ids.map((id) => resolveKeyId(current, id, deps.sync.aliasOf)),
            context,
          ),
        );
        return { entryId: result.entry?.id ?? null, result };
      });
      if (outcome.kind === 'refused') {
        // Creates cancelled locally stay cancelled; the rest was refused as a whole.
        if (change.cancelled.length > 0) deps.emit('keys:changed', { reason: 'revoked' });
        throw outcome.error;
      }
      const base = { cancelled: change.cancelled, alreadyRevoked: change.alreadyRevoked, revoked: [], pending: [], notFound: [] };
      if (change.entry || change.cancelled.length > 0) deps.emit('keys:changed', { reason: 'revoked' });
      if (!change.entry) return { ...base, queued: false };
      if (outcome.kind !== 'bulk-applied') return { ...base, queued: true, pending: change.entry.keys };
      const answer = reported(change.entry, outcome.response);
      return { ...base, queued: false, ...answer, alreadyRevoked: [...change.alreadyRevoked, ...answer.alreadyRevoked] };
    },
  };
}
