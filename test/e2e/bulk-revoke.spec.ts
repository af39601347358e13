/**
 * Bulk revoke, end to end: filter the keys to "every key that can write records, created by Ana",
 * Select all, revoke them with the type-the-number confirmation, and every one of them is refused by
 * the server at once (real requests with the keys' secrets). Offline: the bulk revoke is queued as ONE
 * action, survives a restart, and reaches the server exactly once when it is back (one
 * api_key.bulk_revoked audit event). axe is clean on the selection and the dialog, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type E2EServer } from './fixtures.js';
import { chooseMenuFilter, connectionStatus, keyRow, stopServerAndSyncNow } from './support/flows.js';

async function axeClean(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    where,
  ).toEqual([]);
}

/** Keys made through the API by a person of the organization; returns name → secret. */
async function keysBy(server: E2EServer, token: string, keys: { name: string; capabilities: string[] }[]): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const key of keys) {
    const created = await server.api(token).post('/api/admin/api-keys', { ...key, canImpersonate: false });
    expect(created.status).toBe(201);
    secrets.set(key.name, created.body.secret);
  }
  return secrets;
}

/** Sync now (its shortcut: the button shows only while something waits), so keys made elsewhere appear. */
async function syncNow(page: Page) {
  await page.keyboard.press('Control+Shift+S');
}

test('select by filter → bulk revoke → every key refused at once', async ({ page, server }) => {
  test.setTimeout(120_000);
  const { token: ana } = await server.raw.addPerson('admin', { name: 'Ana Incident', email: 'ana@acme.test' });
  const anaWriters = await keysBy(server, ana, [
    { name: 'Ana importer', capabilities: ['data-record:write'] },
    { name: 'Ana ledger sync', capabilities: ['data-record:read', 'data-record:write'] },
    { name: 'Ana webhook', capabilities: ['data-record:write', 'playbook-run:start'] },
  ]);
  const others = new Map([
    ...(await keysBy(server, ana, [{ name: 'Ana reader', capabilities: ['data-record:read'] }])),
    ...(await keysBy(server, server.adminToken, [{ name: 'Admin writer', capabilities: ['data-record:write'] }])),
  ]);
  await syncNow(page);
  await expect(keyRow(page, 'Admin writer')).toBeVisible();

  // Two choices in the Filters menu (then shown as chips), then the header's "select all matching" box.
  await chooseMenuFilter(page, 'Permission', 'Write records');
  await chooseMenuFilter(page, 'Created by', 'Ana Incident');
  await expect(page.getByRole('button', { name: 'Remove filter Created by: Ana Incident' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Selection' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Select all 3 matching keys' }).check();
  await expect(page.getByTestId('selection-count')).toHaveText('3 keys selected');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await axeClean(page, `selection (${scheme})`);
  }
  await page.getByRole('button', { name: 'Revoke 3 keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke 3 API keys?' });
  for (const name of anaWriters.keys()) await expect(dialog.getByRole('list', { name: 'Keys to revoke' })).toContainText(name);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await axeClean(page, `bulk revoke dialog (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const confirm = dialog.getByRole('button', { name: 'Revoke 3 keys' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type 3 to confirm').fill('3');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('3 keys revoked: refused from now on.')).toBeVisible();

  // The answer came back: from now on, every one of them is refused; the others still work.
  for (const [name, secret] of anaWriters) expect((await server.api(secret).get('/api/me')).status, name).toBe(401);
  for (const [name, secret] of others) expect((await server.api(secret).get('/api/me')).status, name).toBe(200);
  const audit = await server.api(server.adminToken).get('/api/admin/audit-events?limit=100');
  expect(audit.body.items.filter((e: { action: string }) => e.action === 'api_key.bulk_revoked')).toHaveLength(1);
});

test('bulk revoke offline → restart → reconnect → applied exactly once', async ({ app, server }) => {
  test.setTimeout(180_000);
  let page = app.page;
  const secrets = await keysBy(server, server.adminToken, [
    { name: 'Leaked one', capabilities: ['data-record:read'] },
    { name: 'Leaked two', capabilities: ['data-record:read'] },
    { name: 'Kept', capabilities: ['data-record:write'] },
  ]);
  await syncNow(page);
  await expect(keyRow(page, 'Kept')).toBeVisible();

  await stopServerAndSyncNow(app, page);
  await page.getByRole('searchbox', { name: 'Search' }).fill('Leaked');
  // One key, then "Select all 2 matching" on the selection bar that appears.
  await keyRow(page, 'Leaked one').getByRole('checkbox').check();
  await page.getByRole('group', { name: 'Selection' }).getByRole('button', { name: 'Select all 2 matching' }).click();
  await page.getByRole('button', { name: 'Revoke 2 keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke 2 API keys?' });
  await expect(dialog).toContainText('The keys keep working until RakerOne Admin reconnects');
  // Queued, not done: the dialog says what will happen, never that it happens at once.
  await expect(dialog).not.toContainText(/immediately/i);
  await dialog.getByLabel('Type 2 to confirm').fill('2');
  await dialog.getByRole('button', { name: 'Revoke 2 keys' }).click();
  await expect(dialog).toBeHidden();
  await expect(keyRow(page, 'Leaked one')).toContainText('Revocation pending');
  await expect(keyRow(page, 'Leaked two')).toContainText('Revocation pending');

  // Quit and relaunch while still offline: the one queued action survives.
  page = await app.restartApp();
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 30_000 });
  await expect(keyRow(page, 'Leaked one')).toContainText('Revocation pending');
  await expect(keyRow(page, 'Leaked two')).toContainText('Revocation pending');

  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await expect(keyRow(page, 'Leaked one')).toHaveCount(0);
  await expect(keyRow(page, 'Leaked two')).toHaveCount(0);

  expect((await server.api(secrets.get('Leaked one')!).get('/api/me')).status).toBe(401);
  expect((await server.api(secrets.get('Leaked two')!).get('/api/me')).status).toBe(401);
  expect((await server.api(secrets.get('Kept')!).get('/api/me')).status).toBe(200);
  const audit = await server.api(server.adminToken).get('/api/admin/audit-events?limit=100');
  const actions = audit.body.items.map((e: { action: string; target: { name: string | null } }) => `${e.action} ${e.target.name ?? ''}`.trim());
  expect(actions.filter((a: string) => a.startsWith('api_key.bulk_revoked'))).toHaveLength(1);
  expect(actions.filter((a: string) => a === 'api_key.revoked Leaked one')).toHaveLength(1);
  expect(actions.filter((a: string) => a === 'api_key.revoked Leaked two')).toHaveLength(1);
});
