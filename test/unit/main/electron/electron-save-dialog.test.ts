/** The Electron save-dialog adapter, driven through a stand-in for Electron's dialog module. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronSaveDialog, type ElectronDialogLike } from '../../../../src/main/electron/electron-save-dialog.js';

function standInDialog(answer: { canceled: boolean; filePath: string }) {
  const calls: unknown[][] = [];
  const dialog = {
    showSaveDialog: async (...args: unknown[]) => {
      calls.push(args);
      return answer;
    },
  } as ElectronDialogLike;
  return { dialog, calls };
}

const REQUEST = { title: 'Export API keys', defaultName: 'acme-api-keys-2026-11-30.csv', filter: { name: 'CSV (spreadsheet)', extensions: ['csv'] } };

describe('Electron save dialog adapter', () => {
  it('opens modal to our window, in the Downloads folder with the suggested name and the one file type', async () => {
    const { dialog, calls } = standInDialog({ canceled: false, filePath: '/home/ada/Documents/keys.csv' });
    const window = { isDestroyed: () => false };
    const port = createElectronSaveDialog({ dialog, window: () => window, startFolder: () => '/home/ada/Downloads' });
    expect(await port.chooseSavePath(REQUEST)).toBe('/home/ada/Documents/keys.csv');
    expect(calls).toEqual([
      [
        window,
        {
          title: 'Export API keys',
          defaultPath: join('/home/ada/Downloads', 'acme-api-keys-2026-11-30.csv'),
          filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
          properties: ['showOverwriteConfirmation', 'createDirectory'],
        },
      ],
    ]);
  });

  it('without a window (closed or destroyed): a free-standing dialog', async () => {
    const { dialog, calls } = standInDialog({ canceled: false, filePath: '/tmp/keys.csv' });
    await createElectronSaveDialog({ dialog, window: () => null, startFolder: () => '/d' }).chooseSavePath(REQUEST);
    await createElectronSaveDialog({ dialog, window: () => ({ isDestroyed: () => true }), startFolder: () => '/d' }).chooseSavePath(REQUEST);
    expect(calls.map((args) => args.length)).toEqual([1, 1]);
  });

  it('cancelled (Electron answers canceled with an empty path): null', async () => {
    for (const answer of [
      { canceled: true, filePath: '' },
      { canceled: false, filePath: '' },
    ]) {
      const { dialog } = standInDialog(answer);
      expect(await createElectronSaveDialog({ dialog, window: () => null, startFolder: () => '/d' }).chooseSavePath(REQUEST)).toBeNull();
    }
  });
});
