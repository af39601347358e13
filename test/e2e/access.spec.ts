/** First run, and who may see the page: the connect screen, an Admin, and everyone else. */
import { generateSecret } from '../../src/shared/key-format.js';
import { expect, test } from './fixtures.js';

test.use({ unconnected: true });

test('first run: connect with a server URL and an admin token', async ({ page, server }) => {
  const connect = page.getByRole('region', { name: /Connect/ });
  await expect(connect).toBeVisible();
  await connect.getByLabel('Server URL').fill('http://example.com');
  await connect.getByLabel('Admin token').fill(server.adminToken);
  await connect.getByRole('button', { name: 'Connect' }).click();
  // The token must not travel in clear to another machine.
  await expect(connect).toContainText('https://');

  await connect.getByLabel('Server URL').fill(server.url);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await expect(page.getByText('No API keys yet')).toBeVisible();
});

test('a wrong admin token is refused with a clear message', async ({ page, server }) => {
  const connect = page.getByRole('region', { name: /Connect/ });
  await connect.getByLabel('Server URL').fill(server.url);
  // Well-formed, so it passes the offline checksum check, but unknown to the server.
  await connect.getByLabel('Admin token').fill(generateSecret('adminToken'));
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(connect).toContainText('The server did not accept this admin token');
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeHidden();
});

for (const role of ['member', 'manager', 'builder'] as const) {
  test(`a ${role} sees the no-access message`, async ({ page, server }) => {
    const token = await server.addPerson(role);
    const connect = page.getByRole('region', { name: /Connect/ });
    await connect.getByLabel('Server URL').fill(server.url);
    await connect.getByLabel('Admin token').fill(token);
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText("You don't have access to this page. Ask an admin if you need it.")).toBeVisible();
    await expect(page.getByRole('table', { name: 'API keys' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Create API key' })).toBeHidden();
  });
}
