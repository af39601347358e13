/** axe on every screen, in the light and the dark theme. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi, keyRow, stopServerAndSyncNow } from './support/flows.js';
import { leakedLog } from './support/leaked-log.js';

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe (${scheme})`, async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.getByText('No API keys yet')).toBeVisible();
    await expectNoViolations(page, 'empty keys page');

    await page.getByRole('button', { name: 'Create API key' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByLabel('Name').fill('Axe key');
    await dialog.getByRole('checkbox', { name: 'Read records', exact: true }).check();
    await expectNoViolations(page, 'create dialog');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
    await copyScreen.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(copyScreen.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
    await expectNoViolations(page, 'copy screen');
    await copyScreen.getByRole('button', { name: 'Done' }).click();
    await expect(copyScreen).toBeHidden();

    await createKeyThroughUi(page, { name: 'Second key', canImpersonate: true });
    await expectNoViolations(page, 'keys list');

    await page.getByRole('button', { name: 'Export' }).click();
    await expect(page.getByRole('menuitem', { name: 'CSV' })).toBeVisible();
    await expectNoViolations(page, 'export menu open');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();

    await keyRow(page, 'Axe key').getByRole('button', { name: 'Axe key', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Axe key' })).toBeVisible();
    await expectNoViolations(page, 'key details');
    await page.getByRole('button', { name: 'Close details' }).click();

    await keyRow(page, 'Axe key')
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await expect(page.getByRole('dialog', { name: 'Revoke this API key?' })).toBeVisible();
    await expectNoViolations(page, 'revoke dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'Roles', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Roles and permissions' })).toBeVisible();
    await expectNoViolations(page, 'roles page');
    await page.getByRole('link', { name: 'API keys', exact: true }).click();

    await server.raw.stop();
    await page.getByRole('button', { name: 'Create API key' }).first().click();
    await page.getByRole('dialog', { name: 'Create API key' }).getByLabel('Name').fill('Offline key');
    await page.getByRole('dialog', { name: 'Create API key' }).getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('dialog', { name: 'Copy your API key' }).getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('connection-status')).toContainText('Offline');
    await expectNoViolations(page, 'offline keys page with a pending key');
  });
}

test.describe('screens before sign-in', () => {
  test.use({ unconnected: true });
  for (const scheme of ['light', 'dark'] as const) {
    test(`connect and no-access screens pass axe (${scheme})`, async ({ page, server }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const connect = page.getByRole('region', { name: /Connect/ });
      await expect(connect).toBeVisible();
      await expectNoViolations(page, 'connect screen');
      await connect.getByLabel('Server URL').fill(server.url);
      await connect.getByLabel('Admin token').fill(await server.addPerson('member'));
      await connect.getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByText("You don't have access to this page. Ask an admin if you need it.")).toBeVisible();
      await expectNoViolations(page, 'no-access screen');
    });
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`identify leaked keys passes axe (${scheme})`, async ({ app, page, server }) => {
    test.setTimeout(180_000);
    const leak = await leakedLog(server);
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('link', { name: 'Identify leaked keys' }).click();
    await expect(page.getByLabel('Text to scan')).toBeVisible();
    await expectNoViolations(page, 'identify page, empty');
    await page.getByLabel('Text to scan').fill(leak.log);
    await page.getByRole('button', { name: 'Scan text' }).click();
    await expect(page.getByRole('table', { name: 'Keys found' }).getByRole('row', { name: /Billing export/ })).toBeVisible();
    await expectNoViolations(page, 'identify results');
    await page.getByRole('button', { name: 'Revoke 2 keys' }).click();
    await expect(page.getByRole('dialog', { name: 'Revoke 2 API keys?' })).toBeVisible();
    await expectNoViolations(page, 'identify revoke dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await stopServerAndSyncNow(app, page);
    await page.getByLabel('Text to scan').fill(leak.log);
    await page.getByRole('button', { name: 'Scan text' }).click();
    await expect(page.getByText("can't name them until it reconnects")).toBeVisible();
    await expectNoViolations(page, 'identify results offline');
  });
}
