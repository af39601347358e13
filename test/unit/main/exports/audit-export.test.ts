/**
 * export:audit through the real core on a fake server: every matching event across server pages,
 * CSV and JSON, formula-looking names kept as text, and offline from main's cache, said so.
 */
import { parse } from 'csv-parse/sync';
import type { AxiosAdapter } from 'axios';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER, AuditExportDocumentSchema } from '../../../../src/main/exports/audit-log.js';
import type { AuditEventDto } from '../../../../src/shared/http/index.js';
import { createRecordingSaveFile } from '../../../helpers/fake-save-file.js';
import { createFakeServer } from '../../../helpers/fake-server.js';
import { makeCore } from '../../../helpers/test-core.js';

const KEY = '00000000-0000-4000-8000-0000000000aa';
const PERSON = '11111111-1111-4111-8111-111111111111';
const T0 = Date.parse('2026-11-20T12:00:00.000Z');

/** n events a minute apart, newest first: odd ones revoke a key named like a formula. */
function events(n: number): AuditEventDto[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
    occurredAt: new Date(T0 - i * 60_000).toISOString(),
    action: i % 2 ? ('api_key.revoked' as const) : ('api_key.created' as const),
    actor: { type: 'person' as const, id: PERSON, name: 'Ada Admin', viaKey: null },
    target: { type: 'apiKey', id: KEY, name: '=HYPERLINK("https://evil.example","x")' },
    details: i % 2 ? { bulk: 'b-1', note: 'a, "quoted"\nnote' } : null,
  }));
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function setUp() {
  const folder = mkdtempSync(join(tmpdir(), 'rakerone-audit-export-'));
  folders.push(folder);
  const dialog = createRecordingSaveFile(folder);
  const t = await makeCore({ deps: { saveFile: dialog } });
  await t.connect();
  return { ...t, folder, dialog };
}

