/** A key's retirement plan, as the renderer asks for it. */
import { z } from 'zod';
import { GRACE_SECONDS_MAX, IsoDateSchema } from '../http/index.js';

/**
 * How a key retires, checked as the server checks `POST …/scheduled-revocation`: at a time, or a grace
 * of 0–30 days after another key's (its replacement's) first use. That the time is still ahead is
 * checked by main with its injected clock (main/keys/key-end.ts), not here: a schema has no clock.
 */
export const RetirementPlanInputSchema = z.union([
  z.object({ at: IsoDateSchema }).strict(),
  z
    .object({
      afterFirstUseOf: z.string().min(1).max(100),
      graceSeconds: z
        .number({ error: 'graceSeconds must be a whole number of seconds' })
        .int('graceSeconds must be a whole number of seconds')
        .min(0, 'graceSeconds must be at least 0')
        .max(GRACE_SECONDS_MAX, `graceSeconds must be at most ${GRACE_SECONDS_MAX} (30 days)`),
    })
    .strict(),
]);
export type RetirementPlanInput = z.infer<typeof RetirementPlanInputSchema>;

export const ScheduleRetirementInputSchema = z.object({ id: z.string().min(1).max(100), plan: RetirementPlanInputSchema }).strict();
