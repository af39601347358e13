/**
 * Admin → Audit log against the real server: every event newest first; filters by action, by key and
 * by date range narrow it as the server does; an event's drawer; offline, the cached log with how fresh
 * it is, filtered in main. axe in light and dark.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { expectNoAxeViolations } from './support/axe.js';
import { stopServerAndSyncNow } from './support/flows.js';

const auditRows = (page: Page) =>
  page
    .getByRole('table', { name: 'Audit events' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/** A local day as a date field takes it (YYYY-MM-DD), `offset` days from today. */
function localDay(offset: number): string {
  const day = new Date(Date.now() + offset * 24 * 60 * 60_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

async function chooseAction(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.keyboard.press('Escape');
}

test('the audit log: filters by action, key and dates, an event in its drawer, and offline from the cache', async ({ app, server }) => {
  test.setTimeout(150_000);
  const page = app.page;
  const admin = server.api(server.adminToken);
  const made: Record<string, { id: string; hint: string }> = {};
  for (const name of ['Billing export', 'Nightly import', 'Webhook relay']) {
    const created = await admin.post('/api/admin/api-keys', { name, capabilities: ['data-record:read'] });
    expect(created.status).toBe(201);
    made[name] = created.body.apiKey;
  }
  expect((await admin.post(`/api/admin/api-keys/${made['Nightly import']!.id}/revoke`)).status).toBe(200);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  // Newest first: the revoke, then the three creates, then the admin's own token being issued.
  await expect(auditRows(page)).toHaveCount(5);
  await expect(auditRows(page).first()).toContainText('Key revoked');
  await expect(auditRows(page).first()).toContainText('API key “Nightly import”');
  await expect(auditRows(page).last()).toContainText('Admin access token issued');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `audit log (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Action "Key revoked": only that event.
  await chooseAction(page, 'Key revoked');
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText('Nightly import');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(auditRows(page)).toHaveCount(5);

  // By key: what concerns "Nightly import" — made, then revoked.
  await page.getByRole('combobox', { name: 'Key' }).fill('Nightly');
  await page.getByRole('option', { name: `Nightly import (${made['Nightly import']!.hint})` }).click();
  await expect(auditRows(page)).toHaveCount(2);
  await expect(auditRows(page).nth(0)).toContainText('Key revoked');
  await expect(auditRows(page).nth(1)).toContainText('Key created');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // By date range: everything happened today; up to yesterday there is nothing.
  await page.getByLabel('To').fill(localDay(-1));
  await expect(page.getByText('No events match these filters.')).toBeVisible();
  await page.getByLabel('From').fill(localDay(0));
  await expect(page.getByText('The start date must not be after the end date')).toBeVisible();
  await page.getByLabel('To').fill(localDay(0));
  await expect(auditRows(page)).toHaveCount(5);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // One event in its drawer, details in words.
  await auditRows(page).nth(1).getByRole('button', { name: 'Key created' }).click();
  const drawer = page.getByRole('dialog', { name: 'Key created' });
  await expect(drawer).toContainText('Created the key “Webhook relay”');
  await expect(drawer.getByRole('table', { name: 'Event details' })).toContainText('Read records');
  await expect(drawer.getByRole('table', { name: 'Event details' })).toContainText('Can impersonateNo');
  await expectNoAxeViolations(page, 'audit event drawer');
  await drawer.getByRole('button', { name: 'Close event details' }).click();
  await expect(drawer).toBeHidden();

  // Offline: the cached log, saying how fresh it is, and still filtered.
  await stopServerAndSyncNow(app, page);
  const notice = page.getByRole('note').filter({ hasText: "You're offline" });
  await expect(notice).toContainText('These are the audit events as of');
  await expect(auditRows(page)).toHaveCount(5);
  await chooseAction(page, 'Key revoked');
  await expect(auditRows(page)).toHaveCount(1);
  await expect(auditRows(page).first()).toContainText('Nightly import');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `audit log offline (${scheme})`);
  }
});
