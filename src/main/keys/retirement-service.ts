/**
 * Scheduled retirement of a key (keys:schedule-retirement, keys:cancel-retirement): when an old key
 * stops working — at a time, or after its replacement's first use plus a grace. Like a revoke, every
 * change goes into the outbox first (outbox/changes/retirement.ts, one atomic write) and the sync coordinator
 * sends it: online the call awaits its own entry's outcome (a refusal comes back as the error and
 * nothing stays queued); offline it returns at once and the row says "Retirement pending".
 */
import { AppError } from '../../shared/errors.js';
import type { KeyRow, RetirementPlanInput } from '../../shared/ipc/contract.js';
import type { Clock, Emit } from '../ports.js';
import { cancelRetirementChange, scheduleRetirementChange, type RetirementResult } from '../outbox/changes/retirement.js';
import { resolveKeyId } from '../outbox/queries.js';
import type { RetirementPlan } from '../outbox/schema.js';
import type { ProfileState } from '../store/profile-state.js';
import type { StateStore } from '../store/state-store.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { ConnectionService } from '../connection/connection-service.js';
import { requireKeyEnd } from './key-end.js';
import { findRow } from './key-view.js';

export interface RetirementServiceDeps {
  states: StateStore;
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'submit' | 'inFlight' | 'aliasOf'>;
  clock: Clock;
  emit: Emit;
}

export interface RetirementService {
  schedule(id: string, plan: RetirementPlanInput): Promise<KeyRow>;
  cancel(id: string): Promise<KeyRow>;
}

export function createRetirementService(deps: RetirementServiceDeps): RetirementService {
  const iso = () => new Date(deps.clock.now()).toISOString();

  /** The renderer may hold a pending row's local id whose create has landed since. */
  const resolveId = (state: ProfileState, id: string) => resolveKeyId(state, id, deps.sync.aliasOf);

  async function run(rawId: string, change: (state: ProfileState, id: string) => { next: ProfileState; result: RetirementResult }): Promise<KeyRow> {
    const { profileId } = deps.connection.requireSession();
    const { outcome } = await deps.sync.submit(async () => {
      const result = await deps.states.transact(profileId, (current) => change(current, resolveId(current, rawId)));
      return { entryId: result.kind === 'queued' ? result.entryId : null, result };
    });
    if (outcome.kind === 'refused') throw outcome.error;
    const latest = await deps.states.read(profileId);
    const row = findRow(latest, resolveId(latest, rawId), deps.sync.inFlight(), deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND', 'This key does not exist.');
    deps.emit('keys:changed', { reason: 'retirement' });
    return row;
  }

  return {
    async schedule(rawId, input) {
      if ('at' in input) requireKeyEnd(input.at, deps.clock.now(), { path: 'plan.at', what: 'The retirement time' });
      const context = () => ({ now: iso(), inFlight: deps.sync.inFlight() });
      return run(rawId, (state, id) => {
        const plan: RetirementPlan =
          'at' in input
            ? { at: new Date(input.at).toISOString() }
            : { afterFirstUseOf: resolveId(state, input.afterFirstUseOf), graceSeconds: input.graceSeconds };
        return scheduleRetirementChange(state, id, plan, context());
      });
    },
    cancel(rawId) {
      return run(rawId, (state, id) => cancelRetirementChange(state, id, { now: iso(), inFlight: deps.sync.inFlight() }));
    },
  };
}
