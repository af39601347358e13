/**
 * Electron's clipboard, stood in for the web driver: main's real clipboard adapter
 * (createElectronClipboard) writes through it, so the concealment markers and the clear-if-ours logic
 * are the production code; this only keeps what was written so a test can read it back.
 */
import type { ClipboardItemConstructor, ElectronClipboardLike } from '../../../src/main/electron/electron-clipboard.js';

export class StandInClipboardItem {
  constructor(readonly items: Record<string, string | Blob>) {}
}

export interface ClipboardStandIn extends ElectronClipboardLike {
  /** The formats of the last write (text/plain plus the OS concealment markers). */
  formats(): string[];
}

export function createClipboardStandIn(): { clipboard: ClipboardStandIn; ClipboardItem: ClipboardItemConstructor } {
  let current: Record<string, string | Blob> = {};
  const clipboard: ClipboardStandIn = {
    async write(items) {
      const [first] = items as StandInClipboardItem[];
      current = first ? { ...first.items } : {};
    },
    async readText() {
      const text = current['text/plain'];
      return typeof text === 'string' ? text : '';
    },
    clear() {
      current = {};
    },
    formats: () => Object.keys(current),
  };
  return { clipboard, ClipboardItem: StandInClipboardItem };
}
