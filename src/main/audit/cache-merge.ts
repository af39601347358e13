/**
 * How a page of the unfiltered log, just fetched from the server, changes the cache. Pure functions;
 * the cache stays one contiguous run of the newest events:
 * - the first page is the new head; older kept events stay only if the page reaches back into them
 *   (else there would be a gap of events nobody fetched, and offline would silently skip them);
 * - a later page is appended only if it continues exactly where the kept events end;
 * - beyond AUDIT_CACHE_MAX the oldest are dropped (the cache no longer reaches the first event).
 */
import type { AuditEventDto } from '../../shared/http/index.js';
import { AUDIT_CACHE_MAX, type AuditCache } from './cache-schema.js';
import { comesAfter, compareNewestFirst, positionOf, type EventPosition } from './event-order.js';
import { withoutSecrets } from './secret-free.js';

export interface FetchedPage {
  /** Where the page starts: after this position; null for the first page. */
  after: EventPosition | null;
  events: AuditEventDto[];
  /** False when the server said there is nothing older. */
  hasMore: boolean;
  fetchedAt: string;
}

function bounded(events: AuditEventDto[], complete: boolean, fetchedAt: string | null): AuditCache {
  if (events.length <= AUDIT_CACHE_MAX) return { events, complete, fetchedAt };
  return { events: events.slice(0, AUDIT_CACHE_MAX), complete: false, fetchedAt };
}

function sortedUnique(events: AuditEventDto[]): AuditEventDto[] {
  const byId = new Map(events.map((event) => [event.id, event]));
  return [...byId.values()].sort((a, b) => compareNewestFirst(positionOf(a), positionOf(b)));
}

export function recordPage(cache: AuditCache, page: FetchedPage): AuditCache {
  const fresh = page.events.map(withoutSecrets);
  if (page.after === null) {
    // The whole log fits in one page: it is the cache.
    if (!page.hasMore) return bounded(sortedUnique(fresh), true, page.fetchedAt);
    const oldestFetched = fresh[fresh.length - 1];
    const newestKept = cache.events[0];
    // The page reaches back to what is kept: keep the older part after it. Else start over from it.
    const joins = oldestFetched !== undefined && newestKept !== undefined && !comesAfter(newestKept, positionOf(oldestFetched));
    if (!joins) return bounded(sortedUnique(fresh), false, page.fetchedAt);
    const older = cache.events.filter((event) => comesAfter(event, positionOf(oldestFetched)));
    return bounded(sortedUnique([...fresh, ...older]), cache.complete, page.fetchedAt);
  }
  const oldestKept = cache.events[cache.events.length - 1];
  const continues = oldestKept !== undefined && compareNewestFirst(positionOf(oldestKept), page.after) === 0;
  if (!continues) return cache;
  return bounded(sortedUnique([...cache.events, ...fresh]), !page.hasMore, cache.fetchedAt);
}
