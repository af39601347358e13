/**
 * Keys that end on time, end to end through the app: create with an expiry (the copy screen says it,
 * the server has it), the key policy shaping the dialog, and an offline create with an expiry that
 * reaches the server exactly once on reconnect.
 */
import { expect, test } from './fixtures.js';
import { connectionStatus, keyRow, stopServerAndSyncNow } from './support/flows.js';

const DAY = 24 * 60 * 60 * 1000;

test('create with an expiry, under a key policy, and offline', async ({ app, server }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const admin = server.api(server.adminToken);
  const keysNamed = async (name: string) => {
    const list = await admin.get('/api/admin/api-keys?status=all&limit=100');
    return list.body.items.filter((k: { name: string }) => k.name === name) as { expiresAt: string | null }[];
  };

  // "In 7 days": the copy screen says when, and the server's key expires about a week from now.
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  let dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Weekly importer');
  await dialog.getByRole('checkbox', { name: 'Read records', exact: true }).check();
  await dialog.getByRole('combobox', { name: 'Expires' }).selectOption({ label: 'In 7 days' });
  const before = Date.now();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await expect(copyScreen).toContainText(/This key expires on .+ \(in 7 days\)\./);
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(copyScreen).toBeHidden();
  const [weekly] = await keysNamed('Weekly importer');
  const expiresAt = Date.parse(weekly!.expiresAt!);
  expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
  expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY);

  // The organization now requires an expiry within 30 days: Never is gone and the maximum is said.
  const put = await admin.put('/api/admin/key-policy', { requireExpiry: true, maxLifetimeDays: 30 });
  expect(put.status).toBe(200);
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Create API key' });
  const expires = dialog.getByRole('combobox', { name: 'Expires' });
  await expect(dialog).toContainText('Your organization requires keys to expire within 30 days.');
  await expect(expires.getByRole('option')).toHaveText(['In 7 days', 'In 30 days', 'On a date']);
  await expect(expires).toHaveValue('days-30');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Offline: the policy is still known (from main's cache); the queued create carries its expiry.
  await stopServerAndSyncNow(app, page);
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Create API key' });
  await expect(dialog).toContainText('Your organization requires keys to expire within 30 days.');
  await expect(dialog).toContainText('Key policy as of');
  await dialog.getByLabel('Name').fill('Offline monthly');
  await dialog.getByRole('combobox', { name: 'Expires' }).selectOption({ label: 'In 30 days' });
  const offlineBefore = Date.now();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(copyScreen).toContainText('starts working once RakerOne Admin reconnects');
  await expect(copyScreen).toContainText(/This key expires on .+ \(in 30 days\)\./);
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(keyRow(page, 'Offline monthly')).toContainText('Not active yet');

  // Back online: the server has the key once, with the expiry chosen offline.
  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await expect(keyRow(page, 'Offline monthly')).not.toContainText('Not active yet', { timeout: 30_000 });
  const monthly = await keysNamed('Offline monthly');
  expect(monthly).toHaveLength(1);
  const offlineExpiresAt = Date.parse(monthly[0]!.expiresAt!);
  expect(offlineExpiresAt).toBeGreaterThanOrEqual(offlineBefore + 30 * DAY);
  expect(offlineExpiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY);
});
