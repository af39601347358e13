/**
 * Suspend and resume, end to end against the real server: a key suspended offline survives a restart,
 * reaches the server once it is back, and from then on a real request with the key is refused with a
 * 401 that says it is suspended; resumed, it works again. A bulk suspend from a filter switches off
 * exactly the keys the filter shows, with the type-the-number confirmation. axe is clean on the
 * suspend dialog, light and dark.
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

async function keysBy(server: E2EServer, keys: { name: string; capabilities: string[] }[]): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const key of keys) {
    const created = await server.api(server.adminToken).post('/api/admin/api-keys', { ...key, canImpersonate: false });
    expect(created.status).toBe(201);
    secrets.set(key.name, created.body.secret);
  }
  return secrets;
}

async function syncNow(page: Page) {
  await page.keyboard.press('Control+Shift+S');
}

test('suspend offline → restart → reconnect → refused as suspended; resume → works', async ({ app, server }) => {
  test.setTimeout(180_000);
  let page = app.page;
  const secrets = await keysBy(server, [
    { name: 'Maybe leaked', capabilities: ['data-record:read'] },
    { name: 'Untouched', capabilities: ['data-record:read'] },
  ]);
  await syncNow(page);
  await expect(keyRow(page, 'Maybe leaked')).toBeVisible();

  await stopServerAndSyncNow(app, page);
  await keyRow(page, 'Maybe leaked').getByRole('button', { name: 'Suspend Maybe leaked' }).click();
  const dialog = page.getByRole('dialog', { name: 'Suspend this API key?' });
  await expect(dialog).toContainText('The key keeps working until RakerOne Admin reconnects');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await axeClean(page, `suspend dialog (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Seen in a public gist, checking');
  await dialog.getByRole('button', { name: 'Suspend key' }).click();
  await expect(dialog).toBeHidden();
  await expect(keyRow(page, 'Maybe leaked')).toContainText('Suspension pending');

  page = await app.restartApp();
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 30_000 });
  await expect(keyRow(page, 'Maybe leaked')).toContainText('Suspension pending');

  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await expect(keyRow(page, 'Maybe leaked')).toContainText('Suspended', { timeout: 30_000 });
  await expect(keyRow(page, 'Maybe leaked')).not.toContainText('pending');

  const refused = await server.api(secrets.get('Maybe leaked')!).get('/api/me');
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toMatch(/suspended/i);
  expect(JSON.stringify(refused.body)).not.toContain('Seen in a public gist');
  expect((await server.api(secrets.get('Untouched')!).get('/api/me')).status).toBe(200);
  const audit = await server.api(server.adminToken).get('/api/admin/audit-events?limit=100');
  expect(audit.body.items.filter((e: { action: string }) => e.action === 'api_key.suspended')).toHaveLength(1);

  // The drawer says who, when and why; Resume from there.
  await keyRow(page, 'Maybe leaked').getByRole('button', { name: 'Maybe leaked', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Maybe leaked' });
  await expect(drawer).toContainText('Suspended by');
  await expect(drawer).toContainText('Seen in a public gist, checking');
  await drawer.getByRole('button', { name: 'Resume key' }).click();
  const resume = page.getByRole('dialog', { name: 'Resume this API key?' });
  await resume.getByRole('button', { name: 'Resume key' }).click();
  await expect(resume).toBeHidden();
  await expect(page.getByText('“Maybe leaked” works again.')).toBeVisible();
  expect((await server.api(secrets.get('Maybe leaked')!).get('/api/me')).status).toBe(200);
});

test('bulk suspend from a filter: the keys it shows are refused, the others work', async ({ page, server }) => {
  test.setTimeout(120_000);
  const writers = await keysBy(server, [
    { name: 'Importer', capabilities: ['data-record:write'] },
    { name: 'Ledger sync', capabilities: ['data-record:read', 'data-record:write'] },
  ]);
  const readers = await keysBy(server, [{ name: 'Reporter', capabilities: ['data-record:read'] }]);
  await syncNow(page);
  await expect(keyRow(page, 'Reporter')).toBeVisible();

  await chooseMenuFilter(page, 'Permission', 'Write records');
  await page.getByRole('checkbox', { name: 'Select all 2 matching keys' }).check();
  await page.getByRole('button', { name: 'Suspend 2 keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Suspend 2 API keys?' });
  await expect(dialog.getByRole('list', { name: 'Keys to suspend' })).toContainText('Importer');
  await expect(dialog.getByRole('list', { name: 'Keys to suspend' })).toContainText('Ledger sync');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await axeClean(page, `bulk suspend dialog (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const confirm = dialog.getByRole('button', { name: 'Suspend 2 keys' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Incident 42: write keys under review');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type 2 to confirm').fill('2');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('2 keys suspended: refused until resumed.')).toBeVisible();

  for (const [name, secret] of writers) expect((await server.api(secret).get('/api/me')).status, name).toBe(401);
  for (const [name, secret] of readers) expect((await server.api(secret).get('/api/me')).status, name).toBe(200);
  const audit = await server.api(server.adminToken).get('/api/admin/audit-events?limit=100');
  expect(audit.body.items.filter((e: { action: string }) => e.action === 'api_key.bulk_suspended')).toHaveLength(1);

  // The Suspended filter shows exactly them.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('Suspended');
  await expect(keyRow(page, 'Importer')).toContainText('Suspended');
  await expect(keyRow(page, 'Reporter')).toHaveCount(0);
});
