/**
 * A stand-in for the `electron` module, for booting the BUILT main bundle (out/main/index.js) under
 * plain Node (test/boot). Electron's binary cannot be downloaded here; this is the most faithful
 * substitute we can run. Written from node_modules/electron/electron.d.ts (Electron 45): the names,
 * signatures and documented rules main relies on — `enableSandbox` and `registerSchemesAsPrivileged`
 * only before `ready`, `protocol.handle` and `session.defaultSession` only after it, one `ipcMain.handle`
 * per channel, `web-contents-created` for every webContents, `close` / `before-quit` / `will-quit`
 * preventable through `event.preventDefault()`, `app.exit` without quit events, `loadURL` failing with
 * `did-fail-load`, the W3C-style clipboard (`write` of ClipboardItems, `has`, `readText`, `clear`),
 * `Notification` (`isSupported`, `new Notification({ title, body })` shown only by `show()`, its `click`
 * and `close` events).
 * `dialog.showSaveDialog([window,] options)` resolving `{ canceled, filePath }` (an empty path when
 * cancelled), `app.getPath('downloads')`.
 *
 * Product code never imports this: the loader hook (register.mjs) maps `electron` to it for the child
 * process that runs the bundle. What happened is recorded in `recorded` (read by control.ts) and, for
 * what happens just before the process exits, appended to the journal file (BOOT_STANDIN_JOURNAL).
 */
import { EventEmitter } from 'node:events';
import { appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The test's commands (control.ts only uses this module's exports inside its handlers, after evaluation).
import './control.js';

export const recorded = {
  ready: false,
  sandbox: { called: false, beforeReady: false },
  setPaths: [] as { name: string; path: string }[],
  privilegedSchemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void),
  permissionCheck: null as null | ((contents: unknown, permission: string, origin: string, details: unknown) => boolean),
  devicePermission: null as null | ((details: unknown) => boolean),
  headersReceived: null as
    | null
    | ((
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
      ) => void),
  menu: null as unknown,
  messageBoxes: [] as { message?: string; detail?: string; buttons?: string[] }[],
  saveDialogs: [] as { modal: boolean; title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[]; properties?: string[] }[],
  /** What the next save dialogs answer (control.ts queues them); none queued: the person cancels. */
  saveDialogAnswers: [] as string[],
  clipboard: { items: {} as Record<string, string | Blob>, cleared: 0 },
  notifications: [] as Notification[],
};

/** What must survive the process exiting (error boxes, exits, quits): one JSON line each. */
export function journal(entry: Record<string, unknown>): void {
  const file = process.env.BOOT_STANDIN_JOURNAL;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/** Electron's Event: preventDefault() plus whatever details the event carries. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(details: Record<string, unknown> = {}) {
    Object.assign(this, details);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

function mustBeReady(what: string): void {
  if (!recorded.ready) throw new Error(`${what} can only be used after the ready event of the app module is emitted.`);
}

// ---------------------------------------------------------------- app
const appPackage = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name: string; productName?: string; version: string };
let resolveReady: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
let quitting = false;

class App extends EventEmitter {
  readonly isPackaged = process.env.BOOT_STANDIN_PACKAGED === '1';
  readonly name = appPackage.productName ?? appPackage.name;
  private paths = new Map<string, string>([
    ['userData', process.env.BOOT_STANDIN_USER_DATA ?? join(process.cwd(), '.boot-user-data')],
    ['downloads', process.env.BOOT_STANDIN_DOWNLOADS ?? tmpdir()],
  ]);
  isReady = () => recorded.ready;
  whenReady = () => readyPromise;
  getVersion = () => appPackage.version;
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name: string, path: string): void {
    recorded.setPaths.push({ name, path });
    this.paths.set(name, path);
  }
  enableSandbox(): void {
    if (recorded.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    recorded.sandbox = { called: true, beforeReady: true };
  }
  requestSingleInstanceLock = () => process.env.BOOT_STANDIN_SECOND_INSTANCE !== '1';
  /** before-quit → close every window → will-quit → quit → exit 0; each preventable step stops it. */
  quit(): void {
    if (quitting) return;
    const beforeQuit = new StandInEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return journal({ quit: 'prevented at before-quit' });
    quitting = true;
    for (const window of BrowserWindow.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) {
        quitting = false;
        return journal({ quit: 'prevented by a window close' });
      }
    }
    const willQuit = new StandInEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitting = false;
      return journal({ quit: 'prevented at will-quit' });
    }
    this.emit('quit', new StandInEvent(), 0);
    journal({ exit: 0, via: 'quit' });
    process.exit(0);
  }
  /** Exits at once: no before-quit / will-quit, windows closed without asking. */
  exit(exitCode = 0): void {
    journal({ exit: exitCode, via: 'exit' });
    process.exit(exitCode);
  }
}
export const app = new App();

