/** renderer-failures.ts and user-data.ts with stand-ins: the edges the boot test does not walk. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { attachRendererFailures, MAX_RELOADS, RELOAD_WINDOW_MS } from '../../../../src/main/electron/renderer-failures.js';
import { devServerUrl, userDataOverride } from '../../../../src/main/electron/user-data.js';

function standInWindow() {
  const contents = Object.assign(new EventEmitter(), {
    loaded: [] as string[],
    reloads: 0,
    loadURL: async function (this: { loaded: string[] }, url: string) {
      this.loaded.push(url);
    },
    reload(this: { reloads: number }) {
      this.reloads += 1;
    },
  });
  return {
    shown: false,
    isDestroyed: () => false,
    show() {
      this.shown = true;
    },
    webContents: contents,
  };
}

describe('renderer failures', () => {
  it('a renderer that keeps crashing is reloaded MAX_RELOADS times a minute, then gets the error page', () => {
    const window = standInWindow();
    let now = 0;
    const told: string[] = [];
    attachRendererFailures(window as never, { now: () => now, hadKeyOnScreen: () => false, tell: (message) => told.push(message), logError: () => {} });
    for (let i = 0; i < MAX_RELOADS; i++) window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.webContents.reloads).toBe(MAX_RELOADS);
    expect(told).toHaveLength(MAX_RELOADS);
    window.webContents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(window.webContents.reloads).toBe(MAX_RELOADS);
    expect(decodeURIComponent(window.webContents.loaded.at(-1)!)).toContain('RakerOne Admin stopped working');
    now += RELOAD_WINDOW_MS + 1;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.webContents.reloads).toBe(MAX_RELOADS + 1);
  });

  it('a clean exit, an aborted load and a sub-frame failure are not failures', () => {
    const window = standInWindow();
    attachRendererFailures(window as never, { now: () => 0, hadKeyOnScreen: () => false, tell: () => {}, logError: () => {} });
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://rakerone/index.html', true);
    window.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://rakerone/frame.html', false);
    expect(window.webContents.reloads).toBe(0);
    expect(window.webContents.loaded).toEqual([]);
    expect(window.shown).toBe(false);
  });

  it('the error page escapes what Chromium reports and runs no script', () => {
    const window = standInWindow();
    attachRendererFailures(window as never, { now: () => 0, hadKeyOnScreen: () => false, tell: () => {}, logError: () => {} });
    window.webContents.emit('did-fail-load', {}, -2, '<script>alert(1)</script>', 'app://rakerone/index.html', true);
    const page = decodeURIComponent(window.webContents.loaded[0]!);
    expect(page).not.toContain('<script>');
    expect(page).toContain("default-src 'none'");
  });
});

describe('what only an unpackaged run takes from the environment', () => {
  it('ELECTRON_RENDERER_URL: a loopback http dev server, unpackaged only', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, true)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeUndefined();
    expect(devServerUrl({}, false)).toBeUndefined();
  });

  it('the test-mode data folder is ignored by a packaged app', () => {
    expect(userDataOverride({ RAKERONE_TEST_MODE: '1', RAKERONE_USER_DATA_DIR: '/tmp/x' }, true)).toBeNull();
  });
});
