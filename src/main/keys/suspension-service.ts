/**
 * Suspending and resuming keys (keys:suspend, keys:resume, keys:bulk-suspend). Like a revoke, every
 * change goes into the outbox first (outbox/changes/suspension.ts, one atomic write) and the sync
 * coordinator sends it with the Idempotency-Key stored in the entry: online the call awaits its own
 * entry's outcome (a refusal comes back as the error and nothing stays queued); offline it returns at
 * once and the row says "Suspension pending" / "Resume pending" until the server has it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { BulkSuspendApiKeysResponse } from '../../shared/http/index.js';
import type { BulkKeyRef } from '../../shared/ipc/bulk-revoke.js';
import type { BulkSuspendResult, KeyRow } from '../../shared/ipc/contract.js';
import type { Clock, Emit } from '../ports.js';
import { bulkSuspendChange, resumeChange, suspendChange, type BulkSuspendChange, type SuspensionResult } from '../outbox/changes/suspension.js';
import { resolveKeyId } from '../outbox/queries.js';
import type { BulkSuspendEntry } from '../outbox/schema.js';
import type { ProfileState } from '../store/profile-state.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from '../connection/connection-service.js';
import { findRow } from './key-view.js';

export interface SuspensionServiceDeps {
  states: StateStore;
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'submit' | 'inFlight' | 'aliasOf'>;
  clock: Clock;
  emit: Emit;
}

export interface SuspensionService {
  suspend(id: string, reason: string): Promise<KeyRow>;
  resume(id: string): Promise<KeyRow>;
  bulkSuspend(ids: string[], reason: string): Promise<BulkSuspendResult>;
}

type Change = (state: ProfileState, id: string, context: ChangeContext) => { next: ProfileState; result: SuspensionResult };
interface ChangeContext {
  now: string;
  inFlight: ReadonlySet<string>;
  entryId: string;
  idempotencyKey: string;
}

/** The server's answer, key by key, named from what the entry knew of each key. */
function reported(
  entry: BulkSuspendEntry,
  response: BulkSuspendApiKeysResponse,
): Pick<BulkSuspendResult, 'suspended' | 'alreadySuspended' | 'notActive' | 'notFound'> {
  // The server answers with lowercase ids.
  const known = new Map(entry.keys.map((k) => [k.id.toLowerCase(), k]));
  const refOf = (id: string): BulkKeyRef => known.get(id) ?? { id, name: null, hint: null };
  return {
    suspended: response.suspended.map((key) => ({ id: key.id, name: key.name, hint: key.hint })),
    alreadySuspended: response.alreadySuspended.map(refOf),
    notActive: response.notActive.map(refOf),
    notFound: response.notFound.map(refOf),
  };
}

export function createSuspensionService(deps: SuspensionServiceDeps): SuspensionService {
  const context = (): ChangeContext => ({
    now: new Date(deps.clock.now()).toISOString(),
    inFlight: deps.sync.inFlight(),
    entryId: randomUUID(),
    idempotencyKey: randomUUID(),
  });
  /** The renderer may hold a pending row's local id whose create has landed since. */
  const resolveId = (state: ProfileState, id: string) => resolveKeyId(state, id, deps.sync.aliasOf);

  async function run(rawId: string, change: Change): Promise<KeyRow> {
    const { profileId } = deps.connection.requireSession();
    const ctx = context();
    const { outcome } = await deps.sync.submit(async () => {
      const result = await deps.states.transact(profileId, (current) => change(current, resolveId(current, rawId), ctx));
      return { entryId: result.kind === 'queued' ? result.entryId : null, result };
    });
    // Unsent actions cancelled by this one stay cancelled even when the server refused the new one.
    deps.emit('keys:changed', { reason: 'suspension' });
    if (outcome.kind === 'refused') throw outcome.error;
    const latest = await deps.states.read(profileId);
    const row = findRow(latest, resolveId(latest, rawId), deps.sync.inFlight(), deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
    return row;
  }

  return {
    suspend: (rawId, reason) => run(rawId, (state, id, ctx) => suspendChange(state, id, reason, ctx)),
    resume: (rawId) => run(rawId, (state, id, ctx) => resumeChange(state, id, ctx)),
    async bulkSuspend(ids, reason) {
      const { profileId } = deps.connection.requireSession();
      const ctx = context();
      const { outcome, result: change } = await deps.sync.submit(async () => {
        const result: BulkSuspendChange = await deps.states.transact(profileId, (current) =>
          bulkSuspendChange(
            current,
            ids.map((id) => resolveId(current, id)),
            reason,
            ctx,
          ),
        );
        return { entryId: result.entry?.id ?? null, result };
      });
      deps.emit('keys:changed', { reason: 'suspension' });
      if (outcome.kind === 'refused') throw outcome.error;
      const base = { alreadySuspended: change.alreadySuspended, notActive: change.notActive, suspended: [], pending: [], notFound: [] };
      if (!change.entry) return { ...base, queued: false };
      if (outcome.kind !== 'bulk-suspended') return { ...base, queued: true, pending: change.entry.keys };
      const answer = reported(change.entry, outcome.response);
      return {
        ...base,
        queued: false,
        ...answer,
        alreadySuspended: [...change.alreadySuspended, ...answer.alreadySuspended],
        notActive: [...change.notActive, ...answer.notActive],
      };
    },
  };
}
