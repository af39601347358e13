/**
 * The SaveFilePort on Electron's dialog.showSaveDialog: modal to our window when it is open, starting
 * in the person's Downloads folder with the suggested name, offering the one file type, asking before
 * replacing an existing file. The path chosen is used exactly as the person typed it.
 * Electron is passed in (index.ts), so this file is tested with a stand-in.
 */
import { join } from 'node:path';
import type { SaveFilePort } from '../ports.js';

interface SaveDialogOptionsLike {
  title?: string;
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
  properties?: string[];
}
interface SaveDialogReturnLike {
  canceled: boolean;
  filePath: string;
}

export interface ElectronDialogLike {
  showSaveDialog(window: unknown, options: SaveDialogOptionsLike): Promise<SaveDialogReturnLike>;
  showSaveDialog(options: SaveDialogOptionsLike): Promise<SaveDialogReturnLike>;
}

export function createElectronSaveDialog(deps: {
  dialog: ElectronDialogLike;
  /** Our window if it is open (the dialog is then modal to it). */
  window: () => { isDestroyed(): boolean } | null;
  /** The folder the dialog starts in: app.getPath('downloads'). */
  startFolder: () => string;
}): SaveFilePort {
  return {
    async chooseSavePath(request) {
      const options: SaveDialogOptionsLike = {
        title: request.title,
        defaultPath: join(deps.startFolder(), request.defaultName),
        filters: [request.filter],
        // The overwrite question is the platform's default on macOS and Windows; Linux must ask for it.
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const window = deps.window();
      const answer = window && !window.isDestroyed() ? await deps.dialog.showSaveDialog(window, options) : await deps.dialog.showSaveDialog(options);
      // Electron answers `canceled` with an empty path; an empty path alone is treated the same.
      return answer.canceled || answer.filePath === '' ? null : answer.filePath;
    },
  };
}
