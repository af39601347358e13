/** How queued and failed entries show: on their rows and in the failed list. */
import type { PendingAction, SyncState } from '../../shared/ipc/contract.js';
import { mayBeApplied } from './lifecycle.js';
import { kindOf } from './registry.js';
import type { OutboxEntry, ProfileState } from './schema.js';

/** How a queued or failed entry shows on its row and in the failed list. */
export function pendingOf(entry: OutboxEntry, inFlight: ReadonlySet<string>): PendingAction {
  return {
    outboxId: entry.id,
    action: kindOf(entry).rowAction,
    state: entry.state === 'failed' ? 'failed' : inFlight.has(entry.id) ? 'syncing' : 'queued',
    error: entry.error,
    queuedAt: entry.queuedAt,
    mayBeApplied: mayBeApplied(entry, inFlight),
  };
}

export function failedOf(state: ProfileState): SyncState['failed'] {
  return state.outbox
    .filter((entry) => entry.state === 'failed')
    .map((entry) => ({
      ...pendingOf(entry, new Set()),
      ...kindOf(entry).failedKey(entry),
    }));
}
