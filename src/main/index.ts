/**
 * The Electron main process: builds the real adapters (keychain, clipboard, window, app, ipcMain,
 * the app:// protocol, the local server) and hands them to createAppCore, where all behaviour lives.
 * Nothing here is needed to test that behaviour; this file only wires Electron to it. The built bundle
 * (out/main/index.js) is booted under Node with a stand-in `electron` module by test/boot.
 */
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, Menu, Notification, protocol, session } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventChannel, EventPayload } from '../shared/ipc/contract.js';
import { coreDataDir, createAppCore, type AppCore } from './app-core.js';
import { createElectronClipboard } from './electron/electron-clipboard.js';
import { createElectronSaveDialog } from './electron/electron-save-dialog.js';
import { systemClock } from './ports.js';
import { registerElectronIpc } from './ipc/register-electron.js';
import { createLocalServerLauncher } from './connection/local-server-launcher.js';
import { createElectronNotifications } from './electron/electron-notifications.js';
import { consoleLogger } from './logger.js';
import { createKeychainSecretStore } from './secrets/secret-store.js';
import { contentSecurityPolicy } from './security/csp.js';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, createRendererProtocolHandler } from './security/renderer-protocol.js';
import { appMenuTemplate } from './electron/app-menu.js';
import { attachAppGuard, attachWindowGuard, focusWindow, type GuardLifecycleOptions } from './electron/guard-adapter.js';
import { hardenWebContents, logDenied } from './electron/harden-contents.js';
import { attachRendererFailures } from './electron/renderer-failures.js';
import { createOpenFileDialog } from './electron/open-file-dialog.js';
import { attachSessionEnd } from './electron/session-end.js';
import { reportStartupFailure } from './electron/startup-failure.js';
import { devServerUrl, userDataOverride } from './electron/user-data.js';
import { mainWindowOptions } from './electron/window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
// Both honoured only in an unpackaged (dev / test) run: see electron/user-data.ts.
const devUrl = devServerUrl(process.env, app.isPackaged);
const isDev = devUrl !== undefined;
const logger = consoleLogger;

// Every renderer sandboxed, whatever a window or a webContents asks for. Must happen before `ready`.
app.enableSandbox();
const override = userDataOverride(process.env, app.isPackaged);
if (override) app.setPath('userData', override);

// Must happen before `ready`: app:// behaves like https (secure context, fetch, no file access).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let window: BrowserWindow | null = null;
let core: AppCore | null = null;

function confirmDiscard(attempted: 'close' | 'quit'): Promise<boolean> {
  // The escape hatch when the copy screen is stuck (a second close / quit within a few seconds).
  const options: Electron.MessageBoxOptions = {
    type: 'warning',
    title: 'RakerOne Admin',
    message: 'Close without storing the key?',
    detail: 'The new API key is shown only once. If you close now, it cannot be shown or copied again: revoke it and create a new one.',
    buttons: ['Keep open', attempted === 'quit' ? 'Quit without storing' : 'Close without storing'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const answer = window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  return answer.then((result) => result.response === 1);
}

function lockDownSession(csp: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The dev server's pages get the CSP as a header too (app:// responses carry it already).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

function createCore(): AppCore {
  const send = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  };
  const repoRoot = resolve(here, '../..');
  const wantsLocal = !app.isPackaged && !process.env.RAKERONE_URL && process.env.RAKERONE_LOCAL_SERVER === '1';
  return createAppCore({
    userDataDir: coreDataDir(app.getPath('userData')),
    secretStore: createKeychainSecretStore(),
    clipboard: createElectronClipboard({ clipboard, ClipboardItem, platform: process.platform }),
    emit: send,
    runtime: 'electron',
    rendererUrls: [devUrl ?? APP_INDEX_URL],
    logger,
    appVersion: app.getVersion(),
    saveFile: createElectronSaveDialog({ dialog, window: () => window, startFolder: () => app.getPath('downloads') }),
    localServer: app.isPackaged
      ? undefined
      : createLocalServerLauncher({ repoRoot, dataDir: join(app.getPath('userData'), 'local-server'), nodePath: process.env.RAKERONE_NODE, logger }),
    autoStartLocal: wantsLocal,
    preferredServerUrl: process.env.RAKERONE_URL,
    // The core asks the close guard before calling this.
    requestReload: () => window?.webContents.reload(),
    focusWindow: () => window && focusWindow(window),
    openFile: createOpenFileDialog((options) => (window && !window.isDestroyed() ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options))),
    notifications: createElectronNotifications({ Notification, logger, platform: process.platform }),
  });
}

async function start(): Promise<void> {
  const csp = contentSecurityPolicy(devUrl ? { dev: { origin: new URL(devUrl).origin } } : {});
  protocol.handle(APP_SCHEME, createRendererProtocolHandler({ root: join(here, '../renderer'), csp }));
  lockDownSession(csp);

  const current = createCore();
  core = current;
  registerElectronIpc(current.dispatch);
  const lifecycle: GuardLifecycleOptions = { now: systemClock.now, abandon: (reason) => current.abandonCopyScreen(reason), confirmDiscard };
  attachAppGuard(current.closeGuard, app, lifecycle);

  const options = mainWindowOptions({ preloadPath: join(here, '../preload/index.cjs'), isDev });
  // The security-critical preferences are spelled out here as well, where scanners (and reviewers) look.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window = win;
  const untrust = current.trustSender(win.webContents.id);
  // Before the guard's own listener: whether a key was on screen is read before the guard lets go of it.
  attachRendererFailures(win, {
    now: systemClock.now,
    hadKeyOnScreen: () => current.closeGuard.isBlocking(),
    tell: (message, detail) =>
      void dialog.showMessageBox(win, { type: 'warning', title: 'RakerOne Admin', message, detail, noLink: true }).catch(() => undefined),
    logError: (message, fields) => logger.error(message, fields),
  });
  const guarded = attachWindowGuard(current.closeGuard, win, lifecycle);
  attachSessionEnd(win, { attemptQuit: () => current.closeGuard.attempt('quit'), clearClipboardIfOurs: () => current.clearClipboardIfOurs() });
  const reloadWindow = (ignoreCache: boolean) => void guarded.reload({ ignoreCache });
  const menu = appMenuTemplate({ isMac: process.platform === 'darwin', isDev, appName: app.name, reload: reloadWindow });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu as Electron.MenuItemConstructorOptions[]));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    untrust();
    window = null;
  });
  // A failed load is handled by did-fail-load (the error page); loadURL's rejection says the same.
  await win.loadURL(devUrl ?? APP_INDEX_URL).catch((error: unknown) => logger.warn('loadURL failed', { error: String(error) }));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window) focusWindow(window);
  });

  app.on('web-contents-created', (_event, contents) => {
    // Every webContents (not only our window's) gets the same locks, before anything loads in it.
    hardenWebContents(contents, { allowedUrls: [devUrl ?? APP_ORIGIN], isDev, onDenied: logDenied(logger) });
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) =>
      reportStartupFailure(error, {
        showErrorBox: (title, content) => dialog.showErrorBox(title, content),
        dispose: async () => core?.dispose(),
        exit: (code) => app.exit(code),
        logError: (message, fields) => logger.error(message, fields),
      }),
    );

  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('will-quit', (event) => {
    // Clear the clipboard (if it still holds a copied key) and stop the local server before exiting.
    if (!core || quitting) return;
    event.preventDefault();
    quitting = true;
    const current = core;
    void current.dispose().finally(() => app.quit());
  });
}
