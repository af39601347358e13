import { describe, expect, it } from 'vitest';
import { createOpenFileDialog, type OpenDialogOptionsLike } from '../../../../src/main/electron/open-file-dialog.js';

describe('open-file dialog adapter', () => {
  it('asks for one file with the given title and button, and answers its path', async () => {
    const asked: OpenDialogOptionsLike[] = [];
    const port = createOpenFileDialog(async (options) => (asked.push(options), { canceled: false, filePaths: ['/home/ada/leak.log'] }));
    expect(await port.chooseFile({ title: 'Scan a file for API keys', buttonLabel: 'Scan' })).toBe('/home/ada/leak.log');
    expect(asked).toEqual([{ title: 'Scan a file for API keys', buttonLabel: 'Scan', properties: ['openFile'] }]);
  });

  it('a cancelled dialog is null', async () => {
    const port = createOpenFileDialog(async () => ({ canceled: true, filePaths: [] }));
    expect(await port.chooseFile({ title: 't', buttonLabel: 'b' })).toBeNull();
  });
});
