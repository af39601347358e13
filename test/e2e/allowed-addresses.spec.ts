/**
 * Allowed addresses, end to end: the server trusts 127.0.0.1 as its proxy (`--trust-proxy`), so this
 * spec's requests name their client in X-Forwarded-For. A key used from two addresses is restricted to
 * exactly those with "Allow only the addresses it was used from": a request from a third address is
 * refused with 403 naming that address, the listed ones still work. Before saving, the editor warns
 * about a recent source a narrower list would refuse (axe light and dark on the editor with its
 * warning). Under a policy that requires allowed addresses, the create dialog asks for a list (axe light
 * and dark with a line to fix) and the key is created with it.
 */
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi, keyRow } from './support/flows.js';

test.use({ serverTrustProxy: '127.0.0.1' });

async function openEditor(page: Page, name: string) {
  await keyRow(page, name).getByRole('button', { name, exact: true }).click();
  const drawer = page.getByRole('dialog', { name });
  const section = drawer.getByRole('region', { name: 'Allowed addresses' });
  await expect(section.getByText('From any address')).toBeVisible();
  await section.getByRole('button', { name: 'Edit allowed addresses' }).click();
  return { drawer, section, box: section.getByRole('textbox', { name: /Allowed addresses/ }) };
}

test('restrict a key to the addresses it was used from: another address gets 403, the listed ones work', async ({ app, server }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const secret = await createKeyThroughUi(page, { name: 'Warehouse loader', capabilities: ['Read records'] });
  const asKey = server.api(secret);
  const from = (address: string) => asKey.get('/api/me', { 'x-forwarded-for': address, 'user-agent': 'loader/2.1' });
  expect((await from('203.0.113.7')).status).toBe(200);
  expect((await from('198.51.100.20')).status).toBe(200);
  await server.raw.app().rakerone.activity.flush();

  const { section, box } = await openEditor(page, 'Warehouse loader');
  const fill = section.getByRole('button', { name: 'Allow only the addresses it was used from' });
  await expect(fill).toBeEnabled();
  await fill.click();
  await expect(box).toHaveValue('198.51.100.20/32\n203.0.113.7/32');
  await expect(section.getByText('Filled with the 2 addresses this key was used from in the last 30 days.')).toBeVisible();

  // A narrower list: the warning names the recent source it would refuse, before anything is saved.
  await box.fill('203.0.113.7/32');
  const refused = section.getByRole('list', { name: 'Sources the new list would refuse' });
  await expect(refused.getByRole('listitem')).toHaveCount(1);
  await expect(refused.getByRole('listitem')).toContainText('198.51.100.20');
  await expect(section.getByRole('button', { name: 'Save and refuse 1 recent source' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `the allowed-addresses editor with its warning (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Back to exactly the addresses it was used from, and saved.
  await fill.click();
  await expect(refused).toBeHidden();
  await section.getByRole('button', { name: 'Save allowed addresses' }).click();
  const list = section.getByRole('list', { name: 'Allowed addresses' });
  await expect(list.getByRole('listitem')).toHaveText(['198.51.100.20/32', '203.0.113.7/32']);

  const outside = await from('192.0.2.99');
  expect(outside.status).toBe(403);
  expect(JSON.stringify(outside.body)).toContain('192.0.2.99');
  expect(JSON.stringify(outside.body)).not.toContain('203.0.113.7');
  expect((await from('203.0.113.7')).status).toBe(200);
  expect((await from('198.51.100.20')).status).toBe(200);
  const keys = await server.api(server.adminToken).get('/api/admin/api-keys');
  expect(keys.body.items.find((k: { name: string }) => k.name === 'Warehouse loader').allowedAddresses).toEqual(['198.51.100.20/32', '203.0.113.7/32']);
});

test('under a policy that requires allowed addresses, the key is created with its list', async ({ app, server }) => {
  const admin = server.api(server.adminToken);
  expect((await admin.put('/api/admin/key-policy', { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: true })).status).toBe(200);
  const page = app.page;
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await expect(dialog.getByText("The organization's key policy requires a list: the key works only from these addresses.")).toBeVisible();
  await dialog.getByLabel('Name').fill('Partner webhook');
  await dialog.getByRole('checkbox', { name: 'Read records', exact: true }).check();
  await expect(dialog.getByRole('button', { name: 'Create key' })).toBeDisabled();
  const box = dialog.getByRole('textbox', { name: /Addresses the key may be used from/ });
  await box.fill('203.0.113.7\n10.1.2.3/16');
  await expect(dialog.getByText('Line 2: 10.1.2.3/16 has host bits set; did you mean 10.1.0.0/16?')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `the create dialog's allowed addresses with a line to fix (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await box.fill('203.0.113.7\n10.1.0.0/16');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  const secret = await copyScreen.getByLabel('API key').inputValue();
  await copyScreen.getByRole('button', { name: 'Done' }).click();

  const keys = await admin.get('/api/admin/api-keys');
  expect(keys.body.items.find((k: { name: string }) => k.name === 'Partner webhook').allowedAddresses).toEqual(['203.0.113.7/32', '10.1.0.0/16']);
  const asKey = server.api(secret);
  expect((await asKey.get('/api/me', { 'x-forwarded-for': '10.1.200.3' })).status).toBe(200);
  expect((await asKey.get('/api/me', { 'x-forwarded-for': '10.2.0.1' })).status).toBe(403);
});
