/**
 * Which senders may call main: only our own window's webContents, only from its main frame (not an
 * iframe), and only while it shows our renderer (app://rakerone in the packaged app, the exact file://
 * index.html if loaded that way, or the renderer's http origin in development and in the web driver). Anything else is refused before its input is even parsed.
 */
import type { SenderInfo } from '../ports.js';

export interface SenderPolicy {
  /** Trusts a webContents (our window); returns the function that withdraws the trust. */
  trust(id: number | string): () => void;
  isTrusted(sender: SenderInfo): boolean;
}

/** file: URLs must match the whole path; http(s) URLs must match the origin. */
export function urlAllowed(url: string, allowed: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    const rule = new URL(entry);
    if (rule.protocol === 'file:')
      return parsed.protocol === 'file:' && parsed.host === rule.host && decodeURIComponent(parsed.pathname) === decodeURIComponent(rule.pathname);
    if (rule.protocol === 'http:' || rule.protocol === 'https:') return parsed.origin === rule.origin;
    // Custom schemes (app://rakerone) have an opaque origin in WHATWG URL: compare scheme and host.
    return parsed.protocol === rule.protocol && parsed.host === rule.host && parsed.host !== '';
  });
}

export function createSenderPolicy(options: { allowedUrls: readonly string[] }): SenderPolicy {
  const trusted = new Set<number | string>();
  return {
    trust(id) {
      trusted.add(id);
      return () => void trusted.delete(id);
    },
    isTrusted(sender) {
      if (!sender || typeof sender !== 'object') return false;
      return trusted.has(sender.id) && sender.isMainFrame === true && typeof sender.url === 'string' && urlAllowed(sender.url, options.allowedUrls);
    },
  };
}
