/**
 * Keys that end on time, as the table shows them: a key made with an expiry says when it expires, turns
 * Expired when the time comes (from the list the page refreshes on its own), and is refused by the
 * server with a message that says it expired; a retirement scheduled after a replacement's first use is
 * said in the row and the details. axe in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi, keyRow, showStatus } from './support/flows.js';

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

test('an expiring key says when, turns Expired on time, and is refused', async ({ page, server }) => {
  test.setTimeout(120_000);
  const admin = server.api(server.adminToken);
  const soon = await admin.post('/api/admin/api-keys', {
    name: 'Short-lived',
    capabilities: [],
    canImpersonate: false,
    expiresAt: new Date(Date.now() + 8_000).toISOString(),
  });
  expect(soon.status).toBe(201);
  const later = await admin.post('/api/admin/api-keys', {
    name: 'Quarterly',
    capabilities: [],
    canImpersonate: false,
    expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
  });
  expect(later.status).toBe(201);
  const replacement = await admin.post('/api/admin/api-keys', { name: 'Replacement', capabilities: [], canImpersonate: false });
  const old = await admin.post('/api/admin/api-keys', { name: 'Old integration', capabilities: [], canImpersonate: false });
  const schedule = await admin.post(`/api/admin/api-keys/${old.body.apiKey.id}/scheduled-revocation`, {
    afterFirstUseOf: replacement.body.apiKey.id,
    graceSeconds: 3600,
  });
  expect(schedule.status).toBe(200);
  // Created through the app, so the page fetches the list with the keys above.
  await createKeyThroughUi(page, { name: 'Health checker' });

  await expect(keyRow(page, 'Quarterly')).toContainText('Expires in 3 months');
  await expect(keyRow(page, 'Old integration')).toContainText("Retires after the new key's first use");
  await expect(keyRow(page, 'Short-lived')).toContainText(/Expires in (less than a minute|1 minute)/);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoViolations(page, `keys with ends (${scheme})`);
  }

  // The page refreshes the list every 20 s: the key turns Expired without a click, and the server refuses it.
  await expect(keyRow(page, 'Short-lived')).toContainText('Expired', { timeout: 45_000 });
  const refused = await server.api(soon.body.secret).get('/api/me');
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toMatch(/expired/i);
  await expect(keyRow(page, 'Short-lived').getByRole('button', { name: /^Revoke/ })).toHaveCount(0);

  await showStatus(page, 'Expired');
  await expect(page.getByRole('table', { name: 'API keys' }).getByRole('row')).toHaveCount(2);
  await expect(keyRow(page, 'Short-lived')).toBeVisible();
  await expectNoViolations(page, 'Expired filter (dark)');

  await showStatus(page, 'All keys');
  await keyRow(page, 'Old integration').getByRole('button', { name: 'Old integration', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Old integration' });
  await expect(details.getByRole('row', { name: /Retires/ })).toContainText("After the new key's first use, plus 1 hour");
  await expect(details.getByRole('row', { name: /Expires/ })).toContainText('Never');
});
