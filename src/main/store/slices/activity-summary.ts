/** The fleet's activity summary as last fetched, behind "Refused requests" and "New address". Written only by usage/activity-summary-refresh.ts. */
import { z } from 'zod';
import { ActivitySummarySchema } from '../../../shared/http/index.js';
import { InstantSchema } from '../../../shared/instant.js';

/**
 * One `GET …/activity-summary?days=N` answer, by key id, with its window and when it was fetched: the
 * flags say what the server saw in the `days` before `fetchedAt` (offline, the row's freshness says how old).
 * A key absent from `keys` had no request and no refusal in that window.
 */
export const CachedActivitySummarySchema = z.object({
  days: z.number().int().positive(),
  keys: z.record(z.string(), ActivitySummarySchema.shape.keys.element.omit({ apiKeyId: true })),
  fetchedAt: InstantSchema,
});
export type CachedActivitySummary = z.infer<typeof CachedActivitySummarySchema>;
export type KeyActivityCounts = CachedActivitySummary['keys'][string];

export const ActivitySummarySlice = {
  /** Absent in files from before the activity flags, or never fetched: null (no activity flag is raised). */
  activitySummary: CachedActivitySummarySchema.nullable().default(null),
};
