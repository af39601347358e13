/**
 * Connects the close guard to Electron: the window's `close`, the app's `before-quit` (menu, Cmd+Q,
 * the OS asking to quit) and reloads (our own menu items; Electron's reload roles are not used, so
 * every reload goes through here). Stand-ins for BrowserWindow and app test it without Electron.
 *
 * The guard follows the renderer's lifecycle: when the page that showed the key is gone — its process
 * crashed or was killed (`render-process-gone`), or the main frame committed a new document (`did-navigate`:
 * a reload or navigation that bypassed our menu) — nothing can show the key any more, so the guard is
 * released and the secret dropped (`abandon`), and the window can close again. As an escape hatch, a
 * second close (or quit) within a few seconds while blocked asks natively whether to close without
 * storing the key; confirming abandons the copy screen and closes (quits).
 */
import type { CloseAttempt, CloseGuard } from '../copy-screen/close-guard.js';

interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedWindowLike {
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  close(): void;
  webContents: {
    reload(): void;
    reloadIgnoringCache(): void;
    // Electron: (event, details: RenderProcessGoneDetails) and (event, url, httpResponseCode, httpStatusText).
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode?: number }) => void): unknown;
    on(event: 'did-navigate', listener: (event: unknown, url: string) => void): unknown;
  };
}

export interface GuardedAppLike {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface GuardLifecycleOptions {
  /** Epoch ms (the core's clock). */
  now: () => number;
  /** Native confirmation: "Close without storing the key?" — true to close anyway. */
  confirmDiscard: (attempted: Extract<CloseAttempt, 'close' | 'quit'>) => Promise<boolean>;
  /** Drops the held secrets and releases the guard (AppCore.abandonCopyScreen). */
  abandon: (reason: string) => void;
  /** A second attempt within this many ms of a refused one asks `confirmDiscard` (default 5 s). */
  repeatWithinMs?: number;
}

export const REPEAT_CLOSE_WITHIN_MS = 5_000;

export function focusWindow(window: Pick<GuardedWindowLike, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Close / quit through the guard, with the escape hatch. Returns true if the attempt may proceed now;
 * otherwise it was refused and, if it repeated a recent refusal, the admin is asked, and `proceed`
 * runs again once they confirm.
 */
function escapeHatch(guard: CloseGuard, options: GuardLifecycleOptions) {
  const within = options.repeatWithinMs ?? REPEAT_CLOSE_WITHIN_MS;
  let lastRefused: number | null = null;
  let asking = false;
  return (kind: 'close' | 'quit', proceed: () => void): boolean => {
    if (guard.attempt(kind)) {
      lastRefused = null;
      return true;
    }
    const now = options.now();
    const repeated = lastRefused !== null && now - lastRefused <= within;
    lastRefused = now;
    if (repeated && !asking) {
      asking = true;
      void options
        .confirmDiscard(kind)
        .catch(() => false)
        .then((confirmed) => {
          asking = false;
          if (!confirmed) return;
          lastRefused = null;
          options.abandon(`${kind} confirmed without storing the key`);
          proceed();
        });
    }
    return false;
  };
}

const hatches = new WeakMap<CloseGuard, ReturnType<typeof escapeHatch>>();
const hatchOf = (guard: CloseGuard, options: GuardLifecycleOptions) => {
  let hatch = hatches.get(guard);
  if (!hatch) {
    hatch = escapeHatch(guard, options);
    hatches.set(guard, hatch);
  }
  return hatch;
};

export function attachWindowGuard(
  guard: CloseGuard,
  window: GuardedWindowLike,
  options: GuardLifecycleOptions,
): { reload(options?: { ignoreCache?: boolean }): boolean } {
  const hatch = hatchOf(guard, options);
  window.on('close', (event) => {
    if (!hatch('close', () => !window.isDestroyed() && window.close())) event.preventDefault();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    if (guard.isBlocking()) options.abandon(`renderer process gone (${details?.reason ?? 'unknown'})`);
  });
  // Main frame only, committed, cross-document (hash routes are did-navigate-in-page): the page that
  // showed the key has been replaced. Our own reloads are refused while blocking, so this is a reload
  // or navigation that bypassed the menu.
  window.webContents.on('did-navigate', () => {
    if (guard.isBlocking()) options.abandon('the page was reloaded or navigated away');
  });
  return {
    reload(reloadOptions = {}) {
      if (window.isDestroyed() || !guard.attempt('reload')) return false;
      if (reloadOptions.ignoreCache) window.webContents.reloadIgnoringCache();
      else window.webContents.reload();
      return true;
    },
  };
}

export function attachAppGuard(guard: CloseGuard, app: GuardedAppLike, options: GuardLifecycleOptions): void {
  const hatch = hatchOf(guard, options);
  app.on('before-quit', (event) => {
    if (!hatch('quit', () => app.quit())) event.preventDefault();
  });
}
