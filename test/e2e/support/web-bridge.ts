/**
 * The web driver's stand-in for Electron's IPC transport. The page runs the BUILT preload
 * (out/preload/index.cjs, the file users get) with a small `require('electron')` shim:
 * - `contextBridge.exposeInMainWorld(name, api)` defines `window[name]` (non-enumerable, as Electron's);
 * - `ipcRenderer.invoke` goes through a Playwright binding into the REAL main-process core's `dispatch`
 *   (sender check + zod parse, exactly as ipcMain's wrapper does), and `ipcRenderer.on` /
 *   `removeListener` receive the events main emits (delivered with `page.evaluate`).
 * Any other module the preload asks for fails, as it would in a sandboxed preload. A change to the
 * preload therefore changes what every journey exercises. What the shim cannot give: Electron's
 * separate isolated world (the api object is the page's own here) — the boot test and a desktop run
 * cover the real contextBridge.
 */
import type { Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppCore } from '../../../src/main/app-core.js';

const INVOKE_BINDING = '__rakeroneInvoke';
const DELIVER_FUNCTION = '__rakeroneDeliver';
export const BUILT_PRELOAD = resolve('out/preload/index.cjs');

/** Runs in the page before its own scripts: the shim, then the preload's CommonJS body. */
function preloadShim(
  names: { binding: string; deliver: string },
  runPreload: (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void,
): void {
  const scope = window as unknown as Record<string, unknown>;
  const call = scope[names.binding] as (channel: string, input: unknown) => Promise<unknown>;
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => call(channel, args[0]),
    on(channel: string, listener: (event: unknown, payload: unknown) => void) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in scope) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      Object.defineProperty(window, key, { value: api, enumerable: false, writable: false, configurable: false });
    },
  };
  const require = (id: string) => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${id}`);
  };
  Object.defineProperty(window, names.deliver, {
    value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener({ sender: null }, payload)),
    enumerable: false,
  });
  const module = { exports: {} };
  runPreload(require, module, module.exports);
}

/** Installs the built preload in every document of the page. */
export async function installBridge(page: Page, core: () => AppCore, pageId: string): Promise<void> {
  if (!existsSync(BUILT_PRELOAD)) throw new Error(`No built preload at ${BUILT_PRELOAD}: run \`npm run build\` first (npm run test:e2e does).`);
  const preload = readFileSync(BUILT_PRELOAD, 'utf8');
  await page.exposeBinding(INVOKE_BINDING, async (source, channel: unknown, input: unknown) => {
    const frame = source.frame;
    return core().dispatch(String(channel), input, { id: pageId, url: frame.url(), isMainFrame: frame === source.page.mainFrame() });
  });
  const names = { binding: INVOKE_BINDING, deliver: DELIVER_FUNCTION };
  await page.addInitScript({
    content: `(${preloadShim.toString()})(${JSON.stringify(names)}, function (require, module, exports) {\n${preload}\n});`,
  });
}

/** Delivers a main-process event to the page (dropped while the page is navigating or closed). */
export function deliverEvent(page: Page | null, event: string, payload: unknown): void {
  if (!page || page.isClosed()) return;
  void page
    .evaluate(([name, fn, data]) => (window as unknown as Record<string, ((e: string, p: unknown) => void) | undefined>)[fn]?.(name, data), [
      event,
      DELIVER_FUNCTION,
      payload,
    ] as const)
    .catch(() => undefined);
}
