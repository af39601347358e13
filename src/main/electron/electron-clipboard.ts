/**
 * The ClipboardPort on Electron's clipboard (45+: W3C-style, async). The key and its concealment
 * markers are written in ONE clipboard.write() of one ClipboardItem, which Electron commits atomically:
 * separate writes would each replace the clipboard and drop the markers. Raw OS formats go through
 * Electron's `electron application/osclipboard;format="…"` custom format.
 * Electron is passed in (index.ts), so this file is tested with a stand-in.
 */
import type { ClipboardPort } from '../ports.js';
import { concealmentMarkers, osClipboardFormat } from '../copy-screen/concealed-formats.js';

export interface ElectronClipboardLike {
  write(items: unknown[]): Promise<void>;
  readText(): Promise<string>;
  clear(): void | Promise<void>;
  /** Linux only: the same methods on the PRIMARY selection; undefined elsewhere. */
  selection?: { readText(): Promise<string>; clear(): void | Promise<void> } | undefined;
}

export type ClipboardItemConstructor = new (items: Record<string, string | Blob>) => unknown;

export function createElectronClipboard(deps: {
  clipboard: ElectronClipboardLike;
  ClipboardItem: ClipboardItemConstructor;
  platform: NodeJS.Platform;
}): ClipboardPort {
  return {
    async writeConcealed(text) {
      const items: Record<string, string | Blob> = { 'text/plain': text };
      for (const [format, bytes] of Object.entries(concealmentMarkers(deps.platform))) {
        items[osClipboardFormat(format)] = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      }
      await deps.clipboard.write([new deps.ClipboardItem(items)]);
    },
    readText: () => deps.clipboard.readText(),
    async clear() {
      await deps.clipboard.clear();
    },
    readSelection: async () => (deps.clipboard.selection ? deps.clipboard.selection.readText() : null),
    async clearSelection() {
      await deps.clipboard.selection?.clear();
    },
  };
}
