/**
 * Retiring the old key of a rotation, end to end: "When the new key is first used" → the new key's
 * first use against the server → the old key is refused and shown revoked; a retirement scheduled
 * offline is "Retirement pending", then reaches the server exactly once when it is back, and is
 * cancelled in one click from the row. axe on the new step, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { connectionStatus, createKeyThroughUi, keyRow, showStatus, stopServerAndSyncNow } from './support/flows.js';

const SWITCH_STEP = 'Switch your integration over, then retire the old key';

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

/** Rotate the key named `name` from its details drawer, through the copy screen; returns the new secret. */
async function rotateToSwitchStep(page: Page, name: string): Promise<string> {
  await keyRow(page, name).getByRole('button', { name, exact: true }).click();
  await page.getByRole('dialog', { name }).getByRole('button', { name: 'Rotate key' }).click();
  await page
    .getByRole('dialog', { name: `Rotate “${name}”` })
    .getByRole('button', { name: 'Create key' })
    .click();
  const copyScreen = page.getByRole('dialog', { name: 'Copy your API key' });
  const secret = await copyScreen.getByLabel('API key').inputValue();
  await copyScreen.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog', { name: SWITCH_STEP })).toBeVisible();
  return secret;
}

test("rotate, retire the old key on the new key's first use: the old key is refused and shown revoked", async ({ page, server }) => {
  test.setTimeout(240_000);
  const oldSecret = await createKeyThroughUi(page, { name: 'Billing sync', capabilities: ['Read records'] });
  const newSecret = await rotateToSwitchStep(page, 'Billing sync');
  const step = page.getByRole('dialog', { name: SWITCH_STEP });
  await expect(step.getByRole('radio', { name: 'When the new key is first used' })).toBeChecked();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoViolations(page, `the retirement choice (${scheme})`);
  }
  await step.getByRole('radio', { name: 'At a time' }).check();
  await expect(step.getByLabel(/Retire at/)).toBeVisible();
  await expectNoViolations(page, 'the retirement choice, at a time (dark)');
  await page.emulateMedia({ colorScheme: 'light' });

  await step.getByRole('radio', { name: 'When the new key is first used' }).check();
  await step.getByRole('combobox', { name: /Grace period/ }).selectOption('None');
  await step.getByRole('button', { name: 'Schedule retirement' }).click();
  await expect(step).toBeHidden();
  await expect(keyRow(page, 'Billing sync')).toContainText("Retires after the new key's first use");
  // Both keys work until the new one is used.
  expect((await server.api(oldSecret).get('/api/me')).status).toBe(200);

  expect((await server.api(newSecret).get('/api/me')).status).toBe(200);
  await expect.poll(async () => (await server.api(oldSecret).get('/api/me')).status).toBe(401);
  await page.reload();
  await showStatus(page, 'Revoked');
  await expect(keyRow(page, 'Billing sync')).toContainText('Revoked');
});

test('schedule a retirement offline: "Retirement pending", then on the server exactly once; cancelled in one click', async ({ app, server }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const admin = server.api(server.adminToken);
  await createKeyThroughUi(page, { name: 'Nightly export', capabilities: ['Read records'] });
  await stopServerAndSyncNow(app, page);

  await rotateToSwitchStep(page, 'Nightly export');
  const step = page.getByRole('dialog', { name: SWITCH_STEP });
  await expect(step).toContainText('You are offline: RakerOne gets this plan once RakerOne Admin reconnects');
  await step.getByRole('button', { name: 'Schedule retirement' }).click();
  await expect(step).toBeHidden();
  await expect(keyRow(page, 'Nightly export')).toContainText('Retirement pending');
  await expect(keyRow(page, 'Nightly export (rotated)')).toContainText('Not active yet');

  await app.startServer();
  await expect(connectionStatus(page)).toContainText('Online', { timeout: 60_000 });
  await expect(keyRow(page, 'Nightly export')).not.toContainText('Retirement pending');
  await expect(keyRow(page, 'Nightly export')).toContainText("Retires after the new key's first use");

  const list = await admin.get('/api/admin/api-keys?status=all&limit=100');
  const named = (name: string) => list.body.items.filter((k: { name: string }) => k.name === name);
  expect(named('Nightly export')).toHaveLength(1);
  expect(named('Nightly export (rotated)')).toHaveLength(1);
  const [old] = named('Nightly export');
  const [replacement] = named('Nightly export (rotated)');
  expect(old.scheduledRevocation).toEqual({ afterFirstUseOf: replacement.id, graceSeconds: 3600, at: null });
  const audit = await admin.get(`/api/admin/audit-events?apiKeyId=${old.id}&limit=100`);
  expect(audit.body.items.filter((e: { action: string }) => e.action === 'api_key.revocation_scheduled')).toHaveLength(1);

  // One click in the row cancels it, on the server too.
  await keyRow(page, 'Nightly export').getByRole('button', { name: 'Cancel retirement of Nightly export' }).click();
  await expect(page.getByText('“Nightly export” no longer retires on its own.')).toBeVisible();
  await expect(keyRow(page, 'Nightly export')).not.toContainText('Retires');
  const after = await admin.get('/api/admin/api-keys?status=all&limit=100');
  expect(after.body.items.find((k: { id: string }) => k.id === old.id).scheduledRevocation).toBeNull();
});
