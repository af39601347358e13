import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * One project per kind of test:
 * - unit: plain Node, fakes only, fast;
 * - renderer: React components in happy-dom inside <MantineProvider env="test">;
 * - integration: the real server on real SQLite and PostgreSQL, the real keychain, main's real handlers;
 * - integration-serial: the few integration files that need the machine to themselves (named
 *   `*.serial.test.ts`): the keychain suite that locks and replaces the Secret Service, and the races
 *   and outages that bound answers in wall-clock time (revoke-race, time-race, postgres-outage);
 * - boot: the built main bundle (out/main) under Node with a stand-in `electron` module.
 *
 * Vitest runs every project whose files may run side by side together, two files at a time, and
 * then the projects with `fileParallelism: false` (integration-serial, boot) one file at a time with
 * nothing else running. Most integration files spend their time waiting (a server, a database, a
 * timer), so they are in the first batch, beside the CPU-bound unit and renderer files: a file there must not share mutable state with another file (see
 * test/integration/README.md). A file that cannot help it is named `*.serial.test.ts`.
 */
/** The renderer imports src/shared as `@shared/…` (the same alias as electron.vite.config.ts and tsconfig.base.json). */
const resolve = { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } };
/**
 * SHARED_MODULES: unit and renderer files run with `isolate: false`, so a worker imports React,
 * Mantine, zod and our modules once rather than once per file: measured side by side, unit 38.6 s →
 * 13.5 s and renderer 87.9 s → 41.4 s, the same tests passing (and passing in three shuffled orders,
 * `--sequence.shuffle`). It holds because these files keep no state in modules between tests: they
 * build what they test per test, use no vi.mock, restore fake timers, and renderer-setup.ts cleans
 * the DOM, Mantine's notification store and the bridge after every test. Integration files stay
 * isolated: they run the server and main, whose modules were never written to be shared across files.
 */
/** Integration files that need the machine to themselves: a shared service they lock, or time bounds under load. */
const SERIAL = 'test/integration/**/*.serial.test.ts';

export default defineConfig({
  test: {
    // Vitest's default is one worker per core less one: a single worker on this project's two-core
    // machines. Most files wait on a server, a database or a keychain, so two run side by side.
    maxWorkers: Number(process.env.RAKERONE_TEST_WORKERS ?? 2),
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          // Files of a worker share the modules they import (see SHARED_MODULES below).
          isolate: false,
        },
      },
      {
        plugins: [react()],
        resolve,
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/helpers/renderer-setup.ts'],
          testTimeout: 20_000,
          // Each file still gets a fresh happy-dom window; the modules are shared (see SHARED_MODULES).
          isolate: false,
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          exclude: [SERIAL],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Files run side by side: each has its own throw-away PostgreSQL database, temp folders, servers
          // on ephemeral ports and keychain accounts of its own in the one shared Secret Service.
        },
      },
      {
        resolve,
        test: {
          name: 'integration-serial',
          environment: 'node',
          include: [SERIAL],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // After every other file, one at a time, alone.
          fileParallelism: false,
        },
      },
      {
        resolve,
        // The built main bundle under a stand-in Electron (needs `npm run build` first; npm test builds).
        // Alone, after the rest: beside other files on a loaded machine, a boot's first IPC calls raced
        // the page's commit and were (rightly) refused as not from the window.
        test: {
          name: 'boot',
          environment: 'node',
          include: ['test/boot/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
