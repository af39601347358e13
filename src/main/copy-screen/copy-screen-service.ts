/**
 * The copy screen's secrets: each new key's full value stays in main's memory from its creation until
 * the admin presses Done (or the app quits), and is used only to copy it to the clipboard. It is never
 * written to disk, logged, or sent again over IPC.
 */
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../ports.js';
import type { ClipboardService } from './clipboard-service.js';
import type { CloseGuard } from './close-guard.js';

export interface CopyScreenService {
  hold(keyId: string, secret: string): void;
  shown(keyId: string): void;
  copy(keyId: string): Promise<{ clearsAt: string }>;
  done(keyId: string): Promise<void>;
  /** Forgets every secret (quit). */
  clear(): void;
  /**
   * The page that showed the copy screen is gone (renderer crashed, reloaded or navigated away, or the
   * admin chose to close anyway): forgets every secret and releases the close guard. Returns the key
   * ids that were dropped (never the secrets).
   */
  abandonAll(): string[];
  heldCount(): number;
}

export function createCopyScreenService(deps: { guard: CloseGuard; clipboard: ClipboardService; clock: Clock }): CopyScreenService {
  const secrets = new Map<string, string>();
  const need = (keyId: string) => {
    const secret = secrets.get(keyId);
    if (secret === undefined)
      throw new AppError('NOT_FOUND', 'This key can no longer be shown or copied. If you did not store it, revoke it and create a new one.');
    return secret;
  };
  return {
    hold: (keyId, secret) => void secrets.set(keyId, secret),
    shown(keyId) {
      need(keyId);
      deps.guard.block(keyId);
    },
    async copy(keyId) {
      const clearsAt = await deps.clipboard.copySecret(need(keyId));
      return { clearsAt: new Date(clearsAt).toISOString() };
    },
    async done(keyId) {
      // Idempotent: a second Done (double click, retried IPC) is not an error.
      const secret = secrets.get(keyId);
      secrets.delete(keyId);
      deps.guard.release(keyId);
      if (secret !== undefined) await deps.clipboard.clearSelectionHolding([secret]);
    },
    clear() {
      secrets.clear();
    },
    abandonAll() {
      const dropped = new Set([...deps.guard.releaseAll(), ...secrets.keys()]);
      // Errors are logged inside; the caller (a crashed page, a quit) cannot wait for the clipboard.
      void deps.clipboard.clearSelectionHolding([...secrets.values()]);
      secrets.clear();
      return [...dropped];
    },
    heldCount: () => secrets.size,
  };
}
