/**
 * Connects the close guard to Electron: the window's `close`, the app's `before-quit` (menu, Cmd+Q,
 * the OS asking to quit) and reloads (our own menu items; Electron's reload roles are not used, so
 * every reload goes through here). Stand-ins for BrowserWindow and app test it without Electron.
 */
import type { CloseGuard } from '../services/close-guard.js';

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
  webContents: { reload(): void; reloadIgnoringCache(): void };
}

export interface GuardedAppLike {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
}

export function focusWindow(window: GuardedWindowLike): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export function attachWindowGuard(guard: CloseGuard, window: GuardedWindowLike): { reload(options?: { ignoreCache?: boolean }): boolean } {
  window.on('close', (event) => {
    if (!guard.attempt('close')) event.preventDefault();
  });
  return {
    reload(options = {}) {
      if (window.isDestroyed() || !guard.attempt('reload')) return false;
      if (options.ignoreCache) window.webContents.reloadIgnoringCache();
      else window.webContents.reload();
      return true;
    },
  };
}

export function attachAppGuard(guard: CloseGuard, app: GuardedAppLike): void {
  app.on('before-quit', (event) => {
    if (!guard.attempt('quit')) event.preventDefault();
  });
}
