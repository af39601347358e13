/**
 * The keys table at its edges, with a realistic list (twelve keys: every permission on one, a long
 * name, keys that expire, one that retires after its replacement's first use): how many rows a person
 * sees without scrolling at 1280×720 (the default window), 800×560 (its minimum) and 1920×1080, with
 * and without filters; that nothing runs off sideways or is cut without an ellipsis and its full text;
 * that the details drawer's actions are whole; light and dark. Then the keyboard: "+N more" opens and
 * lists what was not drawn, a cut name and a time show their full text on focus, and axe is clean.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { CAPABILITIES } from '../../src/shared/capabilities.js';
import { expect, test } from './fixtures.js';
import { keyRow, createKeyThroughUi } from './support/flows.js';
import { cutTexts, rowsAboveTheFold } from './support/fit.js';
import { textIsCut, visibleFraction } from './support/geometry.js';

const LONG_NAME = 'Nightly reconciliation between the billing ledger and the data warehouse';
const SHOTS = join(process.cwd(), 'test-results', 'table-edges');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

type Server = Parameters<Parameters<typeof test>[2]>[0]['server'];

/** Twelve keys (one revoked), all able to read records (so the Permission filter keeps every one). */
async function seed(server: Server): Promise<void> {
  const admin = server.api(server.adminToken);
  const post = async (body: Record<string, unknown>) => {
    const answer = await admin.post('/api/admin/api-keys', { canImpersonate: false, ...body });
    expect(answer.status).toBe(201);
    return answer.body.apiKey.id as string;
  };
  await post({ name: LONG_NAME, capabilities: CAPABILITIES.map((c) => c.slug), canImpersonate: true });
  await post({ name: 'Quarterly export', capabilities: ['data-record:read'], expiresAt: inDays(90) });
  // Not within 7 days: that key would bring the reminder banner (the reminders' own screen) above the table.
  await post({ name: 'Contractor sandbox', capabilities: ['data-record:read', 'data-record:write'], expiresAt: inDays(20) });
  const replacement = await post({ name: 'CRM sync (new)', capabilities: ['data-record:read', 'data-record:write'] });
  const old = await post({ name: 'CRM sync', capabilities: ['data-record:read', 'data-record:write'] });
  expect((await admin.post(`/api/admin/api-keys/${old}/scheduled-revocation`, { afterFirstUseOf: replacement, graceSeconds: 3600 })).status).toBeLessThan(300);
  for (const name of ['Billing export', 'Data import service', 'Webhook relay', 'Support inbox bridge', 'Warehouse loader']) {
    await post({ name, capabilities: ['data-record:read', 'playbook-run:start', 'trigger:manage'] });
  }
  // Revoked: hidden until the Status filter shows every key.
  const revoked = await post({ name: 'Old reporting key', capabilities: ['data-record:read'] });
  expect((await admin.post(`/api/admin/api-keys/${revoked}/revoke`, {})).status).toBe(200);
}

