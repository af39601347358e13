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
  // Spec files run side by side (tests inside a file stay in order): every test gets its own server,
  // data folder, keychain entry and ports, so files share nothing. Two workers fill the two cores while
  // one of them waits on a server or a timer; RAKERONE_E2E_WORKERS=1 runs them one at a time.
  fullyParallel: false,
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
