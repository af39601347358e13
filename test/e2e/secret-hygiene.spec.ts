/**
 * Secret hygiene: after real work (keys created online and offline, copied, rotated, the app
 * restarted), no key and no admin token may be found in the app's logs, its data folder, or the
 * renderer's storage (localStorage, sessionStorage, IndexedDB, Cache Storage).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { createKeyThroughUi, stopServerAndSyncNow } from './support/flows.js';
import { filesUnder, rendererStorage } from './support/storage.js';

test('no key or admin token is left in logs, data folder or renderer storage', async ({ app, server }) => {
  test.setTimeout(180_000);
  let page = app.page;
  const secrets = [server.adminToken];
  secrets.push(await createKeyThroughUi(page, { name: 'Hygiene one', capabilities: ['Read records'] }));

  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Hygiene copied');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  secrets.push(await copyScreen.getByLabel('API key').inputValue());
  await copyScreen.getByRole('button', { name: 'Copy', exact: true }).click();
  await copyScreen.getByRole('button', { name: 'Done' }).click();

  await stopServerAndSyncNow(app, page);
  secrets.push(await createKeyThroughUi(page, { name: 'Hygiene offline' }));
  page = await app.restartApp();
  await app.startServer();
  await expect(page.getByTestId('connection-status')).toContainText('Online', { timeout: 60_000 });

  const files = filesUnder(app.userDataDir);
  expect(files.length).toBeGreaterThan(0);
  const haystacks: [string, string][] = [
    ...files.map((file): [string, string] => [file, readFileSync(file).toString('latin1')]),
    ['main-process log', app.logLines().join('\n')],
    ['renderer storage', await rendererStorage(page)],
  ];
  for (const secret of secrets) {
    const body = secret.slice(8); // without the public prefix
    for (const [where, text] of haystacks) {
      expect(text.includes(body), `a secret was found in ${where}`).toBe(false);
    }
  }
});
