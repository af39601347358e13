/**
 * Boot test of the BUILT main bundle (out/main/index.js) — the code users get — under Node with a
 * stand-in `electron` (test/boot/stand-in, written from electron.d.ts), a real API server and the real
 * Secret Service. What only a real Electron proves is listed in docs/main-process.md.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { osClipboardFormat } from '../../src/main/copy-screen/concealed-formats.js';
import { contentSecurityPolicy } from '../../src/main/security/csp.js';
import { INVOKE_CHANNELS } from '../../src/shared/ipc/channels.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { assertBuilt, bootMain, REPO_ROOT, type BootedMain } from './support/boot-main.js';

interface Snapshot {
  isPackaged: boolean;
  userData: string;
  sandbox: { called: boolean; beforeReady: boolean };
  setPaths: { name: string; path: string }[];
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[];
  protocolSchemes: string[];
  ipcChannels: string[];
  permissionHandlers: Record<string, boolean>;
  menuLabels: string[];
  messageBoxes: { message?: string; detail?: string }[];
  clipboard: { formats: string[]; cleared: number };
  notifications: { title: string; body: string; shown: number }[];
  windows: {
    options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
    shown: boolean;
    focused: boolean;
    webContentsId: number;
    loaded: string[];
    reloads: number;
    sent: [string, unknown][];
  }[];
}
type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const APP_INDEX = 'app://rakerone/index.html';
const NEW_KEY = { name: 'Boot test key', capabilities: ['data-record:read'], canImpersonate: false };
const booted: BootedMain[] = [];
let server: TestServer;

function boot(env?: Record<string, string>): BootedMain {
  const main = bootMain({ env });
  booted.push(main);
  return main;
}

/** Waits until main has created its window and loaded its first page. */
async function started(main: BootedMain): Promise<Snapshot> {
  await expect.poll(async () => (await main.send<Snapshot>({ op: 'state' })).windows[0]?.loaded.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
  return main.send<Snapshot>({ op: 'state' });
}

/**
 * Waits until the app's page has committed, so the window's calls are trusted: on a loaded machine a
 * call made between loadURL and the commit comes from no page yet, and is (rightly) refused.
 */
async function pageCommitted(main: BootedMain): Promise<void> {
  await started(main);
  await expect.poll(async () => (await main.send<Result>({ op: 'invoke', channel: 'app:info', input: {} })).ok, { timeout: 20_000 }).toBe(true);
}

const invoke = <T = unknown>(main: BootedMain, channel: string, input: unknown, sender: { senderId?: number; frameUrl?: string; subFrame?: boolean } = {}) =>
  main.send<Result<T>>({ op: 'invoke', channel, input, ...sender });

async function ok<T>(main: BootedMain, channel: string, input: unknown): Promise<T> {
  const result = await invoke<T>(main, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
});
afterEach(async () => {
  for (const main of booted.splice(0)) await main.stop();
});
afterAll(async () => {
  await server?.close();
});

describe('the built main bundle boots', () => {
  it('one hardened window with the built preload, every contract channel, app:// with its CSP, sandbox and scheme set up before ready', async () => {
    const main = boot();
    const state = await started(main);
    expect(state.sandbox).toEqual({ called: true, beforeReady: true });
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(state.protocolSchemes).toEqual(['app']);
    expect([...state.ipcChannels].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(state.permissionHandlers).toEqual({ request: true, check: true, device: true });
    expect(state.menuLabels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window']));

    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    const preload = window!.options.webPreferences.preload as string;
    expect(preload).toBe(join(REPO_ROOT, 'out/preload/index.cjs'));
    expect(existsSync(preload)).toBe(true);
    expect(window!.loaded).toEqual([APP_INDEX]);
    // Shown on ready-to-show, which follows the load's protocol answer: the snapshot above may come first.
    await expect.poll(async () => (await main.send<Snapshot>({ op: 'state' })).windows[0]?.shown, { timeout: 20_000 }).toBe(true);

    const index = await main.send<{ status: number; headers: Record<string, string>; body: string }>({ op: 'fetch', url: APP_INDEX });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(index.body).toContain('<div id="root"></div>');
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    expect((await main.send<{ status: number }>({ op: 'fetch', url: `app://rakerone/${script}` })).status).toBe(200);
    for (const escape of [
      'app://rakerone/%2e%2e/main/index.js',
      'app://rakerone/..%2fpreload%2findex.cjs',
      'app://rakerone/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://other/index.html',
    ]) {
      expect((await main.send<{ status: number }>({ op: 'fetch', url: escape })).status, escape).toBe(404);
    }
  });

  it('refuses foreign senders, sub-frames and other pages; denies navigation, window.open, webviews and permissions', async () => {
    const main = boot();
    await started(main);
    await expect(ok<{ runtime: string }>(main, 'app:info', {})).resolves.toMatchObject({ runtime: 'electron' });
    for (const sender of [{ senderId: 999, frameUrl: APP_INDEX }, { frameUrl: 'https://evil.example/' }, { subFrame: true }]) {
      expect(await invoke(main, 'app:info', {}, sender), JSON.stringify(sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await invoke(main, 'connection:connect', { serverUrl: 'not a url', adminToken: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    expect(await main.send({ op: 'window-open', url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const navigate = (name: string, url: string) =>
      main.send<{ defaultPrevented: boolean }>({ op: 'emit', target: 'webContents', name, details: { url, isMainFrame: true }, args: [url] });
    expect(await navigate('will-navigate', 'https://evil.example/')).toEqual({ defaultPrevented: true });
    expect(await navigate('will-frame-navigate', 'file:///etc/passwd')).toEqual({ defaultPrevented: true });
    expect(await navigate('will-redirect', 'http://127.0.0.1:1/')).toEqual({ defaultPrevented: true });
    expect(await navigate('will-navigate', `${APP_INDEX}#/keys`)).toEqual({ defaultPrevented: false });
    expect(await main.send({ op: 'emit', target: 'webContents', name: 'will-attach-webview', args: [{}, {}] })).toEqual({ defaultPrevented: true });
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      expect(await main.send({ op: 'permission', permission })).toEqual({ granted: false, checked: false, device: false });
    }
  });

  it('connect → create → copy with the concealment formats; close, quit and the OS session end wait for Done; quit clears our clipboard', async () => {
    const main = boot();
    await started(main);
    await expect(ok(main, 'connection:connect', { serverUrl: server.url, adminToken: server.adminToken })).resolves.toMatchObject({ status: 'online' });
    const created = await ok<{ key: { id: string }; secret: string }>(main, 'keys:create', NEW_KEY);
    const onServer = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${created.secret}` } });
    expect(onServer.status).toBe(200);
    await ok(main, 'copy-screen:shown', { id: created.key.id });
    await ok(main, 'copy-screen:copy', { id: created.key.id });
    let state = await main.send<Snapshot>({ op: 'state' });
    expect(state.clipboard.formats).toEqual(['text/plain', osClipboardFormat('x-kde-passwordManagerHint')]);

    expect(await main.send({ op: 'close-window' })).toEqual({ destroyed: false });
    await main.send({ op: 'quit' });
    expect(main.journal()).toContainEqual({ quit: 'prevented at before-quit' });
    // Windows logoff / shutdown: no before-quit there; the window's session events take its place.
    expect(await main.send({ op: 'emit', target: 'window', name: 'query-session-end', details: { reasons: ['logoff'] } })).toEqual({ defaultPrevented: true });
    state = await main.send<Snapshot>({ op: 'state' });
    expect(state.windows[0]!.sent.filter(([channel]) => channel === 'close:blocked').map(([, payload]) => payload)).toEqual([
      { attempted: 'close' },
      { attempted: 'quit' },
      { attempted: 'quit' },
    ]);
    expect(state.windows[0]!.focused).toBe(true);
    await main.send({ op: 'emit', target: 'window', name: 'session-end', details: { reasons: ['logoff'] } });
    state = await main.send<Snapshot>({ op: 'state' });
    expect(state.clipboard.formats).toEqual([]);

    // Copied again, then Done: close and quit go through; quitting clears the clipboard (it holds our key).
    await ok(main, 'copy-screen:copy', { id: created.key.id });
    await ok(main, 'copy-screen:done', { id: created.key.id });
    expect(await main.send({ op: 'emit', target: 'window', name: 'query-session-end', details: { reasons: ['shutdown'] } })).toEqual({
      defaultPrevented: false,
    });
    await ok(main, 'connection:disconnect', {}); // leaves the keychain as it was
    const clearedBefore = main.journal().filter((entry) => entry.clipboardCleared).length;
    await main.send({ op: 'close-window' }).catch(() => undefined); // the last window: the app quits
    expect(await main.exited).toBe(0);
    expect(main.journal().filter((entry) => entry.clipboardCleared).length).toBe(clearedBefore + 1);
    expect(main.journal().at(-1)).toEqual({ exit: 0, via: 'quit' });
  });
});

describe('identify in the built bundle', () => {
  it('keys:identify scans in the built worker (out/main/identify-scan-worker.js, its own entry) and names the key', async () => {
    expect(existsSync(join(REPO_ROOT, 'out/main/identify-scan-worker.js'))).toBe(true);
    const main = boot();
    await pageCommitted(main);
    await ok(main, 'connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    const created = await ok<{ key: { id: string }; secret: string }>(main, 'keys:create', { ...NEW_KEY, name: 'Boot identify' });
    await ok(main, 'copy-screen:done', { id: created.key.id });
    const typo = created.secret.slice(0, 20) + (created.secret[20] === 'a' ? 'b' : 'a') + created.secret.slice(21);
    const result = await ok<{ keys: { match: unknown }[]; rejected: { resembles: unknown }[] }>(main, 'keys:identify', {
      text: `GET /x ${created.secret}\n${typo}`,
    });
    expect(result.keys.map((k) => k.match)).toMatchObject([{ kind: 'ours', key: { name: 'Boot identify' } }]);
    expect(result.rejected.map((r) => r.resembles)).toEqual([{ ref: 'found-1', name: 'Boot identify' }]);
    await ok(main, 'connection:disconnect', {}); // leaves the keychain as it was
  });
});

describe('key reminders', () => {
  it('a key expiring in 3 days: an Electron Notification is shown once; its click focuses the window and sends key:open for that key', async () => {
    const main = boot();
    await pageCommitted(main);
    await ok(main, 'connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    const expiresAt = new Date(Date.now() + 3 * 24 * 3_600_000 + 3_600_000).toISOString();
    const created = await ok<{ key: { id: string } }>(main, 'keys:create', { ...NEW_KEY, name: 'Boot reminder key', expiresAt });
    await ok(main, 'copy-screen:done', { id: created.key.id });
    await expect
      .poll(async () => (await main.send<Snapshot>({ op: 'state' })).notifications, { timeout: 10_000 })
      .toEqual([{ title: 'API key expires in 3 days', body: expect.stringContaining('“Boot reminder key” stops working on'), shown: 1 }]);
    // Another change of the list the same day: no second notification.
    await ok(main, 'sync:now', {});
    expect((await main.send<Snapshot>({ op: 'state' })).notifications).toHaveLength(1);

    await main.send({ op: 'notification-click', index: 0 });
    const [window] = (await main.send<Snapshot>({ op: 'state' })).windows;
    expect(window!.focused).toBe(true);
    expect(window!.sent.filter(([channel]) => channel === 'key:open')).toEqual([['key:open', { keyId: created.key.id }]]);
    await ok(main, 'connection:disconnect', {});
  });
});

describe('when things go wrong', () => {
  it('a crashed renderer: the page is reloaded, the admin told, and the copy-screen guard released', async () => {
    const main = boot();
    await started(main);
    await ok(main, 'connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    const created = await ok<{ key: { id: string } }>(main, 'keys:create', NEW_KEY);
    await ok(main, 'copy-screen:shown', { id: created.key.id });
    await main.send({ op: 'emit', target: 'webContents', name: 'render-process-gone', args: [{ reason: 'crashed', exitCode: 139 }] });
    const state = await main.send<Snapshot>({ op: 'state' });
    expect(state.windows[0]!.reloads).toBe(1);
    expect(state.messageBoxes.at(-1)).toMatchObject({
      message: 'RakerOne Admin reloaded its window',
      detail: expect.stringContaining('cannot be shown again'),
    });
    expect(await invoke(main, 'copy-screen:copy', { id: created.key.id })).toMatchObject({ ok: false });
    await ok(main, 'connection:disconnect', {});
    await main.send({ op: 'close-window' }).catch(() => undefined);
    expect(await main.exited).toBe(0);
  });

  it('a page that fails to load: the window is shown with an error page', async () => {
    const main = boot();
    await started(main);
    await main.send({ op: 'emit', target: 'webContents', name: 'did-fail-load', args: [-6, 'ERR_FILE_NOT_FOUND', APP_INDEX, true] });
    const [window] = (await main.send<Snapshot>({ op: 'state' })).windows;
    expect(window!.shown).toBe(true);
    const page = decodeURIComponent(window!.loaded.at(-1)!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('RakerOne Admin could not load its window');
    expect(page).toContain('ERR_FILE_NOT_FOUND (-6)');
  });

  it('a failure during startup: an error box, and the process exits non-zero (no windowless process keeps the lock)', async () => {
    const main = boot({ BOOT_STANDIN_FAIL: 'BrowserWindow' });
    expect(await main.exited).toBe(1);
    expect(main.journal()).toEqual([
      { errorBox: 'RakerOne Admin could not start', content: expect.stringContaining('the window could not be created') },
      { exit: 1, via: 'exit' },
    ]);
  });
});

describe('what only a development run takes from the environment', () => {
  const devEnv = (dir: string) => ({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/', RAKERONE_TEST_MODE: '1', RAKERONE_USER_DATA_DIR: dir });

  it('a packaged app ignores ELECTRON_RENDERER_URL and the test-mode data folder', async () => {
    const main = boot({ BOOT_STANDIN_PACKAGED: '1', ...devEnv('/tmp/rakerone-elsewhere') });
    const state = await started(main);
    expect(state.isPackaged).toBe(true);
    expect(state.setPaths).toEqual([]);
    expect(state.windows[0]!.loaded[0]).toBe(APP_INDEX);
    expect(state.windows[0]!.options.webPreferences.devTools).toBe(false);
  });

  it('an unpackaged run honours both (the dev server and the Playwright-Electron data folder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rakerone-boot-dev-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const main = boot(devEnv(dir));
    const state = await started(main);
    expect(state.setPaths).toEqual([{ name: 'userData', path: dir }]);
    expect(state.windows[0]!.loaded[0]).toBe('http://127.0.0.1:5173/');
    expect(state.windows[0]!.options.webPreferences.devTools).toBe(true);
    const headers = await main.send<{ responseHeaders: Record<string, string[]> }>({ op: 'headers' });
    expect(headers.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy({ dev: { origin: 'http://127.0.0.1:5173' } })]);
  });
});
