/** The sync status: what is queued, failing or unreadable. */
import { z } from 'zod';
import { InstantSchema } from '../instant.js';
import { PendingActionSchema } from './keys.js';

export const SyncStateSchema = z.object({
  status: z.enum(['idle', 'syncing', 'offline', 'error']),
  /** Actions still waiting to reach the server. */
  pending: z.number().int().nonnegative(),
  /** Progress of the current drain. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Actions the server refused for good, kept until dismissed. */
  failed: z.array(PendingActionSchema.extend({ keyId: z.string(), keyName: z.string() })),
  lastSyncedAt: InstantSchema.nullable(),
  nextRetryAt: InstantSchema.nullable(),
  /**
   * The saved key list and offline queue could not be read at `at`; the unreadable file was kept at
   * `keptAs` (a path on this computer). Actions queued before may not have been sent. Until dismissed.
   */
  unreadable: z.object({ keptAs: z.string(), at: InstantSchema }).nullable(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;
