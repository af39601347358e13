/**
 * Runs the real built renderer in Debian's Chromium with the fake bridge installed before any page
 * script (addInitScript), served over http (Vite's crossorigin module scripts are blocked on file://).
 * Used by the axe test and by `npm run bench:ui`.
 */
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Rollup } from 'vite';
import type { FakeScenario } from '../../helpers/fake-bridge';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Builds src/renderer on its own (no main/preload needed) into a temporary folder. */
export async function buildRenderer(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rakerone-renderer-'));
  await build({
    configFile: false,
    root: resolve(ROOT, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    // One bundle for a desktop app loaded from disk: the web chunk-size advice does not apply.
    build: { outDir: dir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The renderer the axe test checks. `npm test` builds the app before Vitest and says so with
 * RAKERONE_FRESH_BUILD=1: then out/renderer, the bundle that ships (CSP and all), is used as it is
 * rather than built a second time. Run on its own, out/ may be stale or missing, so the test builds
 * its own from src/renderer.
 */
export async function rendererToTest(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const shipped = resolve(ROOT, 'out/renderer');
  if (process.env.RAKERONE_FRESH_BUILD === '1' && existsSync(join(shipped, 'index.html'))) return { dir: shipped, cleanup: async () => undefined };
  return buildRenderer();
}

/** Bundles test/helpers/fake-bridge.ts as a classic script exposing `RakerOneFake.installFakeBridge`. */
export async function buildFakeBridgeScript(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(ROOT, 'test/helpers/fake-bridge.ts'), formats: ['iife'], name: 'RakerOneFake', fileName: () => 'fake-bridge.js' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const first = Array.isArray(output) ? output[0] : output;
  const chunk = first?.output.find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The fake bridge did not build');
  return chunk.code;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': "frame-ancestors 'none'" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface OpenOptions {
  scenario: FakeScenario;
  colorScheme?: 'light' | 'dark';
  hash?: string;
  viewport?: { width: number; height: number };
  /** Extra script run after the fake is installed (e.g. timing hooks for the benchmark). */
  afterInstall?: string;
}

/** Opens the app in a fresh context with the fake bridge, and waits for the readiness signal. */
export async function openApp(browser: Browser, baseUrl: string, fakeScript: string, options: OpenOptions): Promise<Page> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  });
  await context.addInitScript({
    content: `${fakeScript}\nRakerOneFake.installFakeBridge(window, ${JSON.stringify(options.scenario)});\n${options.afterInstall ?? ''}`,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}${options.hash ?? ''}`);
  await page.waitForSelector('html[data-rakerone-ready="true"]', { timeout: 20_000 });
  if (errors.length > 0) throw new Error(`Page errors: ${errors.join('; ')}`);
  return page;
}
