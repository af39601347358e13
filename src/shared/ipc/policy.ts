/** The key policy as main last read it. */
import { z } from 'zod';
import { KeyPolicySchema } from '../http/index.js';
import { InstantSchema } from '../instant.js';

/**
 * The organization's key policy for new keys, as main last read it from the server. `policy` is null
 * when it was never read (e.g. offline since sign-in): nothing is known, the server decides on sync.
 */
export const PolicyViewSchema = z.object({
  policy: KeyPolicySchema.nullable(),
  /** When the server last confirmed it; null if never. */
  fetchedAt: InstantSchema.nullable(),
  /** `cache` when the server could not be asked just now (the last known policy, or none). */
  source: z.enum(['server', 'cache']),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;
