/**
 * keys:bulk-revoke — revoke many keys in one action (incident response). Main sends one
 * `POST /api/admin/api-keys/bulk-revoke` with an Idempotency-Key, or, offline, queues ONE outbox
 * entry that is sent exactly once when RakerOne answers again. The answer sorts every listed key
 * into what happened to it, honestly: revoked now, queued (still works until the app reconnects),
 * cancelled (a create that never left this computer), already revoked, or unknown to RakerOne.
 */
import { z } from 'zod';
import { BULK_MAX } from '../http/api-keys.js';
import { IdSchema } from '../http/common.js';

export const BulkRevokeInputSchema = z
  .object({
    ids: z.array(IdSchema, { error: 'ids must be a list of key ids' }).min(1, 'Select at least one key').max(BULK_MAX, `At most ${BULK_MAX} keys at once`),
  })
  .strict();
export type BulkRevokeInput = z.infer<typeof BulkRevokeInputSchema>;

/** A key as the result names it; `name` and `hint` are null for an id this app has never listed. */
export const BulkKeyRefSchema = z.object({ id: z.string(), name: z.string().nullable(), hint: z.string().nullable() });
export type BulkKeyRef = z.infer<typeof BulkKeyRefSchema>;

export const BulkRevokeResultSchema = z.object({
  /** True when the revocation waits in the outbox (offline, or sent and its answer lost). */
  queued: z.boolean(),
  /** Revoked by RakerOne: refused on every node from now on. */
  revoked: z.array(BulkKeyRefSchema),
  /** Queued: these keys still work until RakerOne Admin reconnects. */
  pending: z.array(BulkKeyRefSchema),
  /** Creates that never reached RakerOne, cancelled here: these keys never worked. */
  cancelled: z.array(BulkKeyRefSchema),
  /** Revoked before (nothing to do). */
  alreadyRevoked: z.array(BulkKeyRefSchema),
  /** No key of this organization on RakerOne: nothing was revoked for these ids. */
  notFound: z.array(BulkKeyRefSchema),
});
export type BulkRevokeResult = z.infer<typeof BulkRevokeResultSchema>;
