/**
 * The Electron main process: builds the real adapters (keychain, clipboard, window, app, ipcMain,
 * the app:// protocol, the local server) and hands them to createAppCore, where all behaviour lives.
 * Nothing here is needed to test that behaviour; this file only wires Electron to it.
 */
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, Menu, protocol, session } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventChannel, EventPayload } from '../shared/ipc/contract.js';
import { coreDataDir, createAppCore, type AppCore } from './app-core.js';
import { createElectronClipboard } from './clipboard/electron-clipboard.js';
import { registerElectronIpc } from './ipc/register-electron.js';
import { createLocalServerLauncher } from './local-server/local-server-launcher.js';
import { consoleLogger } from './logger.js';
import { createKeychainSecretStore } from './secrets/secret-store.js';
import { contentSecurityPolicy } from './security/csp.js';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, createRendererProtocolHandler } from './security/renderer-protocol.js';
import { appMenuTemplate } from './windows/app-menu.js';
import { attachAppGuard, attachWindowGuard, focusWindow, type GuardLifecycleOptions } from './windows/guard-adapter.js';
import { hardenWebContents, logDenied } from './windows/harden-contents.js';
import { userDataOverride } from './windows/user-data.js';
import { mainWindowOptions } from './windows/window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const isDev = devServerUrl !== undefined;
const logger = consoleLogger;

const override = userDataOverride(process.env);
if (override) app.setPath('userData', override);

// Must happen before `ready`: app:// behaves like https (secure context, fetch, no file access).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let core: AppCore | null = null;

  app.on('second-instance', () => {
    if (window) focusWindow(window);
  });

  app.on('web-contents-created', (_event, contents) => {
    // Every webContents (not only our window's) gets the same locks, before anything loads in it.
    hardenWebContents(contents, {
      allowedUrls: [devServerUrl ?? APP_ORIGIN],
      isDev,
      onDenied: logDenied(logger),
    });
  });

  void app.whenReady().then(async () => {
    const csp = contentSecurityPolicy(isDev && devServerUrl ? { dev: { origin: new URL(devServerUrl).origin } } : {});
    const rendererRoot = join(here, '../renderer');
    protocol.handle(APP_SCHEME, createRendererProtocolHandler({ root: rendererRoot, csp }));
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    // The dev server's pages get the CSP as a header too (app:// responses carry it already).
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });

    const send = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
      if (window && !window.isDestroyed()) window.webContents.send(event, payload);
    };
    const repoRoot = resolve(here, '../..');
    const wantsLocal = !app.isPackaged && !process.env.RAKERONE_URL && process.env.RAKERONE_LOCAL_SERVER === '1';
    core = createAppCore({
      userDataDir: coreDataDir(app.getPath('userData')),
      secretStore: createKeychainSecretStore(),
      clipboard: createElectronClipboard({ clipboard, ClipboardItem, platform: process.platform }),
      emit: send,
      runtime: 'electron',
      rendererUrls: [devServerUrl ?? APP_INDEX_URL],
      logger,
      appVersion: app.getVersion(),
      localServer: app.isPackaged
        ? undefined
        : createLocalServerLauncher({ repoRoot, dataDir: join(app.getPath('userData'), 'local-server'), nodePath: process.env.RAKERONE_NODE, logger }),
      autoStartLocal: wantsLocal,
      preferredServerUrl: process.env.RAKERONE_URL,
      // The core asks the close guard before calling this.
      requestReload: () => window?.webContents.reload(),
      focusWindow: () => window && focusWindow(window),
    });
    registerElectronIpc(core.dispatch);
    const current = core;
    const lifecycle: GuardLifecycleOptions = {
      now: () => Date.now(),
      abandon: (reason) => current.abandonCopyScreen(reason),
      // The escape hatch when the copy screen is stuck (a second close / quit within a few seconds).
      confirmDiscard: async (attempted) => {
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
        const answer = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
        return answer.response === 1;
      },
    };
    attachAppGuard(core.closeGuard, app, lifecycle);

    const options = mainWindowOptions({ preloadPath: join(here, '../preload/index.cjs'), isDev });
    // The security-critical preferences are spelled out here as well, where scanners (and reviewers) look.
    window = new BrowserWindow({
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
    const untrust = core.trustSender(window.webContents.id);
    const guarded = attachWindowGuard(core.closeGuard, window, lifecycle);
    const reloadWindow = (ignoreCache: boolean) => void guarded.reload({ ignoreCache });
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ isMac: process.platform === 'darwin', isDev, appName: app.name, reload: reloadWindow }) as Electron.MenuItemConstructorOptions[]));
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => {
      untrust();
      window = null;
    });
    await window.loadURL(devServerUrl ?? APP_INDEX_URL);
  });

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
