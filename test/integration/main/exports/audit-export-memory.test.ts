/**
 * Issue 18 (10): the audit export in bounded memory. The export service with the real writer, real
 * files, the real CSV and JSON writers, and a source that makes events as the server would send them
 * (pages of 1,000, each made when asked for, so the source itself holds one page). What is measured
 * is what the export keeps alive: the heap after a full collection plus memory outside the heap (the
 * write stream's buffers), sampled every 50 pages, less what was alive before it began. Exporting
 * 1,000,000 events must keep no more than exporting 100,000 does (within a factor and a small floor
 * for noise): an export that gathers the events, or a string of them, or chunks the disk has not taken
 * yet, grows with the log and fails. The files are then read back whole: 1,000,000 CSV records through
 * csv-parse's stream parser, and the JSON document parsed.
 *
 * Chosen over the real server: making a million audit events there (and paging through them over
 * HTTP) would take minutes on this machine and measure the server, not the export.
 */
import { parse } from 'csv-parse';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER } from '../../../../src/main/exports/audit-log.js';
import { exportFlagsOf } from '../../../../src/main/exports/export-flags.js';
import { createExportService } from '../../../../src/main/exports/export-service.js';
import { writeExportFile } from '../../../../src/main/exports/write-export.js';
import { silentLogger } from '../../../../src/main/logger.js';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';
import { AuditFilterSchema } from '../../../../src/shared/ipc/audit.js';
import { createFakeClock } from '../../../helpers/fake-clock.js';
import { createRecordingSaveFile } from '../../../helpers/fake-save-file.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const PAGE = 1_000;
const T0 = Date.parse('2026-11-20T12:00:00.000Z');
const PERSON = '11111111-1111-4111-8111-111111111111';
const MB = 1024 * 1024;

function eventAt(i: number): AuditEventDto {
  const id = `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
  return {
    id,
    occurredAt: new Date(T0 - i * 1_000).toISOString(),
    action: i % 3 === 0 ? 'api_key.created' : 'record.created',
    actor: { type: 'person', id: PERSON, name: 'Ada Admin', viaKey: null },
    target: i % 3 === 0 ? { type: 'apiKey', id, name: `Integration ${i % 50}; =1+1` } : { type: 'record', id, name: null },
    details: i % 3 === 0 ? { capabilities: ['data-record:read'], canImpersonate: false } : null,
  };
}

const live = () => {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};

const folder = mkdtempSync(join(tmpdir(), 'rakerone-audit-memory-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Exports `count` events as `format`; answers the file and the most the export kept alive (bytes). */
async function exportEvents(count: number, format: 'csv' | 'json') {
  const samples: number[] = [];
  async function* allEvents(): AsyncGenerator<AuditEventDto[], void, undefined> {
    for (let start = 0, page = 0; start < count; start += PAGE, page++) {
      if (page % 50 === 0) samples.push(live());
      yield Array.from({ length: Math.min(PAGE, count - start) }, (_, i) => eventAt(start + i));
    }
    samples.push(live());
  }
  const dialog = createRecordingSaveFile(folder);
  const service = createExportService({
    keys: { list: () => Promise.reject(new Error('not used')) },
    audit: { allEvents, cachedEvents: () => Promise.reject(new Error('not used')) },
    sync: { isOnline: () => true },
    connection: {
      activeProfile: async () => ({
        id: 'p',
        serverUrl: 'https://rakerone.test',
        isLocal: false,
        organization: { id: 'o', slug: 'acme', name: 'Acme' },
        person: null,
      }),
    },
    saveFile: dialog,
    write: writeExportFile,
    clock: createFakeClock(T0),
    logger: silentLogger,
    flagsOf: exportFlagsOf,
  });
  const path = join(folder, `audit-${count}.${format}`);
  dialog.answerNext({ path });
  const before = live();
  const started = performance.now();
  const result = await service.audit({ format, filter: AuditFilterSchema.parse({}) });
  const took = performance.now() - started;
  expect(result).toMatchObject({ status: 'written', rows: count, path });
  return { path, took, kept: Math.max(0, ...samples.map((sample) => sample - before)), samples: samples.length };
}

async function csvRecords(path: string): Promise<{ records: number; first: string[]; last: string[] }> {
  let records = 0;
  let first: string[] = [];
  let last: string[] = [];
  for await (const record of createReadStream(path).pipe(parse({ bom: true })) as AsyncIterable<string[]>) {
    if (records === 1) first = record;
    last = record;
    records += 1;
  }
  return { records, first, last };
}

describe('the audit export in bounded memory (1,000,000 events)', () => {
  it.each(['csv', 'json'] as const)(
    '%s: keeps no more alive for 1,000,000 events than for 100,000, and the file reads back whole',
    async (format) => {
      const small = await exportEvents(100_000, format);
      const large = await exportEvents(1_000_000, format);
      process.stdout.write(
        `audit export ${format}: kept alive ${(small.kept / MB).toFixed(1)} MB for 100k events, ${(large.kept / MB).toFixed(1)} MB for 1M ` +
          `(ratio ${(large.kept / Math.max(small.kept, 1)).toFixed(2)}); time ratio ${(large.took / small.took).toFixed(1)} for 10× the events; file ${(statSync(large.path).size / MB).toFixed(0)} MB\n`,
      );
      expect(large.samples).toBeGreaterThan(20);
      // A floor for collector noise: 16 MB, against some 400 MB an export holding the events would keep.
      expect(large.kept).toBeLessThan(Math.max(2 * small.kept, 16 * MB));

      const reading = performance.now();
      if (format === 'csv') {
        const back = await csvRecords(large.path);
        expect(back.records).toBe(1_000_001);
        expect(back.first[AUDIT_CSV_HEADER.indexOf('Event ID')]).toBe(eventAt(0).id);
        expect(back.first[AUDIT_CSV_HEADER.indexOf('Target')]).toBe("Integration 0; '=1+1");
        expect(back.last[AUDIT_CSV_HEADER.indexOf('Event ID')]).toBe(eventAt(999_999).id);
      } else {
        const document = JSON.parse(readFileSync(large.path, 'utf8')) as {
          format: string;
          source: { kind: string; complete: boolean };
          events: AuditEventDto[];
        };
        expect(document).toMatchObject({ format: 'rakerone-admin/audit-log', source: { kind: 'server', complete: true } });
        expect(document.events).toHaveLength(1_000_000);
        expect(document.events[0]).toEqual(eventAt(0));
        expect(document.events[999_999]).toEqual(eventAt(999_999));
      }
      process.stdout.write(
        `audit export ${format}: read back in ${((performance.now() - reading) / 1000).toFixed(1)} s (export of 1M: ${(large.took / 1000).toFixed(1)} s)\n`,
      );
      rmSync(small.path);
      rmSync(large.path);
      expect(readdirSync(folder)).toEqual([]);
    },
    600_000,
  );
});
