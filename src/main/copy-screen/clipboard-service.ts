/**
 * Copies a new key to the clipboard (concealed) and clears it again after a timeout and on quit —
 * but only if the clipboard still holds that key: if the admin copied something else meanwhile, it is
 * left alone. To check, only the key's SHA-256 is kept, so the secret itself can be dropped at Done.
 */
import { hashSecret } from '../../shared/key-format.js';
import type { ClipboardPort, Clock, Logger } from '../ports.js';

export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 60;

export interface ClipboardService {
  /** Writes the secret; returns when the clipboard will be cleared (epoch ms). */
  copySecret(secret: string): Promise<number>;
  /** Clears the clipboard now if it still holds the last copied key (quit, dispose). */
  clearIfOurs(): Promise<boolean>;
  /**
   * Clears the selection clipboard (Linux PRIMARY) if it holds any of these keys: selecting the key on
   * the copy screen, even for a moment, can put it there, where nothing else would ever take it off.
   */
  clearSelectionHolding(secrets: readonly string[]): Promise<boolean>;
  dispose(): Promise<void>;
}

export function createClipboardService(deps: { clipboard: ClipboardPort; clock: Clock; logger: Logger; clearAfterSeconds?: number }): ClipboardService {
  const clearAfterMs = (deps.clearAfterSeconds ?? DEFAULT_CLIPBOARD_CLEAR_SECONDS) * 1000;
  let held: { hash: string; timer: unknown } | null = null;

  async function clearIfOurs(): Promise<boolean> {
    if (!held) return false;
    const { hash, timer } = held;
    held = null;
    deps.clock.clearTimeout(timer);
    try {
      const current = await deps.clipboard.readText();
      if (current === '' || hashSecret(current) !== hash) return false;
      await deps.clipboard.clear();
      return true;
    } catch (error) {
      deps.logger.warn('Could not clear the clipboard', { error });
      return false;
    }
  }

  async function clearSelectionHolding(secrets: readonly string[]): Promise<boolean> {
    if (secrets.length === 0) return false;
    try {
      const selected = await deps.clipboard.readSelection();
      if (!selected || !secrets.some((secret) => selected.includes(secret))) return false;
      await deps.clipboard.clearSelection();
      return true;
    } catch (error) {
      deps.logger.warn('Could not clear the selection clipboard', { error });
      return false;
    }
  }

  return {
    async copySecret(secret) {
      const hash = hashSecret(secret);
      try {
        await deps.clipboard.writeConcealed(secret);
      } catch (error) {
        // The previous key (if any) keeps its clear timer: it may still be on the clipboard. And if the
        // failed write got as far as putting this key there (e.g. without its concealment markers),
        // take it off again rather than leave it unwatched.
        await deps.clipboard
          .readText()
          .then((current) => (current !== '' && hashSecret(current) === hash ? deps.clipboard.clear() : undefined))
          .catch((cleanup) => deps.logger.warn('Could not check the clipboard after a failed write', { error: cleanup }));
        throw error;
      }
      // Only now that this key is on the clipboard does it replace the previous one (and its timer).
      if (held) deps.clock.clearTimeout(held.timer);
      const timer = deps.clock.setTimeout(() => void clearIfOurs(), clearAfterMs);
      held = { hash, timer };
      return deps.clock.now() + clearAfterMs;
    },
    clearIfOurs,
    clearSelectionHolding,
    async dispose() {
      await clearIfOurs();
    },
  };
}
