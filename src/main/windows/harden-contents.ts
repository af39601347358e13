/**
 * Locks the renderer in place: no window.open, no navigation or redirect away from our pages, no
 * webview, and (in production) no devtools even if someone finds a shortcut. Takes a structural
 * stand-in for Electron's WebContents so it is tested without Electron.
 */
import { urlAllowed } from '../ipc/sender-policy.js';

interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
}

export function hardenWebContents(contents: WebContentsLike, options: { allowedUrls: readonly string[]; isDev: boolean; onDenied?: (what: string, url: string) => void }): void {
  const denied = options.onDenied ?? (() => {});
  contents.setWindowOpenHandler(({ url }) => {
    denied('window.open', url);
    return { action: 'deny' };
  });
  const guardNavigation = (what: string) => (event: PreventableEvent, url: string) => {
    // In-app routing uses the URL hash; a change of document to anything outside our renderer is refused.
    if (urlAllowed(url, options.allowedUrls)) return;
    event.preventDefault();
    denied(what, url);
  };
  contents.on('will-navigate', guardNavigation('navigation'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.on('will-frame-navigate', guardNavigation('frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    denied('webview', '');
  });
  if (!options.isDev) contents.on('devtools-opened', () => contents.closeDevTools());
}
