/**
 * keys:suspend, keys:resume and keys:bulk-suspend — switching keys off and on again (containment). Like
 * a revoke, each goes into main's outbox first: online the call awaits the server's answer, offline it
 * returns at once and the row says "Suspension pending" (the key keeps working until RakerOne Admin
 * reconnects). The reason follows the server's rule (SuspensionReasonSchema): 1–200 characters, one line.
 */
import { z } from 'zod';
import { BULK_MAX } from '../http/api-keys.js';
import { IdSchema } from '../http/common.js';
import { SuspensionReasonSchema } from '../http/containment.js';
import { BulkKeyRefSchema } from './bulk-revoke.js';

export const SuspendInputSchema = z.object({ id: z.string().min(1).max(100), reason: SuspensionReasonSchema }).strict();
export type SuspendInput = z.input<typeof SuspendInputSchema>;

export const BulkSuspendInputSchema = z
  .object({
    ids: z.array(IdSchema, { error: 'ids must be a list of key ids' }).min(1, 'Select at least one key').max(BULK_MAX, `At most ${BULK_MAX} keys at once`),
    reason: SuspensionReasonSchema,
  })
  .strict();
export type BulkSuspendInput = z.input<typeof BulkSuspendInputSchema>;

export const BulkSuspendResultSchema = z.object({
  /** True when the suspension waits in the outbox (offline, or sent and its answer lost). */
  queued: z.boolean(),
  /** Suspended by RakerOne: refused on every node from now on, until resumed. */
  suspended: z.array(BulkKeyRefSchema),
  /** Queued: these keys keep working until RakerOne Admin reconnects. */
  pending: z.array(BulkKeyRefSchema),
  /** Suspended before (left as they were: the first reason stands). */
  alreadySuspended: z.array(BulkKeyRefSchema),
  /** Revoked, expired or never created: nothing to switch off. */
  notActive: z.array(BulkKeyRefSchema),
  /** No key of this organization on RakerOne: nothing was suspended for these ids. */
  notFound: z.array(BulkKeyRefSchema),
});
export type BulkSuspendResult = z.infer<typeof BulkSuspendResultSchema>;
