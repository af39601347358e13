/**
 * Serves the built renderer from `app://rakerone/…` instead of file:// (Electron security checklist:
 * a custom protocol gives the page a real origin, confines it to one folder, and lets main attach the
 * CSP and other security headers to every response — file:// responses carry no headers at all).
 * Written against the Fetch API's Request/Response, so it runs in plain Node tests.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rakerone';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  };
}

export function createRendererProtocolHandler(options: { root: string; csp: string; read?: (path: string) => Promise<Uint8Array> }) {
  const read = options.read ?? ((path: string) => readFile(path));
  const root = normalize(options.root + sep);
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return new Response('Not found', { status: 404 });
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    if (pathname === '/' || pathname === '') pathname = '/index.html';
    const file = normalize(join(root, pathname));
    // No way out of the renderer folder (../, encoded or not).
    if (!file.startsWith(root) || pathname.includes('\0')) return new Response('Not found', { status: 404 });
    try {
      const body = await read(file);
      const headers = { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', ...securityHeaders(options.csp) };
      return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
