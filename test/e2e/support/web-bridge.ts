/**
 * The web driver's stand-in for Electron's IPC transport: the REAL main-process core
 * (createAppCore: keychain, API client, offline store, sync, clipboard logic, close guard) runs in
 * the Playwright process, and the page gets the same `window.rakerone` the preload installs —
 * `invoke` goes through a Playwright binding into `core.dispatch` (sender check + zod parse, exactly
 * as ipcMain's wrapper does) and events come back through `page.evaluate`.
 */
import type { Page } from '@playwright/test';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../src/shared/ipc/channels.js';
import type { AppCore } from '../../../src/main/app-core.js';

const INVOKE_BINDING = '__rakeroneInvoke';
const DELIVER_FUNCTION = '__rakeroneDeliver';

/** Installs window.rakerone in every document of the page; mirrors src/preload (allowlists included). */
export async function installBridge(page: Page, core: () => AppCore, pageId: string): Promise<void> {
  await page.exposeBinding(INVOKE_BINDING, async (source, channel: unknown, input: unknown) => {
    const frame = source.frame;
    return core().dispatch(String(channel), input, { id: pageId, url: frame.url(), isMainFrame: frame === source.page.mainFrame() });
  });
  await page.addInitScript(
    ({ invokeChannels, eventChannels, binding, deliver }) => {
      const invokable = new Set<string>(invokeChannels);
      const events = new Set<string>(eventChannels);
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const call = (window as unknown as Record<string, (channel: string, input: unknown) => Promise<unknown>>)[binding]!;
      const bridge = {
        invoke(channel: string, input: unknown) {
          if (!invokable.has(channel)) return Promise.reject(new Error(`Unknown channel ${channel}`));
          return call(channel, input);
        },
        on(event: string, listener: (payload: unknown) => void) {
          if (!events.has(event) || typeof listener !== 'function') throw new Error(`Unknown event ${event}`);
          const set = listeners.get(event) ?? new Set();
          set.add(listener);
          listeners.set(event, set);
          return () => void set.delete(listener);
        },
      };
      Object.defineProperty(window, 'rakerone', { value: Object.freeze(bridge), enumerable: false });
      Object.defineProperty(window, deliver, {
        value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
        enumerable: false,
      });
    },
    { invokeChannels: [...INVOKE_CHANNELS], eventChannels: [...EVENT_CHANNELS], binding: INVOKE_BINDING, deliver: DELIVER_FUNCTION },
  );
}

/** Delivers a main-process event to the page (dropped while the page is navigating or closed). */
export function deliverEvent(page: Page | null, event: string, payload: unknown): void {
  if (!page || page.isClosed()) return;
  void page
    .evaluate(([name, fn, data]) => (window as unknown as Record<string, ((e: string, p: unknown) => void) | undefined>)[fn]?.(name, data), [event, DELIVER_FUNCTION, payload] as const)
    .catch(() => undefined);
}
