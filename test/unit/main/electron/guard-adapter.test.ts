/**
 * The close guard follows the renderer's lifecycle: if the page that showed the key is gone (crash,
 * reload or navigation that bypassed our menu), the guard is released and the secret dropped, so the
 * window can close; and a second close / quit within a few seconds offers a native "close anyway".
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/main/ports.js';
import { attachAppGuard, attachWindowGuard, type GuardLifecycleOptions } from '../../../../src/main/electron/guard-adapter.js';
import { makeCore, NEW_KEY } from '../../../helpers/test-core.js';

class PreventableEvent {
  defaultPrevented = false;
  preventDefault() {
    this.defaultPrevented = true;
  }
}

function fakeWindow() {
  const webContents = Object.assign(new EventEmitter(), { reload: () => {}, reloadIgnoringCache: () => {} });
  const calls: string[] = [];
  return Object.assign(new EventEmitter(), {
    calls,
    webContents,
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: () => {},
    show: () => {},
    focus: () => {},
    close: () => void calls.push('close'),
  });
}

async function setup(answers: boolean[] = []) {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
  const t = await makeCore({ deps: { logger } });
  await t.connect();
  const asked: string[] = [];
  const options: GuardLifecycleOptions = {
    now: () => t.clock.now(),
    confirmDiscard: async (kind) => {
      asked.push(kind);
      return answers.shift() ?? false;
    },
    abandon: (reason) => t.core.abandonCopyScreen(reason),
  };
  const window = fakeWindow();
  const app = Object.assign(new EventEmitter(), { calls: [] as string[], quit: () => void app.calls.push('quit') });
  attachWindowGuard(t.core.closeGuard, window, options);
  attachAppGuard(t.core.closeGuard, app, options);
  const created = await t.call('keys:create', NEW_KEY);
  await t.call('copy-screen:shown', { id: created.key.id });
  const close = () => {
    const event = new PreventableEvent();
    window.emit('close', event);
    return event.defaultPrevented;
  };
  return { t, window, app, created, close, asked, lines };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('close guard and the renderer lifecycle', () => {
  it('render-process-gone releases the guard and drops the secret, logging it without the secret', async () => {
    const { t, window, created, close, lines } = await setup();
    expect(close()).toBe(true);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    expect(t.core.closeGuard.isBlocking()).toBe(false);
    expect(close()).toBe(false);
    expect(await t.raw('copy-screen:copy', { id: created.key.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const logged = lines.find((l) => l.level === 'warn' && /copy screen/i.test(l.message));
    expect(logged?.fields).toMatchObject({ keyIds: [created.key.id] });
    expect(JSON.stringify(lines)).not.toContain(created.secret);
  });

  it('a main-frame navigation or reload that bypassed the menu releases the guard too', async () => {
    const { t, window, close } = await setup();
    window.webContents.emit('did-navigate', {}, 'app://rakerone/index.html', -1, '');
    expect(t.core.closeGuard.isBlocking()).toBe(false);
    expect(close()).toBe(false);
  });

  it('in-page navigations (hash routes) do not release it', async () => {
    const { t, window, close } = await setup();
    window.webContents.emit('did-navigate-in-page', {}, 'app://rakerone/index.html#/keys', true);
    window.webContents.emit('did-start-navigation', { url: 'app://rakerone/index.html#/x', isMainFrame: true, isSameDocument: true });
    expect(t.core.closeGuard.isBlocking()).toBe(true);
    expect(close()).toBe(true);
  });

  it('a second close within a few seconds asks natively; confirming releases and closes', async () => {
    const { t, window, close, asked, created } = await setup([false, true]);
    expect(close()).toBe(true);
    expect(asked).toEqual([]);
    await t.clock.advance(2_000);
    expect(close()).toBe(true); // asks, admin keeps the window
    await flush();
    expect(asked).toEqual(['close']);
    expect(window.calls).toEqual([]);
    expect(t.core.closeGuard.isBlocking()).toBe(true);
    await t.clock.advance(10_000);
    expect(close()).toBe(true); // too long after the last one: just refused again
    await flush();
    expect(asked).toEqual(['close']);
    expect(close()).toBe(true); // quickly again: asks, admin confirms
    await flush();
    expect(asked).toEqual(['close', 'close']);
    expect(t.core.closeGuard.isBlocking()).toBe(false);
    expect(window.calls).toEqual(['close']);
    expect(await t.raw('copy-screen:copy', { id: created.key.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('the same escape hatch for quitting', async () => {
    const { t, app, asked } = await setup([true]);
    const quit = () => {
      const event = new PreventableEvent();
      app.emit('before-quit', event);
      return event.defaultPrevented;
    };
    expect(quit()).toBe(true);
    expect(quit()).toBe(true);
    await flush();
    expect(asked).toEqual(['quit']);
    expect(t.core.closeGuard.isBlocking()).toBe(false);
    expect(app.calls).toEqual(['quit']);
    expect(quit()).toBe(false);
  });
});
