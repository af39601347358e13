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

/** What a sender that cannot be read is: never trusted (no URL, not a main frame). */
const UNREADABLE_SENDER: SenderInfo = { id: -1, url: '', isMainFrame: false };

export function senderOf(event: IpcEventLike): SenderInfo {
  // Electron's senderFrame (and its url) are getters that throw once the frame is disposed (it
  // navigated away or its renderer went away mid-call). That is an untrusted sender, never a crash:
  // the dispatcher then answers FORBIDDEN.
  try {
    const frame = event.senderFrame ?? null;
    const url = frame?.url;
    return {
      id: event.sender.id,
      // A frame that navigated away or was destroyed has no URL we can vouch for.
      url: typeof url === 'string' ? url : '',
      isMainFrame: frame !== null && (frame === event.sender.mainFrame || frame.parent === null),
    };
  } catch {
    return UNREADABLE_SENDER;
  }
}

export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, input) => dispatch(channel, input, senderOf(event)));
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
