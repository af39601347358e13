/** A key's scheduled revocation (retirement): as a key carries it, and the request that sets it. */
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

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
    if (byUse && body.afterFirstUseOf === undefined)
      ctx.addIssue({ code: 'custom', path: ['afterFirstUseOf'], message: 'afterFirstUseOf is required with graceSeconds' });
    if (byUse && body.graceSeconds === undefined)
      ctx.addIssue({ code: 'custom', path: ['graceSeconds'], message: 'graceSeconds is required with afterFirstUseOf' });
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
