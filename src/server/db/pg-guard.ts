/**
 * Keeps a PostgreSQL outage from turning into hung requests, 500s, a log line per request and a
 * reconnect storm. Measured without it: a silent database held every request until the client gave
 * up; a refused one gave a stack trace per request and a new connection attempt per request; after a
 * failover the pool kept its dead connections and never recovered.
 *
 * Two states, each change logged once:
 * - up: queries run on the pool (pg-settings.ts bounds every wait). A database wait older than
 *   `stallMs` makes the guard check the database on its own connection (`SELECT 1`, at most
 *   `probeMs`); a check that fails, or any query failing because its connection is gone
 *   (pg-failures.ts), turns the guard down.
 * - down: every waiting query and connect is released at once with DatabaseUnavailableError
 *   (503 + Retry-After), the pool and every connection it held are dropped (after a failover, the
 *   connections opened before it never answer again), and new queries are refused without touching
 *   the network. One reconnect attempt at a time, with backoff (src/shared/backoff.ts); the first
 *   that gets an answer opens a fresh pool: up again.
 *
 * The pool handed to Kysely is this guard's: Kysely's queries and the hot statements share it.
 */
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { backoffDelay } from '../../shared/backoff.js';
import { type Clock, type ClockTimer, systemClock } from '../lib/clock.js';
import { describeFailure, isBusyFailure, isConnectionFailure } from './pg-failures.js';
import { type PgSettings, poolConfig, probeConfig } from './pg-settings.js';
import { DatabaseUnavailableError, RETRY_AFTER_SECONDS } from './unavailable.js';

export type DatabaseState = 'up' | 'down' | 'closed';

/** Where the two lines per outage go (the server's logger). */
export interface OutageLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface PgGuard {
  /** For Kysely's PostgresDialect. */
  pool: PostgresPool;
  /** One statement on a pooled connection (the hot path's named statements). */
  query<Row extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<Row>>;
  /** True when the database answers a check now; false at once while down. Takes at most `probeMs`. */
  ping(): Promise<boolean>;
  state(): DatabaseState;
}

export interface PgGuardDeps {
  url: string;
  poolSize: number;
  settings: PgSettings;
  log: OutageLog;
  clock?: Clock;
  random?: () => number;
}

const noop = () => undefined;

interface Abandon {
  promise: Promise<never>;
  reject(error: Error): void;
}

function abandonSignal(): Abandon {
  let reject!: (error: Error) => void;
  const promise = new Promise<never>((_resolve, rej) => {
    reject = rej;
  });
  promise.catch(noop);
  return { promise, reject };
}

