/**
 * The key policy and the reminders, end to end: an Admin sets the policy on its page, the create
 * dialog follows it, and the server refuses a create that breaks it (the policy tightened by another
 * admin while the dialog was open) with the policy named; offline, a change says it needs the server.
 * Then the reminder banner: a key expiring in 3 days is listed, and opens; and (web driver) the
 * desktop reminder's click opens it too.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { connectionStatus } from './support/flows.js';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

async function openKeyPolicy(page: Page) {
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Key policy' }).click();
  await expect(page.getByRole('heading', { name: 'Key policy', level: 1 })).toBeVisible();
  return page.getByRole('form', { name: 'Key policy' });
}

test('the policy refusing a create', async ({ app, server }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const admin = server.api(server.adminToken);

  // The Admin sets a maximum lifetime of 30 days and "Require an expiry date" on the Key policy page.
  let form = await openKeyPolicy(page);
  await expect(form.getByRole('checkbox', { name: 'Require an expiry date' })).not.toBeChecked();
  await form.getByRole('checkbox', { name: 'Set a maximum lifetime' }).check();
  await form.getByRole('textbox', { name: 'Maximum lifetime (days)' }).fill('30');
  await form.getByRole('checkbox', { name: 'Require an expiry date' }).check();
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText(/^Key policy saved\./)).toBeVisible();
  expect((await admin.get('/api/admin/key-policy')).body).toEqual({ maxLifetimeDays: 30, requireExpiry: true, requireAllowedAddresses: false });

  // The create dialog follows it: no Never, nothing beyond 30 days, the maximum said.
  await page.getByRole('link', { name: 'API keys', exact: true }).click();
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  const expires = dialog.getByRole('combobox', { name: 'Expires' });
  await expect(dialog).toContainText('Your organization requires keys to expire within 30 days.');
  await expect(expires.getByRole('option')).toHaveText(['In 7 days', 'In 30 days', 'On a date']);
  await dialog.getByLabel('Name').fill('Monthly importer');
  await expires.selectOption({ label: 'In 30 days' });

  // Meanwhile another admin tightens the policy to 7 days: the server refuses the create, naming the policy.
  expect((await admin.put('/api/admin/key-policy', { maxLifetimeDays: 7, requireExpiry: true })).status).toBe(200);
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(expires).toHaveAccessibleDescription(/The organization's key policy \(maximum lifetime 7 days\) requires an expiry date no later than/);
  await expect(dialog).toBeVisible();
  const keys = await admin.get('/api/admin/api-keys?status=all&limit=100');
  expect(keys.body.items.map((k: { name: string }) => k.name)).not.toContain('Monthly importer');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The page shows the policy as the server now has it.
  form = await openKeyPolicy(page);
  await expect(form.getByRole('textbox', { name: 'Maximum lifetime (days)' })).toHaveValue('7');

  // Offline: the form stays as typed and the save says plainly that a policy change needs the server.
  // (The save is what finds the server gone: the link then says Offline.)
  await app.stopServer();
  await form.getByRole('textbox', { name: 'Maximum lifetime (days)' }).fill('14');
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('alert').filter({ hasText: "Couldn't save: the key policy needs the server" })).toContainText('needs the server');
  await expect(connectionStatus(page)).toContainText('Offline');
  await expect(form.getByRole('textbox', { name: 'Maximum lifetime (days)' })).toHaveValue('14');

  // Back online, the same form saves.
  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText(/^Key policy saved\./)).toBeVisible();
  expect((await admin.get('/api/admin/key-policy')).body).toEqual({ maxLifetimeDays: 14, requireExpiry: true, requireAllowedAddresses: false });
});

test('the reminder banner', async ({ app, server, driver }) => {
  test.setTimeout(120_000);
  const admin = server.api(server.adminToken);
  const soon = await admin.post('/api/admin/api-keys', {
    name: 'Contractor sandbox',
    capabilities: ['data-record:read'],
    canImpersonate: false,
    expiresAt: new Date(Date.now() + 3 * DAY + HOUR).toISOString(),
  });
  expect(soon.status).toBe(201);
  await admin.post('/api/admin/api-keys', {
    name: 'Quarterly export',
    capabilities: [],
    canImpersonate: false,
    expiresAt: new Date(Date.now() + 90 * DAY).toISOString(),
  });
  let page = app.page;
  await page.reload();
  await page.locator('html[data-rakerone-ready="true"]').waitFor({ state: 'attached' });

  const banner = page.getByRole('region', { name: '1 key ends within 7 days' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('listitem')).toHaveText(['Contractor sandbox — Expires in 3 days']);
  await banner.getByRole('button', { name: 'Contractor sandbox' }).click();
  const drawer = page.getByRole('dialog', { name: 'Contractor sandbox' });
  await expect(drawer).toBeVisible();
  await drawer.getByRole('button', { name: 'Close details' }).click();
  await expect(drawer).toBeHidden();

  if (driver !== 'web') return; // the desktop notification is observed through the web driver's recording
  // The desktop reminder: once, naming the key; its click (from another page) opens the key.
  await expect
    .poll(() => app.notifications())
    .toEqual([{ title: 'API key expires in 3 days', body: expect.stringContaining('“Contractor sandbox” stops working on') }]);
  await page.getByRole('link', { name: 'Roles', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Roles and permissions' })).toBeVisible();
  app.clickNotification(0);
  await expect(page.getByRole('dialog', { name: 'Contractor sandbox' })).toBeVisible();
  // After a restart the same day, a check that reminds about a new key does not remind about this one again.
  page = await app.restartApp();
  await expect(page.getByRole('region', { name: '1 key ends within 7 days' })).toBeVisible();
  await admin.post('/api/admin/api-keys', {
    name: 'Webhook relay',
    capabilities: [],
    canImpersonate: false,
    expiresAt: new Date(Date.now() + 2 * DAY + HOUR).toISOString(),
  });
  await page.reload();
  await expect(page.getByRole('region', { name: '2 keys end within 7 days' })).toBeVisible();
  await expect.poll(() => app.notifications().map((n) => n.title)).toEqual(['API key expires in 3 days', 'API key expires in 2 days']);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the key policy page and the reminder banner pass axe (${scheme})`, async ({ page, server }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    const admin = server.api(server.adminToken);
    await admin.post('/api/admin/api-keys', {
      name: 'Contractor sandbox',
      capabilities: [],
      canImpersonate: false,
      expiresAt: new Date(Date.now() + 3 * DAY).toISOString(),
    });
    await page.reload();
    await expect(page.getByRole('region', { name: '1 key ends within 7 days' })).toBeVisible();
    await expectNoViolations(page, 'keys page with the reminder banner');

    const form = await openKeyPolicy(page);
    await expectNoViolations(page, 'key policy page');
    await form.getByRole('checkbox', { name: 'Set a maximum lifetime' }).check();
    await form.getByRole('textbox', { name: 'Maximum lifetime (days)' }).fill('0');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await expect(form.getByRole('textbox', { name: 'Maximum lifetime (days)' })).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page, 'key policy page with a field error');
    await form.getByRole('textbox', { name: 'Maximum lifetime (days)' }).fill('30');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByText(/^Key policy saved\./)).toBeVisible();
    await expectNoViolations(page, 'key policy page, saved');
  });
}

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}
