/**
 * The earlier state file could not be read. Set only by the state store when it keeps such a file
 * aside (state-store.ts), cleared only when the admin dismisses the notice (connection/sync-service.ts).
 */
import { z } from 'zod';
import { InstantSchema } from '../../../shared/instant.js';
import type { ProfileState } from '../profile-state.js';

export const UnreadableSlice = {
  /**
   * The earlier state file could not be read (corrupt, or from a newer app) and was kept aside at
   * `keptAs`: the app started without its cache and queue. Shown until the admin dismisses it, since
   * actions queued offline before `at` may never have reached the server. Absent in older files.
   */
  unreadable: z.object({ keptAs: z.string(), at: InstantSchema }).nullable().default(null),
};

export function withUnreadableDismissed(state: ProfileState): ProfileState {
  return { ...state, unreadable: null };
}
