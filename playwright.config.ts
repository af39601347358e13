import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of RakerOne Admin (test/e2e). Two projects, one set of specs:
 * - web: the built renderer in Debian's Chromium with the real main-process core behind a bridge;
 * - electron: the built Electron app, where an Electron binary exists (skipped here with a message).
 * `npm run test:e2e` builds first; `npm test` builds and runs both projects.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig<{ driver: 'web' | 'electron' }>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // Every test runs on its own, in any worker: each gets its own server, data folder, keychain service
  // and ports, and no spec keeps state between its tests (a test that needs an earlier state seeds it
  // through the API). So tests, not whole spec files, are dealt to the workers: a long file such as
  // screenshots no longer keeps one worker busy while the other has finished. Two workers fill the two
  // cores while one of them waits on a server or a timer; RAKERONE_E2E_WORKERS=1 runs them one at a time.
  fullyParallel: true,
  workers: Number(process.env.RAKERONE_E2E_WORKERS ?? 2),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'web', use: { driver: 'web' } },
    { name: 'electron', use: { driver: 'electron' } },
  ],
});
