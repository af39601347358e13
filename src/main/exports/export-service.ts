/**
 * Exports, in main: read the data, ask the native save dialog where (SaveFilePort), write the file
 * atomically. The renderer sends only a format and which rows (the table's filter lives there); it
 * never sees a path before the person chose one, nor touches the disk.
 *
 * The data is read before the dialog opens: a file holds the list as it was when the person chose
 * Export (its `exportedAt`), and a missing session fails before anyone picks a folder. The audit log,
 * which may hold millions of events, is the exception in part: its first page is read before the
 * dialog, the rest streamed into the file page by page (audit-export-events.ts). A cancelled dialog
 * writes nothing and is no error.
 */
import { isAbsolute } from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { ExportAuditInput, ExportFormat, ExportKeysInput, ExportResult } from '../../shared/ipc/export.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Clock, Logger, SaveFilePort } from '../ports.js';
import type { ConnectionService } from '../connection/connection-service.js';
import type { KeysService } from '../keys/keys-service.js';
import type { SyncCoordinator } from '../sync/sync-coordinator.js';
import { auditCsvRow, AUDIT_CSV_HEADER, AUDIT_EXPORT_FORMAT, type AuditExportDocument } from './audit-log.js';
import { readAuditExportEvents } from './audit-export-events.js';
import { csvChunks, toCsv } from './csv.js';
import { jsonDocumentChunks } from './json-stream.js';
import { keysCsvRow, keysExportDocument, keysExportRecord, KEYS_CSV_HEADER, type KeyFlagsOf } from './keys-inventory.js';
import type { ExportContent, WriteExport } from './write-export.js';

export interface ExportServiceDeps {
  keys: Pick<KeysService, 'list'>;
  audit: Pick<AuditService, 'allEvents' | 'cachedEvents'>;
  sync: Pick<SyncCoordinator, 'isOnline'>;
  connection: Pick<ConnectionService, 'activeProfile'>;
  /** Absent where no dialog exists: exports then fail with a clear error. */
  saveFile: SaveFilePort | undefined;
  write: WriteExport;
  clock: Clock;
  logger: Logger;
  flagsOf: KeyFlagsOf;
}

export interface ExportService {
  keys(input: ExportKeysInput): Promise<ExportResult>;
  audit(input: ExportAuditInput): Promise<ExportResult>;
}

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (spreadsheet)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** "2026-11-30" on the person's calendar: the day they will look for in their Downloads folder. */
function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The organization's slug as a file-name part: the server's word, so nothing but letters, digits, - and _. */
function fileNamePart(slug: string | undefined): string {
  const safe = (slug ?? '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return safe || 'rakerone';
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  /**
   * Asks where, then writes `content()` there (streamed, atomic); `rows()` is read once it is written.
   * Null when the dialog was cancelled (nothing written).
   */
  async function save(what: {
    title: string;
    baseName: string;
    format: ExportFormat;
    content: () => ExportContent;
    rows: () => number;
  }): Promise<string | null> {
    if (!deps.saveFile) throw new AppError('INTERNAL', 'Saving files is not available in this window.');
    const path = await deps.saveFile.chooseSavePath({ title: what.title, defaultName: `${what.baseName}.${what.format}`, filter: FILTERS[what.format] });
    if (path === null) return null;
    if (!isAbsolute(path)) throw new AppError('INTERNAL', 'The save dialog returned a path that is not absolute; nothing was written.');
    await deps.write(path, what.content());
    deps.logger.info('Export written', { format: what.format, rows: what.rows() });
    return path;
  }

  return {
    async keys({ format, ids }) {
      const view = await deps.keys.list();
      const profile = await deps.connection.activeProfile();
      const now = deps.clock.now();
      const byId = new Map(view.keys.map((row) => [row.id, row]));
      const wanted = [...new Set(ids)];
      const rows = wanted.flatMap((id) => byId.get(id) ?? []);
      const records = rows.map((row) => keysExportRecord(row, now, deps.flagsOf));
      // At most EXPORT_KEYS_MAX rows, already in memory: one chunk.
      const content = () => [
        format === 'csv'
          ? toCsv(KEYS_CSV_HEADER, records.map(keysCsvRow))
          : `${JSON.stringify(
              keysExportDocument({
                records,
                view,
                exportedAt: new Date(now).toISOString(),
                server: profile?.serverUrl ?? null,
                organization: profile?.organization ?? null,
              }),
              null,
              2,
            )}\n`,
      ];
      const path = await save({
        title: 'Export API keys',
        baseName: `${fileNamePart(profile?.organization?.slug)}-api-keys-${localDay(now)}`,
        format,
        content,
        rows: () => records.length,
      });
      if (path === null) return { status: 'cancelled' };
      return {
        status: 'written',
        format,
        path,
        rows: records.length,
        skipped: wanted.length - rows.length,
        source: { kind: view.source, asOf: view.syncedAt, complete: true },
      };
    },
    async audit({ format, filter }) {
      const profile = await deps.connection.activeProfile();
      const now = deps.clock.now();
      const { source, pages, close } = await readAuditExportEvents({ audit: deps.audit, sync: deps.sync, now: deps.clock.now }, filter);
      // Streamed page by page into the file: a million events are never held at once, nor one string.
      let rows = 0;
      const counted = async function* () {
        for await (const page of pages) {
          rows += page.length;
          yield page;
        }
      };
      const content = () => {
        if (format === 'csv') return csvChunks(AUDIT_CSV_HEADER, mapPages(counted(), auditCsvRow));
        const head: Omit<AuditExportDocument, 'events'> = {
          format: AUDIT_EXPORT_FORMAT,
          version: 1,
          exportedAt: new Date(now).toISOString(),
          server: profile?.serverUrl ?? null,
          organization: profile?.organization ?? null,
          filter,
          source,
        };
        return jsonDocumentChunks(head, 'events', counted());
      };
      let path: string | null;
      try {
        path = await save({
          title: 'Export audit log',
          baseName: `${fileNamePart(profile?.organization?.slug)}-audit-log-${localDay(now)}`,
          format,
          content,
          rows: () => rows,
        });
      } finally {
        // Cancelled, refused or failed: stop the server's paging (after a whole read, nothing to stop).
        await close();
      }
      if (path === null) return { status: 'cancelled' };
      return { status: 'written', format, path, rows, skipped: 0, source: { kind: source.kind, asOf: source.fetchedAt, complete: source.complete } };
    },
  };
}

async function* mapPages<T, U>(pages: AsyncIterable<T[]>, map: (item: T) => U): AsyncGenerator<U[], void, undefined> {
  for await (const page of pages) yield page.map(map);
}
