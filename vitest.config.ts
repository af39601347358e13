import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, one per kind of test:
 * - unit: plain Node, fakes only, fast;
 * - renderer: React components in happy-dom inside <MantineProvider env="test">;
 * - integration: the real server on real SQLite and PostgreSQL, the real keychain, main's real handlers;
 * - boot: the built main bundle (out/main) under Node with a stand-in `electron` module.
 */
/** The renderer imports src/shared as `@shared/…` (the same alias as electron.vite.config.ts and tsconfig.base.json). */
const resolve = { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } };

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
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Suites share one PostgreSQL server and one keychain: run files one after another.
          fileParallelism: false,
        },
      },
      {
        resolve,
        // The built main bundle under a stand-in Electron (needs `npm run build` first; npm test builds).
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
