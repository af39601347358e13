/**
 * The server process: build the app, listen, and close gracefully. startServer() is also what the
 * test helper uses; runServerProcess() adds the log destination and signal handling for the CLI,
 * and with several workers (node:cluster, see cluster.ts) runs in each worker.
 */
import { fstatSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { buildApp } from './app.js';
import { systemClock } from './lib/clock.js';
import { monitorEventLoop } from './lib/event-loop-monitor.js';
import type { AppOptions } from './config/app-options.js';

export interface ListenOptions {
  host: string;
  /** 0 picks a free port; the real one is in the returned url. */
  port: number;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The exact line the desktop app's main process waits for (and parses the URL from). */
export const LISTENING_LINE_PREFIX = 'RakerOne API server listening on ';

export async function startServer(options: AppOptions & ListenOptions): Promise<RunningServer> {
  const app = await buildApp(options);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return { app, url: urlOf(options.host, port), port, close: () => app.close() };
}

export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export interface LogSettings {
  level: string;
  accessLog: boolean;
}

/**
 * The logs of a serving process: JSON lines on stderr, buffered — lines are gathered until 3 KiB (or
 * 1 s has passed) and then written at once, one system call per ~15 access lines instead of one per
 * line. Each write() carries whole lines and at most 4 KiB (PIPE_BUF), so lines of several workers
 * sharing one stderr pipe do not interleave — except a single line longer than 4 KiB (an error with
 * a long stack), which is written in pieces.
 *
 * How the writes are made follows what stderr is, as Node does for its own stdio:
 * - a **regular file** (`2>>serve.log`, a supervisor that appends to a file) is written
 *   synchronously: a write to a file never waits for a reader, and handing it to the thread pool
 *   instead costs more than the write itself (two thread switches and a wake-up of the event loop
 *   per write: about 3 µs of every `GET /api/me` in `npm run bench:server`);
 * - a **pipe, socket or terminal** (journald, a container runtime, a shell) is written
 *   asynchronously: a reader that falls behind must not stall requests.
 * Either way what is buffered is flushed on exit, a crash included (pino does it for asynchronous
 * destinations; for a synchronous one it is registered here), and graceful shutdown flushes too.
 *
 * Logs are never worth the service: when stderr refuses writes (a full disk under the log file, an
 * I/O error), `serve` goes on answering. Lines are kept and retried with the next write, up to
 * 16 MiB; beyond that new lines are dropped and counted; when a write succeeds again, one warn line
 * says since when writes failed, with which error, and how many lines were dropped. (Unhandled, the
 * destination's 'error' would crash the process, and the graceful shutdown that follows used to wait
 * forever in sonic-boom 4's `flushSync`, which retried a full disk without end: hence sonic-boom 5,
 * pinned in package.json's `overrides`, whose `flushSync` throws instead.)
 */
export function openLogDestination(fd = 2, { maxPendingBytes = MAX_PENDING_LOG_BYTES }: { maxPendingBytes?: number } = {}) {
  const toFile = isRegularFile(fd);
  const destination = pino.destination({
    dest: fd,
    sync: toFile,
    minLength: 3072,
    maxWrite: 4096,
    periodicFlush: 1000,
    maxLength: maxPendingBytes,
  });
  keepServingWhenLogsFail(destination);
  if (toFile) process.on('exit', () => flushLogsQuietly(destination));
  return destination;
}

/** Log bytes kept while stderr refuses writes; lines beyond are dropped (and counted). */
const MAX_PENDING_LOG_BYTES = 16 * 1024 * 1024;

type LogDestination = ReturnType<typeof pino.destination>;

function keepServingWhenLogsFail(destination: LogDestination): void {
  let trouble: { since: number; error: string | null; dropped: number } | null = null;
  const begin = () => (trouble ??= { since: systemClock.now(), error: null, dropped: 0 });
  destination.on('error', (error: NodeJS.ErrnoException) => {
    begin().error ??= error.code ?? error.message;
  });
  destination.on('drop', () => {
    begin().dropped++;
  });
  // The report is a pino line like any other (level, time, pid, hostname), written to the destination itself.
  let reporter: Logger | null = null;
  destination.on('write', () => {
    if (trouble === null) return;
    const { since, error, dropped } = trouble;
    trouble = null;
    reporter ??= pino(destination);
    reporter.warn({ since: new Date(since).toISOString(), error, droppedLines: dropped }, 'log writes failed; logging again');
  });
}

/** Writes out what is buffered, unless stderr still refuses it: an exit must not fail over its logs. */
function flushLogsQuietly(destination: LogDestination): void {
  try {
    destination.flushSync();
  } catch {
    // Nothing more can be done for these lines: stderr refuses them.
  }
}

function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/**
 * Runs until SIGINT/SIGTERM (or, in a cluster worker, the primary's "shutdown" message), then stops
 * accepting, finishes requests, flushes "last used" and the logs, and closes the database.
 * `print` gets the listening line (a cluster worker passes null: the primary prints one line).
 */
export async function runServerProcess(
  options: Omit<AppOptions, 'logger'> & ListenOptions,
  logs: LogSettings,
  print: ((line: string) => void) | null,
): Promise<RunningServer> {
  const destination = openLogDestination();
  const server = await startServer({ ...options, logger: { level: logs.level, accessLog: logs.accessLog, stream: destination } });
  const eventLoop = monitorEventLoop({ log: server.app.log });
  // A cluster worker leaves signals to the primary (Ctrl-C reaches the whole process group; the
  // primary then asks each worker once), and stops by itself if the primary is gone.
  const inWorker = print === null;
  if (inWorker) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);
  const shutdown = closeWithGrace({ delay: 10_000, skip: inWorker ? ['SIGINT', 'SIGTERM'] : [] }, async ({ err, signal }) => {
    if (err) server.app.log.error({ err }, 'shutting down after an error');
    else server.app.log.info({ signal }, 'shutting down');
    await server.close();
    server.app.log.info({ eventLoop: eventLoop.stop() }, 'event loop delay');
    flushLogsQuietly(destination);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void shutdown.close();
  };
  if (inWorker) {
    process.on('message', (message) => message === 'shutdown' && stop());
    process.on('disconnect', stop);
  }
  print?.(`${LISTENING_LINE_PREFIX}${server.url}`);
  return server;
}
