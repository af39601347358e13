/**
 * Locks the renderer in place: no window.open, no navigation or redirect away from our pages, no
 * webview, and (in production) no devtools even if someone finds a shortcut. The types are Electron's
 * own (type-only import: nothing from Electron is loaded), so a stand-in is tested without Electron.
 *
 * Electron 45 signatures (electron.d.ts): `will-frame-navigate` passes ONE argument, `details`
 * (an Event with `url`, `isMainFrame`, `frame`…); `will-navigate` and `will-redirect` pass the same
 * kind of `details` followed by deprecated positional arguments (url, isInPlace, isMainFrame…);
 * `did-start-navigation` likewise. So the URL is always read from `details.url`.
 */
import type {
  Event as ElectronEvent,
  WebContents,
  WebContentsWillFrameNavigateEventParams,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
} from 'electron';
import { urlAllowed } from '../ipc/sender-policy.js';
import type { Logger } from '../ports.js';

export type NavigationDetails =
  | ElectronEvent<WebContentsWillNavigateEventParams>
  | ElectronEvent<WebContentsWillFrameNavigateEventParams>
  | ElectronEvent<WebContentsWillRedirectEventParams>;

export type WebContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'closeDevTools'>;

const MAX_LOGGED_URL = 200;

/** A denial listener for the log: never throws, whatever Electron passes (a missing URL is logged as ''). */
export function logDenied(logger: Logger): (what: string, url: string) => void {
  return (what, url) => {
    try {
      logger.warn(`Denied ${what}`, { url: typeof url === 'string' ? url.slice(0, MAX_LOGGED_URL) : '' });
    } catch {
      // Logging must never break a main-process listener.
    }
  };
}

export function hardenWebContents(
  contents: WebContentsLike,
  options: { allowedUrls: readonly string[]; isDev: boolean; onDenied?: (what: string, url: string) => void },
): void {
  const onDenied = options.onDenied;
  const denied = (what: string, url: unknown) => {
    try {
      onDenied?.(what, typeof url === 'string' ? url : '');
    } catch {
      // A failing logger must not turn a denial into an exception inside Electron's listener.
    }
  };
  contents.setWindowOpenHandler(({ url }) => {
    denied('window.open', url);
    return { action: 'deny' };
  });
  const guardNavigation = (what: string) => (details: NavigationDetails) => {
    // In-app routing uses the URL hash; a change of document to anything outside our renderer is refused.
    const url: unknown = details?.url;
    if (typeof url === 'string' && urlAllowed(url, options.allowedUrls)) return;
    details.preventDefault();
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
