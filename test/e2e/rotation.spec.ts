/** Rotation to the end: new key first, switch the integration over, then revoke the old key — only once confirmed. */
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
