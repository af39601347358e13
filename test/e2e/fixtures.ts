/**
 * The QA fixture for RakerOne Admin. Import `test` and `expect` from here instead of
 * @playwright/test. Each test gets, fresh:
 *
 * - `server`: a real RakerOne API server on a temporary SQLite database on 127.0.0.1:
 *     server.url, server.adminToken (an Admin of a fresh organization "acme"), server.projectId,
 *     await server.addPerson('member') → token, server.api(token) → { get, post, put, delete } returning
 *     { status, body } for checking effects from outside the app.
 * - `app`: RakerOne Admin already connected to `server` as its admin, on a fresh user-data folder and a
 *     fresh entry in the real keychain (Secret Service under dbus-run-session), ready (waits for the
 *     renderer's readiness attribute, never a sleep):
 *     app.page (the current Page; restartApp() replaces it), app.stopServer(), app.startServer(),
 *     app.restartApp() (same data folder and keychain), app.readClipboard(), app.clipboardFormats(),
 *     app.logLines() (everything main logged), app.userDataDir, app.notifications() and
 *     app.clickNotification(i) (the desktop notifications main showed; web driver only).
 *     app.saveDialog: the native save dialog of exports, answered as a person would — by default Save
 *     on the suggested name in app.saveDialog.folder (a fresh temporary folder), or as queued with
 *     answerNext('cancel' | { path }); requests() lists what main asked (title, defaultName, filter).
 * - `page`: shorthand for `app.page` as it was when the test started.
 * - `driver`: 'web' or 'electron', from the Playwright project.
 *     web: the built renderer (out/renderer) served over http in Debian Chromium, with the built
 *       preload (out/preload/index.cjs) run in the page through a `require('electron')` shim; the real
 *       main-process core runs in this process behind that shim's ipcRenderer (web-bridge.ts).
 *     electron: `_electron.launch` of the built app with the same data-folder and keychain settings;
 *       skipped with a clear message where no Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH).
 *
 * `unconnected: true` (test.use) starts the app on the first-run connect screen instead.
 * `serverTrustProxy: '127.0.0.1'` (test.use) starts the server with `--trust-proxy 127.0.0.1`.
 */
import { test as base, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { concealmentMarkers, osClipboardFormat } from '../../src/main/copy-screen/concealed-formats.js';
import { createElectronClipboard } from '../../src/main/electron/electron-clipboard.js';
import { createRedactingLogger } from '../../src/main/logger.js';
import type { OpenFilePort, SaveFileRequest } from '../../src/main/ports.js';
import { createKeychainSecretStore } from '../../src/main/secrets/secret-store.js';
import type { Role } from '../../src/shared/capabilities.js';
import { READY_ATTRIBUTE } from '../../src/shared/ipc/bridge.js';
import { createRecordingSaveFile } from '../helpers/fake-save-file.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { createRecordingNotifications } from '../helpers/recording-notifications.js';
import { createClipboardStandIn } from './support/clipboard-stand-in.js';
import { findElectronBinary, NO_ELECTRON_MESSAGE } from './support/electron-binary.js';
import { serveRenderer, type StaticServer } from './support/static-server.js';
import { deliverEvent, installBridge } from './support/web-bridge.js';

export type Driver = 'web' | 'electron';

/** Every format a desktop run may find on the clipboard after a copy: the text and each platform's markers. */
const CLIPBOARD_FORMATS = [
  'text/plain',
  ...(['darwin', 'win32', 'linux'] as const).flatMap((platform) => Object.keys(concealmentMarkers(platform)).map(osClipboardFormat)),
];

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a QA helper: specs assert on shapes
}

export interface ApiHelper {
  get(path: string, headers?: Record<string, string>): Promise<ApiResponse>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  delete(path: string, headers?: Record<string, string>): Promise<ApiResponse>;
}

export interface E2EServer {
  url: string;
  adminToken: string;
  projectId: string;
  addPerson(role: Role): Promise<string>;
  api(token: string): ApiHelper;
  /** The underlying test server (stop/start without going through the app). */
  raw: TestServer;
}

