/**
 * Activity flags and the "Used from" filter, end to end against the real server: a key 20 days old
 * (aged on the server's own clock, `setClockOffset`) makes its first request today — a new address for
 * an established key — and is refused once (an admin endpoint) → after a sync the row says "Refused
 * requests" first, "+1" for "New address", both filter options count it and the drawer says both with
 * their counts → "Used from 127.0.0.1" lists exactly the keys used from there (not the one never
 * used) → Select all → bulk revoke refuses them at the server → with the server gone the filter says
 * the lookup needs the server instead of showing an empty list. axe on the flags, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { keyRow, stopServerAndSyncNow, syncNow } from './support/flows.js';

const DAY = 86_400_000;

async function expectAxeClean(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe ${where}`,
  ).toEqual([]);
}

async function typeUsedFrom(page: Page, address: string) {
  const menu = page.getByRole('dialog', { name: /^Filters/ });
  if (!(await menu.isVisible())) await page.getByRole('button', { name: /^Filters( \(\d+\))?$/ }).click();
  await menu.getByRole('textbox', { name: 'Used from' }).fill(address);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
}

test('a new address and a refusal flag an established key; Used from finds it, Select all revokes it; offline it needs the server', async ({ app, server }) => {
  test.setTimeout(240_000);
  const page = app.page;
  const admin = server.api(server.adminToken);
  const create = async (name: string) => {
    const created = await admin.post('/api/admin/api-keys', { name, capabilities: ['data-record:read'], canImpersonate: false });
    expect(created.status).toBe(201);
    return created.body.secret as string;
  };
  server.raw.setClockOffset(-20 * DAY);
  const established = await create('Records reader');
  server.raw.setClockOffset(0);
  const young = await create('Records helper');
  await create('Spare key');

  // Today, from this machine: the established key's first address (new within 7 days), and one refusal.
  expect((await server.api(established).get(`/api/projects/${server.projectId}/records`)).status).toBe(200);
  expect((await server.api(established).get('/api/admin/api-keys')).status).toBe(403);
  // The young key is used from the same address: no New address for it (younger than 14 days).
  expect((await server.api(young).get(`/api/projects/${server.projectId}/records`)).status).toBe(200);

  // Sync now: the list sync, then the one activity-summary call (the page would ask within 20 s anyway).
  await syncNow(page);
  const row = keyRow(page, 'Records reader');
  const badge = row.getByTitle('Needs attention: Refused requests, New address');
  await expect(badge).toBeVisible({ timeout: 60_000 });
  await expect(badge).toContainText('Refused requests +1');
  await expect(keyRow(page, 'Records helper').getByTitle(/Needs attention/)).toHaveCount(0);
  await expect(page.getByTestId('flags-freshness')).toContainText('activity fetched');
  const attention = page.getByRole('combobox', { name: 'Needs attention' });
  await attention.selectOption('Refused requests in 7 days (1)');
  await expect(row).toBeVisible();
  await expect(keyRow(page, 'Records helper')).toHaveCount(0);
  await attention.selectOption('New address in 7 days (1)');
  await expect(row).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectAxeClean(page, `keys page with activity flags (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await row.getByRole('button', { name: 'Records reader', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Records reader' });
  await expect(drawer.getByText('Refused requests: 1 in 7 days; New address: 1 address first seen in 7 days')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await attention.selectOption('Any key');

  // Used from: exactly the keys the server saw at that address.
  await typeUsedFrom(page, '127.0.0.1');
  await expect(page.getByRole('button', { name: 'Remove filter Used from 127.0.0.1' })).toBeVisible();
  await expect(keyRow(page, 'Records helper')).toBeVisible();
  await expect(row).toBeVisible();
  await expect(keyRow(page, 'Spare key')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Select all 2 matching keys' }).check();
  await page.getByRole('button', { name: 'Revoke 2 keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke 2 API keys?' });
  await dialog.getByLabel('Type 2 to confirm').fill('2');
  await dialog.getByRole('button', { name: 'Revoke 2 keys' }).click();
  await expect(page.getByText('2 keys revoked: refused from now on.')).toBeVisible();
  expect((await server.api(established).get('/api/me')).status).toBe(401);
  expect((await server.api(young).get('/api/me')).status).toBe(401);

  // Offline: the lookup says it needs the server; no list that would read as "no keys".
  await stopServerAndSyncNow(app, page);
  await page.getByRole('button', { name: 'Remove filter Used from 127.0.0.1' }).click();
  await typeUsedFrom(page, '127.0.0.1');
  const notice = page.getByTestId('used-from-notice');
  await expect(notice).toContainText('Finding the keys used from 127.0.0.1 needs the server');
  await expect(notice).toContainText('RakerOne Admin is offline');
  await expect(page.getByRole('table', { name: 'API keys' })).toHaveCount(0);
  await expect(page.getByText('No keys match your search and filters.')).toHaveCount(0);
});
