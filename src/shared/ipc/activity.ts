/**
 * `keys:activity`: one key's requests and refusals per UTC day and the addresses it was used from
 * (GET /admin/api-keys/{id}/activity), as main fetched it or last kept it (main/activity/).
 *
 * The shape is read by more than the details drawer (e.g. "allow only the addresses it was used from"
 * reads `activity.sources`): keep it stable.
 */
import { z } from 'zod';
import { KeyActivitySchema } from '../http/activity.js';
import { InstantSchema } from '../instant.js';
import { KeyIdInputSchema } from './keys.js';

/** The window main asks for: the drawer's chart shows 30 days. */
export const ACTIVITY_VIEW_DAYS = 30;

export const KeyActivityInputSchema = KeyIdInputSchema;

export const KeyActivityViewSchema = z.object({
  /**
   * The server's answer (`days`: exactly ACTIVITY_VIEW_DAYS entries, oldest first, ending on the day of
   * `asOf`; `sources`: most recently seen first). Null when nothing is known: never fetched and the
   * server cannot be asked now, or the key is a queued create the server does not have yet. Null never
   * means "no activity" — a key without activity has zeros and no sources.
   */
  activity: KeyActivitySchema.nullable(),
  /** When the server gave `activity`; null with it. */
  asOf: InstantSchema.nullable(),
  /**
   * `server`: answered just now. `cache`: the server could not be asked (offline), so this is the last
   * answer kept for this key in this profile, or null. `queued-create`: the key is not on the server yet.
   */
  source: z.enum(['server', 'cache', 'queued-create']),
});
export type KeyActivityView = z.infer<typeof KeyActivityViewSchema>;
