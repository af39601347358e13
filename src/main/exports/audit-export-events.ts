/**
 * The events an audit export writes, as pages, and where they come from. Online: every event of the
 * filter from the server, page by page, scrubbed like the audit cache (nothing shaped like a key or a
 * token is written to disk), never all held at once. Offline: the events main kept (the file and the
 * result say so). The first page is read before the save dialog opens, so a missing session or an
 * unreachable server fails before anyone picks a folder; the log is read newest first with the
 * server's cursor, so events that happen while it is written are not in it (it holds the log as it was
 * when the person chose Export, `source.fetchedAt`).
 */
import type { AuditEventDto } from '../../shared/http/index.js';
import type { AuditFilter } from '../../shared/ipc/audit.js';
import type { AuditService } from '../audit/audit-service.js';
import { withoutSecrets } from '../audit/secret-free.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import type { AuditExportDocument } from './audit-log.js';

export interface AuditExportEvents {
  source: AuditExportDocument['source'];
  /** Every event, newest first, in pages; read once. Stopping early ends the server's paging. */
  pages: AsyncIterable<AuditEventDto[]>;
  /** Nothing will be read (the dialog was cancelled): end the server's paging now. */
  close(): Promise<void>;
}

export async function readAuditExportEvents(
  deps: { audit: Pick<AuditService, 'allEvents' | 'cachedEvents'>; sync: Pick<SyncCoordinator, 'isOnline'>; now: () => number },
  filter: AuditFilter,
): Promise<AuditExportEvents> {
  if (!deps.sync.isOnline()) {
    const cached = await deps.audit.cachedEvents(filter);
    return {
      source: { kind: 'cache', fetchedAt: cached.fetchedAt, complete: cached.complete },
      pages: (async function* () {
        yield cached.events.map(withoutSecrets);
      })(),
      close: async () => undefined,
    };
  }
  const fetchedAt = new Date(deps.now()).toISOString();
  // allEvents fails rather than stop early: a log cut short must not look whole.
  const server = deps.audit.allEvents(filter);
  const first = await server.next();
  return {
    source: { kind: 'server', fetchedAt, complete: true },
    pages: (async function* () {
      try {
        if (first.done) return;
        yield first.value.map(withoutSecrets);
        for (let page = await server.next(); !page.done; page = await server.next()) yield page.value.map(withoutSecrets);
      } finally {
        await server.return();
      }
    })(),
    close: async () => void (await server.return()),
  };
}
