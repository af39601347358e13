/**
 * The organization's audit log for the Audit log page (`audit:list`) and for exports.
 *
 * Online, a page comes from the server with the filter passed through; pages of the unfiltered view
 * are folded into the profile's cache (cache-merge.ts). When the server cannot be reached (the link
 * is offline, or this call got no answer), the page comes from the cache, filtered here the way the
 * server filters (local-filter.ts), saying when the cache was fetched and whether older events exist
 * that were never kept. A refusal (401, 403, 400) is an error, never a silent switch to the cache.
 */
import type { AuditEventDto } from '../../shared/http/index.js';
import { AUDIT_PAGE_SIZE, type AuditCursor, type AuditFilter, type AuditPage } from '../../shared/ipc/audit.js';
import type { AuditEventsQuery } from '../http/api-client.js';
import { isUnreachable } from '../http/map-error.js';
import type { Clock } from '../ports.js';
import type { ConnectionService } from '../connection/connection-service.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { AuditCacheStore } from './audit-cache.js';
import { comesAfter, positionOf } from './event-order.js';
import { isUnfiltered, matchesFilter } from './local-filter.js';
import { withoutSecrets } from './secret-free.js';

/** Events per server request when reading the whole log (the server's maximum). */
const EXPORT_PAGE_SIZE = 1000;

export interface CachedAuditEvents {
  events: AuditEventDto[];
  fetchedAt: string | null;
  /** The kept events reach back to the organization's first event. */
  complete: boolean;
}

export interface AuditService {
  list(input: { filter: AuditFilter; cursor: AuditCursor | null }): Promise<AuditPage>;
  /**
   * Every event matching `filter`, newest first, page by page from the server until its end (for
   * exports). Fails (NETWORK, TIMEOUT, …) rather than end early: a log cut short must not look whole.
   */
  allEvents(filter: AuditFilter): AsyncGenerator<AuditEventDto[], void, undefined>;
  /** The cached events matching `filter` (for an offline export that says how fresh it is). */
  cachedEvents(filter: AuditFilter): Promise<CachedAuditEvents>;
}

export function queryOf(filter: AuditFilter): AuditEventsQuery {
  return {
    ...(filter.actions.length > 0 ? { actions: filter.actions } : {}),
    ...(filter.actorId !== null ? { actorId: filter.actorId } : {}),
    ...(filter.apiKeyId !== null ? { apiKeyId: filter.apiKeyId } : {}),
    ...(filter.from !== null ? { from: filter.from } : {}),
    ...(filter.to !== null ? { to: filter.to } : {}),
  };
}

export function createAuditService(deps: {
  connection: Pick<ConnectionService, 'requireSession'>;
  sync: Pick<SyncCoordinator, 'isOnline'>;
  cache: AuditCacheStore;
  clock: Clock;
}): AuditService {
  const iso = () => new Date(deps.clock.now()).toISOString();

  async function fromServer(
    profileId: string,
    api: ReturnType<typeof deps.connection.requireSession>['api'],
    filter: AuditFilter,
    cursor: AuditCursor | null,
  ): Promise<AuditPage> {
    const page = await api.listAuditEvents({ ...queryOf(filter), limit: AUDIT_PAGE_SIZE, ...(cursor?.server ? { cursor: cursor.server } : {}) });
    // The page shows what the cache would keep: online and offline read the same, with nothing secret-shaped.
    const events = page.items.map(withoutSecrets);
    const fetchedAt = iso();
    if (isUnfiltered(filter)) {
      await deps.cache.record(profileId, { after: cursor && { at: cursor.at, id: cursor.id }, events, hasMore: page.nextCursor !== null, fetchedAt });
    }
    const last = events[events.length - 1];
    return {
      events,
      nextCursor: page.nextCursor !== null && last ? { ...positionOf(last), server: page.nextCursor } : null,
      source: 'server',
      fetchedAt,
      olderNotCachedBefore: null,
    };
  }

  async function fromCache(profileId: string, filter: AuditFilter, cursor: AuditCursor | null): Promise<AuditPage> {
    const cache = await deps.cache.read(profileId);
    const matching = cache.events.filter((event) => matchesFilter(event, filter) && (!cursor || comesAfter(event, cursor)));
    const events = matching.slice(0, AUDIT_PAGE_SIZE);
    const last = events[events.length - 1];
    const oldestKept = cache.events[cache.events.length - 1];
    return {
      events,
      nextCursor: matching.length > AUDIT_PAGE_SIZE && last ? { ...positionOf(last), server: null } : null,
      source: 'cache',
      fetchedAt: cache.fetchedAt,
      olderNotCachedBefore: !cache.complete && oldestKept ? oldestKept.occurredAt : null,
    };
  }

  return {
    async list({ filter, cursor }) {
      const { profileId, api } = deps.connection.requireSession();
      // A page after a cached one continues in the cache: the server has no cursor for that position.
      const continuesCache = cursor !== null && cursor.server === null;
      if (deps.sync.isOnline() && !continuesCache) {
        try {
          return await fromServer(profileId, api, filter, cursor);
        } catch (error) {
          // Unreachable: the link has heard of it (observed-api.ts); answer from the cache below.
          if (!isUnreachable(error)) throw error;
        }
      }
      return fromCache(profileId, filter, cursor);
    },
    async *allEvents(filter) {
      const { api } = deps.connection.requireSession();
      let cursor: string | null = null;
      do {
        const page = await api.listAuditEvents({ ...queryOf(filter), limit: EXPORT_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        if (page.items.length > 0) yield page.items;
        cursor = page.nextCursor;
      } while (cursor !== null);
    },
    async cachedEvents(filter) {
      const { profileId } = deps.connection.requireSession();
      const cache = await deps.cache.read(profileId);
      return { events: cache.events.filter((event) => matchesFilter(event, filter)), fetchedAt: cache.fetchedAt, complete: cache.complete };
    },
  };
}
