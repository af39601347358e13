/**
 * `serve --workers N`: N processes serving one port (node:cluster: the primary accepts connections
 * and hands them to the workers in turn). The primary migrates the database once, forks the workers,
 * prints the one listening line when all of them listen, and on SIGINT/SIGTERM asks each worker to
 * shut down gracefully (each finishes its requests, flushes "last used" and its logs, closes its
 * database) and exits when all have. A worker that dies while serving is replaced, with a growing
 * delay when it keeps dying, and the primary gives up after too many deaths (worker-restarts.ts).
 *
 * Every worker is a full server with its own connections: SQLite in WAL mode across processes
 * (reads run in parallel, writes take turns), PostgreSQL through each worker's pool. Nothing a
 * request depends on lives in one worker's memory alone: credentials are proven per request against
 * the revocation epoch, and the failed sign-in count is in the database.
 */
import cluster, { type Worker } from 'node:cluster';
import { pino } from 'pino';
import type { AppOptions } from './config/app-options.js';
import { openDatabase } from './db/open-database.js';
import { systemClock } from './lib/clock.js';
import { LISTENING_LINE_PREFIX, type ListenOptions, type LogSettings, runServerProcess, urlOf } from './server.js';
import { RESTART_WINDOW_MS, restartDelay } from './worker-restarts.js';

type ServeOptions = Omit<AppOptions, 'logger'> & ListenOptions;

/** Messages from a worker to the primary. */
type WorkerMessage = { type: 'listening'; port: number };

/** How long the primary waits for the workers to finish before it gives up on them. */
const SHUTDOWN_GRACE_MS = 12_000;

export async function runCluster(options: ServeOptions, logs: LogSettings, workers: number, print: (line: string) => void): Promise<void> {
  if (cluster.isWorker) {
    const server = await runServerProcess(options, logs, null);
    process.send?.({ type: 'listening', port: server.port } satisfies WorkerMessage);
    return;
  }
  const log = pino({ level: logs.level }, pino.destination({ dest: 2, sync: true }));
  // Migrate once, before any worker opens the database.
  await (await openDatabase(options.database)).close();

  let shuttingDown = false;
  let announced = false;
  const listening = new Set<Worker>();
  let exits: number[] = [];
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: WorkerMessage) => {
      if (message?.type !== 'listening') return;
      listening.add(worker);
      if (!announced && listening.size === workers) {
        announced = true;
        print(`${LISTENING_LINE_PREFIX}${urlOf(options.host, message.port)}`);
      }
    });
    worker.on('exit', (code, signal) => {
      listening.delete(worker);
      if (shuttingDown) return;
      if (!announced) {
        log.error({ code, signal }, 'a worker exited while starting; stopping');
        void stop(1);
        return;
      }
      const now = systemClock.now();
      exits = [...exits.filter((at) => now - at < RESTART_WINDOW_MS), now];
      const delay = restartDelay(exits, now);
      if (delay === null) {
        log.error({ code, signal, exits: exits.length }, 'workers keep exiting; stopping');
        void stop(1);
        return;
      }
      log.error({ code, signal, pid: worker.process.pid, delayMs: delay }, 'a worker exited; starting another');
      setTimeout(() => shuttingDown || fork(), delay).unref();
    });
  };

  async function stop(exitCode: number): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const exited = Promise.all(alive.map((w) => new Promise((resolve) => (w.isDead() ? resolve(null) : w.once('exit', resolve)))));
    for (const worker of alive) if (worker.isConnected()) worker.send('shutdown');
    const timeout = setTimeout(() => {
      log.error('workers did not finish in time; stopping them');
      for (const worker of alive) worker.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(timeout);
    process.exit(exitCode);
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log.info({ signal }, 'shutting down the workers');
      void stop(0);
    });
  }
  for (let i = 0; i < workers; i++) fork();
}
