/**
 * What main keeps per server profile: the last key list the server confirmed, and the outbox of admin
 * actions made offline (its entries: outbox/schema.ts). One document per profile, so the list and the
 * queue always change together in one atomic write. No secret is ever stored: a queued create carries
 * only the key's SHA-256 and hint.
 */
import { z } from 'zod';
import { ApiKeyDtoSchema, IsoDateSchema, KeyPolicySchema, KeyUsageSchema, MeResponseSchema } from '../../shared/http/index.js';
import { OutboxEntrySchema } from '../outbox/schema.js';

/**
 * One key's usage as last fetched, with the key's `lastUsedAt` at that moment: usage changes only when
 * the key is used, so it is fetched again only once the list shows another `lastUsedAt` (usage/refetch-rule.ts).
 */
export const CachedUsageSchema = z.object({
  usage: KeyUsageSchema,
  keyLastUsedAt: IsoDateSchema.nullable(),
  fetchedAt: z.iso.datetime({ offset: true }),
});
export type CachedUsage = z.infer<typeof CachedUsageSchema>;

export const ProfileStateSchema = z.object({
  keys: z.array(ApiKeyDtoSchema),
  syncedAt: z.iso.datetime({ offset: true }).nullable(),
  /** New key id → the id of the key it replaces (the server does not know about rotations). */
  rotations: z.record(z.string(), z.string()),
  /** The last `GET /api/me`, so the app can say who is signed in while offline. */
  me: MeResponseSchema.nullable(),
  outbox: z.array(OutboxEntrySchema),
  /** The organization's key policy as last read from the server, and when (absent: never read). */
  keyPolicy: z.object({ policy: KeyPolicySchema, fetchedAt: z.iso.datetime({ offset: true }) }).nullable().default(null),
  /**
   * The earlier state file could not be read (corrupt, or from a newer app) and was kept aside at
   * `keptAs`: the app started without its cache and queue. Shown until the admin dismisses it, since
   * actions queued offline before `at` may never have reached the server. Absent in older files.
   */
  unreadable: z.object({ keptAs: z.string(), at: z.iso.datetime({ offset: true }) }).nullable().default(null),
  /** Key id → its usage as last fetched (absent in files from before usage: none fetched yet). */
  usage: z.record(z.string(), CachedUsageSchema).default({}),
});
export type ProfileState = z.infer<typeof ProfileStateSchema>;

export const STATE_VERSION = 1;

export function emptyProfileState(): ProfileState {
  return { keys: [], syncedAt: null, rotations: {}, me: null, outbox: [], keyPolicy: null, unreadable: null, usage: {} };
}
