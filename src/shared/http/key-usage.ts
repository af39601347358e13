/** Per-key usage: when each capability, and impersonation, was last exercised. */
import { z } from 'zod';
import { IsoDateSchema } from './common.js';
import { CapabilitySlugSchema } from './keys.js';

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
