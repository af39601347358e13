#!/usr/bin/env node
/**
 * `npm start`: builds the app (electron-vite) and launches Electron on it. `npm run dev` (`--dev`):
 * `electron-vite dev` instead (Vite's dev server with hot reload for the renderer).
 * - Without RAKERONE_URL, main starts the embedded local API server (a plain Node child: the server's
 *   SQLite driver cannot load inside Electron) and signs in to it; the admin token goes from the
 *   server CLI's stdout pipe straight into the keychain. RAKERONE_NODE tells main which Node to use.
 * - With RAKERONE_URL, the app talks to that server (a saved profile for it is opened; otherwise the
 *   connect dialog asks for an admin token).
 * Electron ≥44 downloads its binary on first launch. Where that is impossible (no internet, like our
 * build machines), this script stops with an explanation instead of a stack trace; point
 * ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron to use one you have.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/**
 * Where the Electron binary is, without triggering the download that `require('electron')` does.
 * Mirrors node_modules/electron/index.js: path.txt names the executable inside dist/ (or inside
 * ELECTRON_OVERRIDE_DIST_PATH).
 */
export function resolveElectronBinary({
  electronDir,
  env = process.env,
  platform = process.platform,
  exists = existsSync,
  read = (p) => readFileSync(p, 'utf8'),
}) {
  const pathFile = join(electronDir, 'path.txt');
  const executable = exists(pathFile) ? read(pathFile).trim() : (DEFAULT_EXECUTABLE[platform] ?? 'electron');
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable) : join(electronDir, 'dist', executable);
  return exists(binary) ? { binary } : { binary: null, looked: binary };
}

export function missingElectronMessage(looked) {
  return [
    'npm start: the Electron binary is not available.',
    `  Looked for: ${looked}`,
    '  Electron (≥44) downloads it on first launch, and that download failed or is not possible here.',
    '  Fix one of these ways:',
    '    • on a machine with internet access: npx install-electron   (then npm start again)',
    '    • with an Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
    '  Without Electron, the app still runs in a browser under test: npm run test:e2e (Chromium).',
  ].join('\n');
}

/** Environment for Electron: where Node is (for the local server) and whether to start it. */
export function electronEnv(env, nodePath) {
  const next = { ...env, RAKERONE_NODE: nodePath };
  delete next.ELECTRON_RUN_AS_NODE;
  if (env.RAKERONE_URL) delete next.RAKERONE_LOCAL_SERVER;
  else next.RAKERONE_LOCAL_SERVER = '1';
  return next;
}

/**
 * Runs Electron (or `electron-vite dev`, which starts it) and resolves with the exit code to pass on:
 * the child's own, 1 when a signal ended it, 1 with a message when it could not be started at all.
 */
export function launch(command, args, options, spawnFn = spawn) {
  return new Promise((resolve) => {
    const child = spawnFn(command, args, { stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
    const done = (code) => {
      for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, forward);
      resolve(code);
    };
    child.once('error', (error) => {
      console.error(`npm start: could not launch ${command}: ${error.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const dev = process.argv.includes('--dev');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const electronDir = join(root, 'node_modules', 'electron');
  let found = resolveElectronBinary({ electronDir });
  if (!found.binary && !process.env.ELECTRON_OVERRIDE_DIST_PATH && process.env.RAKERONE_NO_DOWNLOAD !== '1') {
    console.warn('npm start: downloading the Electron binary (first launch)…');
    spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 180_000 });
    found = resolveElectronBinary({ electronDir });
  }
  if (!found.binary) {
    console.error(missingElectronMessage(found.looked));
    process.exit(1);
  }
  const env = electronEnv(process.env, process.execPath);
  if (dev) {
    // electron-vite dev: the renderer from Vite's dev server (ELECTRON_RENDERER_URL, honoured only
    // unpackaged), main and preload rebuilt on change; it starts the Electron we found.
    process.exit(await launch('npx', ['electron-vite', 'dev'], { cwd: root, env: { ...env, ELECTRON_EXEC_PATH: found.binary } }));
  }
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  process.exit(await launch(found.binary, ['.'], { cwd: root, env }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
