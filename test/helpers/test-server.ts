/**
 * A real RakerOne API server for tests of the main process and end-to-end tests: listening on
 * 127.0.0.1 (a free port), on a fresh SQLite file in a temp folder (or a fresh PostgreSQL database),
 * with one organization ("acme", seeded with the project "Operations") and one Admin.
 *
 *   const server = await startTestServer();            // { driver: 'postgres' } for PostgreSQL
 *   server.url          // 'http://127.0.0.1:41234' (no trailing slash; the API is under /api)
 *   server.adminToken   // admin access token (rkr_adm_…) of admin@acme.test, role admin
 *   server.projectId    // id of the seed project "Operations"
 *   const { token, person } = await server.addPerson('member', { email: 'm@acme.test' });
 *   await server.stop();   // the server goes away (connections refused): "offline"
 *   await server.start();  // back on the same port with the same database and tokens
 *   await server.close();  // stop and delete the database (call it in afterAll/afterEach)
 *
 * stop() is graceful: pending "last used" and key-usage writes are flushed first. `lastUsedIntervalMs`
 * defaults to 0 here (every use is written at once) so tests see lastUsedAt and a key's per-capability
 * usage (GET /admin/api-keys/{id}/usage) without waiting; pass the production
 * 60000 to test coalescing. `authFailureLimits` defaults to the production 20 per minute.
 * `setClockOffset(ms)` moves the server's clock (AppOptions.clock) away from real time, e.g. back 31
 * days to create a key that is already "old", then `setClockOffset(0)` to use it now.
 * `addPerson` needs the server running. Everything is loopback only and nothing is logged unless
 * `logger` is given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/shared/capabilities.js';
import type { AppOptions } from '../../src/server/config/app-options.js';
import type { DatabaseConfig } from '../../src/server/db/database.js';
import { systemClock, type Clock } from '../../src/server/lib/clock.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { createTestDatabase } from './postgres.js';

export interface TestServerOptions {
  driver?: 'sqlite' | 'postgres';
  lastUsedIntervalMs?: number;
  authFailureLimits?: AppOptions['authFailureLimits'];
  logger?: AppOptions['logger'];
  /** `serve --trust-proxy`: e.g. '127.0.0.1' lets a test's requests say their client address in X-Forwarded-For. */
  trustProxy?: AppOptions['trustProxy'];
}

export interface TestPerson {
  id: string;
  email: string;
}

export interface TestServer {
  url: string;
  adminToken: string;
  admin: TestPerson;
  organization: { id: string; slug: string };
  projectId: string;
  /** Adds a person to the organization (default email `<role>-<n>@acme.test`) with a new admin access token. */
  addPerson(role: Role, opts?: { email?: string; name?: string }): Promise<{ token: string; person: TestPerson }>;
  /** The running Fastify instance (for inject() or internals); throws while stopped. */
  app(): FastifyInstance;
  /** The server's clock runs this many ms from real time (0: real time, the default). */
  setClockOffset(ms: number): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_ORG_SLUG = 'acme';

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const driver = opts.driver ?? 'sqlite';
  let database: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (driver === 'postgres') {
    const pg = await createTestDatabase();
    database = { driver: 'postgres', url: pg.url, poolSize: 4 };
    cleanup = pg.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'rakerone-test-server-'));
    database = { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  let clockOffsetMs = 0;
  const clock: Clock = { ...systemClock, now: () => Date.now() + clockOffsetMs };
  const appOptions: AppOptions = {
    database,
    clock,
    lastUsedIntervalMs: opts.lastUsedIntervalMs ?? 0,
    authFailureLimits: opts.authFailureLimits,
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy,
  };

  let running: RunningServer | null = null;
  let port = 0;
  let personCount = 0;
  try {
    running = await startServer({ ...appOptions, host: '127.0.0.1', port });
  } catch (error) {
    await cleanup();
    throw error;
  }
  port = running.port;

  const runningApp = (): FastifyInstance => {
    if (!running) throw new Error('The test server is stopped: call start() first');
    return running.app;
  };

  const first = await runningApp().rakerone.people.addPerson({ orgSlug: TEST_ORG_SLUG, email: 'admin@acme.test', role: 'admin', name: 'Ada Admin' });
  const projects = await runningApp().rakerone.db.hot.projectsOf(first.organization.id);
  const projectId = projects[0]?.id;
  if (!projectId) throw new Error('The seed project is missing');

  const server: TestServer = {
    url: running.url,
    adminToken: first.token,
    admin: { id: first.person.id, email: first.person.email },
    organization: { id: first.organization.id, slug: first.organization.slug },
    projectId,
    async addPerson(role, personOpts = {}) {
      personCount += 1;
      const email = personOpts.email ?? `${role}-${personCount}@acme.test`;
      const result = await runningApp().rakerone.people.addPerson({ orgSlug: TEST_ORG_SLUG, email, role, name: personOpts.name });
      return { token: result.token, person: { id: result.person.id, email: result.person.email } };
    },
    app: runningApp,
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    async stop() {
      if (!running) return;
      const current = running;
      running = null;
      await current.close();
    },
    async start() {
      if (running) return;
      running = await startServer({ ...appOptions, host: '127.0.0.1', port });
    },
    async close() {
      await server.stop();
      await cleanup();
    },
  };
  return server;
}
