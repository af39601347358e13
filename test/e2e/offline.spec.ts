/**
 * Offline-first, end to end: the server goes away, the app keeps its cached list and queues create and
 * revoke with honest labels, survives a restart while offline, and drains the queue exactly once when
 * the server is back — and the server agrees.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { connectionStatus, createKeyThroughUi, keyRow, stopServerAndSyncNow } from './support/flows.js';

test('create and revoke offline, restart offline, then sync exactly once', async ({ app, server }) => {
  test.setTimeout(180_000);
  let page = app.page;
  const oldSecret = await createKeyThroughUi(page, { name: 'Nightly export', capabilities: ['Read records'] });
  await expect(keyRow(page, 'Nightly export')).toBeVisible();

  await app.stopServer();
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 45_000 });
  await expect(keyRow(page, 'Nightly export')).toBeVisible();

  // Create while offline: the copy screen says plainly that the key is not active yet.
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Offline importer');
  await dialog.getByRole('checkbox', { name: 'Write records', exact: true }).check();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await expect(copyScreen).toContainText('starts working once RakerOne Admin reconnects');
  const newSecret = await copyScreen.getByLabel('API key').inputValue();
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(keyRow(page, 'Offline importer')).toContainText('Not active yet');

  // Revoke while offline: the dialog and the row say the key keeps working until the app reconnects.
  await keyRow(page, 'Nightly export')
    .getByRole('button', { name: /^Revoke/ })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
  await expect(confirm).toContainText('keeps working until');
  // Queued, not done: it says only what will happen, never that the key loses access "immediately".
  await expect(confirm).not.toContainText(/immediately/i);
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(keyRow(page, 'Nightly export')).toContainText('Revocation pending');

  // Nothing has reached the server yet: the old key still works.
  await app.startServer();
  expect((await server.api(oldSecret).get('/api/me')).status).toBe(200);
  await app.stopServer();

  // Quit and relaunch while still offline: the queue and the cached list survive.
  page = await app.restartApp();
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 30_000 });
  await expect(keyRow(page, 'Offline importer')).toContainText('Not active yet');
  await expect(keyRow(page, 'Nightly export')).toContainText('Revocation pending');

  // The server comes back: the app notices on its own and drains the queue.
  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await expect(keyRow(page, 'Offline importer')).not.toContainText('Not active yet');
  await expect(keyRow(page, 'Nightly export')).toHaveCount(0);

  // The server agrees, and each queued action happened exactly once.
  const list = await server.api(server.adminToken).get('/api/admin/api-keys?status=all&limit=100');
  const named = (name: string) => list.body.items.filter((k: { name: string }) => k.name === name);
  expect(named('Offline importer')).toHaveLength(1);
  expect(named('Offline importer')[0].status).toBe('active');
  expect(named('Nightly export')).toHaveLength(1);
  expect(named('Nightly export')[0].status).toBe('revoked');
  expect((await server.api(newSecret).get('/api/me')).status).toBe(200);
  expect((await server.api(oldSecret).get('/api/me')).status).toBe(401);
  const audit = await server.api(server.adminToken).get('/api/admin/audit-events?limit=100');
  const actions = audit.body.items.map((e: { action: string; target: { name: string | null } }) => `${e.action} ${e.target.name}`);
  expect(actions.filter((a: string) => a === 'api_key.created Offline importer')).toHaveLength(1);
  expect(actions.filter((a: string) => a === 'api_key.revoked Nightly export')).toHaveLength(1);
});

test('a saved state that cannot be read is kept aside, and the app says so until dismissed', async ({ app, server }) => {
  test.setTimeout(120_000);
  let page = app.page;
  const secret = await createKeyThroughUi(page, { name: 'Ledger sync', capabilities: ['Read records'] });
  await stopServerAndSyncNow(app, page);
  await keyRow(page, 'Ledger sync')
    .getByRole('button', { name: /^Revoke/ })
    .click();
  await page.getByRole('dialog', { name: 'Revoke this API key?' }).getByRole('button', { name: 'Revoke key' }).click();
  await expect(keyRow(page, 'Ledger sync')).toContainText('Revocation pending');

  // The disk fails the app: the state file (cache and queue) is torn. Still offline, so the running
  // app has nothing to write before it is restarted.
  const stateDir = join(app.userDataDir, 'state');
  const [stateFile] = readdirSync(stateDir).filter((name) => name.endsWith('.json'));
  const torn = readFileSync(join(stateDir, stateFile!), 'utf8').slice(0, 50);
  writeFileSync(join(stateDir, stateFile!), torn);
  page = await app.restartApp();

  const notice = page.getByRole('note', { name: "Saved offline changes couldn't be read" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('may not have reached RakerOne');
  const keptAs = readdirSync(stateDir).find((name) => name.includes('.unreadable-'));
  expect(keptAs).toBeDefined();
  await expect(notice).toContainText(join(stateDir, keptAs!));
  expect(readFileSync(join(stateDir, keptAs!), 'utf8')).toBe(torn);
  // What the notice warns about: the queued revocation was in the torn file, so the key still works.
  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await expect(keyRow(page, 'Ledger sync')).toBeVisible();
  await expect(keyRow(page, 'Ledger sync')).not.toContainText('Revocation pending');
  expect((await server.api(secret).get('/api/me')).status).toBe(200);

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  page = await app.restartApp();
  await expect(keyRow(page, 'Ledger sync')).toBeVisible();
  await expect(page.getByText("Saved offline changes couldn't be read")).toBeHidden();
});
