/**
 * The packaging dry run (scripts/package-dry-run.mjs): electron-builder `--linux dir` on the built app
 * with a stand-in Electron folder. Checks what the package holds, and boots the main bundle extracted
 * FROM the package — with no node_modules but the package's own — against a real server and keychain.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { assertBuilt, bootMain, REPO_ROOT, type BootedMain } from './support/boot-main.js';

interface DryRun {
  appDir: string;
  asar: string;
  asarBytes: number;
  entries: string[];
  unpackedDir: string;
}
const dryRun = (await import(/* @vite-ignore */ join(REPO_ROOT, 'scripts/package-dry-run.mjs'))) as {
  packageDryRun(outDir: string): Promise<DryRun>;
  packagesIn(entries: string[]): string[];
};
const asar = createRequire(import.meta.url)('@electron/asar') as {
  extractFile(archive: string, file: string): Buffer;
  extractAll(archive: string, dest: string): void;
  statFile(archive: string, file: string): { unpacked?: boolean };
  listPackage(archive: string, options: { isPack: boolean }): string[];
};

/** Used only by the server, the CLI or the tooling, or bundled into out/: none may ship as a module. */
const MUST_NOT_SHIP = [
  'fastify',
  '@fastify/rate-limit',
  '@fastify/swagger',
  'avvio',
  'find-my-way',
  'light-my-request',
  'pino',
  'ajv',
  'yaml',
  'better-sqlite3',
  'kysely',
  'pg',
  'close-with-grace',
  'react',
  'react-dom',
  '@mantine/core',
  'axios',
  'zod',
  'write-file-atomic',
  'node-addon-api',
];

let made: DryRun;
let outDir: string;
let server: TestServer;
let booted: BootedMain | null = null;

beforeAll(async () => {
  assertBuilt();
  outDir = mkdtempSync(join(tmpdir(), 'rakerone-package-'));
  made = await dryRun.packageDryRun(outDir);
  process.stdout.write(
    `package dry run: app.asar ${made.asarBytes} bytes, ${made.entries.length} entries, modules: ${dryRun.packagesIn(made.entries).join(', ')}\n`,
  );
  server = await startTestServer();
}, 180_000);

afterAll(async () => {
  await booted?.stop();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the package (electron-builder --linux dir, stand-in Electron)', () => {
  it('holds the built app under the product executable, and no node_modules but keytar', () => {
    expect(existsSync(join(made.appDir, 'rakerone-admin'))).toBe(true);
    for (const file of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) expect(made.entries).toContain(file);
    expect(made.entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    expect(dryRun.packagesIn(made.entries)).toEqual(['@github/keytar']);
    const packaged = JSON.parse(asar.extractFile(made.asar, 'package.json').toString()) as { main: string };
    expect(packaged.main).toBe('out/main/index.js');
  });

  it("keytar's native .node is unpacked beside the asar, for this platform only", () => {
    const native = `node_modules/@github/keytar/prebuilds/${process.platform}-${process.arch}/keytar.node`;
    expect(asar.statFile(made.asar, native).unpacked).toBe(true);
    expect(existsSync(join(made.unpackedDir, native))).toBe(true);
    expect(made.entries.filter((entry) => entry.endsWith('.node'))).toEqual([`/${native}`]);
  });

  it('ships no server-only package, and the main bundle does not load one', () => {
    const shipped = dryRun.packagesIn(made.entries);
    for (const name of MUST_NOT_SHIP) expect(shipped, name).not.toContain(name);
    // The main bundle, its own entries (the identify scan worker) and the chunks they share.
    const bundled = asar
      .listPackage(made.asar, { isPack: false })
      .map((path) => path.replace(/\\/g, '/').replace(/^\//, ''))
      .filter((path) => /^out\/main\/.*\.js$/.test(path));
    expect(bundled).toEqual(expect.arrayContaining(['out/main/index.js', 'out/main/identify-scan-worker.js']));
    const loaded = bundled.flatMap((path) => {
      const code = asar.extractFile(made.asar, path).toString();
      // Every module it loads at run time: static imports, dynamic imports, and CommonJS requires.
      const names = [/^import\s[^;]*?from\s*"([^"]+)"/gm, /\bimport\("([^"]+)"\)/g, /__require\("([^"]+)"\)/g].flatMap((pattern) =>
        [...code.matchAll(pattern)].map((match) => match[1]!),
      );
      // A chunk it shares with another entry must be in the package too.
      for (const name of names.filter((n) => n.startsWith('.'))) expect(bundled, `${path} loads ${name}`).toContain(posix.join(posix.dirname(path), name));
      return names.filter((n) => !n.startsWith('.'));
    });
    expect(loaded).toContain('electron');
    const notBuiltIn = new Set(loaded.filter((name) => !builtinModules.includes(name.replace(/^node:/, ''))));
    expect(notBuiltIn).toEqual(new Set(['electron', '@github/keytar']));
  });

  it('icons: ICNS, ICO and the Linux PNG sizes, rendered from build/icon.svg by the dry run', async () => {
    const build = join(REPO_ROOT, 'build');
    expect(readFileSync(join(build, 'icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
    expect([...readFileSync(join(build, 'icon.ico')).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const sharp = (await import('sharp')).default;
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(await sharp(join(build, 'icons', `${size}x${size}.png`)).metadata()).toMatchObject({ format: 'png', width: size, height: size });
    }
  });

  it('the main bundle taken from the package boots with only what the package ships, keychain included', async () => {
    const extracted = join(outDir, 'extracted');
    asar.extractAll(made.asar, extracted);
    booted = bootMain({ mainPath: join(extracted, 'out/main/index.js'), env: { BOOT_STANDIN_PACKAGED: '1' } });
    const main = booted;
    await expect
      .poll(async () => (await main.send<{ windows: { loaded: string[] }[] }>({ op: 'state' })).windows[0]?.loaded.length ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const state = await main.send<{ windows: { options: { webPreferences: { preload: string } } }[] }>({ op: 'state' });
    expect(state.windows[0]!.options.webPreferences.preload).toBe(join(extracted, 'out/preload/index.cjs'));
    expect(await main.send({ op: 'fetch', url: 'app://rakerone/index.html' })).toMatchObject({ status: 200 });
    // Connecting stores the token through the package's own keytar (its unpacked .node).
    expect(await main.send({ op: 'invoke', channel: 'connection:connect', input: { serverUrl: server.url, adminToken: server.adminToken } })).toMatchObject({
      ok: true,
      data: { status: 'online' },
    });
    expect(await main.send({ op: 'invoke', channel: 'connection:disconnect', input: {} })).toMatchObject({ ok: true });
    await main.send({ op: 'close-window' }).catch(() => undefined);
    expect(await main.exited).toBe(0);
  });
});
