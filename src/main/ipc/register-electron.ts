/** The real ipcMain, handed to registerIpc. Kept apart so electron-ipc.ts stays testable without Electron. */
import { ipcMain } from 'electron';
import type { Dispatch } from './dispatcher.js';
import { registerIpc } from './electron-ipc.js';

export function registerElectronIpc(dispatch: Dispatch): () => void {
  return registerIpc(ipcMain, dispatch);
}
