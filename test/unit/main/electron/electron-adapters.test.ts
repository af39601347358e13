/** The thin Electron adapters, driven through stand-ins for ipcMain, BrowserWindow, app, webContents and clipboard. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronClipboard } from '../../../../src/main/electron/electron-clipboard.js';
import { registerIpc, senderOf, type IpcEventLike } from '../../../../src/main/ipc/electron-ipc.js';
import { contentSecurityPolicy } from '../../../../src/main/security/csp.js';
import { APP_INDEX_URL, createRendererProtocolHandler } from '../../../../src/main/security/renderer-protocol.js';
import { appMenuTemplate, type MenuItemTemplate } from '../../../../src/main/electron/app-menu.js';
import { attachAppGuard, attachWindowGuard } from '../../../../src/main/electron/guard-adapter.js';
import { hardenWebContents, logDenied } from '../../../../src/main/electron/harden-contents.js';
import { userDataOverride } from '../../../../src/main/electron/user-data.js';
import { mainWindowOptions } from '../../../../src/main/electron/window-options.js';
import { INVOKE_CHANNELS } from '../../../../src/shared/ipc/channels.js';
import { makeCore, NEW_KEY } from '../../../helpers/test-core.js';

class PreventableEvent {
  defaultPrevented = false;
  preventDefault() {
    this.defaultPrevented = true;
  }
}

function fakeWindow() {
  const emitter = new EventEmitter();
  const calls: string[] = [];
  return Object.assign(emitter, {
    calls,
    isDestroyed: () => false,
    isMinimized: () => true,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
    close: () => void calls.push('close'),
    webContents: Object.assign(new EventEmitter(), {
      reload: () => void calls.push('reload'),
      reloadIgnoringCache: () => void calls.push('reloadIgnoringCache'),
    }),
  });
}

describe('ipcMain registration', () => {
  it('handles every contract channel through dispatch, with the sender taken from the event', async () => {
    const t = await makeCore();
    const handlers = new Map<string, (event: IpcEventLike, input: unknown) => Promise<unknown>>();
    const unregister = registerIpc({ handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) }, t.core.dispatch);
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const mainFrame = { url: 'http://renderer.test/index.html', parent: null };
    t.core.trustSender(7);
    const ours = await handlers.get('app:info')!({ sender: { id: 7, mainFrame }, senderFrame: mainFrame }, {});
    expect(ours).toMatchObject({ ok: true, data: { runtime: 'web' } });
    const iframe = { url: 'http://renderer.test/index.html', parent: mainFrame };
    expect(await handlers.get('app:info')!({ sender: { id: 7, mainFrame }, senderFrame: iframe }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(senderOf({ sender: { id: 7, mainFrame }, senderFrame: null })).toEqual({ id: 7, url: '', isMainFrame: false });
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('ipcMain senders that cannot be read', () => {
  it('a disposed frame whose url throws is an untrusted sender (FORBIDDEN), never a crash', async () => {
    const t = await makeCore();
    const handlers = new Map<string, (event: IpcEventLike, input: unknown) => Promise<unknown>>();
    registerIpc({ handle: (c, l) => void handlers.set(c, l), removeHandler: () => {} }, t.core.dispatch);
    t.core.trustSender(7);
    const disposed = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const throwingFrame = {
      sender: { id: 7, mainFrame: disposed },
      get senderFrame(): never {
        throw new Error('disposed');
      },
    };
    const throwingSender = {
      get sender(): never {
        throw new Error('destroyed');
      },
      senderFrame: null,
    };
    for (const event of [{ sender: { id: 7, mainFrame: disposed }, senderFrame: disposed }, throwingFrame, throwingSender]) {
      expect(() => senderOf(event as IpcEventLike)).not.toThrow();
      const result = await Promise.resolve().then(() => handlers.get('app:info')!(event as IpcEventLike, {}));
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('close guard adapters', () => {
  it('window close and app quit are prevented while a key is on the copy screen, then allowed', async () => {
    const t = await makeCore({ deps: {} });
    await t.connect();
    const window = fakeWindow();
    const app = Object.assign(new EventEmitter(), { quit: () => {} });
    const lifecycle = { now: () => t.clock.now(), confirmDiscard: async () => false, abandon: (reason: string) => t.core.abandonCopyScreen(reason) };
    const guarded = attachWindowGuard(t.core.closeGuard, window, lifecycle);
    attachAppGuard(t.core.closeGuard, app, lifecycle);
    const created = await t.call('keys:create', NEW_KEY);
    await t.call('copy-screen:shown', { id: created.key.id });

    const close = new PreventableEvent();
    window.emit('close', close);
    const quit = new PreventableEvent();
    app.emit('before-quit', quit);
    expect(close.defaultPrevented).toBe(true);
    expect(quit.defaultPrevented).toBe(true);
    expect(guarded.reload()).toBe(false);
    expect(window.calls).not.toContain('reload');
    expect(t.events.filter((e) => e.event === 'close:blocked').map((e) => e.payload)).toEqual([
      { attempted: 'close' },
      { attempted: 'quit' },
      { attempted: 'reload' },
    ]);

    await t.call('copy-screen:done', { id: created.key.id });
    const close2 = new PreventableEvent();
    window.emit('close', close2);
    const quit2 = new PreventableEvent();
    app.emit('before-quit', quit2);
    expect(close2.defaultPrevented).toBe(false);
    expect(quit2.defaultPrevented).toBe(false);
    expect(guarded.reload({ ignoreCache: true })).toBe(true);
    expect(window.calls).toContain('reloadIgnoringCache');
  });

  it("the blocked window is restored, shown and focused (through the core's focusWindow port)", async () => {
    const window = fakeWindow();
    const { focusWindow } = await import('../../../../src/main/electron/guard-adapter.js');
    const t = await makeCore({ deps: { focusWindow: () => focusWindow(window) } });
    await t.connect();
    const created = await t.call('keys:create', NEW_KEY);
    await t.call('copy-screen:shown', { id: created.key.id });
    t.core.closeGuard.attempt('close');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });
});

describe('Electron clipboard adapter', () => {
  class FakeItem {
    constructor(readonly items: Record<string, string | Blob>) {}
  }
  it('writes the key and the concealment markers in one atomic write', async () => {
    const written: unknown[][] = [];
    const board = { write: async (items: unknown[]) => void written.push(items), readText: async () => 'x', clear: () => {} };
    for (const [platform, marker] of [
      ['darwin', 'org.nspasteboard.ConcealedType'],
      ['win32', 'CanIncludeInClipboardHistory'],
      ['linux', 'x-kde-passwordManagerHint'],
    ] as const) {
      written.length = 0;
      await createElectronClipboard({ clipboard: board, ClipboardItem: FakeItem, platform }).writeConcealed('rkr_key_abc');
      expect(written).toHaveLength(1);
      const item = written[0]![0] as FakeItem;
      expect(item.items['text/plain']).toBe('rkr_key_abc');
      expect(item.items[`electron application/osclipboard;format="${marker}"`]).toBeInstanceOf(Blob);
    }
    const linux = written[0]![0] as FakeItem;
    expect(await (linux.items['electron application/osclipboard;format="x-kde-passwordManagerHint"'] as Blob).text()).toBe('secret');
  });
});

describe('the selection clipboard', () => {
  it('reads and clears Linux PRIMARY through clipboard.selection, and is absent elsewhere', async () => {
    class FakeItem {
      constructor(readonly items: Record<string, string | Blob>) {}
    }
    const base = { write: async () => undefined, readText: async () => '', clear: () => undefined };
    expect(await createElectronClipboard({ clipboard: base, ClipboardItem: FakeItem, platform: 'darwin' }).readSelection()).toBeNull();

    let primary = 'rkr_key_abc';
    const linux = createElectronClipboard({
      clipboard: { ...base, selection: { readText: async () => primary, clear: () => void (primary = '') } },
      ClipboardItem: FakeItem,
      platform: 'linux',
    });
    expect(await linux.readSelection()).toBe('rkr_key_abc');
    await linux.clearSelection();
    expect(primary).toBe('');
  });
});

describe('window and contents hardening', () => {
  it('window options: isolation, sandbox, no Node, no auxclick, devtools only in dev', () => {
    const prod = mainWindowOptions({ preloadPath: '/p.cjs', isDev: false }).webPreferences;
    expect(prod).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
      webSecurity: true,
    });
    expect(mainWindowOptions({ preloadPath: '/p.cjs', isDev: true }).webPreferences.devTools).toBe(true);
  });

  it('denies window.open, navigation and redirects away from the app, and webviews', () => {
    const contents = new EventEmitter() as EventEmitter & {
      handler?: (d: { url: string }) => { action: string };
      closeDevTools(): void;
      setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void;
    };
    let closedDevTools = 0;
    contents.setWindowOpenHandler = (h) => void (contents.handler = h);
    contents.closeDevTools = () => void (closedDevTools += 1);
    const denied: string[] = [];
    hardenWebContents(contents as never, { allowedUrls: ['app://rakerone'], isDev: false, onDenied: (what) => void denied.push(what) });
    expect(contents.handler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    const away = Object.assign(new PreventableEvent(), { url: 'https://evil.example/' });
    contents.emit('will-navigate', away, away.url);
    const inside = Object.assign(new PreventableEvent(), { url: 'app://rakerone/index.html#/keys' });
    contents.emit('will-navigate', inside, inside.url);
    const redirect = Object.assign(new PreventableEvent(), { url: 'file:///etc/passwd' });
    contents.emit('will-redirect', redirect, redirect.url);
    const webview = new PreventableEvent();
    contents.emit('will-attach-webview', webview);
    contents.emit('devtools-opened');
    expect([away.defaultPrevented, inside.defaultPrevented, redirect.defaultPrevented, webview.defaultPrevented]).toEqual([true, false, true, true]);
    expect(closedDevTools).toBe(1);
    expect(denied).toEqual(['window.open', 'navigation', 'redirect', 'webview']);
  });

  it('navigation events as Electron 45 emits them: one details object (will-frame-navigate), details + deprecated url (will-navigate, will-redirect)', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: () => {}, closeDevTools: () => {} });
    const denied: [string, string][] = [];
    hardenWebContents(contents as never, { allowedUrls: ['app://rakerone'], isDev: false, onDenied: (what, url) => void denied.push([what, url]) });
    const nav = (url: string) => Object.assign(new PreventableEvent(), { url, isMainFrame: false, isSameDocument: false, frame: null });
    const frameAway = nav('https://evil.example/frame');
    expect(() => contents.emit('will-frame-navigate', frameAway)).not.toThrow();
    const frameInside = nav('app://rakerone/index.html');
    contents.emit('will-frame-navigate', frameInside);
    const away = nav('https://evil.example/');
    contents.emit('will-navigate', away, away.url, false, true, 1, 1);
    const redirect = nav('https://evil.example/r');
    contents.emit('will-redirect', redirect, redirect.url, false, true, 1, 1);
    expect([frameAway.defaultPrevented, frameInside.defaultPrevented, away.defaultPrevented, redirect.defaultPrevented]).toEqual([true, false, true, true]);
    expect(denied).toEqual([
      ['frame navigation', 'https://evil.example/frame'],
      ['navigation', 'https://evil.example/'],
      ['redirect', 'https://evil.example/r'],
    ]);
  });

  it('the denial logger never throws, whatever it is given, and truncates long URLs', () => {
    const lines: unknown[] = [];
    const log = logDenied({ info: () => {}, error: () => {}, warn: (message, fields) => void lines.push([message, fields]) });
    expect(() => log('frame navigation', undefined as unknown as string)).not.toThrow();
    log('navigation', `https://x.example/${'a'.repeat(500)}`);
    expect(lines[0]).toEqual(['Denied frame navigation', { url: '' }]);
    expect((lines[1] as [string, { url: string }])[1].url).toHaveLength(200);
  });

  it('CSP: nothing but our origin, no inline script, inline styles for Mantine, no network from the page', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ dev: { origin: 'http://localhost:5173' } })).toContain('ws://localhost:5173');
  });

  it('app:// serves only the renderer folder, with the CSP header', async () => {
    const files: Record<string, string> = { '/r/index.html': '<html>', '/r/assets/a.js': 'js' };
    const handler = createRendererProtocolHandler({
      root: '/r',
      csp: "default-src 'none'",
      read: async (p) => {
        if (!(p in files)) throw new Error('ENOENT');
        return new TextEncoder().encode(files[p]);
      },
    });
    const index = await handler(new Request(APP_INDEX_URL));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect((await handler(new Request('app://rakerone/assets/a.js'))).headers.get('content-type')).toMatch(/javascript/);
    for (const url of ['app://rakerone/../secret', 'app://rakerone/%2e%2e/%2e%2e/etc/passwd', 'app://other/index.html', 'app://rakerone/missing.js']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
  });

  it('the menu has the usual roles, guarded reloads and devtools only in dev', () => {
    let reloads = 0;
    const flat = (items: MenuItemTemplate[]): MenuItemTemplate[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
    const prod = flat(appMenuTemplate({ isMac: false, isDev: false, appName: 'RakerOne Admin', reload: () => void (reloads += 1) }));
    expect(prod.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['quit', 'undo', 'copy', 'paste', 'selectAll', 'minimize']));
    expect(prod.some((i) => i.role === 'reload' || i.role === 'forceReload' || i.role === 'toggleDevTools')).toBe(false);
    prod.find((i) => i.label === 'Reload')!.click!();
    expect(reloads).toBe(1);
    const mac = flat(appMenuTemplate({ isMac: true, isDev: true, appName: 'RakerOne Admin', reload: () => {} }));
    expect(mac.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(mac.some((i) => i.role === 'hideOthers')).toBe(true);
  });

  it('the test-mode user-data folder is honoured only in test mode', () => {
    expect(userDataOverride({ RAKERONE_USER_DATA_DIR: '/tmp/x' }, false)).toBeNull();
    expect(userDataOverride({ RAKERONE_TEST_MODE: '1', RAKERONE_USER_DATA_DIR: '/tmp/x' }, false)).toBe('/tmp/x');
    expect(userDataOverride({ RAKERONE_TEST_MODE: '1', RAKERONE_USER_DATA_DIR: 'relative' }, false)).toBeNull();
  });
});
