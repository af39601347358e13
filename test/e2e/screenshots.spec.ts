/**
 * Screenshots of every screen, taken from the real app on the web driver. Every run writes them to
 * test-results/screenshots (so a test run never dirties the work tree); `npm run screenshots`
 * writes them to docs/screenshots for the README.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { CAPABILITIES } from '../../src/shared/capabilities.js';
import { createKeyThroughUi, keyRow } from './support/flows.js';

const DIR = process.env.RAKERONE_SCREENSHOT_DIR ?? join(process.cwd(), 'test-results', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(DIR, `${name}.png`) });

test.beforeEach(({ driver }) => {
  test.skip(driver !== 'web', 'Screenshots come from the web driver only: one set for the README.');
});

test('screens of the API keys page', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 760 });
  await expect(page.getByText('No API keys yet')).toBeVisible();
  await shot(page, '01-empty');

  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Data import service');
  await dialog.getByRole('checkbox', { name: 'Read records', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'Write records', exact: true }).check();
  await shot(page, '02-create-dialog');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await copyScreen.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(copyScreen.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  await shot(page, '03-copy-screen');
  await copyScreen.getByRole('button', { name: 'Done' }).click();

  await createKeyThroughUi(page, { name: 'Webhook relay', capabilities: ['Start playbook runs'], canImpersonate: true });
  await createKeyThroughUi(page, { name: 'Health checker' });
  await shot(page, '04-keys-table');

  await keyRow(page, 'Data import service').getByRole('button', { name: 'Data import service', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Data import service' })).toBeVisible();
  await shot(page, '05-key-details');
  await page.getByRole('button', { name: 'Close details' }).click();

  await keyRow(page, 'Health checker').getByRole('button', { name: /^Revoke/ }).click();
  await expect(page.getByRole('dialog', { name: 'Revoke this API key?' })).toBeVisible();
  await shot(page, '06-revoke-dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await app.stopServer();
  await expect(page.getByTestId('connection-status')).toContainText('Offline', { timeout: 45_000 });
  await keyRow(page, 'Health checker').getByRole('button', { name: /^Revoke/ }).click();
  await page.getByRole('dialog', { name: 'Revoke this API key?' }).getByRole('button', { name: 'Revoke key' }).click();
  await createKeyThroughUi(page, { name: 'Queued while offline' });
  await shot(page, '07-offline-pending');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '08-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('link', { name: 'Roles', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Roles and permissions' })).toBeVisible();
  await shot(page, '09-roles');
});

test('the table at its edges: every permission, a long name, the smallest window', async ({ page, server }) => {
  const name = 'Nightly reconciliation between the billing ledger and the data warehouse';
  await server.api(server.adminToken).post('/api/admin/api-keys', { name, capabilities: CAPABILITIES.map((c) => c.slug), canImpersonate: true });
  await createKeyThroughUi(page, { name: 'Health checker', capabilities: ['Read records'] });
  await createKeyThroughUi(page, { name: 'Webhook relay', capabilities: ['Start playbook runs', 'Read records'] });
  await page.setViewportSize({ width: 1280, height: 800 });
  await keyRow(page, name).getByRole('button', { name: /^\+\d+ more/ }).click();
  await expect(page.locator('.rk-more-popover:popover-open')).toBeVisible();
  await shot(page, '12-all-permissions');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 800, height: 560 });
  await expect(page.getByRole('button', { name: 'Show sidebar' })).toBeVisible();
  await shot(page, '13-smallest-window');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Show sidebar' }).click();
  await expect(page.getByRole('link', { name: 'Roles', exact: true })).toBeInViewport();
  await shot(page, '14-smallest-window-dark-sidebar');
});

test('keys that end on time', async ({ page, server }) => {
  const admin = server.api(server.adminToken);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  await admin.post('/api/admin/api-keys', { name: 'Quarterly export', capabilities: ['data-record:read'], canImpersonate: false, expiresAt: inDays(90) });
  await admin.post('/api/admin/api-keys', { name: 'Contractor sandbox', capabilities: ['data-record:read', 'data-record:write'], canImpersonate: false, expiresAt: inDays(5) });
  const replacement = await admin.post('/api/admin/api-keys', { name: 'CRM sync (new)', capabilities: ['data-record:write'], canImpersonate: false });
  const old = await admin.post('/api/admin/api-keys', { name: 'CRM sync', capabilities: ['data-record:write'], canImpersonate: false });
  await admin.post(`/api/admin/api-keys/${old.body.apiKey.id}/scheduled-revocation`, { afterFirstUseOf: replacement.body.apiKey.id, graceSeconds: 86_400 });
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Webhook relay');
  await dialog.getByRole('checkbox', { name: 'Start playbook runs', exact: true }).check();
  await dialog.getByRole('combobox', { name: 'Expires' }).selectOption('In 30 days');
  await dialog.getByRole('combobox', { name: 'Expires' }).scrollIntoViewIfNeeded();
  await shot(page, '15-create-with-expiry');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await expect(copyScreen).toContainText('This key expires on');
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(keyRow(page, 'Contractor sandbox')).toContainText('Expires in 5 days');
  await shot(page, '16-keys-that-end');
});

test('the audit log', async ({ page, server }) => {
  const admin = server.api(server.adminToken);
  const ids: string[] = [];
  for (const name of ['Billing export', 'Nightly import', 'Webhook relay']) ids.push((await admin.post('/api/admin/api-keys', { name, capabilities: ['data-record:read'] })).body.apiKey.id);
  await admin.post(`/api/admin/api-keys/${ids[1]}/revoke`);
  await admin.put('/api/admin/key-policy', { maxLifetimeDays: 90, requireExpiry: true });
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit events' }).getByRole('row')).toHaveCount(7);
  await shot(page, '17-audit-log');
});

test.describe('before sign-in', () => {
  test.use({ unconnected: true });
  test('connect and no-access screens', async ({ page, server }) => {
    await page.setViewportSize({ width: 1280, height: 760 });
    const connect = page.getByRole('region', { name: /Connect/ });
    await expect(connect).toBeVisible();
    await shot(page, '10-connect');
    await connect.getByLabel('Server URL').fill(server.url);
    await connect.getByLabel('Admin token').fill(await server.addPerson('member'));
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText("You don't have access to this page. Ask an admin if you need it.")).toBeVisible();
    await shot(page, '11-no-access');
  });
});
