/**
 * Windows logoff and shutdown do not emit `before-quit` / `will-quit` (Electron docs, app `before-quit`),
 * so the quit-time clean-up would never run there. The window's `query-session-end`
 * (the OS asks) and `session-end` (the session is ending) events are handled instead:
 * - query-session-end while a key is on the copy screen: the end is delayed (preventDefault, which
 *   Electron documents for "ending the session puts the user at risk of losing data"), and the close
 *   guard brings the window forward and tells the page to point at Done;
 * - session-end: the clipboard is cleared if it still holds our key, whatever else happens.
 */
interface PreventableEvent {
  preventDefault(): void;
}

export interface SessionEndWindowLike {
  on(event: 'query-session-end' | 'session-end', listener: (event: PreventableEvent) => void): unknown;
}

export interface SessionEndOptions {
  /** The close guard's attempt: false (and the admin told) while a key is on the copy screen. */
  attemptQuit: () => boolean;
  clearClipboardIfOurs: () => Promise<unknown>;
}

export function attachSessionEnd(window: SessionEndWindowLike, options: SessionEndOptions): void {
  window.on('query-session-end', (event) => {
    if (!options.attemptQuit()) event.preventDefault();
  });
  window.on('session-end', () => {
    void options.clearClipboardIfOurs().catch(() => undefined);
  });
}
