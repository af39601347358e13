/**
 * Identify leaked keys: a log holding two of our keys, a mistyped key and another organization's key
 * is pasted; main names ours, rejects the mistyped one by its checksum and reads the other as "Not one
 * of yours"; a mistyped copy of one of ours says which key it resembles. The pasted text never reaches the renderer's storage, main's log or the data folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { stopServerAndSyncNow } from './support/flows.js';
import { leakedLog, mistype } from './support/leaked-log.js';
import { filesUnder, rendererStorage } from './support/storage.js';

async function openIdentify(page: Page) {
  await page.getByRole('link', { name: 'Identify leaked keys' }).click();
  await expect(page.getByRole('heading', { name: 'Identify leaked keys', level: 1 })).toBeVisible();
}

async function expectNamedResults(page: Page) {
  const found = page.getByRole('table', { name: 'Keys found' });
  await expect(found.getByRole('row', { name: /Billing export/ })).toContainText('Active');
  await expect(found.getByRole('row', { name: /Billing export/ })).toContainText('Ada Admin');
  await expect(found.getByRole('row', { name: /Nightly webhook/ })).toContainText('Active');
  await expect(found.getByRole('row').filter({ hasText: 'Not one of yours' })).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Not valid keys' }).getByRole('row').filter({ hasText: 'Rejected by its checksum' })).toHaveCount(1);
  await expect(page.getByText('Globex integration')).toHaveCount(0);
}

test('paste a log: two of ours named, one rejected by its checksum, one not one of yours → revoke both → refused', async ({ page, server }) => {
  const leak = await leakedLog(server);
  await openIdentify(page);
  await page.getByLabel('Text to scan').fill(leak.log);
  await page.getByRole('button', { name: 'Scan text' }).click();

  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText(
    'Found 3 API keys in the pasted text: 2 of yours, 1 not one of yours. 1 candidate rejected as not a valid key.',
  );
  await expectNamedResults(page);
  // The text box is empty again, and no secret is anywhere in the page.
  await expect(page.getByLabel('Text to scan')).toHaveValue('');
  const html = await page.content();
  for (const secret of leak.secrets) expect(html.includes(secret.slice(8)), 'a secret is in the page').toBe(false);

  // Both of ours still work, until revoked from here.
  for (const key of [leak.billing, leak.webhook]) expect((await server.api(key.secret).get('/api/me')).status).toBe(200);
  await page.getByRole('button', { name: 'Revoke 2 keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke 2 API keys?' });
  await expect(dialog.getByRole('list', { name: 'Keys to revoke' })).toContainText('Billing export');
  await expect(dialog.getByRole('list', { name: 'Keys to revoke' })).toContainText('Nightly webhook');
  await dialog.getByLabel('Type 2 to confirm').fill('2');
  await dialog.getByRole('button', { name: 'Revoke 2 keys' }).click();
  await expect(dialog).toBeHidden();

  const found = page.getByRole('table', { name: 'Keys found' });
  await expect(found.getByRole('row', { name: /Billing export/ })).toContainText('Revoked');
  await expect(found.getByRole('row', { name: /Nightly webhook/ })).toContainText('Revoked');
  // Real requests with the leaked secrets: refused. The other organization's key is untouched.
  for (const key of [leak.billing, leak.webhook]) expect((await server.api(key.secret).get('/api/me')).status).toBe(401);
  expect((await server.api(leak.theirs.secret).get('/api/me')).status).toBe(200);
});

test('a mistyped copy of one of our keys names the key it resembles, and shows no more of either than the hint', async ({ page, server }) => {
  const leak = await leakedLog(server);
  const copy = mistype(leak.billing.secret);
  await openIdentify(page);
  await page.getByLabel('Text to scan').fill(`${leak.log}\n2026-11-30T10:00:04Z ERROR pasted into a ticket: ${copy}`);
  await page.getByRole('button', { name: 'Scan text' }).click();

  const rejected = page.getByRole('table', { name: 'Not valid keys' });
  await expect(rejected.getByRole('row').filter({ hasText: 'Rejected by its checksum' })).toHaveCount(2);
  const nearMiss = rejected.getByRole('row').filter({ hasText: 'looks like a mistyped copy of Billing export' });
  await expect(nearMiss).toHaveCount(1);
  await expect(nearMiss).toContainText('Line 5');
  // The unrelated typo resembles nothing found.
  await expect(rejected.getByRole('row').filter({ hasText: 'Line 4' })).not.toContainText('mistyped copy of');
  const html = await page.content();
  for (const secret of [leak.billing.secret, copy]) expect(html.includes(secret.slice(8, 38)), 'more of a key than its hint is in the page').toBe(false);
});

test('open a file: main reads it and names its keys', async ({ app, page, server }) => {
  const leak = await leakedLog(server);
  const path = join(app.userDataDir, '..', `leak-${Date.now()}.log`);
  writeFileSync(path, leak.log);
  await app.answerOpenFileDialog(path);
  await openIdentify(page);
  await page.getByRole('button', { name: 'Open a file…' }).click();
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toContainText(/Found 3 API keys in “leak-\d+\.log”/);
  await expectNamedResults(page);
});

test('offline: the keys are found and counted but not named until the app reconnects', async ({ app, page, server }) => {
  const leak = await leakedLog(server);
  await openIdentify(page);
  await stopServerAndSyncNow(app, page);
  await page.getByLabel('Text to scan').fill(leak.log);
  await page.getByRole('button', { name: 'Scan text' }).click();
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText(
    'Found 3 API keys in the pasted text: not named yet. 1 candidate rejected as not a valid key.',
  );
  await expect(page.getByText("can't name them until it reconnects")).toBeVisible();

  await app.startServer();
  await expect(page.getByTestId('connection-status')).toContainText('Online', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Scan text' }).click();
  await expectNamedResults(page);
  await expect(page.getByLabel('Text to scan')).toHaveValue('');
});

test("the pasted text never reaches the renderer's storage, main's log or the data folder", async ({ app, page, server }) => {
  const leak = await leakedLog(server);
  await openIdentify(page);
  await page.getByLabel('Text to scan').fill(leak.log);
  await page.getByRole('button', { name: 'Scan text' }).click();
  await expectNamedResults(page);
  const haystacks: [string, string][] = [
    ...filesUnder(app.userDataDir).map((file): [string, string] => [file, readFileSync(file).toString('latin1')]),
    ['main-process log', app.logLines().join('\n')],
    ['renderer storage', await rendererStorage(page)],
  ];
  for (const secret of leak.secrets) {
    for (const [where, text] of haystacks) expect(text.includes(secret.slice(8)), `a pasted secret was found in ${where}`).toBe(false);
  }
  // Not even the surrounding text of the log.
  for (const [where, text] of haystacks) expect(text.includes('typed by hand'), `the pasted text was found in ${where}`).toBe(false);
});
