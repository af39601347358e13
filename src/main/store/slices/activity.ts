/**
 * Each key's activity as the server last answered it, for the details drawer offline. Written only
 * by activity/activity-service.ts, through these functions.
 *
 * It is a cache, so an entry that no longer reads (a damaged or older file) is dropped on its own
 * rather than making the whole profile state unreadable: the outbox beside it matters more.
 */
import { z } from 'zod';
import { KeyActivitySchema } from '../../../shared/http/index.js';
import { InstantSchema, compareInstants } from '../../../shared/instant.js';
import type { ProfileState } from '../profile-state.js';

/**
 * Keys whose activity is kept per profile: the ones opened most recently. An answer holds up to 50
 * sources with user agents (≈20 kB at worst), and the state file is rewritten on every queued action.
 */
export const ACTIVITY_CACHE_KEYS = 50;

export const CachedActivitySchema = z.object({
  activity: KeyActivitySchema,
  /** When the server answered. */
  fetchedAt: InstantSchema,
});
export type CachedActivity = z.infer<typeof CachedActivitySchema>;

/** Key id → its entry; entries that do not parse are left out (logged nowhere: it is a cache). */
const ActivityCacheSchema = z.record(z.string(), z.unknown()).transform((raw) => {
  const kept: Record<string, CachedActivity> = {};
  for (const [keyId, value] of Object.entries(raw)) {
    const parsed = CachedActivitySchema.safeParse(value);
    if (parsed.success) kept[keyId] = parsed.data;
  }
  return kept;
});

export const ActivitySlice = {
  /** Absent in files from before activity: nothing fetched yet. */
  activity: ActivityCacheSchema.default({}),
};

/**
 * The server's answer for `keyId` kept; keys no longer listed are forgotten, and beyond
 * ACTIVITY_CACHE_KEYS the least recently fetched go.
 */
export function withCachedActivity(state: ProfileState, keyId: string, entry: CachedActivity, limit = ACTIVITY_CACHE_KEYS): ProfileState {
  const listed = new Set(state.keys.map((key) => key.id));
  const entries = Object.entries({ ...state.activity, [keyId]: entry })
    .filter(([id]) => listed.has(id) || id === keyId)
    .sort(([, a], [, b]) => compareInstants(b.fetchedAt, a.fetchedAt))
    .slice(0, limit);
  return { ...state, activity: Object.fromEntries(entries) };
}

/** The key is gone from the server (404): what was kept about it goes too. */
export function withoutCachedActivity(state: ProfileState, keyId: string): ProfileState {
  if (!(keyId in state.activity)) return state;
  const { [keyId]: _gone, ...activity } = state.activity;
  return { ...state, activity };
}
