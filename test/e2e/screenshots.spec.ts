/**
 * Screenshots of every screen, taken from the real app on the web driver. Every run writes them to
 * test-results/screenshots (so a test run never dirties the work tree); `npm run screenshots`
 * writes them to docs/screenshots for the README.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { CAPABILITIES } from '../../src/shared/capabilities.js';
import { chooseMenuFilter, createKeyThroughUi, keyRow, stopServerAndSyncNow, syncNow } from './support/flows.js';
import { leakedLog } from './support/leaked-log.js';

const DIR = process.env.RAKERONE_SCREENSHOT_DIR ?? join(process.cwd(), 'test-results', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(DIR, `${name}.png`) });

test.beforeEach(({ driver }) => {
  test.skip(driver !== 'web', 'Screenshots come from the web driver only: one set for the README.');
});

test('screens of the API keys page', async ({ app, page, server }) => {
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

  // A list as an admin has it (the README's picture): expiries, a retirement, many permissions.
  const admin = server.api(server.adminToken);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  await admin.post('/api/admin/api-keys', { name: 'Quarterly export', capabilities: ['data-record:read'], canImpersonate: false, expiresAt: inDays(90) });
  const replacement = await admin.post('/api/admin/api-keys', {
    name: 'CRM sync (new)',
    capabilities: ['data-record:read', 'data-record:write'],
    canImpersonate: false,
  });
  const old = await admin.post('/api/admin/api-keys', { name: 'CRM sync', capabilities: ['data-record:read', 'data-record:write'], canImpersonate: false });
  await admin.post(`/api/admin/api-keys/${old.body.apiKey.id}/scheduled-revocation`, { afterFirstUseOf: replacement.body.apiKey.id, graceSeconds: 3600 });
  await admin.post('/api/admin/api-keys', {
    name: 'Warehouse loader',
    capabilities: ['data-record:read', 'data-record:write', 'playbook-run:start', 'trigger:manage'],
    canImpersonate: false,
  });
  await createKeyThroughUi(page, { name: 'Webhook relay', capabilities: ['Start playbook runs'], canImpersonate: true });
  await createKeyThroughUi(page, { name: 'Health checker' });
  // The app's default window.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(keyRow(page, 'CRM sync')).toContainText("Retires after the new key's first use");
  await shot(page, '04-keys-table');
  await page.setViewportSize({ width: 1280, height: 760 });

  await keyRow(page, 'Data import service').getByRole('button', { name: 'Data import service', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Data import service' })).toBeVisible();
  await shot(page, '05-key-details');
  await page.getByRole('button', { name: 'Close details' }).click();

  await keyRow(page, 'Health checker')
    .getByRole('button', { name: /^Revoke/ })
    .click();
  await expect(page.getByRole('dialog', { name: 'Revoke this API key?' })).toBeVisible();
  await shot(page, '06-revoke-dialog');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  await stopServerAndSyncNow(app, page);
  await keyRow(page, 'Health checker')
    .getByRole('button', { name: /^Revoke/ })
    .click();
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
  await keyRow(page, name)
    .getByRole('button', { name: /^\+\d+ more/ })
    .click();
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
  await admin.post('/api/admin/api-keys', {
    name: 'Contractor sandbox',
    capabilities: ['data-record:read', 'data-record:write'],
    canImpersonate: false,
    expiresAt: inDays(5),
  });
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

test('rotation: how the old key retires', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await createKeyThroughUi(page, { name: 'CRM sync', capabilities: ['Write records'] });
  await keyRow(page, 'CRM sync').getByRole('button', { name: 'CRM sync', exact: true }).click();
  await page.getByRole('dialog', { name: 'CRM sync' }).getByRole('button', { name: 'Rotate key' }).click();
  await page.getByRole('dialog', { name: 'Rotate “CRM sync”' }).getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('dialog', { name: 'Copy your API key' }).getByRole('button', { name: 'Done' }).click();
  const step = page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' });
  await expect(step.getByRole('radio', { name: 'When the new key is first used' })).toBeChecked();
  await expect(step).toContainText('Updates every 5 seconds');
  await shot(page, '17-retirement-choice');
  await step.getByRole('button', { name: 'Schedule retirement' }).click();
  await expect(keyRow(page, 'CRM sync')).toContainText("Retires after the new key's first use");
  await shot(page, '18-retiring-key');
});

test("needs attention: flags, and each permission's last use", async ({ page, server }) => {
  test.setTimeout(120_000);
  const DAY = 86_400_000;
  const admin = server.api(server.adminToken);
  const make = async (name: string, capabilities: string[], ageDays: number) => {
    server.raw.setClockOffset(-ageDays * DAY);
    const created = await admin.post('/api/admin/api-keys', { name, capabilities, canImpersonate: false });
    server.raw.setClockOffset(0);
    return created.body.secret as string;
  };
  const readRecords = (secret: string) => server.api(secret).get(`/api/projects/${server.projectId}/records`);
  const dormant = await make('Quarterly reconciliation', ['data-record:read'], 200);
  server.raw.setClockOffset(-100 * DAY);
  await readRecords(dormant);
  server.raw.setClockOffset(0);
  await make('Old webhook', ['playbook-run:start'], 20);
  await readRecords(await make('CRM sync', ['data-record:read', 'data-record:write', 'data-record:delete'], 45));
  await admin.post('/api/admin/api-keys', {
    name: 'Contractor sandbox',
    capabilities: ['data-record:read'],
    canImpersonate: false,
    expiresAt: new Date(Date.now() + 5 * DAY).toISOString(),
  });
  await page.setViewportSize({ width: 1280, height: 760 });
  // Sync now refreshes the list; main then fetches the usage of the keys used since.
  // CRM sync (45 days old) is used today for the first time: a New address too.
  await syncNow(page);
  await expect(keyRow(page, 'CRM sync').getByTitle('Needs attention: New address, Unused permissions')).toBeVisible({ timeout: 60_000 });
  await expect(keyRow(page, 'Old webhook').getByTitle('Needs attention: Never used')).toBeVisible();
  await shot(page, '19-needs-attention');
  await keyRow(page, 'CRM sync').getByRole('button', { name: 'CRM sync', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'CRM sync' });
  await expect(drawer.getByRole('button', { name: 'Create a narrower replacement' })).toBeEnabled();
  await drawer.getByRole('heading', { name: 'Permissions' }).scrollIntoViewIfNeeded();
  await shot(page, '20-key-usage');
});

test('activity flags and the Used from filter', async ({ page, server }) => {
  test.setTimeout(120_000);
  const DAY = 86_400_000;
  const admin = server.api(server.adminToken);
  const make = async (name: string, ageDays: number) => {
    server.raw.setClockOffset(-ageDays * DAY);
    const created = await admin.post('/api/admin/api-keys', { name, capabilities: ['data-record:read'], canImpersonate: false });
    server.raw.setClockOffset(0);
    return created.body.secret as string;
  };
  const partner = await make('Partner export', 60);
  const billing = await make('Billing sync', 25);
  await make('Nightly backup', 3);
  // Today from this machine: a new address for both established keys; the first is also refused once.
  await server.api(partner).get(`/api/projects/${server.projectId}/records`);
  await server.api(partner).get('/api/admin/api-keys');
  await server.api(billing).get(`/api/projects/${server.projectId}/records`);
  // Wide enough for the name cell to show the flag badge whole.
  await page.setViewportSize({ width: 1600, height: 760 });
  await syncNow(page);
  await expect(keyRow(page, 'Partner export').getByTitle('Needs attention: Refused requests, New address')).toBeVisible({ timeout: 60_000 });
  await expect(keyRow(page, 'Billing sync').getByTitle('Needs attention: New address')).toBeVisible();
  await shot(page, '31-activity-flags');
  const menu = page.getByRole('dialog', { name: /^Filters/ });
  await page.getByRole('button', { name: /^Filters( \(\d+\))?$/ }).click();
  await menu.getByRole('textbox', { name: 'Used from' }).fill('127.0.0.1');
  await page.keyboard.press('Escape');
  await expect(keyRow(page, 'Nightly backup')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Select all 2 matching keys' }).check();
  await shot(page, '32-used-from');
});

test.describe('key activity', () => {
  // The spec's requests name their client in X-Forwarded-For, as behind a load balancer.
  test.use({ serverTrustProxy: '127.0.0.1' });

  test("the details drawer's Activity", async ({ page, server }) => {
    test.setTimeout(120_000);
    const DAY = 86_400_000;
    const admin = server.api(server.adminToken);
    const created = await admin.post('/api/admin/api-keys', { name: 'CRM sync', capabilities: ['data-record:read'], canImpersonate: false });
    const asKey = server.api(created.body.secret as string);
    const clients = [
      { address: '203.0.113.7', userAgent: 'crm-sync/3.2 (+https://crm.example)' },
      { address: '203.0.113.8', userAgent: 'crm-sync/3.2 (+https://crm.example)' },
      { address: '198.51.100.20', userAgent: 'curl/8.5.0' },
    ];
    // Some weeks of use on the server's own clock, and a few requests refused (a permission it lacks).
    for (const [daysAgo, requests, refused] of [
      [24, 3, 0],
      [17, 6, 0],
      [12, 4, 1],
      [8, 7, 0],
      [5, 5, 0],
      [3, 9, 2],
      [1, 6, 0],
      [0, 4, 1],
    ] as const) {
      server.raw.setClockOffset(-daysAgo * DAY);
      for (let i = 0; i < requests; i++) {
        const client = clients[(i + daysAgo) % (daysAgo < 4 ? 3 : 2)]!;
        await asKey.get(`/api/projects/${server.projectId}/records`, { 'x-forwarded-for': client.address, 'user-agent': client.userAgent });
      }
      for (let i = 0; i < refused; i++) await asKey.post(`/api/projects/${server.projectId}/playbook-runs`, {}, { 'x-forwarded-for': '198.51.100.20' });
      await server.raw.app().rakerone.activity.flush();
    }
    server.raw.setClockOffset(0);
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.reload();
    await keyRow(page, 'CRM sync').getByRole('button', { name: 'CRM sync', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'CRM sync' });
    await expect(drawer.getByTestId('activity-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();
    await drawer.getByRole('heading', { name: 'Activity', exact: true }).evaluate((heading) => {
      // Below the drawer's sticky header, not under it.
      (heading as HTMLElement).style.scrollMarginTop = '64px';
      heading.scrollIntoView({ block: 'start' });
    });
    await shot(page, '27-key-activity');
  });
});

test.describe('allowed addresses', () => {
  test.use({ serverTrustProxy: '127.0.0.1' });

  test("the drawer's allowed-addresses editor, warning about a source the new list refuses", async ({ page, server }) => {
    test.setTimeout(120_000);
    const admin = server.api(server.adminToken);
    const created = await admin.post('/api/admin/api-keys', { name: 'Partner webhook', capabilities: ['data-record:read'], canImpersonate: false });
    const asKey = server.api(created.body.secret as string);
    for (const [address, userAgent] of [
      ['203.0.113.7', 'partner-hooks/1.4'],
      ['203.0.113.8', 'partner-hooks/1.4'],
      ['198.51.100.20', 'curl/8.5.0'],
    ] as const)
      await asKey.get('/api/me', { 'x-forwarded-for': address, 'user-agent': userAgent });
    await server.raw.app().rakerone.activity.flush();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await keyRow(page, 'Partner webhook').getByRole('button', { name: 'Partner webhook', exact: true }).click();
    const section = page.getByRole('dialog', { name: 'Partner webhook' }).getByRole('region', { name: 'Allowed addresses' });
    await section.getByRole('button', { name: 'Edit allowed addresses' }).click();
    await section.getByRole('textbox', { name: /Allowed addresses/ }).fill('203.0.113.0/24');
    await expect(section.getByRole('list', { name: 'Sources the new list would refuse' })).toBeVisible();
    await section.getByRole('heading', { name: 'Allowed addresses', exact: true }).evaluate((heading) => {
      // Below the drawer's sticky header, not under it.
      (heading as HTMLElement).style.scrollMarginTop = '64px';
      heading.scrollIntoView({ block: 'start' });
    });
    await shot(page, '28-allowed-addresses');
  });
});

test('key policy and reminders', async ({ page, server }) => {
  test.setTimeout(120_000);
  const admin = server.api(server.adminToken);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString();
  await admin.post('/api/admin/api-keys', { name: 'Contractor sandbox', capabilities: ['data-record:read'], canImpersonate: false, expiresAt: inDays(3) });
  await admin.post('/api/admin/api-keys', { name: 'Partner feed', capabilities: ['data-record:read'], canImpersonate: false, expiresAt: inDays(6) });
  await admin.post('/api/admin/api-keys', { name: 'Quarterly export', capabilities: ['data-record:read'], canImpersonate: false, expiresAt: inDays(90) });
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.reload();
  await expect(page.getByRole('region', { name: '2 keys end within 7 days' })).toBeVisible();
  await shot(page, '24-reminder-banner');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Key policy' }).click();
  const form = page.getByRole('form', { name: 'Key policy' });
  await form.getByRole('checkbox', { name: 'Set a maximum lifetime' }).check();
  await form.getByRole('textbox', { name: 'Maximum lifetime (days)' }).fill('90');
  await form.getByRole('checkbox', { name: 'Require an expiry date' }).check();
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText(/^Key policy saved\./)).toBeVisible();
  await shot(page, '25-key-policy');
});

test('the audit log', async ({ page, server }) => {
  const admin = server.api(server.adminToken);
  const ids: string[] = [];
  for (const name of ['Billing export', 'Nightly import', 'Webhook relay'])
    ids.push((await admin.post('/api/admin/api-keys', { name, capabilities: ['data-record:read'] })).body.apiKey.id);
  await admin.post(`/api/admin/api-keys/${ids[1]}/revoke`);
  await admin.put('/api/admin/key-policy', { maxLifetimeDays: 90, requireExpiry: true });
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit events' }).getByRole('row')).toHaveCount(7);
  await shot(page, '26-audit-log');
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

test('bulk revoke: incident filters, selection and the confirmation', async ({ page, server }) => {
  const { token: ana } = await server.raw.addPerson('admin', { name: 'Ana Incident', email: 'ana@acme.test' });
  for (const name of ['Billing export', 'CRM sync', 'Ledger import', 'Warehouse loader']) {
    await server.api(ana).post('/api/admin/api-keys', { name, capabilities: ['data-record:read', 'data-record:write'], canImpersonate: false });
  }
  await server.api(ana).post('/api/admin/api-keys', { name: 'Report reader', capabilities: ['data-record:read'], canImpersonate: false });
  await createKeyThroughUi(page, { name: 'Health checker', capabilities: ['Write records'] });
  await page.setViewportSize({ width: 1280, height: 760 });
  await chooseMenuFilter(page, 'Permission', 'Write records');
  await chooseMenuFilter(page, 'Created by', 'Ana Incident');
  await page.getByRole('checkbox', { name: 'Select all 4 matching keys' }).check();
  await expect(page.getByTestId('selection-count')).toHaveText('4 keys selected');
  await shot(page, '21-bulk-selection');
  await page.getByRole('button', { name: 'Revoke 4 keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke 4 API keys?' });
  await dialog.getByLabel('Type 4 to confirm').fill('4');
  await expect(dialog.getByRole('button', { name: 'Revoke 4 keys' })).toBeEnabled();
  await shot(page, '22-bulk-revoke-dialog');
});

test('identify leaked keys', async ({ page, server }) => {
  const leak = await leakedLog(server);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: 'Identify leaked keys' }).click();
  await page.getByLabel('Text to scan').fill(leak.log);
  await page.getByRole('button', { name: 'Scan text' }).click();
  await expect(page.getByRole('table', { name: 'Keys found' }).getByRole('row', { name: /Billing export/ })).toBeVisible();
  await shot(page, '23-identify-leaked-keys');
});

test('suspended keys: the row, the drawer and the suspend dialog', async ({ page, server }) => {
  const admin = server.api(server.adminToken);
  const ids: string[] = [];
  for (const name of ['Partner webhook', 'Nightly import', 'Billing export'])
    ids.push((await admin.post('/api/admin/api-keys', { name, capabilities: ['data-record:read'], canImpersonate: false })).body.apiKey.id);
  await admin.post(`/api/admin/api-keys/${ids[0]}/suspend`, { reason: 'Secret seen in a public gist; under investigation' });
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.reload();
  await expect(keyRow(page, 'Partner webhook')).toContainText('Suspended');
  await shot(page, '33-suspended-row');
  await keyRow(page, 'Partner webhook').getByRole('button', { name: 'Partner webhook', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Partner webhook' })).toContainText('Suspended by');
  await shot(page, '34-suspended-drawer');
  await page.keyboard.press('Escape');
  await keyRow(page, 'Nightly import').getByRole('button', { name: 'Suspend Nightly import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Suspend this API key?' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Rotating credentials after the vendor breach');
  await shot(page, '35-suspend-dialog');
});
