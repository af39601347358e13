/**
 * While a new key is on the copy screen (from copy-screen:shown until copy-screen:done), closing the
 * window, quitting and reloading are refused: the window is brought to the front and the renderer is
 * told (close:blocked) to draw attention to Done. The adapters (electron/guard-adapter.ts) ask
 * `attempt` from Electron's close / before-quit / reload paths.
 */
import type { Emit } from '../ports.js';

export type CloseAttempt = 'close' | 'quit' | 'reload';

export interface CloseGuard {
  block(keyId: string): void;
  release(keyId: string): void;
  /** Releases every blocker (the page that showed them is gone); returns their key ids. */
  releaseAll(): string[];
  isBlocking(): boolean;
  /** True if the attempt may proceed; false if it was refused (and the renderer told). */
  attempt(kind: CloseAttempt): boolean;
}

export function createCloseGuard(deps: { emit: Emit; focusWindow?: () => void }): CloseGuard {
  const blockers = new Set<string>();
  return {
    block: (keyId) => void blockers.add(keyId),
    release: (keyId) => void blockers.delete(keyId),
    releaseAll() {
      const released = [...blockers];
      blockers.clear();
      return released;
    },
    isBlocking: () => blockers.size > 0,
    attempt(kind) {
      if (blockers.size === 0) return true;
      deps.focusWindow?.();
      deps.emit('close:blocked', { attempted: kind });
      return false;
    },
  };
}
