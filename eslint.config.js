import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_ONLY_MODULES = ['electron', 'axios', '@github/keytar', 'keytar', 'better-sqlite3', 'pg', 'kysely', 'fastify'];
const NODE_BUILTINS = ['fs', 'path', 'child_process', 'os', 'crypto', 'net', 'http', 'https', 'zlib', 'url', 'stream'];

// The one file that imports ipcMain: it hands the real ipcMain to the wrapper (electron-ipc.ts), which
// sends every message through the dispatcher in the same folder.
const IPC_MAIN_ADAPTER = 'src/main/ipc/register-electron.ts';
const NO_IPC_MAIN = {
  selector: "ImportSpecifier[imported.name='ipcMain']",
  message: 'Handlers go through the dispatcher (src/main/ipc/); only src/main/ipc/register-electron.ts touches ipcMain.',
};
// Main's feature folders (each: its services, views and IPC handlers); the rest of src/main is plumbing.
const MAIN_FEATURES = ['keys', 'connection', 'copy-screen', 'audit', 'exports', 'identify', 'reminders', 'usage', 'activity'];
const NO_WALL_CLOCK = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the time from the injected clock, not Date.now().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected clock, not new Date().' },
];

export default tseslint.config(
  { ignores: ['.scratch*/**', 'out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Command-line scripts and benchmarks print their results.
    files: ['scripts/**', 'bench/**', 'src/server/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Only the IPC adapter may touch ipcMain; handlers go through the dispatcher.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [IPC_MAIN_ADAPTER],
    rules: {
      'no-restricted-syntax': ['error', NO_IPC_MAIN],
    },
  },
  {
    // Main reads the time from its injected clock (ports.ts `Clock`), so tests and flags agree on it.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/ports.ts', IPC_MAIN_ADAPTER],
    rules: { 'no-restricted-syntax': ['error', NO_IPC_MAIN, ...NO_WALL_CLOCK] },
  },
  {
    files: [IPC_MAIN_ADAPTER],
    rules: { 'no-restricted-syntax': ['error', ...NO_WALL_CLOCK] },
  },
  {
    // The server reads the time from its injected clock too (lib/clock.ts, the shared Clock shape);
    // code that measures real waits (database retries, id times, the cluster's restarts) names
    // `systemClock` explicitly rather than reading the wall clock behind the clock's back.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/lib/clock.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_IPC_MAIN, ...NO_WALL_CLOCK] },
  },
  {
    // The renderer is untrusted: no Node, no network, no keychain, no Electron.
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_ONLY_MODULES, ...NODE_BUILTINS].map((name) => ({ name, message: 'The renderer may not use this: ask the main process over IPC.' })),
          patterns: [
            { group: ['node:*'], message: 'The renderer may not use Node built-ins.' },
            { group: ['**/shared/key-format*', '@shared/key-format*'], message: 'Key generation and hashing happen in main.' },
            { group: ['**/main/**', '**/server/**', '**/preload/**'], message: 'The renderer imports only src/shared and itself.' },
            { group: ['../**/shared/*', '../**/shared/**/*'], message: 'Import src/shared as @shared/… (no climbing out of the renderer).' },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload can load no npm package: only electron and our plain channel lists.
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['zod', 'axios', '**/shared/ipc/contract*', '**/shared/http/**'], message: 'The sandboxed preload loads no npm packages.' }] },
      ],
    },
  },
  {
    // Node-side tests never import electron: its binary cannot be downloaded here.
    files: ['test/unit/**/*.ts', 'test/integration/**/*.ts', 'src/shared/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Keep Electron in the thin adapters of src/main; tests use stand-ins.' }] }],
    },
  },
  {
    // Layers of main: sync is plumbing below the feature folders (their services call it, never the
    // reverse), and knows neither Electron nor the IPC handlers.
    files: ['src/main/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...MAIN_FEATURES.map((feature) => `../${feature}/*`), '../ipc/*', '../electron/*', 'electron'],
              message: 'src/main/sync is below the features: pass what it needs in as arguments.',
            },
          ],
        },
      ],
    },
  },
);
