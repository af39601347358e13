/**
 * `npx tsx bench/auth-check.bench.ts`: what the per-request proof of a cached credential costs,
 * against the full lookup it replaces, on the real schema (20,000 keys).
 *
 * SQLite (the hot path's read-only connection): the revocation epoch read, `PRAGMA data_version`,
 * and the full lookup by hash — in a tight loop, and with 4 MB of other memory touched between
 * calls (what a server does between two requests: it evicts SQLite's pages from the CPU caches).
 *
 * PostgreSQL: the epoch read vs the full lookup through `pg` with named (prepared) statements, 50
 * concurrent callers on a pool of 10; and, when the `postgres` package is installed
 * (`npm install --no-save postgres`), the same through it (it prepares and pipelines by default).
 * Prints µs per call (SQLite) and calls per second (PostgreSQL), medians of 5 rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { HOT_SQL } from '../src/server/db/database.js';
import { createTestDatabase, isPostgresReachable } from '../test/helpers/postgres.js';
import { seed } from './server-targets.js';

const KEYS = 20_000;
const ROUNDS = 5;

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const churn = new Uint8Array(4 * 1024 * 1024);
function touchMemory(): void {
  for (let i = 0; i < churn.length; i += 64) churn[i] = (churn[i]! + 1) & 0xff;
}

function perCallMicros(run: () => unknown, calls: number, between?: () => void): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let spent = 0n;
    for (let i = 0; i < calls; i++) {
      between?.();
      const start = process.hrtime.bigint();
      run();
      spent += process.hrtime.bigint() - start;
    }
    rounds.push(Number(spent) / 1000 / calls);
  }
  return median(rounds);
}

async function sqlite(root: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-check-'));
  try {
    const filename = join(dir, 'rakerone.sqlite');
    const { apiKey } = await seed(root, { driver: 'sqlite', filename }, KEYS);
    const { hashSecret } = await import('../src/shared/key-format.js');
    const hash = hashSecret(apiKey);
    const reader = new BetterSqlite3(filename, { readonly: true });
    const epoch = reader.prepare(HOT_SQL.authEpoch).pluck(true);
    const lookup = reader.prepare(HOT_SQL.apiKeyByHash.replace(/\$\d+/g, '?')).raw(true);
    const dataVersion = reader.prepare('PRAGMA data_version').pluck(true);
    const checks: [string, () => unknown][] = [
      ['epoch read (SELECT epoch FROM auth_epoch)', () => epoch.get()],
      ['PRAGMA data_version (prepared)', () => dataVersion.get()],
      ['full lookup by hash (with epoch)', () => lookup.get(hash)],
    ];
    print('SQLite, per call µs        tight loop   4 MB touched between calls');
    for (const [name, run] of checks) {
      const tight = perCallMicros(run, 20_000);
      const churned = perCallMicros(run, 2_000, touchMemory);
      print(`  ${name.padEnd(42)} ${tight.toFixed(2).padStart(6)}   ${churned.toFixed(2).padStart(6)}`);
    }
    reader.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function throughput(call: () => Promise<unknown>, seconds = 2, concurrency = 50): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let calls = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await call();
          calls++;
        }
      }),
    );
    rounds.push(calls / seconds);
  }
  return median(rounds);
}

async function postgres(root: string): Promise<void> {
  const db = await createTestDatabase();
  try {
    const { apiKey } = await seed(root, { driver: 'postgres', url: db.url }, KEYS);
    const { hashSecret } = await import('../src/shared/key-format.js');
    const hash = hashSecret(apiKey);
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const cpu = async (name: string, call: () => Promise<unknown>) => {
      const before = process.cpuUsage();
      const rate = await throughput(call);
      const used = process.cpuUsage(before);
      print(
        `  ${name.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(8)}/s   client CPU ${((used.user + used.system) / (rate * 2 * ROUNDS)).toFixed(1)} µs/call`,
      );
    };
    print('PostgreSQL, 50 concurrent callers, pool of 10');
    await cpu('pg: epoch read (named statement)', () => pool.query({ name: 'e', text: HOT_SQL.authEpoch, values: [] }));
    await cpu('pg: full lookup (named statement)', () => pool.query({ name: 'l', text: HOT_SQL.apiKeyByHash, values: [hash] }));
    await cpu('pg: full lookup (unnamed: parse every time)', () => pool.query(HOT_SQL.apiKeyByHash, [hash]));
    await pool.end();
    let porsager:
      ((url: string, options: object) => { unsafe(text: string, values: unknown[], options: object): Promise<unknown>; end(): Promise<void> }) | undefined;
    try {
      porsager = ((await import('postgres' as string)) as { default: typeof porsager }).default;
    } catch {
      print('  (postgres package not installed: `npm install --no-save postgres` to compare it)');
    }
    if (porsager) {
      const sql = porsager(db.url, { max: 10 });
      await cpu('postgres: epoch read (prepared)', () => sql.unsafe(HOT_SQL.authEpoch, [], { prepare: true }));
      await cpu('postgres: full lookup (prepared)', () => sql.unsafe(HOT_SQL.apiKeyByHash, [hash], { prepare: true }));
      await sql.end();
    }
  } finally {
    await db.drop();
  }
}

async function main() {
  const root = join(new URL('.', import.meta.url).pathname, '..');
  await sqlite(root);
  print();
  if (await isPostgresReachable()) await postgres(root);
  else print('PostgreSQL is not reachable: skipped.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
