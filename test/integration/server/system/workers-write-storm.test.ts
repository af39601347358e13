/**
 * Issue 18, fault: `serve --workers 2` on one SQLite file under a write storm — failed sign-ins from
 * many addresses (each a write of the shared count), key creates (key, audit event, idempotency row)
 * and key usage (a record created per request, with "last used" and per-capability usage written
 * every time: interval 0). The processes take turns on the database's one write lock, and so that
 * the wait is long and certain, this test also holds that lock itself, HOLDS times for HOLD_MS, as
 * another process (a `people add`, a backup) would. Each worker measures its own event loop
 * (lib/event-loop-monitor.ts) and logs the worst delay when it stops.
 *
 * Before the fix a write waited in SQLite's busy handler, inside the statement, with the worker's
 * event loop held: each hold stopped a worker for about HOLD_MS. Now the write waits on a timer and
 * the loop keeps serving. The issue's bound is 200 ms; this machine is shared by many test runs (load
 * averages of 10–20 on 2 cores are common), and a starved process also shows up as loop delay, so the
 * assertion allows BOUND_MS, half a hold — a worker held by the busy wait shows the whole hold — and
 * the measured maximum is printed. (600 ms was too little: in a full `npm test`, beside CPU-bound
 * files on two cores, a worker measured 557 ms with the fix in place.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { generateSecret } from '../../../../src/shared/key-format.js';
import { startServeProcess } from '../serve-process.js';
import { newOrg } from '../support.js';

const STORM_MS = 8_000;
const CLIENTS_PER_KIND = 4;
const HOLDS = 2;
const HOLD_MS = 2_000;
/** The issue's 200 ms, with room for a starved process on a loaded shared machine: half a hold. */
const BOUND_MS = HOLD_MS / 2;

const dir = mkdtempSync(join(tmpdir(), 'rakerone-storm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve --workers 2 on SQLite under a write storm', () => {
  it(`never holds a worker's event loop while it waits for the write lock`, { timeout: 90_000 }, async () => {
    const filename = join(dir, 'rakerone.sqlite');
    const seed = await buildApp({ database: { driver: 'sqlite', filename } });
    const org = await newOrg(seed);
    const { secret } = await org.createKey({ name: 'Importer', capabilities: ['data-record:write'] });
    await seed.close();

    const server = await startServeProcess(['--data', dir, '--workers', '2', '--access-log', 'off', '--trust-proxy', '127.0.0.1'], {
      RAKERONE_LAST_USED_INTERVAL_MS: '0',
    });
    const statuses = new Map<string, number>();
    const count = (kind: string, status: number) => statuses.set(`${kind} ${status}`, (statuses.get(`${kind} ${status}`) ?? 0) + 1);
    const deadline = Date.now() + STORM_MS;
    const storm = async (kind: string, send: () => Promise<Response>) => {
      while (Date.now() < deadline) {
        const res = await send();
        await res.arrayBuffer();
        count(kind, res.status);
      }
    };
    const json = { 'content-type': 'application/json' };
    const kinds = {
      // Each from another client address: each failure is a write of the shared count.
      signIn: () =>
        fetch(`${server.url}/api/me`, {
          headers: { authorization: `Bearer ${generateSecret('apiKey')}`, 'x-forwarded-for': `10.${randomBytes(3).join('.')}` },
        }),
      create: () =>
        fetch(`${server.url}/api/admin/api-keys`, {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${org.adminToken}`, 'idempotency-key': randomBytes(12).toString('hex') },
          body: JSON.stringify({ name: 'Storm', capabilities: ['data-record:read'] }),
        }),
      usage: () =>
        fetch(`${server.url}/api/projects/${org.projectId}/records`, {
          method: 'POST',
          headers: { ...json, authorization: `Bearer ${secret}` },
          body: JSON.stringify({ fields: { n: 1 } }),
        }),
    };
    // Another process holding the write lock, now and then.
    const holder = new BetterSqlite3(filename, { timeout: 5_000 });
    const holds = (async () => {
      for (let i = 0; i < HOLDS; i++) {
        await new Promise((resolve) => setTimeout(resolve, STORM_MS / (HOLDS + 1) - HOLD_MS / 2));
        holder.exec('BEGIN IMMEDIATE');
        await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
        holder.exec('COMMIT');
      }
    })();
    await Promise.all([holds, ...Object.entries(kinds).flatMap(([kind, send]) => Array.from({ length: CLIENTS_PER_KIND }, () => storm(kind, send)))]);
    holder.close();
    expect(await server.stop()).toBe(0);

    const lines = server
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; pid: number; eventLoop?: { maxMs: number; p99Ms: number } });
    const reports = lines.filter((line) => line.msg === 'event loop delay');
    const maxMs = Math.max(...reports.map((line) => line.eventLoop!.maxMs));
    console.warn(
      `[workers-write-storm] ${JSON.stringify(Object.fromEntries(statuses))}; ${HOLDS} holds of ${HOLD_MS} ms; worst event-loop delay per worker: ${reports.map((r) => `${r.eventLoop!.maxMs} ms (p99 ${r.eventLoop!.p99Ms} ms)`).join(', ')}`,
    );

    // The storm happened: every kind was answered, and nothing failed on the database.
    expect(statuses.get('signIn 401')).toBeGreaterThan(0);
    expect(statuses.get('create 201')).toBeGreaterThan(0);
    expect(statuses.get('usage 201')).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((key) => !/ (201|401)$/.test(key))).toEqual([]);
    expect(new Set(reports.map((r) => r.pid)).size).toBe(2);
    expect(maxMs).toBeLessThan(BOUND_MS);
  });
});
