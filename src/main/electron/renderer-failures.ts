/**
 * What main does when the window's page cannot be shown:
 * - `did-fail-load` of the main frame (the renderer files are missing or unreadable, the dev server is
 *   down): the window is shown anyway, with a small error page that says what failed, instead of a
 *   window that never appears;
 * - `render-process-gone` other than a clean exit (a crash, an OOM kill): the page is reloaded and the
 *   admin is told. The close guard has already been released by guard-adapter.ts (the page that showed
 *   a key is gone), so the message says that key cannot be shown again. A renderer that keeps crashing
 *   is not reloaded forever: after MAX_RELOADS within RELOAD_WINDOW_MS it gets the error page.
 * Window and dialog are structural stand-ins, so this is tested without Electron.
 */
export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 60_000;
/** Chromium's ERR_ABORTED: a load replaced by another one (a reload, a redirect we allowed). Not a failure. */
const ERR_ABORTED = -3;

export interface FailureWindowLike {
  isDestroyed(): boolean;
  show(): void;
  webContents: {
    on(
      event: 'did-fail-load',
      listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
    ): unknown;
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode?: number }) => void): unknown;
    loadURL(url: string): Promise<void>;
    reload(): void;
  };
}

export interface RendererFailureOptions {
  now: () => number;
  /** True when a key was on the copy screen when the renderer went away (read before the guard released it). */
  hadKeyOnScreen: () => boolean;
  /** A native, non-blocking notice (dialog.showMessageBox). */
  tell: (message: string, detail: string) => void;
  logError: (message: string, fields: Record<string, unknown>) => void;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page (no script, no network), as a data: URL. */
export function errorPageUrl(title: string, detail: string): string {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>RakerOne Admin</title><style>body{font:15px system-ui,sans-serif;margin:3rem;max-width:40rem;color:#222}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p><p>Quit RakerOne Admin and start it again. If this keeps happening, reinstall it.</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function attachRendererFailures(window: FailureWindowLike, options: RendererFailureOptions): void {
  const reloads: number[] = [];
  const showError = (title: string, detail: string) => {
    if (window.isDestroyed()) return;
    window.show();
    void window.webContents.loadURL(errorPageUrl(title, detail)).catch(() => undefined);
  };

  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || validatedURL.startsWith('data:')) return;
    options.logError('The window could not load', { errorCode, errorDescription, url: validatedURL.slice(0, 200) });
    showError('RakerOne Admin could not load its window', `${errorDescription || 'Unknown error'} (${errorCode}).`);
  });

  window.webContents.on('render-process-gone', (_event, details) => {
    const reason = details?.reason ?? 'unknown';
    if (reason === 'clean-exit' || window.isDestroyed()) return;
    options.logError('The renderer process went away', { reason, exitCode: details?.exitCode });
    const now = options.now();
    while (reloads.length > 0 && now - reloads[0]! > RELOAD_WINDOW_MS) reloads.shift();
    if (reloads.length >= MAX_RELOADS) {
      showError('RakerOne Admin stopped working', `Its window stopped ${reloads.length + 1} times in a row (${reason}).`);
      return;
    }
    // Read before the reload: its did-navigate releases the guard.
    const lostKey = options.hadKeyOnScreen()
      ? ' The new API key that was on screen cannot be shown again: if you did not store it, revoke it and create a new one.'
      : '';
    reloads.push(now);
    window.webContents.reload();
    options.tell('RakerOne Admin reloaded its window', `The window stopped unexpectedly (${reason}) and was reloaded.${lostKey}`);
  });
}
