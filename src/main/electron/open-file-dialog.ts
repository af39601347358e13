/**
 * The OpenFilePort on Electron's dialog.showOpenDialog: one file, modal to our window when there is
 * one. Electron is passed in (index.ts), so this file is tested with a stand-in.
 */
import type { OpenFilePort } from '../ports.js';

export interface OpenDialogOptionsLike {
  title: string;
  buttonLabel: string;
  properties: 'openFile'[];
}

/** `dialog.showOpenDialog`, already bound to the window (index.ts picks the overload). */
export type ShowOpenDialog = (options: OpenDialogOptionsLike) => Promise<{ canceled: boolean; filePaths: string[] }>;

export function createOpenFileDialog(show: ShowOpenDialog): OpenFilePort {
  return {
    async chooseFile({ title, buttonLabel }) {
      const result = await show({ title, buttonLabel, properties: ['openFile'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
