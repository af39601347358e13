/**
 * The only place that touches ipcMain: one `handle` per contract channel, each going through the
 * core's dispatch (sender check, zod parse, handler, Result). ipcMain and the event are structural
 * stand-ins here, so this file is tested without Electron.
 */
import { INVOKE_CHANNELS } from '../../shared/ipc/channels.js';
import type { SenderInfo } from '../ports.js';
import type { Dispatch } from './dispatcher.js';

export interface IpcEventLike {
  sender: { id: number; mainFrame?: unknown };
  senderFrame?: { url: string; parent?: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function senderOf(event: IpcEventLike): SenderInfo {
  const frame = event.senderFrame ?? null;
  return {
    id: event.sender.id,
    // A frame that navigated away or was destroyed has no URL we can vouch for.
    url: frame?.url ?? '',
    isMainFrame: frame !== null && (frame === event.sender.mainFrame || frame.parent === null),
  };
}

export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, input) => dispatch(channel, input, senderOf(event)));
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
