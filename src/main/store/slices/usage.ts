/** Each key's usage as last fetched. Written only by usage/usage-refresh.ts. */
import { z } from 'zod';
import { IsoDateSchema, KeyUsageSchema } from '../../../shared/http/index.js';
import { InstantSchema } from '../../../shared/instant.js';

/**
 * One key's usage as last fetched, with the key's `lastUsedAt` at that moment: usage changes only when
 * the key is used, so it is fetched again only once the list shows another `lastUsedAt` (usage/refetch-rule.ts).
 */
export const CachedUsageSchema = z.object({
  usage: KeyUsageSchema,
  keyLastUsedAt: IsoDateSchema.nullable(),
  fetchedAt: InstantSchema,
});
export type CachedUsage = z.infer<typeof CachedUsageSchema>;

export const UsageSlice = {
  /** Key id → its usage as last fetched (absent in files from before usage: none fetched yet). */
  usage: z.record(z.string(), CachedUsageSchema).default({}),
};
