/**
 * What main keeps per server profile: the last key list the server confirmed, and the outbox of admin
 * actions made offline. One document per profile, so the list and the queue always change together
 * in one atomic write. No secret is ever stored: a queued create carries only the key's SHA-256 and hint.
 */
import { z } from 'zod';
import { InstantSchema } from '../../shared/instant.js';
import { AppErrorDtoSchema } from '../../shared/errors.js';
import { ApiKeyDtoSchema, BULK_MAX, CapabilityListSchema, GRACE_SECONDS_MAX, IsoDateSchema, KeyPolicySchema, KeyUsageSchema, MeResponseSchema } from '../../shared/http/index.js';
import { API_KEY_HINT_PATTERN, SECRET_HASH_PATTERN } from '../../shared/key-shape.js';

const EntryBase = z.object({
  /** Stable id of the entry, shown to the UI as `outboxId`. */
  id: z.string(),
  queuedAt: InstantSchema,
  /** `failed` = the server refused it for good (403, 404, 409…, or 5xx MAX_SERVER_ERRORS times): kept until dismissed. */
  state: z.enum(['queued', 'failed']),
  error: AppErrorDtoSchema.nullable(),
  /**
   * Sends that may have reached the server: incremented in its own atomic write before each send,
   * decremented again when the failure proves the server did not apply it (no connection, 401, 429).
   * A create with attempts > 0 may exist on the server, so a revoke never cancels it locally.
   */
  attempts: z.number().int().nonnegative(),
  /** Sends answered by a server error (5xx / INTERNAL). At MAX_SERVER_ERRORS the entry is failed. Absent = 0. */
  serverErrors: z.number().int().nonnegative().optional(),
});

/** After this many drains answered with a server error, an entry is kept as failed so the queue moves on. */
export const MAX_SERVER_ERRORS = 5;

export const CreateEntrySchema = EntryBase.extend({
  kind: z.literal('create'),
  /** Sent as Idempotency-Key: a replay after a crash returns the key created the first time. */
  idempotencyKey: z.string(),
  /** The id the pending row has until the server gives the key its own. */
  localKeyId: z.string(),
  body: z.object({
    name: z.string(),
    capabilities: CapabilityListSchema,
    canImpersonate: z.boolean(),
    secretHash: z.string().regex(SECRET_HASH_PATTERN),
    hint: z.string().regex(API_KEY_HINT_PATTERN),
    /** When the key stops working (null: never). Absent in entries queued before expiry existed. */
    expiresAt: IsoDateSchema.nullable().default(null),
  }),
  rotatesKeyId: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type CreateEntry = z.infer<typeof CreateEntrySchema>;

export const RevokeEntrySchema = EntryBase.extend({
  kind: z.literal('revoke'),
  keyId: z.string(),
  keyName: z.string(),
});
export type RevokeEntry = z.infer<typeof RevokeEntrySchema>;

/**
 * How a queued retirement ends the key: at a time, or after another key's first use plus a grace.
 * `afterFirstUseOf` may name a pending create's local id until that create lands (applyCreated).
 */
export const RetirementPlanSchema = z.union([
  z.object({ at: IsoDateSchema }).strict(),
  z.object({ afterFirstUseOf: z.string(), graceSeconds: z.number().int().min(0).max(GRACE_SECONDS_MAX) }).strict(),
]);
export type RetirementPlan = z.infer<typeof RetirementPlanSchema>;

/** POST …/scheduled-revocation. Sent with its Idempotency-Key: a resend after a lost answer is replayed, audited once. */
export const ScheduleRetirementEntrySchema = EntryBase.extend({
  kind: z.literal('schedule-retirement'),
  idempotencyKey: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  plan: RetirementPlanSchema,
});
export type ScheduleRetirementEntry = z.infer<typeof ScheduleRetirementEntrySchema>;

/** DELETE …/scheduled-revocation: idempotent by nature (a second cancel is a no-op, not audited). */
export const CancelRetirementEntrySchema = EntryBase.extend({
  kind: z.literal('cancel-retirement'),
  keyId: z.string(),
  keyName: z.string(),
});
export type CancelRetirementEntry = z.infer<typeof CancelRetirementEntrySchema>;

export type RetirementEntry = ScheduleRetirementEntry | CancelRetirementEntry;

/**
 * Many keys revoked as ONE action (keys:bulk-revoke), sent as one request. `keys` may name pending
 * rows' local ids: re-pointed to the server's ids when their creates land, as long as this entry was
 * never sent (its ids are then part of what its Idempotency-Key stands for).
 */
export const BulkRevokeEntrySchema = EntryBase.extend({
  kind: z.literal('bulk-revoke'),
  /** Sent as Idempotency-Key: a resend after a lost answer makes the server replay the first result. */
  idempotencyKey: z.string(),
  keys: z.array(z.object({ id: z.string(), name: z.string().nullable(), hint: z.string().nullable() })).min(1).max(BULK_MAX),
});
export type BulkRevokeEntry = z.infer<typeof BulkRevokeEntrySchema>;

export const OutboxEntrySchema = z.discriminatedUnion('kind', [CreateEntrySchema, RevokeEntrySchema, BulkRevokeEntrySchema, ScheduleRetirementEntrySchema, CancelRetirementEntrySchema]);
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

/**
 * One key's usage as last fetched, with the key's `lastUsedAt` at that moment: usage changes only when
 * the key is used, so it is fetched again only once the list shows another `lastUsedAt` (usage/refetch-rule.ts).
 */
export const CachedUsageSchema = z.object({
  usage: KeyUsageSchema,
  keyLastUsedAt: IsoDateSchema.nullable(),
  fetchedAt: InstantSchema,
});
export type CachedUsage = z.infer<typeof CachedUsageSchema>;

export const ProfileStateSchema = z.object({
  keys: z.array(ApiKeyDtoSchema),
  syncedAt: InstantSchema.nullable(),
  /** New key id → the id of the key it replaces (the server does not know about rotations). */
  rotations: z.record(z.string(), z.string()),
  /** The last `GET /api/me`, so the app can say who is signed in while offline. */
  me: MeResponseSchema.nullable(),
  outbox: z.array(OutboxEntrySchema),
  /** The organization's key policy as last read from the server, and when (absent: never read). */
  keyPolicy: z.object({ policy: KeyPolicySchema, fetchedAt: InstantSchema }).nullable().default(null),
  /**
   * The earlier state file could not be read (corrupt, or from a newer app) and was kept aside at
   * `keptAs`: the app started without its cache and queue. Shown until the admin dismisses it, since
   * actions queued offline before `at` may never have reached the server. Absent in older files.
   */
  unreadable: z.object({ keptAs: z.string(), at: InstantSchema }).nullable().default(null),
  /** Key id → its usage as last fetched (absent in files from before usage: none fetched yet). */
  usage: z.record(z.string(), CachedUsageSchema).default({}),
});
export type ProfileState = z.infer<typeof ProfileStateSchema>;

export const STATE_VERSION = 1;

export function emptyProfileState(): ProfileState {
  return { keys: [], syncedAt: null, rotations: {}, me: null, outbox: [], keyPolicy: null, unreadable: null, usage: {} };
}