// ---------------------------------------------------------------- webContents and windows
let nextContentsId = 1;
const windows = new Set<BrowserWindow>();

class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly session = session.defaultSession;
  readonly loaded: string[] = [];
  readonly sent: [string, unknown][] = [];
  reloads = 0;
  windowOpenHandler:
    | ((details: { url: string; frameName: string; features: string; disposition: string; referrer: unknown; postBody?: unknown }) => {
        action: 'allow' | 'deny';
      })
    | null = null;
  private url = '';
  private destroyed = false;
  get mainFrame() {
    return { url: this.url, parent: null, frameTreeNodeId: this.id };
  }
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
  destroy(): void {
    this.destroyed = true;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
  }
  setWindowOpenHandler(handler: WebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  closeDevTools(): void {}
  /** Loads like Electron: app:// through its protocol handler; a failure is did-fail-load and a rejection. */
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = recorded.protocolHandlers.get(scheme);
    if (handler) {
      const response = await handler(new Request(url));
      if (!response.ok) {
        this.emit('did-fail-load', new StandInEvent(), -6, 'ERR_FILE_NOT_FOUND', url, true, 0, 0);
        throw Object.assign(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`), { errno: -6, code: 'ERR_FILE_NOT_FOUND', url });
      }
    } else if (scheme !== 'data') {
      this.emit('did-fail-load', new StandInEvent(), -301, 'ERR_DISALLOWED_URL_SCHEME', url, true, 0, 0);
      throw new Error(`ERR_DISALLOWED_URL_SCHEME (-301) loading '${url}'`);
    }
    this.url = url;
    this.emit('did-navigate', new StandInEvent(), url, 200, 'OK');
    this.emit('did-finish-load', new StandInEvent());
    this.emit('ready-to-show-internal');
  }
  reload(): void {
    this.reloads += 1;
    // A reload commits a new document: Electron emits did-navigate for it.
    this.emit('did-navigate', new StandInEvent(), this.url, 200, 'OK');
  }
  reloadIgnoringCache(): void {
    this.reload();
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => [...windows];
  readonly webContents: WebContents;
  readonly options: Record<string, unknown>;
  shown = false;
  focused = false;
  private destroyed = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    if (process.env.BOOT_STANDIN_FAIL === 'BrowserWindow') throw new Error('Stand-in: the window could not be created (BOOT_STANDIN_FAIL).');
    mustBeReady('BrowserWindow');
    this.options = options;
    this.webContents = new WebContents();
    windows.add(this);
    app.emit('web-contents-created', new StandInEvent(), this.webContents);
    app.emit('browser-window-created', new StandInEvent(), this);
    this.webContents.on('ready-to-show-internal', () => this.emit('ready-to-show', new StandInEvent()));
  }
  loadURL = (url: string) => this.webContents.loadURL(url);
  reload = () => this.webContents.reload();
  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  isVisible = () => this.shown;
  restore(): void {}
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  /** Asks (close is preventable); if allowed: closed, destroyed, and window-all-closed when it was the last. */
  close(): void {
    if (this.destroyed) return;
    const event = new StandInEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroy();
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0 && !quitting) app.emit('window-all-closed');
  }
}

// ---------------------------------------------------------------- session, protocol, ipcMain, menu
const defaultSession = {
  setPermissionRequestHandler: (handler: typeof recorded.permissionRequest) => void (recorded.permissionRequest = handler),
  setPermissionCheckHandler: (handler: typeof recorded.permissionCheck) => void (recorded.permissionCheck = handler),
  setDevicePermissionHandler: (handler: typeof recorded.devicePermission) => void (recorded.devicePermission = handler),
  webRequest: { onHeadersReceived: (listener: typeof recorded.headersReceived) => void (recorded.headersReceived = listener) },
};
export const session = {
  get defaultSession() {
    mustBeReady('session');
    return defaultSession;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (recorded.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    mustBeReady('protocol');
    if (recorded.protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, listener);
  },
  removeHandler: (channel: string) => void recorded.ipcHandlers.delete(channel),
});

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ items: template }),
  setApplicationMenu: (menu: unknown) => void (recorded.menu = menu),
};

// ---------------------------------------------------------------- dialog and clipboard
export const dialog = {
  /** (window?, options): resolves with the cancel button (what a person closing the box gets). */
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = (args.length > 1 ? args[1] : args[0]) as { message?: string; detail?: string; buttons?: string[]; cancelId?: number };
    recorded.messageBoxes.push({ message: options.message, detail: options.detail, buttons: options.buttons });
    journal({ messageBox: options.message, detail: options.detail });
    return Promise.resolve({ response: options.cancelId ?? 0, checkboxChecked: false });
  },
  /** ([window,] options), only once ready: resolves with the path queued by control.ts, else as a person cancelling. */
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    mustBeReady('dialog');
    const modal = args[0] instanceof BrowserWindow;
    const options = (modal ? args[1] : args[0]) as {
      title?: string;
      defaultPath?: string;
      filters?: { name: string; extensions: string[] }[];
      properties?: string[];
    };
    recorded.saveDialogs.push({ modal, title: options.title, defaultPath: options.defaultPath, filters: options.filters, properties: options.properties });
    const filePath = recorded.saveDialogAnswers.shift();
    return Promise.resolve(filePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath });
  },
  showErrorBox(title: string, content: string): void {
    journal({ errorBox: title, content });
  },
};

export class ClipboardItem {
  readonly types: string[];
  constructor(readonly items: Record<string, string | Blob>) {
    this.types = Object.keys(items);
  }
}

export const clipboard = {
  /** All entries of one write() are committed atomically: the clipboard holds exactly that item. */
  async write(data: ClipboardItem[]): Promise<void> {
    if (!Array.isArray(data) || !data.every((item) => item instanceof ClipboardItem)) throw new TypeError('clipboard.write expects ClipboardItem[]');
    recorded.clipboard.items = data[0] ? { ...data[0].items } : {};
  },
  async writeText(text: string): Promise<void> {
    recorded.clipboard.items = { 'text/plain': text };
  },
  async readText(): Promise<string> {
    const text = recorded.clipboard.items['text/plain'];
    return typeof text === 'string' ? text : '';
  },
  async has(mimetype: string): Promise<boolean> {
    return mimetype in recorded.clipboard.items;
  },
  clear(): void {
    recorded.clipboard.items = {};
    recorded.clipboard.cleared += 1;
    journal({ clipboardCleared: true });
  },
};

// ---------------------------------------------------------------- Notification
/** Electron's Notification: nothing reaches the screen until show(); click / close come from the OS (here, control.ts). */
export class Notification extends EventEmitter {
  static isSupported = () => process.env.BOOT_STANDIN_NO_NOTIFICATIONS !== '1';
  readonly title: string;
  readonly body: string;
  shown = 0;
  closed = false;
  constructor(options: { title?: string; body?: string } = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    recorded.notifications.push(this);
  }
  show(): void {
    this.shown += 1;
    this.emit('show', new StandInEvent());
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', new StandInEvent());
  }
}

// Electron's message loop keeps the process alive until app.quit() / app.exit(), whatever main does.
setInterval(() => {}, 1 << 30);

// Electron emits `ready` once the main script has run: a timer set while the modules evaluate fires after.
setTimeout(() => {
  recorded.ready = true;
  app.emit('ready', new StandInEvent(), {});
  resolveReady();
}, 0);

const standIn = { app, BrowserWindow, ClipboardItem, clipboard, dialog, ipcMain, Menu, Notification, protocol, session };
export default standIn;
