/**
 * The product page's main journey, as a QA engineer walks it: empty state → create a key → the copy
 * screen that cannot be dismissed → the row → the key works against the server → last used → revoke →
 * the key is refused at once.
 */
import { concealmentMarkers, osClipboardFormat } from '../../src/main/copy-screen/concealed-formats.js';
import { expect, test } from './fixtures.js';

test('create, copy, use and revoke an API key', async ({ app, page, server }) => {
  test.setTimeout(120_000);
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await expect(page.getByText('No API keys yet')).toBeVisible();

  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await expect(dialog).toBeVisible();
  const createButton = dialog.getByRole('button', { name: 'Create key' });
  await expect(createButton).toBeDisabled();
  await dialog.getByLabel('Name').fill('Data import service');
  await dialog.getByRole('checkbox', { name: 'Read records' }).check();
  await dialog.getByRole('checkbox', { name: 'Write records' }).check();
  await dialog.getByRole('switch', { name: 'Can impersonate users' }).check();
  await createButton.click();

  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await expect(copyScreen).toBeVisible();
  const secret = await copyScreen.getByLabel('API key').inputValue();
  expect(secret).toMatch(/^rkr_key_[0-9A-Za-z]{38}$/);

  // Neither Escape nor a click outside closes it.
  await page.keyboard.press('Escape');
  await expect(copyScreen).toBeVisible();
  await page.mouse.click(5, 5);
  await expect(copyScreen).toBeVisible();

  await copyScreen.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(copyScreen.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(await app.readClipboard()).toBe(secret);
  // The concealment formats of the platform (web driver: main's adapter on the Linux markers; electron:
  // the real clipboard, read with clipboard.has).
  const formats = await app.clipboardFormats();
  for (const marker of Object.keys(concealmentMarkers(app.driver === 'web' ? 'linux' : process.platform))) expect(formats).toContain(osClipboardFormat(marker));

  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(copyScreen).toBeHidden();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^Online/ })
      .first(),
  ).toBeVisible();

  const table = page.getByRole('table', { name: 'API keys' });
  const row = table.getByRole('row').filter({ hasText: 'Data import service' });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('Read records', { exact: true })).toBeVisible();
  await expect(row.getByText('Write records', { exact: true })).toBeVisible();
  await expect(row.getByText('Can impersonate', { exact: true })).toBeVisible();
  await expect(row.getByText('Never', { exact: true })).toBeVisible();

  // The key works against the server, as itself.
  const me = await server.api(secret).get('/api/me');
  expect(me.status).toBe(200);
  expect(me.body.kind).toBe('apiKey');
  expect(me.body.apiKey.name).toBe('Data import service');
  expect(me.body.capabilities).toEqual(['data-record:read', 'data-record:write']);

  // Last used updates in the row (the page refreshes the list on its own).
  await expect(row.getByText('Never', { exact: true })).toBeHidden({ timeout: 45_000 });

  await row.getByRole('button', { name: /^Revoke/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
  await expect(confirm).toContainText('immediately lose access');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm).toBeHidden();
  // Revoked keys leave the default view ("Not revoked") and are listed under the Revoked status.
  await expect(row).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('Revoked');
  await expect(row.getByText('Revoked')).toBeVisible();

  expect((await server.api(secret).get('/api/me')).status).toBe(401);
});

test('a key with no capability shows "No permissions"', async ({ page }) => {
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Health checker');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: 'Health checker' });
  await expect(row.getByText('No permissions', { exact: true })).toBeVisible();
});
