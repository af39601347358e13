/**
 * Needs attention, end to end: a key holding two permissions for 31 days (aged on the server's own
 * clock, `setClockOffset`, since nothing else can make a key old) uses one of them in a real request →
 * after a sync the row says "Unused permissions" and the filter counts it → the details drawer shows
 * each permission's last use → "Create a narrower replacement" makes a key holding only the used
 * permission → with the server gone and the app restarted, the flags still show from the cache.
 * axe on the page with flags and with the drawer open, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { connectionStatus, keyRow, syncNow } from './support/flows.js';

const DAY = 86_400_000;

async function expectAxeClean(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe ${where}`,
  ).toEqual([]);
}

test('a permission never used → Unused permissions → a narrower replacement holds only the used one; the flags offline', async ({ app, server }) => {
  test.setTimeout(240_000);
  let page = app.page;
  const admin = server.api(server.adminToken);
  server.raw.setClockOffset(-31 * DAY);
  const created = await admin.post('/api/admin/api-keys', {
    name: 'Records reader',
    capabilities: ['data-record:read', 'data-record:write'],
    canImpersonate: false,
  });
  server.raw.setClockOffset(0);
  expect(created.status).toBe(201);
  const oldSecret: string = created.body.secret;
  // A real request with the key, to a route that needs one of its two permissions (Read records).
  expect((await server.api(oldSecret).get(`/api/projects/${server.projectId}/records`)).status).toBe(200);

  // Sync now: the sync brings the key's new lastUsedAt, main fetches its usage, and the row gets its
  // flag. The 31-day-old key's first request came from this machine today: an address first seen
  // within 7 days on a key older than 14 days is also a New address (from the activity summary).
  await syncNow(page);
  const row = keyRow(page, 'Records reader');
  await expect(row.getByTitle('Needs attention: New address, Unused permissions')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('flags-freshness')).toContainText(/Flags as of .* · usage fetched/);
  const attention = page.getByRole('combobox', { name: 'Needs attention' });
  await attention.selectOption('Unused permissions (1)');
  await expect(row).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAxeClean(page, `keys page with flags (${scheme})`);
  }

  await row.getByRole('button', { name: 'Records reader', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Records reader' });
  await expect(drawer.getByText(/^Usage as of/)).toBeVisible();
  const readItem = drawer.getByRole('listitem').filter({ hasText: 'Read records' });
  const writeItem = drawer.getByRole('listitem').filter({ hasText: 'Write records' });
  await expect(readItem).toContainText(/Last used: .*ago/);
  await expect(writeItem).toContainText('Last used: Never used');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAxeClean(page, `details drawer with usage (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await drawer.getByRole('button', { name: 'Create a narrower replacement' }).click();
  const form = page.getByRole('dialog', { name: 'Narrower replacement for “Records reader”' });
  await expect(form.getByRole('checkbox', { name: 'Read records', exact: true })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'Write records', exact: true })).not.toBeChecked();
  await form.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  const newSecret = await copyScreen.getByLabel('API key').inputValue();
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  const switchStep = page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' });
  await expect(switchStep).toBeVisible();
  // Keep the old key for now: its flag is what the offline part below looks for.
  await switchStep.getByRole('button', { name: 'Later' }).click();

  const me = await server.api(newSecret).get('/api/me');
  expect(me.status).toBe(200);
  expect(me.body.capabilities).toEqual(['data-record:read']);

  // Offline, after a restart: the cached list and usage still give the flag, and say how old they are.
  await app.stopServer();
  page = await app.restartApp();
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 30_000 });
  await expect(keyRow(page, 'Records reader').getByTitle('Needs attention: New address, Unused permissions')).toBeVisible();
  await expect(page.getByTestId('flags-freshness')).toContainText('Flags as of');
  await expect(page.getByRole('combobox', { name: 'Needs attention' }).getByRole('option', { name: 'Unused permissions (1)' })).toBeAttached();
});