export interface RakerOneApp {
  readonly page: Page;
  readonly driver: Driver;
  readonly userDataDir: string;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Quits and relaunches the app on the same data folder and keychain; returns the new page. */
  restartApp(): Promise<Page>;
  readClipboard(): Promise<string>;
  /**
   * The clipboard's formats: text/plain plus the concealment markers. Web: those of the last write;
   * electron: the real clipboard asked with clipboard.has (Electron's raw-format names).
   */
  clipboardFormats(): Promise<string[]>;
  /** Every line main logged so far (already redacted by main's logger). */
  logLines(): string[];
  /**
   * What the next native open-file dialogs answer: this file's path, or null (closed without a file).
   * Web: the core's OpenFilePort is a recording stand-in; electron: dialog.showOpenDialog is replaced.
   */
  answerOpenFileDialog(path: string | null): Promise<void>;
  /** The desktop notifications main has shown (title, body), in order. Web driver only (a recording fake). */
  notifications(): { title: string; body: string }[];
  /** Clicks the i-th notification, as the person would on the desktop. Web driver only. */
  clickNotification(index: number): void;
  readonly saveDialog: SaveDialogHandle;
}

/** The save dialog of exports, answered the way a person would (see the fixture's header). */
export interface SaveDialogHandle {
  /** A fresh temporary folder: Save on the suggested name writes there. */
  readonly folder: string;
  answerNext(answer: 'cancel' | { path: string }): Promise<void>;
  requests(): Promise<SaveFileRequest[]>;
}

interface Options {
  driver: Driver;
  unconnected: boolean;
  /** The server's `--trust-proxy` (e.g. '127.0.0.1': the spec's requests name their client in X-Forwarded-For); default none. */
  serverTrustProxy: string | false;
}

export const test = base.extend<Options & { server: E2EServer; app: RakerOneApp; electronPresent: void }>({
  driver: ['web', { option: true }],
  unconnected: [false, { option: true }],
  serverTrustProxy: [false, { option: true }],

  // The electron project's tests are skipped where no Electron binary exists. Skipping here, in an
  // automatic fixture that runs first, spares each of them a server start and a data folder for nothing.
  electronPresent: [
    async ({ driver }, use) => {
      test.skip(driver === 'electron' && !findElectronBinary(), NO_ELECTRON_MESSAGE);
      await use();
    },
    { auto: true },
  ],

  server: async ({ serverTrustProxy }, use) => {
    const raw = await startTestServer({ trustProxy: serverTrustProxy });
    await use({
      url: raw.url,
      adminToken: raw.adminToken,
      projectId: raw.projectId,
      addPerson: async (role) => (await raw.addPerson(role)).token,
      api: (token) => apiHelper(raw.url, token),
      raw,
    });
    await raw.close();
  },

  app: async ({ driver, server, browser, unconnected }, use, testInfo) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'rakerone-e2e-'));
    const exportsDir = mkdtempSync(join(tmpdir(), 'rakerone-e2e-exports-'));
    const app =
      driver === 'electron'
        ? await launchElectronApp({ server, userDataDir, exportsDir, unconnected })
        : await launchWebApp({ server, userDataDir, exportsDir, unconnected, newPage: async () => (await browser.newContext()).newPage() });
    try {
      await use(app.handle);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('main-process.log', { body: app.handle.logLines().join('\n'), contentType: 'text/plain' });
      }
      await app.close();
      rmSync(userDataDir, { recursive: true, force: true });
      rmSync(exportsDir, { recursive: true, force: true });
    }
  },

  page: async ({ app }, use) => {
    await use(app.page);
  },
});

export { expect };

export async function waitUntilReady(page: Page): Promise<void> {
  await page.locator(`html[${READY_ATTRIBUTE}="true"]`).waitFor({ state: 'attached', timeout: 20_000 });
}

function apiHelper(baseUrl: string, token: string): ApiHelper {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body ?? {}, headers),
    put: (path, body, headers) => request('PUT', path, body, headers),
    delete: (path, headers) => request('DELETE', path, undefined, headers),
  };
}

interface Launched {
  handle: RakerOneApp;
  close(): Promise<void>;
}

