/** Rotation to the end: new key first, switch the integration over, then revoke the old key — only once confirmed. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi, keyRow } from './support/flows.js';

test('rotate a key and revoke the old one only after confirming', async ({ page, server }) => {
  const oldSecret = await createKeyThroughUi(page, { name: 'Billing sync', capabilities: ['Read records', 'Start playbook runs'] });
  expect((await server.api(oldSecret).get('/api/me')).status).toBe(200);

  await keyRow(page, 'Billing sync').getByRole('button', { name: 'Billing sync', exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Billing sync' });
  await drawer.getByRole('button', { name: 'Rotate key' }).click();

  const form = page.getByRole('dialog', { name: 'Rotate “Billing sync”' });
  await expect(form.getByRole('checkbox', { name: 'Read records', exact: true })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'Start playbook runs', exact: true })).toBeChecked();
  await form.getByRole('button', { name: 'Create key' }).click();

  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  const newSecret = await copyScreen.getByLabel('API key').inputValue();
  expect(newSecret).not.toBe(oldSecret);
  await copyScreen.getByRole('button', { name: 'Done' }).click();

  const switchStep = page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' });
  await expect(switchStep).toContainText('Old key last used');
  // Not revoked yet: both keys work while the integration switches over.
  expect((await server.api(oldSecret).get('/api/me')).status).toBe(200);
  expect((await server.api(newSecret).get('/api/me')).status).toBe(200);
  // The old key's last use shows live on this step.
  await expect(switchStep).not.toContainText('Never', { timeout: 30_000 });

  await switchStep.getByRole('radio', { name: 'Now' }).check();
  await switchStep.getByRole('button', { name: 'Revoke old key' }).click();
  await expect(switchStep).toBeHidden();
  await expect.poll(async () => (await server.api(oldSecret).get('/api/me')).status).toBe(401);
  const me = await server.api(newSecret).get('/api/me');
  expect(me.status).toBe(200);
  expect(me.body.capabilities).toEqual(['playbook-run:start', 'data-record:read']);
});

test('"Later" keeps the old key working', async ({ page, server }) => {
  const oldSecret = await createKeyThroughUi(page, { name: 'Webhook relay', capabilities: ['Start playbook runs'] });
  await keyRow(page, 'Webhook relay').getByRole('button', { name: 'Webhook relay', exact: true }).click();
  await page.getByRole('dialog', { name: 'Webhook relay' }).getByRole('button', { name: 'Rotate key' }).click();
  await page.getByRole('dialog', { name: 'Rotate “Webhook relay”' }).getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('dialog', { name: 'Copy your API key' }).getByRole('button', { name: 'Done' }).click();
  await page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' }).getByRole('button', { name: 'Later' }).click();
  expect((await server.api(oldSecret).get('/api/me')).status).toBe(200);
});

/** The organization's keys whose name starts with `name` (a replacement is "<name> (rotated …)"), as the server has them. */
async function serverKeys(
  server: { api: (token: string) => { get: (path: string) => Promise<{ body: { items: { name: string; expiresAt: string | null }[] } }> }; adminToken: string },
  name: string,
) {
  const list = await server.api(server.adminToken).get('/api/admin/api-keys?status=all&limit=100');
  return list.body.items.filter((key) => key.name.startsWith(name));
}

async function rotate(page: Page, name: string) {
  await keyRow(page, name).getByRole('button', { name, exact: true }).click();
  await page.getByRole('dialog', { name }).getByRole('button', { name: 'Rotate key' }).click();
  return page.getByRole('dialog', { name: `Rotate “${name}”` });
}

test('rotating a key that never expires: the replacement never expires either (no key policy)', async ({ page, server }) => {
  expect(
    (await server.api(server.adminToken).post('/api/admin/api-keys', { name: 'Forever sync', capabilities: ['data-record:read'], canImpersonate: false }))
      .status,
  ).toBe(201);
  expect((await serverKeys(server, 'Forever sync'))[0]!.expiresAt).toBeNull();
  // Created through the app, so the list (with the key above) is fetched again.
  await createKeyThroughUi(page, { name: 'Refresh the list', capabilities: ['Read records'] });
  const form = await rotate(page, 'Forever sync');
  // Same settings, lifetime included: nothing to explain, Never kept.
  await expect(form.getByRole('combobox', { name: 'Expires' })).toHaveValue('never');
  await expect(form).not.toContainText('Your organization requires');
  await form.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('dialog', { name: 'Copy your API key' }).getByRole('button', { name: 'Done' }).click();
  await page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' }).getByRole('button', { name: 'Later' }).click();
  await expect.poll(async () => (await serverKeys(server, 'Forever sync')).length).toBe(2);
  for (const key of await serverKeys(server, 'Forever sync')) expect(key.expiresAt).toBeNull();
});

test('rotating a key that never expires under a 30-day policy: the step says why, and the new key expires within 30 days', async ({ page, server }) => {
  const admin = server.api(server.adminToken);
  // Made before the policy: it never expires.
  expect((await admin.post('/api/admin/api-keys', { name: 'Legacy export', capabilities: ['data-record:read'], canImpersonate: false })).status).toBe(201);
  expect((await admin.put('/api/admin/key-policy', { requireExpiry: true, maxLifetimeDays: 30 })).status).toBe(200);
  await createKeyThroughUi(page, { name: 'Refresh the list', capabilities: ['Read records'] });

  const form = await rotate(page, 'Legacy export');
  const note = form.getByText(/^Your organization requires keys to expire within 30 days: the new key expires on /);
  await expect(note).toBeVisible();
  // At the top of the step: above the Name field, not only beside Expires at its bottom.
  const noteBox = (await note.boundingBox())!;
  const nameBox = (await form.getByLabel('Name').boundingBox())!;
  expect(noteBox.y).toBeLessThan(nameBox.y);
  const before = Date.now();
  await form.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('dialog', { name: 'Copy your API key' }).getByRole('button', { name: 'Done' }).click();
  await page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' }).getByRole('button', { name: 'Later' }).click();
  await expect.poll(async () => (await serverKeys(server, 'Legacy export')).length).toBe(2);
  const replacement = (await serverKeys(server, 'Legacy export')).find((key) => key.expiresAt !== null);
  expect(replacement).toBeDefined();
  const expiresAt = Date.parse(replacement!.expiresAt!);
  expect(expiresAt).toBeGreaterThan(before);
  expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
});
