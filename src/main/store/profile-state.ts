/**
 * What main keeps per server profile, one document per profile so the list and the queue always change
 * together in one atomic write. Each slice has its schema and its one writer in slices/ (the outbox's
 * is outbox/): docs/architecture.md lists who writes what. No secret is ever stored: a queued create
 * carries only the key's SHA-256 and hint.
 */
import { z } from 'zod';
import { OutboxEntrySchema } from '../outbox/schema.js';
import { KeyCacheSlice } from './slices/key-cache.js';
import { KeyPolicySlice } from './slices/key-policy.js';
import { MeSlice } from './slices/me.js';
import { UnreadableSlice } from './slices/unreadable.js';
import { UsageSlice } from './slices/usage.js';
import { ActivitySlice } from './slices/activity.js';

export { CachedUsageSchema, type CachedUsage } from './slices/usage.js';

export const ProfileStateSchema = z.object({
  ...KeyCacheSlice,
  ...MeSlice,
  outbox: z.array(OutboxEntrySchema),
  ...KeyPolicySlice,
  ...UnreadableSlice,
  ...UsageSlice,
  ...ActivitySlice,
});
export type ProfileState = z.infer<typeof ProfileStateSchema>;

export const STATE_VERSION = 1;

export function emptyProfileState(): ProfileState {
  return { keys: [], syncedAt: null, rotations: {}, me: null, outbox: [], keyPolicy: null, unreadable: null, usage: {}, activity: {} };
}
