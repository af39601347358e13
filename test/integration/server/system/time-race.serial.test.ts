/**
 * The revoke-race guarantee for time: a key whose expiry passes, and a key whose scheduled
 * revocation time passes, while 50 clients use them on two `serve` processes sharing one database
 * (one SQLite file, or PostgreSQL). No request sent at or after a key's time may be accepted, on
 * either process — with no write happening at that instant: each process's credential cache checks
 * the entry's `validUntil` against the clock on every request. The real clock, a deadline ~2 s
 * ahead, and request start times compared with it (the server reads its clock after the request
 * started, on the same machine). Bounded: the clients stop 1.5 s after the later deadline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import type { DatabaseConfig } from '../../../../src/server/db/database.js';
import { createTestDatabase } from '../../../helpers/postgres.js';
import { type ServeProcess, startServeProcess } from '../serve-process.js';
import { DRIVERS, newOrg } from '../support.js';

const CLIENTS = 50;
const LEAD_MS = 2_000;
const AFTER_MS = 1_500;

async function sharedDatabase(driver: (typeof DRIVERS)[number]) {
  if (driver === 'postgres') {
    const pg = await createTestDatabase();
    return {
      database: { driver: 'postgres', url: pg.url, poolSize: 2 } as DatabaseConfig,
      args: [] as string[],
      env: { DATABASE_URL: pg.url },
      cleanup: pg.drop,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-time-race-'));
  return {
    database: { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') } as DatabaseConfig,
    args: ['--data', dir],
    env: {},
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Wall-clock milliseconds with sub-millisecond precision (the server's clock is Date, on this machine). */
const nowMs = () => performance.timeOrigin + performance.now();

describe.each(DRIVERS)('keys whose time passes under load, two processes on one %s database', (driver) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(`accepts no request sent at or after the expiry or the scheduled revocation (${CLIENTS} clients on both processes)`, async () => {
    const shared = await sharedDatabase(driver);
    cleanups.push(shared.cleanup);
    const seedApp = await buildApp({ database: shared.database });
    const org = await newOrg(seedApp).finally(() => seedApp.close());
    const args = [...shared.args, '--access-log', 'off'];
    const nodes: ServeProcess[] = await Promise.all([startServeProcess(args, shared.env), startServeProcess(args, shared.env)]);
    cleanups.push(() => Promise.all(nodes.map((n) => n.stop())));

    const admin = { authorization: `Bearer ${org.adminToken}`, 'content-type': 'application/json' };
    const expiresAt = new Date(Date.now() + LEAD_MS).toISOString();
    const expiring = await (
      await fetch(`${nodes[0]!.url}/api/admin/api-keys`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ name: 'Expiring', capabilities: [], expiresAt }),
      })
    ).json();
    const retiring = await (
      await fetch(`${nodes[1]!.url}/api/admin/api-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Retiring', capabilities: [] }) })
    ).json();
    const retireAt = new Date(Date.now() + LEAD_MS).toISOString();
    const scheduled = await fetch(`${nodes[1]!.url}/api/admin/api-keys/${retiring.apiKey.id}/scheduled-revocation`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ at: retireAt }),
    });
    expect(scheduled.status).toBe(200);
    const keys = [
      { secret: expiring.secret as string, deadline: Date.parse(expiresAt) },
      { secret: retiring.secret as string, deadline: Date.parse(retireAt) },
    ];
    const stopAt = Math.max(...keys.map((k) => k.deadline)) + AFTER_MS;

    const results: { node: number; key: number; sentAt: number; status: number }[] = [];
    const client = async (i: number) => {
      for (let n = i; nowMs() < stopAt; n++) {
        const node = n % 2;
        const key = Math.floor(n / 2) % 2;
        const sentAt = nowMs();
        const response = await fetch(`${nodes[node]!.url}/api/me`, { headers: { authorization: `Bearer ${keys[key]!.secret}` } });
        await response.arrayBuffer();
        results.push({ node, key, sentAt, status: response.status });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));

    for (const [key, { deadline }] of keys.entries()) {
      const before = results.filter((r) => r.key === key && r.sentAt < deadline);
      const after = results.filter((r) => r.key === key && r.sentAt >= deadline);
      for (const node of [0, 1]) {
        // Both processes served the key before its time (so their caches held it) and were asked after.
        expect(before.filter((r) => r.node === node && r.status === 200).length, `key ${key} node ${node} before`).toBeGreaterThan(0);
        expect(after.filter((r) => r.node === node).length, `key ${key} node ${node} after`).toBeGreaterThan(0);
      }
      expect(after.filter((r) => r.status === 200)).toEqual([]);
      // Refused: 401, or 429 once this address is over the (shared) failed sign-in limit.
      expect(after.filter((r) => r.status !== 401 && r.status !== 429)).toEqual([]);
    }
  });
});
