/**
 * The bridge the preload installs as window.rakerone: `invoke` and `on` for the allowlisted channel
 * names only. It takes ipcRenderer as an argument so it is tested without Electron, and imports
 * nothing but the plain channel lists (the sandboxed preload can load no npm package, not even zod).
 * Input validation happens in main; here a wrong name simply never leaves the renderer.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channels.js';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

const invokable: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const events: ReadonlySet<string> = new Set(EVENT_CHANNELS);

export function createBridge(ipc: IpcRendererLike): Bridge {
  return Object.freeze({
    invoke(channel: string, input: unknown): Promise<unknown> {
      if (typeof channel !== 'string' || !invokable.has(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: 'Unknown request.' } });
      }
      // Main always answers with a Result; a rejection here means the IPC itself failed.
      return ipc.invoke(channel, input).catch(() => ({ ok: false, error: { code: 'INTERNAL', message: 'RakerOne Admin could not reach its main process.' } }));
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !events.has(event) || typeof listener !== 'function') return () => {};
      // The IpcRendererEvent (with its sender and ports) never reaches the page: only the payload.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(event, wrapped);
      return () => void ipc.removeListener(event, wrapped);
    },
  });
}
