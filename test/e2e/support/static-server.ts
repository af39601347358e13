/**
 * Serves the built renderer (out/renderer) over http on 127.0.0.1 for the web driver: Vite emits
 * `crossorigin` module scripts that plain Chromium refuses to load from file://.
 * The same Content-Security-Policy as the Electron window is sent as a header, so the page runs
 * under the policy it ships with.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { securityHeaders } from '../../../src/main/security/renderer-protocol.js';
import { contentSecurityPolicy } from '../../../src/main/security/csp.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveRenderer(rootDir = resolve('out/renderer')): Promise<StaticServer> {
  if (!existsSync(join(rootDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rootDir}: run \`npm run build\` first (npm run test:e2e does).`);
  }
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(rootDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rootDir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      // The headers main's app:// handler sends (CSP included), on top of the build's own <meta> CSP.
      ...securityHeaders(contentSecurityPolicy()),
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
