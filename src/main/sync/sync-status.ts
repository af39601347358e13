/** The sync status bar's state, as a pure function of what the coordinator and the store know. */
import type { AppError } from '../../shared/errors.js';
import type { PendingAction, SyncState } from '../../shared/ipc/contract.js';
import { isUnreachable } from '../http/map-error.js';
import type { OutboxEntry, ProfileState } from '../store/outbox-schema.js';
import { mayBeApplied } from './apply.js';

/** How a queued or failed entry shows on its row and in the failed list. */
export function pendingOf(entry: OutboxEntry, inFlight: ReadonlySet<string>): PendingAction {
  return {
    outboxId: entry.id,
    // A bulk revoke is, for each of its rows, a revocation like any other.
    action: entry.kind === 'bulk-revoke' ? 'revoke' : entry.kind,
    state: entry.state === 'failed' ? 'failed' : inFlight.has(entry.id) ? 'syncing' : 'queued',
    error: entry.error,
    queuedAt: entry.queuedAt,
    mayBeApplied: mayBeApplied(entry, inFlight),
  };
}

/** The key a failed entry is about; for a bulk revoke, its first key and (some of) its names. */
function failedKeyOf(entry: OutboxEntry): { keyId: string; keyName: string } {
  if (entry.kind === 'create') return { keyId: entry.localKeyId, keyName: entry.body.name };
  if (entry.kind === 'revoke') return { keyId: entry.keyId, keyName: entry.keyName };
  return { keyId: entry.keys[0]?.id ?? entry.id, keyName: namesOf(entry.keys.map((k) => k.name ?? k.id)) };
}

/** "Billing, Import, Deploy (+4 more)": the names a failed bulk revoke is about. */
function namesOf(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown;
}

export function failedOf(state: ProfileState): SyncState['failed'] {
  return state.outbox
    .filter((entry) => entry.state === 'failed')
    .map((entry) => ({
      ...pendingOf(entry, new Set()),
      ...failedKeyOf(entry),
    }));
}

export function syncStateOf(input: {
  state: ProfileState | null;
  online: boolean;
  draining: boolean;
  progress: SyncState['progress'];
  /** The last drain's error, if it belongs to this profile. */
  lastError: AppError | null;
  nextRetryAt: number | null;
}): SyncState {
  const { state, lastError: error } = input;
  const pending = state ? state.outbox.filter((e) => e.state === 'queued').length : 0;
  let status: SyncState['status'] = 'idle';
  // A drain with nothing to send is only a list refresh (every few seconds while a page polls for
  // "last used"): calling that "Syncing" would make the status flicker for no change of the admin's.
  if (input.draining && (pending > 0 || (input.progress?.total ?? 0) > 0)) status = 'syncing';
  else if (!input.online) status = 'offline';
  // A sync that is not getting through. Not "error": no connection (offline), a refused sign-in
  // (the page asks to sign in again) or no access (a non-admin sees the no-access message).
  else if (error && !isUnreachable(error) && error.code !== 'UNAUTHORIZED' && error.code !== 'FORBIDDEN') status = 'error';
  return {
    status,
    pending,
    progress: input.draining ? input.progress : null,
    failed: state ? failedOf(state) : [],
    lastSyncedAt: state?.syncedAt ?? null,
    nextRetryAt: input.nextRetryAt === null ? null : new Date(input.nextRetryAt).toISOString(),
    unreadable: state?.unreadable ?? null,
  };
}
