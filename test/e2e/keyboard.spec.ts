/** Keyboard only: create, copy, Done and revoke, without touching the mouse. */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { keyRow } from './support/flows.js';

/** Presses Tab until `target` has the focus (at most `limit` presses): how a keyboard user gets anywhere. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${target.toString()} with Tab`);
}

test('create, copy, done and revoke with the keyboard only', async ({ app, page, server }) => {
  await tabTo(page, page.getByRole('button', { name: 'Create API key' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Keyboard key');
  await tabTo(page, dialog.getByRole('checkbox', { name: 'Read records', exact: true }));
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: 'Read records', exact: true })).toBeChecked();
  await tabTo(page, dialog.getByRole('button', { name: 'Create key' }));
  await page.keyboard.press('Enter');

  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  await expect(copyScreen).toBeVisible();
  const secret = await copyScreen.getByLabel('API key').inputValue();
  await tabTo(page, copyScreen.getByRole('button', { name: 'Copy', exact: true }));
  await page.keyboard.press('Enter');
  await expect(copyScreen.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(await app.readClipboard()).toBe(secret);
  await page.keyboard.press('Escape');
  await expect(copyScreen).toBeVisible();
  await tabTo(page, copyScreen.getByRole('button', { name: 'Done' }));
  await page.keyboard.press('Enter');
  await expect(copyScreen).toBeHidden();

  await expect(keyRow(page, 'Keyboard key')).toBeVisible();
  await tabTo(page, keyRow(page, 'Keyboard key').getByRole('button', { name: /^Revoke/ }));
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
  await expect(confirm).toBeVisible();
  await tabTo(page, confirm.getByRole('button', { name: 'Revoke key' }));
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect.poll(async () => (await server.api(secret).get('/api/me')).status).toBe(401);
});
