/**
 * Key activity, end to end: the server trusts 127.0.0.1 as its proxy (`--trust-proxy`), so this
 * spec's requests name their client in X-Forwarded-For. A key used from two addresses shows both under
 * Where from and today's requests in the summary, the chart and its table; a request after the revoke
 * shows as refused; with the server gone and the app restarted, the drawer still shows the activity,
 * saying as of when. axe light and dark on the drawer's Activity with its table open.
 */
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './fixtures.js';
import { connectionStatus, createKeyThroughUi, keyRow, showStatus } from './support/flows.js';

test.use({ serverTrustProxy: '127.0.0.1' });

const today = () => new Date().toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

async function openActivity(page: Page, name: string): Promise<{ drawer: Locator; activity: Locator; whereFrom: Locator }> {
  await keyRow(page, name).getByRole('button', { name, exact: true }).click();
  const drawer = page.getByRole('dialog', { name });
  const activity = drawer.getByRole('region', { name: 'Activity' });
  await expect(activity.getByTestId('activity-summary')).toBeVisible();
  return { drawer, activity, whereFrom: drawer.getByRole('table', { name: 'Where from' }) };
}

test('a key used from two addresses, then refused after its revoke; offline after a restart the drawer still shows it', async ({ app, server }) => {
  test.setTimeout(180_000);
  let page = app.page;
  const secret = await createKeyThroughUi(page, { name: 'Warehouse loader', capabilities: ['Read records'] });
  const asKey = server.api(secret);
  const from = (address: string, userAgent: string) => asKey.get('/api/me', { 'x-forwarded-for': address, 'user-agent': userAgent });
  expect((await from('203.0.113.7', 'loader/2.1')).status).toBe(200);
  expect((await from('203.0.113.7', 'loader/2.1')).status).toBe(200);
  expect((await from('198.51.100.20', 'curl/8.5.0')).status).toBe(200);
  await server.raw.app().rakerone.activity.flush();

  let { drawer, activity, whereFrom } = await openActivity(page, 'Warehouse loader');
  await expect(activity.getByTestId('activity-summary')).toContainText('3 requests and 0 refused in these 30 days.');
  await expect(whereFrom.getByRole('row')).toHaveCount(3);
  await expect(whereFrom.getByRole('row').nth(1)).toContainText('198.51.100.20');
  await expect(whereFrom.getByRole('row').nth(1)).toContainText('curl/8.5.0');
  await expect(whereFrom.getByRole('row').nth(2)).toContainText('203.0.113.7');
  await expect(whereFrom.getByRole('row').nth(2)).toContainText('loader/2.1');
  // The chart is drawn (bars for today), and its table says the same numbers.
  await expect(activity.getByTestId('activity-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();
  await activity.getByRole('button', { name: 'Show as table' }).click();
  const perDay = activity.getByRole('table', { name: /^Requests and refusals per day/ });
  await expect(perDay.getByRole('row', { name: today() })).toHaveText(new RegExp(`^${today()}\\s*3\\s*0$`));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(page, `the details drawer's Activity (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await drawer.getByRole('button', { name: 'Revoke', exact: true }).click();
  await page.getByRole('dialog', { name: 'Revoke this API key?' }).getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('dialog', { name: 'Revoke this API key?' })).toBeHidden();
  expect((await from('203.0.113.7', 'loader/2.1')).status).toBe(401);
  await server.raw.app().rakerone.activity.flush();
  if (await drawer.isVisible()) await drawer.getByRole('button', { name: 'Close details' }).click();
  await showStatus(page, 'All keys');
  ({ drawer, activity, whereFrom } = await openActivity(page, 'Warehouse loader'));
  await expect(activity.getByTestId('activity-summary')).toContainText('3 requests and 1 refused in these 30 days.');
  await expect(activity.getByTestId('activity-summary')).toContainText(`${today()}: 3 requests, 1 refused.`);

  await app.stopServer();
  page = await app.restartApp();
  await expect(connectionStatus(page)).toContainText('Offline', { timeout: 30_000 });
  await showStatus(page, 'All keys');
  ({ activity, whereFrom } = await openActivity(page, 'Warehouse loader'));
  await expect(activity.getByTestId('activity-as-of')).toContainText(/^Offline: activity as of .+ \(.+\), when RakerOne Admin last reached the server\.$/);
  await expect(activity.getByTestId('activity-summary')).toContainText('3 requests and 1 refused in these 30 days.');
  await expect(whereFrom.getByRole('row')).toHaveCount(3);
  await activity.getByRole('button', { name: 'Show as table' }).click();
  await expect(activity.getByRole('table', { name: /^Requests and refusals per day/ }).getByRole('row', { name: today() })).toHaveText(
    new RegExp(`^${today()}\\s*3\\s*1$`),
  );
});
