/** The organization's key policy. */
import { z } from 'zod';

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
    /** Every new key must carry a list of allowed addresses (absent reads as false: older clients and stored policies). */
    requireAllowedAddresses: z.boolean({ error: 'requireAllowedAddresses must be true or false' }).default(false),
  })
  .strict();
export type KeyPolicy = z.infer<typeof KeyPolicySchema>;
