/** API keys themselves: a key's name and capabilities, how the API shows a key, list, create and revoke. */
import { z } from 'zod';
import { CAPABILITY_SLUGS } from '../capabilities.js';
import { API_KEY_HINT_PATTERN, SECRET_HASH_PATTERN } from '../key-shape.js';
import { IpAddressSchema } from './activity.js';
import { IdSchema, IsoDateSchema, PageQuerySchema, pageOf } from './common.js';
import { AllowedAddressesSchema, SuspensionSchema } from './containment.js';
import { ScheduledRevocationSchema } from './scheduled-revocation.js';

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

/**
 * Precedence: `revoked` (a revocation, scheduled or not, whose time came), then `expired` (past its
 * `expiresAt`), then `suspended` (switched off, may be resumed), then `active`.
 */
export const ApiKeyStatusSchema = z.enum(['active', 'revoked', 'expired', 'suspended']);
export type ApiKeyStatus = z.infer<typeof ApiKeyStatusSchema>;

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
  /** Who switched the key off, when and why; null while it is not suspended (absent reads as null). */
  suspension: SuspensionSchema.nullable().default(null),
  /** Canonical CIDR blocks the key may be used from; null: from anywhere (absent reads as null). */
  allowedAddresses: z.array(z.string()).nullable().default(null),
});
export type ApiKeyDto = z.infer<typeof ApiKeyDtoSchema>;

export const ListApiKeysQuerySchema = PageQuerySchema.extend({
  status: z.enum(['active', 'revoked', 'expired', 'suspended', 'all']).default('all'),
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
    /** The addresses the key may be used from (1–50 CIDR blocks); omitted or null: from anywhere (if the key policy allows). */
    allowedAddresses: AllowedAddressesSchema.optional(),
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

export const ApiKeyResponseSchema = z.object({ apiKey: ApiKeyDtoSchema });
export type ApiKeyResponse = z.infer<typeof ApiKeyResponseSchema>;