async function launchWebApp(options: {
  server: E2EServer;
  userDataDir: string;
  exportsDir: string;
  unconnected: boolean;
  newPage: () => Promise<Page>;
}): Promise<Launched> {
  const { server, userDataDir } = options;
  // The native save dialog's stand-in: records each request and answers like a person (main writes the file).
  const saveFile = createRecordingSaveFile(options.exportsDir);
  const site: StaticServer = await serveRenderer();
  const { clipboard, ClipboardItem } = createClipboardStandIn();
  const lines: string[] = [];
  const logger = createRedactingLogger((level, line) => lines.push(`${level} ${line}`));
  // A keychain service of its own per test: a fresh keychain that no other test (or person) shares.
  const secretStore = createKeychainSecretStore({ service: `RakerOne Admin e2e ${randomUUID()}` });
  const secretAccounts = new Set<string>();
  let openFileAnswer: string | null = null;
  const openFile: OpenFilePort = { chooseFile: async () => openFileAnswer };
  const trackedStore = {
    get: (account: string) => secretStore.get(account),
    set: async (account: string, secret: string) => {
      secretAccounts.add(account);
      await secretStore.set(account, secret);
    },
    delete: (account: string) => secretStore.delete(account),
  };

  // One recording across restarts: what was shown before a restart stays visible to the test.
  const notifications = createRecordingNotifications();
  let page: Page | null = null;
  let core: AppCore = null as unknown as AppCore;
  const pageId = `page-${randomUUID()}`;
  const sender = () => ({ id: pageId, url: site.url, isMainFrame: true });

  const boot = async (connect: boolean) => {
    core = createAppCore({
      userDataDir,
      secretStore: trackedStore,
      clipboard: createElectronClipboard({ clipboard, ClipboardItem, platform: 'linux' }),
      emit: (event, payload) => deliverEvent(page, event, payload),
      runtime: 'web',
      rendererUrls: [site.url],
      logger,
      openFile,
      requestReload: () => void page?.reload().catch(() => undefined),
      // Electron brings the window forward (a refused close, a clicked reminder); here, the page's tab.
      focusWindow: () => void page?.bringToFront().catch(() => undefined),
      notifications,
      clipboardClearSeconds: 60,
      saveFile,
    });
    core.trustSender(pageId);
    await core.ready;
    if (connect) {
      const result = await core.dispatch('connection:connect', { serverUrl: server.url, adminToken: server.adminToken }, sender());
      if (!result.ok) throw new Error(`Could not connect the app to the test server: ${result.error.code} ${result.error.message}`);
    }
    const opened = await options.newPage();
    await installBridge(opened, () => core, pageId);
    page = opened;
    await opened.goto(site.url);
    await waitUntilReady(opened);
  };

  await boot(!options.unconnected);

  return {
    handle: {
      get page() {
        if (!page) throw new Error('The app has no page yet');
        return page;
      },
      driver: 'web',
      userDataDir,
      stopServer: () => server.raw.stop(),
      startServer: () => server.raw.start(),
      async restartApp() {
        await page?.context().close();
        page = null;
        await core.dispose();
        await boot(false);
        return page!;
      },
      readClipboard: () => clipboard.readText(),
      clipboardFormats: async () => clipboard.formats(),
      logLines: () => [...lines],
      answerOpenFileDialog: async (path) => {
        openFileAnswer = path;
      },
      notifications: () => [...notifications.shown],
      clickNotification: (index) => notifications.click(index),
      saveDialog: {
        folder: options.exportsDir,
        answerNext: async (answer) => saveFile.answerNext(answer),
        requests: async () => [...saveFile.requests],
      },
    },
    async close() {
      await page
        ?.context()
        .close()
        .catch(() => undefined);
      await core.dispose();
      for (const account of secretAccounts) await secretStore.delete(account).catch(() => false);
      await site.close();
    },
  };
}

/**
 * Electron: dialog.showSaveDialog replaced in the app's main process with the same behaviour as the web
 * driver's stand-in (the adapter looks the method up on Electron's dialog at each call).
 */
