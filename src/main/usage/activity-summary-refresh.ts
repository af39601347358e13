/**
 * Fetches the fleet's activity summary (GET /admin/api-keys/activity-summary?days=7) after each list
 * sync — one call for every key — and caches it in the profile's state, for the "Refused requests" and
 * "New address" flags (keys/key-flags.ts), so they work offline from the last answer.
 *
 * - One pass at a time (single flight): list syncs piling up share one call.
 * - A failed call keeps the cached summary: the flags stay as of its fetch, and the row's freshness says
 *   how old that is. An unreachable server is the link's news (observed API); anything else is logged.
 * - The renderer hears of it (keys:changed) only when the counts changed. An unchanged answer still
 *   moves `fetchedAt` (the freshness line), but at most once a minute: the list refreshes every 20 s and
 *   the freshness is said to the minute, so writing the file for each would change nothing on screen.
 */
import { isDeepStrictEqual } from 'node:util';
import { ACTIVITY_FLAG_DAYS } from '../../shared/ipc/key-flags.js';
import { instantMs } from '../../shared/instant.js';
import { isUnreachable } from '../http/map-error.js';
import type { Clock, Logger } from '../ports.js';
import type { CachedActivitySummary } from '../store/profile-state.js';
import type { StateStore } from '../store/state-store.js';
import type { SessionRef } from '../sync/session-ref.js';
import { createSingleFlight } from '../sync/single-flight.js';

/** An unchanged summary's `fetchedAt` is written again only once it is this old. */
export const SUMMARY_REWRITE_AFTER_MS = 60_000;

export interface ActivitySummaryRefresh {
  /** Runs a pass (or joins the next one); resolves when a pass that started after the call is done. */
  request(): Promise<void>;
  stop(): void;
}

export interface ActivitySummaryRefreshDeps {
  store: StateStore;
  session: SessionRef;
  clock: Clock;
  logger: Logger;
  /** The counts changed: the keys view (its flags) is news. */
  onChanged: () => void;
}

export function createActivitySummaryRefresh(deps: ActivitySummaryRefreshDeps): ActivitySummaryRefresh {
  async function pass(): Promise<void> {
    const session = deps.session.get();
    if (!session) return;
    const { profileId, api } = session;
    let answer;
    try {
      answer = await api.activitySummary(ACTIVITY_FLAG_DAYS);
    } catch (error) {
      if (!isUnreachable(error)) deps.logger.warn('Could not fetch the keys’ activity summary', { error });
      return;
    }
    const now = deps.clock.now();
    const next: CachedActivitySummary = {
      days: ACTIVITY_FLAG_DAYS,
      keys: Object.fromEntries(answer.keys.map(({ apiKeyId, ...counts }) => [apiKeyId, counts])),
      fetchedAt: new Date(now).toISOString(),
    };
    const sameAs = (previous: CachedActivitySummary | null) => previous !== null && previous.days === next.days && isDeepStrictEqual(previous.keys, next.keys);
    // This module is the slice's only writer: what is read here is still what the transaction sees.
    const stored = (await deps.store.read(profileId)).activitySummary;
    if (stored !== null && sameAs(stored) && now - instantMs(stored.fetchedAt) < SUMMARY_REWRITE_AFTER_MS) return;
    const changed = await deps.store.transact(profileId, (current) => ({
      next: { ...current, activitySummary: next },
      result: !sameAs(current.activitySummary),
    }));
    if (changed) deps.onChanged();
  }

  const flight = createSingleFlight({
    run: () => pass().catch((error) => deps.logger.warn('Could not refresh the keys’ activity summary', { error })),
    after: () => undefined,
  });
  return { request: () => flight.request(), stop: () => flight.stop() };
}
