/**
 * The server process: build the app, listen, and close gracefully. startServer() is also what the
 * test helper uses; runServerProcess() adds the log destination and signal handling for the CLI,
 * and with several workers (node:cluster, see cluster.ts) runs in each worker.
 */
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.js';
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
 * The logs of a serving process: JSON lines on stderr through an asynchronous, buffered destination
 * (a request never waits for the write). Lines are gathered until 3 KiB (or 1 s has passed) and then
 * written at once: one system call per ~15 access lines instead of one per line, which halves what
 * the access log costs. Each write() carries whole lines and at most 4 KiB (PIPE_BUF), so lines of
 * several workers sharing one stderr pipe do not interleave — except a single line longer than 4 KiB
 * (an error with a long stack), which is written in pieces. Pino flushes it on exit, crash
 * included; graceful shutdown flushes it explicitly too.
 */
export function openLogDestination() {
  return pino.destination({ dest: 2, sync: false, minLength: 3072, maxWrite: 4096, periodicFlush: 1000 });
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
    destination.flushSync();
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
