import { z } from 'zod';
import { CAPABILITY_SLUGS } from '../capabilities.js';
import { compareInstants } from '../instant.js';
import { API_KEY_HINT_PATTERN, SECRET_HASH_PATTERN } from '../key-shape.js';
import { IpAddressSchema } from './activity.js';
import { ActorSchema, IdSchema, IsoDateSchema, PageQuerySchema, pageOf } from './common.js';

export const NAME_MAX_LENGTH = 100;

export const CapabilitySlugSchema = z.enum(CAPABILITY_SLUGS, { error: 'Unknown capability' });

/**
 * Control characters (NUL breaks PostgreSQL text), line separators, invisible characters with no use in
 * a name (zero-width space, word joiner, byte-order mark) and bidirectional controls (they make a name
 * read differently from what it is, in the table and in the audit trail) have no place in a key's name.
 * Zero-width (non-)joiners stay allowed: scripts such as Persian and emoji sequences need them, and a
 * name must still have something visible.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const VISIBLE_CHARACTER = /[^\s\p{Cf}]/u;

/** A key's name: trimmed, 1–100 characters. The same rule in the dialog, in main and on the server. */
export const KeyNameSchema = z
  .string({ error: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(NAME_MAX_LENGTH, `Name must be at most ${NAME_MAX_LENGTH} characters`)
  .refine((name) => !UNSAFE_NAME_CHARACTERS.test(name), 'Name cannot contain control, invisible or text-direction characters')
  .refine((name) => VISIBLE_CHARACTER.test(name), 'Name is required');

export const CapabilityListSchema = z
  .array(CapabilitySlugSchema)
  .max(CAPABILITY_SLUGS.length)
  .refine((list) => new Set(list).size === list.length, 'Each capability may appear only once')
  // The same rule in the OpenAPI document (zod cannot derive it from the refinement).
  .meta({ uniqueItems: true });

/** `expired`: past its `expiresAt` and not revoked (a revocation, scheduled or not, takes precedence). */
export const ApiKeyStatusSchema = z.enum(['active', 'revoked', 'expired']);
export type ApiKeyStatus = z.infer<typeof ApiKeyStatusSchema>;

/** How long a retirement may wait after the new key's first use: 0 s to 30 days. */
export const GRACE_SECONDS_MAX = 2_592_000;

/**
 * A key's planned revocation: at a fixed time, or after the first use of another key (its
 * replacement) plus a grace period; `at` is filled once that first use happened. Once `at` has
 * passed the key is revoked from that instant (`revokedAt` = `at`).
 */
export const ScheduledRevocationSchema = z.union([
  z.object({ afterFirstUseOf: IdSchema, graceSeconds: z.number().int(), at: IsoDateSchema.nullable() }),
  z.object({ at: IsoDateSchema }),
]);
export type ScheduledRevocation = z.infer<typeof ScheduledRevocationSchema>;

export const ApiKeyDtoSchema = z.object({
  id: IdSchema,
  name: z.string(),
  capabilities: z.array(CapabilitySlugSchema),
  canImpersonate: z.boolean(),
  hint: z.string(),
  createdAt: IsoDateSchema,
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastUsedAt: IsoDateSchema.nullable(),
  status: ApiKeyStatusSchema,
  revokedAt: IsoDateSchema.nullable(),
  /**
   * The key is refused from this instant on (null: no expiry). Both time fields default to null when
   * absent, so a client still reads a server (or its own stored copy of a list) from before them.
   */
  expiresAt: IsoDateSchema.nullable().default(null),
  scheduledRevocation: ScheduledRevocationSchema.nullable().default(null),
});
export type ApiKeyDto = z.infer<typeof ApiKeyDtoSchema>;

export const ListApiKeysQuerySchema = PageQuerySchema.extend({
  status: z.enum(['active', 'revoked', 'expired', 'all']).default('all'),
  /** Only keys used from this address (an activity source) in the last 90 days. */
  usedFrom: IpAddressSchema.optional(),
});
export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuerySchema>;

export const ListApiKeysResponseSchema = pageOf(ApiKeyDtoSchema);
export type ListApiKeysResponse = z.infer<typeof ListApiKeysResponseSchema>;

/**
 * Create a key. Either the server generates the secret (send neither `secretHash` nor `hint`; the
 * response carries `secret`, once) or the client generated it and sends only its SHA-256 and hint
 * (the server never sees the secret; the response has no `secret`).
 */
export const CreateApiKeyBodySchema = z
  .object({
    name: KeyNameSchema,
    capabilities: CapabilityListSchema,
    canImpersonate: z.boolean().default(false),
    secretHash: z.string().regex(SECRET_HASH_PATTERN, 'secretHash must be 64 lowercase hex characters (SHA-256)').optional(),
    hint: z.string().regex(API_KEY_HINT_PATTERN, 'hint must look like rkr_key_…XXXX').optional(),
    /** An instant at most 3,650 days ahead (checked with the server's clock). Omitted: no expiry (if the key policy allows). */
    expiresAt: IsoDateSchema.optional(),
  })
  .strict()
  .refine((body) => (body.secretHash === undefined) === (body.hint === undefined), {
    message: 'Send both secretHash and hint, or neither',
    path: ['secretHash'],
  })
  // The refinement above, as JSON Schema says it, for the OpenAPI document (a test holds the two equal).
  .meta({ dependentRequired: { secretHash: ['hint'], hint: ['secretHash'] } });
export type CreateApiKeyBody = z.input<typeof CreateApiKeyBodySchema>;

export const CreateApiKeyResponseSchema = z.object({
  apiKey: ApiKeyDtoSchema,
  /** Present only when the server generated the secret: shown once, never retrievable again. */
  secret: z.string().optional(),
});
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponseSchema>;

export const ApiKeyParamsSchema = z.object({ id: IdSchema });

export const RevokeApiKeyResponseSchema = z.object({ apiKey: ApiKeyDtoSchema });
export type RevokeApiKeyResponse = z.infer<typeof RevokeApiKeyResponseSchema>;

export const AUDIT_ACTIONS = [
  'admin_token.issued',
  'admin_token.revoked',
  'api_key.bulk_revoked',
  'api_key.created',
  'api_key.revocation_cancelled',
  'api_key.revocation_scheduled',
  'api_key.revoked',
  'key_policy.updated',
  'playbook_run.started',
  'record.created',
  'record.deleted',
] as const;

export const AuditEventDtoSchema = z.object({
  id: IdSchema,
  occurredAt: IsoDateSchema,
  action: z.enum(AUDIT_ACTIONS),
  actor: ActorSchema,
  target: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventDto = z.infer<typeof AuditEventDtoSchema>;

export const AuditActionSchema = z.enum(AUDIT_ACTIONS, { error: 'Unknown audit action' });
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** Actor ids are UUIDs (people, keys) or a fixed name such as `server-cli`; nothing else reaches the database. */
export const ActorIdSchema = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'actorId must be an id');


export const ListAuditEventsQuerySchema = PageQuerySchema.extend({
  /** Only events with one of these actions (`?action=a&action=b`). */
  action: z
    .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(AuditActionSchema).min(1).max(AUDIT_ACTIONS.length))
    .transform((actions) => [...new Set(actions)])
    .optional(),
  /** Only events done by this actor (a person, or a key acting as itself). */
  actorId: ActorIdSchema.optional(),
  /** Only events done by this key, or concerning it (created, revoked). */
  apiKeyId: IdSchema.optional(),
  /** From this instant, inclusive. */
  from: IsoDateSchema.optional(),
  /** Up to this instant, exclusive. */
  to: IsoDateSchema.optional(),
}).refine((query) => query.from === undefined || query.to === undefined || compareInstants(query.from, query.to) <= 0, {
  message: '`from` must not be after `to`',
  path: ['from'],
});
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuerySchema>;

export const ListAuditEventsResponseSchema = pageOf(AuditEventDtoSchema);
export type ListAuditEventsResponse = z.infer<typeof ListAuditEventsResponseSchema>;

/** Incident response: ids (1–1,000) per bulk request; an id listed twice counts once. */
export const BULK_MAX = 1000;

export const BulkRevokeApiKeysBodySchema = z
  .object({
    ids: z
      .array(IdSchema, { error: 'ids must be a list of key ids' })
      .min(1, 'List at least one key id')
      .max(BULK_MAX, `At most ${BULK_MAX} ids per request`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
  })
  .strict();
export type BulkRevokeApiKeysBody = z.input<typeof BulkRevokeApiKeysBodySchema>;

export const BulkRevokeApiKeysResponseSchema = z.object({
  /** Keys this request revoked, as they are now. */
  revoked: z.array(ApiKeyDtoSchema),
  /** Listed keys of the organization that were revoked before. */
  alreadyRevoked: z.array(IdSchema),
  /** Ids that are no key of the caller's organization (another organization's keys included). */
  notFound: z.array(IdSchema),
});
export type BulkRevokeApiKeysResponse = z.infer<typeof BulkRevokeApiKeysResponseSchema>;

export const SecretHashSchema = z.string().regex(SECRET_HASH_PATTERN, 'secretHash must be 64 lowercase hex characters (SHA-256)');

export const IdentifyApiKeysBodySchema = z
  .object({
    secretHashes: z
      .array(SecretHashSchema, { error: 'secretHashes must be a list of SHA-256 hex strings' })
      .min(1, 'List at least one hash')
      .max(BULK_MAX, `At most ${BULK_MAX} hashes per request`)
      .transform((hashes) => [...new Set(hashes)]),
  })
  .strict();
export type IdentifyApiKeysBody = z.input<typeof IdentifyApiKeysBodySchema>;

export const IdentifyApiKeysResponseSchema = z.object({
  matches: z.array(z.object({ secretHash: z.string(), apiKey: ApiKeyDtoSchema })),
  /** Hashes of no key of the caller's organization (another organization's keys included). */
  unknown: z.array(z.string()),
});
export type IdentifyApiKeysResponse = z.infer<typeof IdentifyApiKeysResponseSchema>;

/** `POST /admin/api-keys/{id}/scheduled-revocation`: at a time, or after another key's first use plus a grace. */
export const ScheduleRevocationBodySchema = z
  .object({
    at: IsoDateSchema.optional(),
    afterFirstUseOf: IdSchema.transform((id) => id.toLowerCase()).optional(),
    graceSeconds: z
      .number({ error: 'graceSeconds must be a whole number of seconds' })
      .int('graceSeconds must be a whole number of seconds')
      .min(0, 'graceSeconds must be at least 0')
      .max(GRACE_SECONDS_MAX, `graceSeconds must be at most ${GRACE_SECONDS_MAX} (30 days)`)
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const byTime = body.at !== undefined;
    const byUse = body.afterFirstUseOf !== undefined || body.graceSeconds !== undefined;
    if (byTime === byUse) {
      ctx.addIssue({ code: 'custom', path: ['at'], message: 'Send either { at } or { afterFirstUseOf, graceSeconds }' });
      return;
    }
    if (byUse && body.afterFirstUseOf === undefined) ctx.addIssue({ code: 'custom', path: ['afterFirstUseOf'], message: 'afterFirstUseOf is required with graceSeconds' });
    if (byUse && body.graceSeconds === undefined) ctx.addIssue({ code: 'custom', path: ['graceSeconds'], message: 'graceSeconds is required with afterFirstUseOf' });
  })
  // The refinement above, as JSON Schema says it, for the OpenAPI document (a test holds the two equal).
  // The branches name their properties (`{}`: any value, the types are above) so that generated
  // clients type the body as a union: { at } | { afterFirstUseOf, graceSeconds }.
  .meta({
    oneOf: [
      { required: ['at'], properties: { at: {} } },
      { required: ['afterFirstUseOf', 'graceSeconds'], properties: { afterFirstUseOf: {}, graceSeconds: {} } },
    ],
    dependentRequired: { afterFirstUseOf: ['graceSeconds'], graceSeconds: ['afterFirstUseOf'] },
  });
export type ScheduleRevocationBody = z.input<typeof ScheduleRevocationBodySchema>;

export const ApiKeyResponseSchema = z.object({ apiKey: ApiKeyDtoSchema });
export type ApiKeyResponse = z.infer<typeof ApiKeyResponseSchema>;

/** Longest maximum lifetime a policy may set (10 years). */
export const MAX_LIFETIME_DAYS_MAX = 3650;

/** The organization's key policy: what every newly created key must satisfy. */
export const KeyPolicySchema = z
  .object({
    /** Keys may live at most this many days from creation (and then must have an expiry); null: no limit. */
    maxLifetimeDays: z
      .number({ error: 'maxLifetimeDays must be a number of days or null' })
      .int('maxLifetimeDays must be a whole number of days')
      .min(1, 'maxLifetimeDays must be at least 1')
      .max(MAX_LIFETIME_DAYS_MAX, `maxLifetimeDays must be at most ${MAX_LIFETIME_DAYS_MAX}`)
      .nullable(),
    /** Every new key must have an expiry date. */
    requireExpiry: z.boolean({ error: 'requireExpiry must be true or false' }),
  })
  .strict();
export type KeyPolicy = z.infer<typeof KeyPolicySchema>;

/**
 * GET /api/admin/api-keys/{id}/usage: for each capability the key holds, when a request last exercised
 * it (a request exercises the capability its route requires), and when it last acted as a person.
 * Recorded like last used: coalesced, at most one write per key per interval.
 */
export const KeyUsageSchema = z.object({
  capabilities: z.array(z.object({ capability: CapabilitySlugSchema, lastUsedAt: IsoDateSchema.nullable() })),
  impersonation: z.object({ lastUsedAt: IsoDateSchema.nullable() }),
});
export type KeyUsage = z.infer<typeof KeyUsageSchema>;
