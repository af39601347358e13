/**
 * axe on every screen of the built renderer, in light and dark, in real Chromium with the fake bridge.
 * Any violation fails with its rule, impact and the offending elements.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey, type FakeScenario } from '../../helpers/fake-bridge';
import { buildFakeBridgeScript, chromiumAvailable, launchChromium, openApp, rendererToTest, serve } from './harness';

const PENDING_KEYS = [
  makeKey({ name: 'Billing export', capabilities: [], canImpersonate: true }),
  makeKey({
    name: 'Nightly report',
    lastUsedAt: null,
    pending: { outboxId: 'o1', action: 'create', state: 'queued', error: null, queuedAt: '2026-11-20T10:00:00.000Z', mayBeApplied: false },
  }),
  makeKey({
    name: 'Old webhook',
    pending: { outboxId: 'o2', action: 'revoke', state: 'queued', error: null, queuedAt: '2026-11-20T10:00:00.000Z', mayBeApplied: false },
  }),
  makeKey({ name: 'Records intake', capabilities: ['playbook-run:start', 'playbook:create', 'data-record:read', 'data-record:write', 'trigger:manage'] }),
];

interface Screen {
  name: string;
  scenario: FakeScenario;
  hash?: string;
  /** Drives the page to the screen under test. */
  open?: (page: Page) => Promise<void>;
}

const SCREENS: Screen[] = [
  { name: 'connect (first run)', scenario: { connection: 'disconnected' } },
  { name: 'sign in again', scenario: { connection: 'unauthorized' } },
  {
    name: 'keys list with pending and failed actions',
    scenario: {
      keys: PENDING_KEYS,
      failed: [
        {
          outboxId: 'f1',
          action: 'revoke',
          state: 'failed',
          error: { code: 'NOT_FOUND', message: 'The key no longer exists.' },
          queuedAt: '2026-11-20T10:00:00.000Z',
          mayBeApplied: false,
          keyId: 'k',
          keyName: 'Gone key',
        },
      ],
    },
  },
  {
    name: 'saved offline changes could not be read',
    scenario: { keys: PENDING_KEYS, unreadable: { keptAs: '/home/ada/.config/RakerOne Admin/state/p.json.unreadable-1', at: '2026-11-20T10:00:00.000Z' } },
  },
  { name: 'empty', scenario: { keys: [] } },
  { name: 'offline', scenario: { connection: 'offline', keys: PENDING_KEYS } },
  { name: 'syncing', scenario: { keys: PENDING_KEYS, syncing: { done: 1, total: 3 } } },
  { name: 'not an admin', scenario: { role: 'member', keys: [] } },
  { name: 'roles', scenario: { keys: [] }, hash: '#/admin/roles' },
  {
    // Reached by clicking: the active link then also has its hover colours, which must stay AA.
    name: 'roles, reached with the mouse',
    scenario: { keys: [] },
    open: async (page) => {
      await page.getByRole('link', { name: 'Roles', exact: true }).click();
      await page.getByRole('heading', { name: 'Roles and permissions' }).waitFor();
    },
  },
  {
    name: 'create dialog',
    scenario: { keys: PENDING_KEYS },
    open: async (page) => {
      await page.getByRole('button', { name: 'Create API key' }).click();
      await page.getByRole('switch', { name: 'Can impersonate users' }).check();
    },
  },
  {
    name: 'copy screen',
    scenario: { keys: PENDING_KEYS, connection: 'offline' },
    open: async (page) => {
      await page.getByRole('button', { name: 'Create API key' }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill('Data import service');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
    },
  },
  {
    name: 'revoke dialog',
    scenario: { keys: PENDING_KEYS, connection: 'offline' },
    open: async (page) => {
      await page.getByRole('button', { name: 'Revoke Billing export' }).click();
      await page.getByRole('dialog', { name: 'Revoke this API key?' }).waitFor();
    },
  },
  {
    name: 'details drawer',
    scenario: { keys: PENDING_KEYS },
    open: async (page) => {
      await page.getByRole('button', { name: 'Records intake', exact: true }).click();
      await page.getByRole('heading', { name: 'Audit events' }).waitFor();
      await page.getByText('Created the key').waitFor();
    },
  },
  {
    name: 'rotate: switch over step',
    scenario: { keys: PENDING_KEYS },
    open: async (page) => {
      await page.getByRole('button', { name: 'Records intake', exact: true }).click();
      await page.getByRole('button', { name: 'Rotate key' }).click();
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('dialog', { name: 'Switch your integration over, then retire the old key' }).waitFor();
    },
  },
  {
    name: 'keyboard shortcuts',
    scenario: { keys: [] },
    open: async (page) => {
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
  },
];

describe.skipIf(!chromiumAvailable())('accessibility of every screen (axe, Chromium)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let cleanup: () => Promise<void>;
  let fakeScript: string;

  beforeAll(async () => {
    const built = await rendererToTest();
    cleanup = built.cleanup;
    fakeScript = await buildFakeBridgeScript();
    server = await serve(built.dir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  });

  // One page per screen, checked in the light scheme, then switched to dark (Mantine follows the OS
  // setting live), which halves the page loads.
  for (const screen of SCREENS) {
    it(`${screen.name} (light and dark)`, async () => {
      const page = await openApp(browser, server.url, fakeScript, { scenario: screen.scenario, colorScheme: 'light', hash: screen.hash });
      try {
        await screen.open?.(page);
        const problems: string[] = [];
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.waitForFunction((scheme) => document.documentElement.getAttribute('data-mantine-color-scheme') === scheme, colorScheme);
          const results = await new AxeBuilder({ page }).analyze();
          problems.push(
            ...results.violations.map(
              (v) =>
                `[${colorScheme}] ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`,
            ),
          );
        }
        expect(problems, problems.join('\n')).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
