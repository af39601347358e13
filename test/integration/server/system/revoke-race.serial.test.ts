/**
 * No cache may serve a revoked key. Two server processes share one database (one SQLite file, or
 * PostgreSQL); each caches credentials proven under the revocation epoch. 50 clients hammer both
 * with one key; the key is revoked through one of them; every request sent after the revoke's
 * response came back must be refused, on both processes: exactly zero accepted.
 *
 * And the targeted case: a process whose cache holds a key (and an admin token) refuses it on the
 * very next request after another process revoked it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import type { DatabaseConfig } from '../../../../src/server/db/database.js';
import { createTestDatabase } from '../../../helpers/postgres.js';
import { type ServeProcess, startServeProcess } from '../serve-process.js';
import { DRIVERS, call, newOrg } from '../support.js';

const CLIENTS = 50;
/** The longest either phase (before and after the revoke) may take. */
const PHASE_CAP_MS = 5_000;

interface Shared {
  database: DatabaseConfig;
  /** What `serve` and the CLI need to open the same database. */
  args: string[];
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

async function sharedDatabase(driver: (typeof DRIVERS)[number]): Promise<Shared> {
  if (driver === 'postgres') {
    const pg = await createTestDatabase();
    return { database: { driver: 'postgres', url: pg.url, poolSize: 2 }, args: [], env: { DATABASE_URL: pg.url }, cleanup: pg.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-race-'));
  return {
    database: { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') },
    args: ['--data', dir],
    env: {},
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An organization with an admin and one key, made through an app that is closed again. */
async function seed(database: DatabaseConfig) {
  const app = await buildApp({ database });
  try {
    const org = await newOrg(app);
    const created = await org.createKey({ name: 'Raced', capabilities: ['data-record:read'] });
    return { org, keyId: created.apiKey.id, secret: created.secret! };
  } finally {
    await app.close();
  }
}

describe.each(DRIVERS)('revocation against credential caches, two processes on one %s database', (driver) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(`accepts none of the requests sent after the revoke returned (${CLIENTS} clients on both processes)`, async () => {
    const shared = await sharedDatabase(driver);
    cleanups.push(shared.cleanup);
    const { org, keyId, secret } = await seed(shared.database);
    const nodes: ServeProcess[] = await Promise.all([
      startServeProcess([...shared.args, '--access-log', 'off'], shared.env),
      startServeProcess([...shared.args, '--access-log', 'off'], shared.env),
    ]);
    cleanups.push(() => Promise.all(nodes.map((n) => n.stop())));

    // Each phase lasts until both processes have answered at least CLIENTS requests in it (bounded
    // by a time cap, so a starved machine fails the counts below rather than hanging).
    const results: { node: number; sentAt: number; status: number }[] = [];
    const answered = [
      [0, 0],
      [0, 0],
    ];
    let revokedAt = Infinity;
    let stopAt = Infinity;
    const client = async (i: number) => {
      for (let n = i; performance.now() < stopAt; n++) {
        const node = n % 2;
        const sentAt = performance.now();
        const response = await fetch(`${nodes[node]!.url}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
        await response.arrayBuffer();
        results.push({ node, sentAt, status: response.status });
        answered[sentAt > revokedAt ? 1 : 0]![node]! += 1;
      }
    };
    const phase = async (index: number, capMs: number) => {
      const cap = performance.now() + capMs;
      while (Math.min(...answered[index]!) < CLIENTS * 2 && performance.now() < cap) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    await phase(0, PHASE_CAP_MS);
    const revoke = await fetch(`${nodes[0]!.url}/api/admin/api-keys/${keyId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.adminToken}` },
    });
    revokedAt = performance.now();
    expect(revoke.status).toBe(200);
    await phase(1, PHASE_CAP_MS);
    stopAt = performance.now();
    await Promise.all(clients);

    const after = results.filter((r) => r.sentAt > revokedAt);
    const before = results.filter((r) => r.sentAt <= revokedAt);
    // Both processes served the key before (so their caches held it) and were asked after.
    for (const node of [0, 1]) {
      expect(before.filter((r) => r.node === node && r.status === 200).length).toBeGreaterThan(CLIENTS);
      expect(after.filter((r) => r.node === node).length).toBeGreaterThan(CLIENTS);
    }
    expect(after.filter((r) => r.status === 200)).toEqual([]);
    // Refused: 401, or 429 once this address is over the (shared) failed sign-in limit.
    expect(after.filter((r) => r.status !== 401 && r.status !== 429)).toEqual([]);
  });

  it("refuses a key and an admin token on the very next request after another process revoked them, while this process's cache held them", async () => {
    const shared = await sharedDatabase(driver);
    cleanups.push(shared.cleanup);
    const { org, keyId, secret } = await seed(shared.database);
    const member = await (async () => {
      const app = await buildApp({ database: shared.database });
      try {
        return await app.rakerone.people.addPerson({ orgSlug: org.slug, email: `cached@${org.slug}.test`, role: 'member' });
      } finally {
        await app.close();
      }
    })();
    const other = await startServeProcess([...shared.args, '--access-log', 'off'], shared.env);
    cleanups.push(() => other.stop());
    const cached = await buildApp({ database: shared.database });
    cleanups.push(() => cached.close());

    for (let i = 0; i < 3; i++) {
      expect((await call(cached, 'GET', '/api/me', secret)).statusCode).toBe(200);
      expect((await call(cached, 'GET', '/api/me', member.token)).statusCode).toBe(200);
    }
    // Both are served from the cache now: no lookup until the epoch moves.
    expect(cached.rakerone.authenticator.cachedCredentials()).toBe(2);

    const revoke = await fetch(`${other.url}/api/admin/api-keys/${keyId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${org.adminToken}` } });
    expect(revoke.status).toBe(200);
    expect((await call(cached, 'GET', '/api/me', secret)).statusCode).toBe(401);
    expect((await call(cached, 'GET', '/api/me', member.token)).statusCode).toBe(200);

    // An admin token revoked by the CLI (a third process).
    const { DATABASE_URL: _ignored, ...base } = process.env;
    const revokeTokens = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', 'people', 'revoke-tokens', '--org', org.slug, '--email', member.person.email, ...shared.args],
      {
        encoding: 'utf8',
        env: { ...base, ...shared.env },
        timeout: 30_000,
      },
    );
    expect(revokeTokens.status, revokeTokens.stderr).toBe(0);
    expect((await call(cached, 'GET', '/api/me', member.token)).statusCode).toBe(401);
    expect((await fetch(`${other.url}/api/me`, { headers: { authorization: `Bearer ${member.token}` } })).status).toBe(401);
  });
});
