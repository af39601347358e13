/** A clipboard stand-in that records what was written and whether it was concealed. */
import type { ClipboardPort } from '../../src/main/ports.js';

export function createFakeClipboard(): ClipboardPort & { text: string; concealed: boolean; writes: number; clears: number; selection: string | null } {
  const board = {
    text: '',
    /** The selection clipboard (PRIMARY): null where the platform has none. */
    selection: null as string | null,
    concealed: false,
    writes: 0,
    clears: 0,
    async writeConcealed(text: string) {
      board.text = text;
      board.concealed = true;
      board.writes += 1;
    },
    async readText() {
      return board.text;
    },
    async clear() {
      board.text = '';
      board.concealed = false;
      board.clears += 1;
    },
    async readSelection() {
      return board.selection;
    },
    async clearSelection() {
      if (board.selection !== null) board.selection = '';
    },
  };
  return board;
}
