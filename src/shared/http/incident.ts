/** Incident response: revoking and suspending keys in bulk and naming the keys behind leaked secrets' hashes. */
import { z } from 'zod';
import { SECRET_HASH_PATTERN } from '../key-shape.js';
import { IdSchema } from './common.js';
import { SuspensionReasonSchema } from './containment.js';
import { ApiKeyDtoSchema } from './keys.js';

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

/** `POST /api/admin/api-keys/bulk-suspend`: one transaction, like bulk revoke. */
export const BulkSuspendApiKeysBodySchema = z
  .object({
    ids: z
      .array(IdSchema, { error: 'ids must be a list of key ids' })
      .min(1, 'List at least one key id')
      .max(BULK_MAX, `At most ${BULK_MAX} ids per request`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
    reason: SuspensionReasonSchema,
  })
  .strict();
export type BulkSuspendApiKeysBody = z.input<typeof BulkSuspendApiKeysBodySchema>;

export const BulkSuspendApiKeysResponseSchema = z.object({
  /** Keys this request suspended, as they are now. */
  suspended: z.array(ApiKeyDtoSchema),
  /** Listed keys that were suspended before (left as they were: the first reason stands). */
  alreadySuspended: z.array(IdSchema),
  /** Listed keys that are revoked or expired: nothing to switch off. */
  notActive: z.array(IdSchema),
  /** Ids that are no key of the caller's organization (another organization's keys included). */
  notFound: z.array(IdSchema),
});
export type BulkSuspendApiKeysResponse = z.infer<typeof BulkSuspendApiKeysResponseSchema>;

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
