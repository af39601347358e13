/**
 * The embedded local API server for `npm start`, as a plain Node child process: better-sqlite3 is not
 * N-API, so the server never runs inside Electron. Two commands of the server's CLI are used:
 *
 *   node --import tsx src/server/cli.ts serve --port 0 --data DIR --access-log off → "RakerOne API server listening on http://HOST:PORT"
 *   node --import tsx src/server/cli.ts people add --org local --email … → a new admin token as its LAST stdout line
 *
 * The token is read from the child's stdout pipe and returned to main, which puts it straight into the
 * keychain: it is never written to a file, passed in argv, or logged (stdout of `people add` is never
 * logged at all; only exit codes and stderr of `serve` are).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { checkSecret } from '../../shared/key-format.js';
import { AppError } from '../../shared/errors.js';
import type { LocalServerPort, Logger } from '../ports.js';

export const LISTENING_LINE = /RakerOne API server listening on (http:\/\/[^\s]+)/;
export const LOCAL_ORG = 'local';
export const LOCAL_ADMIN_EMAIL = 'admin@localhost';

export interface LocalServerOptions {
  /** The repository root (where src/server/cli.ts and node_modules/tsx live). */
  repoRoot: string;
  /** SQLite folder of the local server. */
  dataDir: string;
  /** A plain Node binary (not Electron's). */
  nodePath?: string;
  logger: Logger;
  /** How long `serve` may take to print its listening line (default 30 s). */
  startTimeoutMs?: number;
  /** How long `people add` may take (default 30 s): every IPC call waits for boot, so a hang would freeze the app. */
  addAdminTimeoutMs?: number;
  spawnFn?: typeof spawn;
}

/** The last non-empty line of a command's output, if it is a well-formed admin token. */
export function tokenFromOutput(stdout: string): string | null {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines.at(-1) ?? '';
  return checkSecret(last) === 'adminToken' ? last : null;
}

export function createLocalServerLauncher(options: LocalServerOptions): LocalServerPort {
  const node = options.nodePath ?? 'node';
  const spawnFn = options.spawnFn ?? spawn;
  const cli = ['--import', 'tsx', join('src', 'server', 'cli.ts')];
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: undefined, DATABASE_URL: undefined };
  let server: { child: ChildProcess; url: Promise<string> } | null = null;

  function startServe(): { child: ChildProcess; url: Promise<string> } {
    // No access log: one admin's own server; main logs the server's stderr, and a line per request there is noise.
    const child = spawnFn(node, [...cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', options.dataDir, '--access-log', 'off'], {
      cwd: options.repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      // On timeout the child is killed and forgotten, so the next start spawns a fresh one instead of
      // awaiting this dead promise forever.
      const timer = setTimeout(() => {
        if (server?.child === child) server = null;
        child.kill('SIGKILL');
        reject(new AppError('INTERNAL', 'The local server did not start in time.'));
      }, options.startTimeoutMs ?? 30_000);
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        out += chunk;
        const match = LISTENING_LINE.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1].replace(/\/+$/, ''));
        }
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => options.logger.info('local server', { line: chunk.trim().slice(0, 500) }));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new AppError('INTERNAL', `The local server could not be started: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (server?.child === child) server = null;
        reject(new AppError('INTERNAL', `The local server stopped (exit ${code ?? signal}).`));
      });
    });
    return { child, url };
  }

  function addAdmin(): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawnFn(
        node,
        [...cli, 'people', 'add', '--org', LOCAL_ORG, '--email', LOCAL_ADMIN_EMAIL, '--role', 'admin', '--name', 'Local Admin', '--data', options.dataDir],
        {
          cwd: options.repoRoot,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      const timer = setTimeout(() => {
        out = '';
        child.kill('SIGKILL');
        reject(new AppError('INTERNAL', 'The local server did not issue an admin token in time.'));
      }, options.addAdminTimeoutMs ?? 30_000);
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => void (out += chunk));
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => void (err += chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new AppError('INTERNAL', `Could not run the local server's CLI: ${error.message}`));
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        const token = code === 0 ? tokenFromOutput(out) : null;
        out = '';
        if (token) return resolve(token);
        options.logger.warn('people add failed', { code, stderr: err.slice(-500) });
        reject(new AppError('INTERNAL', 'The local server did not issue an admin token.'));
      });
    });
  }

  return {
    async start({ createAdmin }) {
      const adminToken = createAdmin ? await addAdmin() : null;
      server ??= startServe();
      const url = await server.url;
      return { url, adminToken };
    },
    async stop() {
      const current = server;
      server = null;
      if (!current || current.child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => current.child.kill('SIGKILL'), 5_000);
        current.child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        // The server shuts down gracefully on SIGTERM (flushes "last used" writes).
        current.child.kill('SIGTERM');
      });
    },
  };
}