export function createPgGuard({ url, poolSize, settings, log, clock = systemClock, random }: PgGuardDeps): PgGuard {
  const retryAfterSeconds = Math.max(RETRY_AFTER_SECONDS, Math.ceil(settings.reconnectMaxMs / 1000));
  const unavailable = (cause?: unknown) => new DatabaseUnavailableError(retryAfterSeconds, { cause });
  const nowMs = () => clock.now();
  const checkHalfMs = Math.max(1, Math.floor(settings.probeMs / 2));
  // pg honours a per-query query_timeout (client.js), which its type definitions do not list.
  const checkQuery: pg.QueryConfig & { query_timeout: number } = { text: 'SELECT 1', query_timeout: checkHalfMs };

  let state: DatabaseState = 'up';
  let pool: pg.Pool | null = openPool();
  /** Released with DatabaseUnavailableError when the guard goes down: every wait races it. */
  let abandon = abandonSignal();
  /** Start times of the waits on the database now, oldest first (a Map keeps insertion order). */
  const waits = new Map<number, number>();
  let nextWait = 0;
  let ticker: ClockTimer | null = null;
  const checkedOut = new Set<pg.PoolClient>();
  const broken = new WeakSet<pg.PoolClient>();
  const listened = new WeakSet<pg.PoolClient>();
  /** The guard's own connection for checks, apart from the pool so a busy pool cannot delay them. */
  let sentinel: pg.Client | null = null;
  let checking: Promise<boolean> | null = null;
  let lastCheckAt = -Infinity;
  let downSince = 0;
  let attempts = 0;
  let reconnectTimer: ClockTimer | null = null;

  function openPool(): pg.Pool {
    const next = new pg.Pool(poolConfig(url, poolSize, settings));
    // An idle connection that died: pg-pool drops it; check whether the database went with it.
    next.on('error', () => void check());
    return next;
  }

  /** A new connection that has answered `SELECT 1`: at most `timeoutMs` to connect, as much to answer. */
  async function openChecked(timeoutMs: number): Promise<pg.Client> {
    const client = new pg.Client(probeConfig(url, settings, timeoutMs));
    // Its connection may die while idle: never an unhandled 'error'. A sentinel lost while up is
    // replaced ahead of the next check (if the database went with it, the check finds out).
    client.on('error', () => {
      if (sentinel !== client) return;
      sentinel = null;
      if (state === 'up') openSentinel();
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return client;
    } catch (error) {
      client.end().catch(noop);
      throw error;
    }
  }

  /**
   * Opened ahead, with time to spare, so that a check is one `SELECT 1` on a connection that exists
   * rather than a connection opened against the clock on a busy machine.
   */
  function openSentinel(): void {
    openChecked(settings.connectMs).then((client) => {
      if (state === 'up' && sentinel === null) sentinel = client;
      else client.end().catch(noop);
    }, noop);
  }
  openSentinel();

  function check(): Promise<boolean> {
    if (state !== 'up') return Promise.resolve(false);
    checking ??= (async () => {
      lastCheckAt = nowMs();
      try {
        // The sentinel may have been opened with time to spare: this query gets the check's bound.
        if (sentinel) await sentinel.query(checkQuery);
        else sentinel = await openChecked(checkHalfMs);
        return true;
      } catch (error) {
        sentinel?.end().catch(noop);
        sentinel = null;
        trip(error);
        return false;
      } finally {
        checking = null;
      }
    })();
    return checking;
  }

  function trip(cause: unknown): void {
    if (state !== 'up') return;
    state = 'down';
    downSince = nowMs();
    attempts = 0;
    log.warn({ database: describeFailure(cause) }, 'PostgreSQL is unreachable: answering 503 until a reconnect succeeds');
    const released = abandon;
    abandon = abandonSignal();
    released.reject(unavailable(cause));
    // Every connection of the old pool goes, busy or idle: after a failover none of them answers again.
    // end() destroys the socket of a connection with a query on it.
    for (const client of checkedOut) {
      broken.add(client);
      client.end().catch(noop);
    }
    pool?.end().catch(noop);
    pool = null;
    sentinel?.end().catch(noop);
    sentinel = null;
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    const delay = backoffDelay(attempts, { baseMs: settings.reconnectBaseMs, capMs: settings.reconnectMaxMs }, random);
    attempts += 1;
    reconnectTimer = clock.setTimeout(() => {
      reconnectTimer = null;
      void reconnect();
    }, delay);
    reconnectTimer.unref();
  }

  async function reconnect(): Promise<void> {
    let client: pg.Client | null = null;
    try {
      client = await openChecked(settings.reconnectAttemptMs);
    } catch {
      client = null;
    }
    if (state !== 'down') {
      client?.end().catch(noop);
      return;
    }
    if (!client) {
      scheduleReconnect();
      return;
    }
    sentinel = client;
    pool = openPool();
    state = 'up';
    log.info({ database: { downForMs: nowMs() - downSince, reconnectAttempts: attempts } }, 'PostgreSQL is reachable again: serving');
  }

  function watchStalls(): void {
    if (ticker !== null) return;
    ticker = clock.setTimeout(
      () => {
        ticker = null;
        if (state !== 'up' || waits.size === 0) return;
        const oldest = waits.values().next().value!;
        const now = nowMs();
        if (now - oldest >= settings.stallMs && now - lastCheckAt >= settings.stallMs) void check();
        watchStalls();
      },
      Math.max(10, settings.stallMs / 5),
    );
    ticker.unref();
  }

  /** Turns a failed wait into the right error, and notes a connection that can no longer be trusted. */
  function failure(error: unknown, client: pg.PoolClient | undefined): unknown {
    if (error instanceof DatabaseUnavailableError) {
      if (client) broken.add(client);
      return error;
    }
    if (isConnectionFailure(error)) {
      if (client) broken.add(client);
      trip(error);
      return unavailable(error);
    }
    return isBusyFailure(error) ? unavailable(error) : error;
  }

  /** A database wait: watched for stalls, released at once if the guard goes down meanwhile. */
  async function waitFor<T>(work: Promise<T>, client: pg.PoolClient | undefined): Promise<T> {
    // It may settle after the race is lost: never as an unhandled rejection.
    work.catch(noop);
    const id = nextWait++;
    waits.set(id, nowMs());
    watchStalls();
    try {
      return await Promise.race([work, abandon.promise]);
    } catch (error) {
      throw failure(error, client);
    } finally {
      waits.delete(id);
    }
  }

  async function acquire(): Promise<pg.PoolClient> {
    if (state !== 'up' || pool === null) throw unavailable();
    const acquiring = pool.connect();
    try {
      const client = await waitFor(acquiring, undefined);
      // pg-pool listens for errors only while a connection is idle: a connection reset while it is
      // checked out (between a transaction's statements) would be an uncaught 'error'. Its queries
      // fail on their own.
      if (!listened.has(client)) {
        listened.add(client);
        client.on('error', noop);
      }
      checkedOut.add(client);
      return client;
    } catch (error) {
      // Abandoned while connecting: the connection, if it ever opens, is not to be trusted.
      acquiring.then((client) => client.release(true), noop);
      throw error;
    }
  }

  function release(client: pg.PoolClient, destroy: boolean): void {
    checkedOut.delete(client);
    client.release(destroy || broken.has(client) ? true : undefined);
  }

  function run<Row extends pg.QueryResultRow>(client: pg.PoolClient, query: string | pg.QueryConfig, values?: readonly unknown[]) {
    if (broken.has(client) || state !== 'up') return Promise.reject(unavailable());
    const sent = typeof query === 'string' ? client.query<Row>(query, values as unknown[]) : client.query<Row>(query);
    return waitFor(sent, client);
  }

  const kyselyPool: PostgresPool = {
    async connect() {
      const client = await acquire();
      let released = false;
      const guarded = {
        query: (sql: string, parameters: readonly unknown[]) => run(client, sql, parameters) as unknown as Promise<PostgresQueryResult<unknown>>,
        release: (destroy?: boolean) => {
          if (released) return;
          released = true;
          release(client, destroy === true);
        },
      };
      // Cursors (streaming) are not configured, so only the (sql, parameters) form is ever called.
      return guarded as unknown as PostgresPoolClient;
    },
    async end() {
      state = 'closed';
      if (ticker) clock.clearTimeout(ticker);
      if (reconnectTimer) clock.clearTimeout(reconnectTimer);
      ticker = reconnectTimer = null;
      sentinel?.end().catch(noop);
      sentinel = null;
      const last = pool;
      pool = null;
      await last?.end();
    },
  };

  return {
    pool: kyselyPool,
    async query<Row extends pg.QueryResultRow>(config: pg.QueryConfig) {
      const client = await acquire();
      let failed = false;
      try {
        return await run<Row>(client, config);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // A failed statement may leave the connection mid-protocol (pg-pool's own query() drops it too).
        release(client, failed);
      }
    },
    ping: check,
    state: () => state,
  };
}
