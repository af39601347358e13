/** The sync status bar's state, as a pure function of what the coordinator and the store know. */
import type { AppError } from '../../shared/errors.js';
import type { SyncState } from '../../shared/ipc/contract.js';
import { isUnreachable } from '../http/map-error.js';
import { failedOf } from '../outbox/status.js';
import type { ProfileState } from '../store/profile-state.js';

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