describe('export:audit', () => {
  it('CSV: every matching event across server pages, newest first, names that look like formulas stay text', async () => {
    const t = await setUp();
    t.server.audit = events(2_050);
    const result = await t.call('export:audit', { format: 'csv', filter: { actions: ['api_key.revoked'] } });
    expect(t.dialog.requests[0]).toMatchObject({ title: 'Export audit log', defaultName: expect.stringMatching(/^acme-audit-log-\d{4}-\d{2}-\d{2}\.csv$/) });
    expect(result).toMatchObject({ status: 'written', rows: 1_025, skipped: 0, source: { kind: 'server', complete: true } });
    if (result.status !== 'written') throw new Error('not written');
    const [header, ...rows] = parse(readFileSync(result.path, 'utf8'), { bom: true }) as string[][];
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows).toHaveLength(1_025);
    expect(rows.map((row) => row[10])).toEqual(t.server.audit.filter((e) => e.action === 'api_key.revoked').map((e) => e.id));
    expect(rows[0]!.slice(0, 9)).toEqual([
      '2026-11-20 11:59:00',
      'api_key.revoked',
      'Ada Admin',
      'Person',
      PERSON,
      '',
      'apiKey',
      `'=HYPERLINK("https://evil.example","x")`,
      KEY,
    ]);
    expect(JSON.parse(rows[0]![9]!)).toEqual({ bulk: 'b-1', note: 'a, "quoted"\nnote' });
    // More than one server page was read (1,000 per request), each with the filter.
    expect(t.server.auditQueries.length).toBeGreaterThan(1);
    expect(t.server.auditQueries.every((query) => query.getAll('action').join() === 'api_key.revoked')).toBe(true);
  });

  it('JSON: the documented shape, the filter, and the events exactly', async () => {
    const t = await setUp();
    t.server.audit = events(5);
    const filter = { apiKeyId: KEY, from: '2026-11-20T11:57:00.000Z', to: '2026-11-20T12:00:00.000Z' };
    const result = await t.call('export:audit', { format: 'json', filter });
    if (result.status !== 'written') throw new Error('not written');
    const document = AuditExportDocumentSchema.parse(JSON.parse(readFileSync(result.path, 'utf8')));
    expect(document).toMatchObject({
      format: 'rakerone-admin/audit-log',
      version: 1,
      filter: { ...filter, actions: [], actorId: null },
      source: { kind: 'server', complete: true },
    });
    expect(document.events).toEqual(t.server.audit.slice(1, 4));
  });

  it('offline: the events main kept, marked as the cache and whether it is complete; cancel writes nothing', async () => {
    const t = await setUp();
    t.server.audit = events(30);
    await t.call('audit:list', { filter: {} }); // the page read once online: main keeps it
    t.server.down = true;
    await t.call('sync:now', {});
    const result = await t.call('export:audit', { format: 'json', filter: {} });
    expect(result).toMatchObject({ status: 'written', rows: 30, source: { kind: 'cache', complete: true } });
    if (result.status !== 'written') throw new Error('not written');
    expect(AuditExportDocumentSchema.parse(JSON.parse(readFileSync(result.path, 'utf8'))).source).toMatchObject({ kind: 'cache', complete: true });

    t.dialog.answerNext('cancel');
    expect(await t.call('export:audit', { format: 'csv', filter: {} })).toEqual({ status: 'cancelled' });
    expect(readdirSync(t.folder)).toHaveLength(1);
  });

  it('nothing secret-shaped in any field reaches the file: names, ids and details alike (issue 18, 4)', async () => {
    const t = await setUp();
    const secret = `rkr_key_${'Z'.repeat(32)}abcdef`;
    const token = `rkr_adm_${'y'.repeat(38)}`;
    t.server.audit = events(3).map((event) => ({
      ...event,
      actor: { type: 'person' as const, id: PERSON, name: `Ada ${token}`, viaKey: { id: KEY, name: secret } },
      target: { type: 'playbookRun', id: secret, name: `playbook ${secret}` },
    }));
    for (const format of ['csv', 'json'] as const) {
      const result = await t.call('export:audit', { format, filter: {} });
      if (result.status !== 'written') throw new Error('not written');
      const content = readFileSync(result.path, 'utf8');
      expect(content).not.toContain(secret);
      expect(content).not.toContain(token);
      expect(content).toContain('[secret removed]');
    }
  });

  it('the server going away after the first page: its error, the file that was there untouched, nothing left beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rakerone-audit-export-'));
    folders.push(folder);
    const dialog = createRecordingSaveFile(folder);
    const server = createFakeServer();
    let auditPages = 0;
    // The server answers the first page of the log, then is gone (no answer at all).
    const adapter: AxiosAdapter = async (config) => {
      const answer = await server.adapter(config);
      if (config.url?.includes('audit-events') && ++auditPages === 1) server.down = true;
      return answer;
    };
    const t = await makeCore({ server, deps: { saveFile: dialog, http: { adapter, sleep: async () => {} } } });
    await t.connect();
    t.server.audit = events(2_500);
    const target = join(folder, 'audit.csv');
    writeFileSync(target, 'last week\n');
    dialog.answerNext({ path: target });
    const result = await t.raw('export:audit', { format: 'csv', filter: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(dialog.requests).toHaveLength(1);
    expect(readFileSync(target, 'utf8')).toBe('last week\n');
    expect(readdirSync(folder)).toEqual(['audit.csv']);
  });

  it("the file read with ',' and with ';' (Excel in de-DE, fr-FR): no cell starts with a formula, whichever column held it (issue 18, 2)", async () => {
    const t = await setUp();
    const payload = "x;=cmd|' /C calc'!A0;";
    t.server.audit = events(2).map((event) => ({
      ...event,
      actor: { type: 'person' as const, id: PERSON, name: ` @${payload}`, viaKey: { id: KEY, name: payload } },
      target: { type: 'playbookRun', id: payload, name: `+${payload}` },
      details: { note: payload },
    }));
    const result = await t.call('export:audit', { format: 'csv', filter: {} });
    if (result.status !== 'written') throw new Error('not written');
    const content = readFileSync(result.path, 'utf8');
    const byComma = parse(content, { bom: true }) as string[][];
    const bySemicolon = parse(content, { bom: true, delimiter: ';', relax_quotes: true, relax_column_count: true }) as string[][];
    expect(bySemicolon.flat().length).toBeGreaterThan(byComma.length);
    for (const cells of [byComma, bySemicolon]) expect(cells.flat().filter((cell) => /^[=+\-@]/.test(cell.trim()))).toEqual([]);
    // Read with ',', each value is whole: only the apostrophes that keep it text were added.
    expect(byComma[1]!.slice(2, 9).map((cell) => cell.replaceAll("'", ''))).toEqual(
      [` @${payload}`, 'Person', PERSON, payload, 'playbookRun', `+${payload}`, payload].map((cell) => cell.replaceAll("'", '')),
    );
  });

  it('a filter that cannot be (start after end) is refused before any dialog', async () => {
    const t = await setUp();
    const result = await t.raw('export:audit', { format: 'csv', filter: { from: '2026-11-21T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(t.dialog.requests).toEqual([]);
  });
});
