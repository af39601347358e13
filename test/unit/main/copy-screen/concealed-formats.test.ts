import { describe, expect, it } from 'vitest';
import { concealmentMarkers, osClipboardFormat } from '../../../../src/main/copy-screen/concealed-formats.js';

describe('concealed clipboard formats', () => {
  it('concealment markers per platform', () => {
    expect(Object.keys(concealmentMarkers('darwin'))).toEqual(['org.nspasteboard.ConcealedType']);
    expect(concealmentMarkers('win32').CanIncludeInClipboardHistory).toEqual(new Uint8Array(4));
    expect(new TextDecoder().decode(concealmentMarkers('linux')['x-kde-passwordManagerHint'])).toBe('secret');
    expect(osClipboardFormat('A')).toBe('electron application/osclipboard;format="A"');
  });
});
