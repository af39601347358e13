/** Steps several journeys share, written the way a person does them (roles, names, product strings). */
import { expect, type Locator, type Page } from '@playwright/test';

export interface NewKey {
  name: string;
  capabilities?: string[];
  canImpersonate?: boolean;
}

/** Create API key → fill the dialog → Create key → read the key on the copy screen → Done. Returns the key. */
export async function createKeyThroughUi(page: Page, key: NewKey): Promise<string> {
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill(key.name);
  for (const label of key.capabilities ?? []) await dialog.getByRole('checkbox', { name: label, exact: true }).check();
  if (key.canImpersonate) await dialog.getByRole('switch', { name: 'Can impersonate users' }).check();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  const secret = await copyScreen.getByLabel('API key').inputValue();
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(copyScreen).toBeHidden();
  return secret;
}

export function keyRow(page: Page, name: string): Locator {
  return page
    .getByRole('table', { name: 'API keys' })
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
}

export function connectionStatus(page: Page): Locator {
  return page.getByTestId('connection-status');
}

/**
 * Takes the server away and has the app find out at once, as a person would: Sync now (its shortcut)
 * calls the server, and the call that gets no answer turns the app offline. Left alone the app finds
 * out at its next list refresh, up to 20 s later: offline.spec.ts's first journey waits for that on
 * purpose, the others need not.
 */
export async function stopServerAndSyncNow(app: { stopServer(): Promise<void> }, page: Page): Promise<void> {
  await app.stopServer();
  await syncNow(page);
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 45_000 });
}

/**
 * Sync now, by its shortcut (the button shows only when there is something to sync): main sends what
 * is queued and refreshes the list, and with it each key's usage and activity flags. Without it the
 * page refreshes its list every 20 s; keys-journey.spec.ts waits for that on purpose.
 */
export async function syncNow(page: Page): Promise<void> {
  // Shortcuts are not taken from a text field: leave it first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('ControlOrMeta+Shift+S');
}

export async function showStatus(page: Page, status: 'Not revoked' | 'Pending changes' | 'Revoked' | 'Expired' | 'All keys'): Promise<void> {
  await page.getByRole('combobox', { name: 'Status' }).selectOption(status);
}

/** Sets a filter behind the Filters menu (Permission, Impersonation, Last used, Created by), then closes the menu. */
export async function chooseMenuFilter(page: Page, label: 'Permission' | 'Impersonation' | 'Last used' | 'Created by', option: string): Promise<void> {
  const menu = page.getByRole('dialog', { name: /^Filters/ });
  if (!(await menu.isVisible())) await page.getByRole('button', { name: /^Filters( \(\d+\))?$/ }).click();
  await menu.getByRole('combobox', { name: label }).selectOption(option);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
}
