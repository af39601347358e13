/** A key's retirement plan, as the renderer asks for it. */
import { z } from 'zod';
import { GRACE_SECONDS_MAX } from '../http/index.js';
import { keyEndSchema } from './keys.js';

/**
 * How a key retires, checked as the server checks `POST …/scheduled-revocation`: at a time still
 * ahead, or a grace of 0–30 days after another key's (its replacement's) first use.
 */
export const RetirementPlanInputSchema = z.union([
  z.object({ at: keyEndSchema('The retirement time') }).strict(),
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
