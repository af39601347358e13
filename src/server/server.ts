/**
 * The server process: build the app, listen, and close gracefully. startServer() is also what the
 * test helper uses; runServerProcess() adds signal handling (close-with-grace) for the CLI.
 */
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
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
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { app, url: `http://${host}:${port}`, port, close: () => app.close() };
}

/** Runs until SIGINT/SIGTERM, then stops accepting, finishes requests, flushes and closes the database. */
export async function runServerProcess(options: AppOptions & ListenOptions, print: (line: string) => void): Promise<RunningServer> {
  const server = await startServer(options);
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) server.app.log.error({ err }, 'shutting down after an error');
    else server.app.log.info({ signal }, 'shutting down');
    await server.close();
  });
  print(`${LISTENING_LINE_PREFIX}${server.url}`);
  return server;
}