async function checkScreen(page: Page, where: string, minimumRows: number): Promise<void> {
  const table = page.getByRole('table', { name: 'API keys' });
  await expect(table).toBeVisible();
  await expect.poll(() => rowsAboveTheFold(page), `rows above the fold at ${where}`).toBeGreaterThanOrEqual(minimumRows);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${where}`).toBe(true);
  // Polled: right after a resize the columns settle over a frame or two (the table's width, then the
  // Permissions column's, each observed once).
  await expect.poll(() => cutTexts(table), `cut text at ${where}`).toEqual([]);
  const create = page.getByRole('button', { name: 'Create API key' });
  expect(await visibleFraction(create), `Create API key at ${where}`).toBe(1);
  expect(await visibleFraction(page.getByRole('button', { name: 'Export', exact: true })), `Export at ${where}`).toBe(1);
  // Every status badge drawn is whole ("Revocation pend" was cut once).
  for (const badge of await table.locator('.rk-badge-status').all()) expect(await visibleFraction(badge), `status badge at ${where}`).toBe(1);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`rows above the fold, nothing cut, at 1280×720, 800×560 and 1920×1080 (${scheme})`, async ({ page, server }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await seed(server);
    // Created through the app, so the list (with the keys above) is fetched again.
    await createKeyThroughUi(page, { name: 'Health checker', capabilities: ['Read records'] });
    await expect(keyRow(page, LONG_NAME)).toHaveCount(1);

    for (const size of [
      { width: 1280, height: 720, rows: 8 },
      { width: 800, height: 560, rows: 3 },
      { width: 1920, height: 1080, rows: 8 },
    ]) {
      await page.setViewportSize(size);
      const where = `${size.width}×${size.height} ${scheme}`;
      await checkScreen(page, where, size.rows);
      await page.screenshot({ path: join(SHOTS, `${size.width}x${size.height}-${scheme}.png`) });
    }

    // Two filters set: Status (on the filter line) and Permission (in the Filters menu, then a chip).
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('combobox', { name: 'Status' }).selectOption('All keys');
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page
      .getByRole('dialog', { name: /^Filters/ })
      .getByRole('combobox', { name: 'Permission' })
      .selectOption('Read records');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Remove filter Permission: Read records' })).toBeVisible();
    await expect(page.getByTestId('keys-count')).toHaveText('12 keys');
    await expect(keyRow(page, 'Old reporting key').locator('.rk-badge-status')).toContainText('Revoked');
    await checkScreen(page, `1280×720 two filters ${scheme}`, 6);
    await page.screenshot({ path: join(SHOTS, `1280x720-filtered-${scheme}.png`) });
    await page.getByRole('button', { name: 'Remove filter Permission: Read records' }).click();
    await expect(page.getByRole('button', { name: 'Filters', exact: true })).toBeVisible();

    // The details drawer: its actions whole, the reason beside a disabled one not cut.
    for (const size of [
      { width: 800, height: 560 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      await keyRow(page, 'Warehouse loader').getByRole('button', { name: 'Warehouse loader', exact: true }).click();
      const drawer = page.getByRole('dialog', { name: 'Warehouse loader' });
      const actions = drawer.getByRole('group', { name: 'Key actions' });
      for (const name of ['Rotate key', 'Create a narrower replacement', 'Revoke']) {
        expect(await visibleFraction(actions.getByRole('button', { name, exact: true })), `${name} at ${size.width}×${size.height}`).toBe(1);
      }
      const reason = actions.locator('#narrower-reason');
      if (await reason.count()) {
        expect(await visibleFraction(reason), `the reason at ${size.width}×${size.height}`).toBe(1);
        expect(await textIsCut(reason)).toBe(false);
      }
      await page.screenshot({ path: join(SHOTS, `drawer-${size.width}x${size.height}-${scheme}.png`) });
      await page.getByRole('button', { name: 'Close details' }).click();
      await expect(drawer).toBeHidden();
    }
  });
}

test('the table from the keyboard at the smallest window: +N more, full names and times on focus, the folded sidebar', async ({ page, server }) => {
  test.setTimeout(120_000);
  await seed(server);
  await createKeyThroughUi(page, { name: 'Health checker', capabilities: ['Read records'] });
  await page.setViewportSize({ width: 800, height: 560 });
  // The long-named key was made first: the last row (newest first), mounted once scrolled to.
  await page.getByTestId('keys-table-scroll').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const wide = keyRow(page, LONG_NAME);
  await wide.evaluate((element) => element.scrollIntoView({ block: 'nearest' }));

  // Every badge drawn is whole; the rest is counted, not cut; "Can impersonate" is never hidden.
  for (const badge of await wide.locator('.rk-badge').all()) expect(await visibleFraction(badge), `badge "${await badge.textContent()}"`).toBe(1);
  const drawn = await wide.locator('.rk-badge-blue').count();
  const more = wide.getByRole('button', { name: /^\+\d+ more/ });
  await expect(more).toHaveText(new RegExp(`^\\+${CAPABILITIES.length - drawn} more`));
  await expect(wide.getByText('Can impersonate', { exact: true })).toBeVisible();
  // The lifecycle folds into the Name cell at this width: no column of its own.
  await expect(page.getByRole('columnheader', { name: 'Status' })).toHaveCount(0);
  await expect(keyRow(page, 'CRM sync')).toContainText("Retires after the new key's first use");

  // Folded, the sidebar leaves nothing on screen, not even a sliver of its profile card or shadow.
  const sidebar = page.getByRole('complementary', { name: 'Sidebar' });
  await expect(sidebar).not.toBeInViewport();
  expect(await sidebar.evaluate((element) => getComputedStyle(element).boxShadow)).toBe('none');
  await page.getByRole('button', { name: 'Show sidebar' }).click();
  await expect(page.getByRole('link', { name: 'Roles', exact: true })).toBeInViewport();
  await page.getByRole('button', { name: 'Hide sidebar' }).click();
  await expect(page.getByRole('link', { name: 'Roles', exact: true })).not.toBeInViewport();

  // "+N more" opens from the keyboard and lists the permissions that were not drawn.
  await more.focus();
  await page.keyboard.press('Enter');
  const list = page.locator('.rk-more-popover:popover-open');
  await expect(list).toBeVisible();
  await expect(list.getByText('Delete records', { exact: true })).toBeVisible();
  expect(await visibleFraction(list)).toBe(1);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'axe at 800×560',
  ).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();

  // The long name is cut in the row; on keyboard focus its full text shows under it.
  const nameButton = wide.getByRole('button', { name: LONG_NAME, exact: true });
  expect(await textIsCut(nameButton)).toBe(true);
  const tip = page.locator('.rk-focus-tip:popover-open');
  await wide.getByRole('checkbox').focus();
  await page.keyboard.press('Tab');
  await expect(nameButton).toBeFocused();
  await expect(tip).toHaveText(LONG_NAME);
  expect(await visibleFraction(tip)).toBe(1);

  // A short time ("just now") shows its exact time on focus, as on hover (its title). No key here was
  // used and Created gives way at 800 px: at 1280 px, then.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('keys-table-scroll').evaluate((element) => element.scrollTo(0, 0));
  const created = keyRow(page, 'Warehouse loader').locator('time').first();
  await expect(created).toBeInViewport();
  await created.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(created).toBeFocused();
  await expect(created).toHaveText(/^(just now|\d+ min ago)$/);
  await expect(tip).toHaveText((await created.getAttribute('title'))!);
  await page.keyboard.press('Tab');
  await expect(tip).toBeHidden();
});