async function stubSaveDialog(electronApp: ElectronApplication, folder: string): Promise<void> {
  await electronApp.evaluate(({ dialog }, folder) => {
    type Options = { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] };
    const state = ((globalThis as Record<string, unknown>).__rakeroneSaveDialog ??= { answers: [], requests: [] }) as {
      answers: ('cancel' | { path: string })[];
      requests: Options[];
    };
    dialog.showSaveDialog = (async (...args: unknown[]) => {
      const options = (args.length > 1 ? args[1] : args[0]) as Options;
      state.requests.push(options);
      const answer = state.answers.shift() ?? { path: `${folder}/${(options.defaultPath ?? 'export').split(/[\\/]/).pop()}` };
      return answer === 'cancel' ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer.path };
    }) as typeof dialog.showSaveDialog;
  }, folder);
}

async function launchElectronApp(options: { server: E2EServer; userDataDir: string; exportsDir: string; unconnected: boolean }): Promise<Launched> {
  const executablePath = findElectronBinary();
  test.skip(!executablePath, NO_ELECTRON_MESSAGE);
  const { server, userDataDir } = options;
  const lines: string[] = [];
  let electronApp: ElectronApplication;
  let page: Page;

  const launch = async (connect: boolean) => {
    electronApp = await _electron.launch({
      executablePath: executablePath!,
      args: ['.'],
      env: { ...process.env, RAKERONE_TEST_MODE: '1', RAKERONE_USER_DATA_DIR: userDataDir, RAKERONE_LOCAL_SERVER: 'off' } as Record<string, string>,
    });
    electronApp.process().stderr?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    page = await electronApp.firstWindow();
    await stubSaveDialog(electronApp, options.exportsDir);
    await waitUntilReady(page);
    if (connect) {
      // In Electron the admin token can only reach main the way a person's does: the connect dialog.
      await page.getByLabel('Server URL').fill(server.url);
      await page.getByLabel('Admin token').fill(server.adminToken);
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
    }
  };

  await launch(!options.unconnected);

  return {
    handle: {
      get page() {
        return page;
      },
      driver: 'electron',
      userDataDir,
      stopServer: () => server.raw.stop(),
      startServer: () => server.raw.start(),
      async restartApp() {
        await electronApp.close();
        await launch(false);
        return page;
      },
      readClipboard: () => electronApp.evaluate(({ clipboard }) => clipboard.readText()),
      clipboardFormats: () =>
        electronApp.evaluate(async ({ clipboard }, candidates) => {
          const present: string[] = [];
          for (const format of candidates) if (await clipboard.has(format)) present.push(format);
          return present;
        }, CLIPBOARD_FORMATS),
      logLines: () => [...lines],
      answerOpenFileDialog: (path) =>
        electronApp.evaluate(({ dialog }, chosen) => {
          dialog.showOpenDialog = (async () =>
            chosen ? { canceled: false, filePaths: [chosen] } : { canceled: true, filePaths: [] }) as typeof dialog.showOpenDialog;
        }, path),
      notifications: () => {
        throw new Error('Desktop notifications are observable with the web driver only');
      },
      clickNotification: () => {
        throw new Error('Desktop notifications are observable with the web driver only');
      },
      saveDialog: {
        folder: options.exportsDir,
        answerNext: (answer) =>
          electronApp.evaluate((_electron, answer) => {
            const state = ((globalThis as Record<string, unknown>).__rakeroneSaveDialog ??= { answers: [], requests: [] }) as { answers: unknown[] };
            state.answers.push(answer);
          }, answer),
        requests: async () => {
          const raw = await electronApp.evaluate(
            () =>
              (
                (globalThis as Record<string, unknown>).__rakeroneSaveDialog as
                  { requests: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }[] } | undefined
              )?.requests ?? [],
          );
          return raw.map((options) => ({
            title: options.title ?? '',
            defaultName: basename(options.defaultPath ?? ''),
            filter: options.filters?.[0] ?? { name: '', extensions: [] },
          }));
        },
      },
    },
    async close() {
      await electronApp.evaluate(({ app }) => app.exit(0)).catch(() => undefined);
      await electronApp.close().catch(() => undefined);
    },
  };
}
