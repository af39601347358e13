/**
 * `npm run bench:server`: what authentication costs. Side by side in one run, alternating, on
 * loopback: a bare Fastify route vs. authenticated `GET /api/me` with an API key (one indexed
 * lookup by SHA-256 among BENCH_KEYS keys, plus the org's projects), on SQLite and then on
 * PostgreSQL when it is reachable. Prints req/s and p99 of each and their ratio.
 *
 * The servers run in a child process and autocannon in this one, so load generation and serving do
 * not share an event loop. The bare route returns the same bytes as /api/me, so the ratio measures
 * authentication and the database, not payload size. Goal on SQLite: ratio ≥ 0.75.
 *
 * Machines here are shared and their load swings within seconds, so the targets alternate in short
 * runs and the ratio reported is the median of the per-round ratios (each round measures both
 * targets back to back, under about the same background load); req/s and p99 are medians too.
 * The server's own CPU time per request is printed as well (for PostgreSQL it excludes the database
 * server's CPU, which runs on the same machine).
 *
 * Knobs (env): BENCH_SECONDS per run (2), BENCH_ROUNDS (7), BENCH_CONNECTIONS (50), BENCH_KEYS (20000).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { DatabaseConfig } from '../src/server/db/database.js';
import { newId } from '../src/server/lib/ids.js';
import { generateSecret, hashSecret, hintOf } from '../src/shared/key-format.js';
import { createTestDatabase, isPostgresReachable } from '../test/helpers/postgres.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const KEYS = Number(process.env.BENCH_KEYS ?? 20_000);

interface Targets {
  bareUrl: string;
  meUrl: string;
  apiKey: string;
}

/** Child side: seed the database, start both servers, report their URLs, serve until killed. */
async function serveTargets(database: DatabaseConfig): Promise<void> {
  const app = await buildApp({ database });
  const admin = await app.rakerone.people.addPerson({ orgSlug: 'bench', email: 'admin@bench.test', role: 'admin' });
  const now = new Date().toISOString();
  const rows = Array.from({ length: KEYS }, (_, i) => {
    const secret = generateSecret('apiKey');
    return {
      id: newId(),
      organization_id: admin.organization.id,
      name: `Key ${i}`,
      capabilities: JSON.stringify(['playbook-run:start', 'data-record:read', 'data-record:write']),
      can_impersonate: 0,
      secret_hash: hashSecret(secret),
      hint: hintOf(secret),
      created_at: now,
      created_by_id: admin.person.id,
      created_by_name: admin.person.name,
      last_used_at: null,
      revoked_at: null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await app.rakerone.db.kysely.insertInto('api_keys').values(rows.slice(i, i + 500)).execute();
  const created = await app.inject({
    method: 'POST',
    url: '/api/admin/api-keys',
    headers: { authorization: `Bearer ${admin.token}` },
    payload: { name: 'Benchmark', capabilities: ['playbook-run:start', 'data-record:read', 'data-record:write'] },
  });
  const apiKey = created.json<{ secret: string }>().secret;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${apiKey}` } });
  const meBody = me.body;
  // Every API response carries an X-Request-Id; the bare route sends one of the same length, so both
  // responses have the same bytes (the report prints bytes per response to show it).
  const requestId = 'b'.repeat(String(me.headers['x-request-id']).length);

  const bare = Fastify({ logger: false });
  bare.get('/bare', async (_request, reply) => reply.header('x-request-id', requestId).type('application/json; charset=utf-8').send(meBody));
  await bare.listen({ host: '127.0.0.1', port: 0 });

  const port = (s: { server: { address(): unknown } }) => (s.server.address() as { port: number }).port;
  const targets: Targets = { bareUrl: `http://127.0.0.1:${port(bare)}/bare`, meUrl: `http://127.0.0.1:${port(app)}/api/me`, apiKey };
  // The parent asks for the CPU time used since its last question: server CPU per request is the
  // steadiest number on a busy machine, as it does not depend on how much CPU the load generator got.
  let since = process.cpuUsage();
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const used = process.cpuUsage(since);
    since = process.cpuUsage();
    process.send?.({ cpuMicros: used.user + used.system });
  });
  process.send?.(targets);
  process.on('SIGTERM', () => void Promise.all([app.close(), bare.close()]).then(() => process.exit(0)));
}

interface Sample {
  requests: number;
  seconds: number;
  p99: number;
  /** Server CPU (user + system) per request, in µs. */
  cpuPerRequest: number;
  /** Response bytes (headers and body) per request. */
  bytesPerResponse: number;
}

/** The benchmark's report goes to stdout. */
function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
    child.send('cpu');
  });
}

async function load(child: ChildProcess, url: string, headers: Record<string, string>, seconds: number): Promise<Sample> {
  await serverCpu(child);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  const cpu = await serverCpu(child);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p99: result.latency.p99,
    cpuPerRequest: cpu / result.requests.total,
    // `throughput` is left out of bench/autocannon.d.ts (shared with other benches): read it here.
    bytesPerResponse: (result as unknown as { throughput: { total: number } }).throughput.total / result.requests.total,
  };
}

function startChild(driver: 'sqlite' | 'postgres', database: DatabaseConfig): Promise<{ child: ChildProcess; targets: Targets }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', JSON.stringify(database)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (targets) => resolve({ child, targets: targets as Targets }));
    child.once('exit', (code) => reject(new Error(`${driver} server exited with ${code}`)));
  });
}

async function benchDriver(driver: 'sqlite' | 'postgres', database: DatabaseConfig) {
  const { child, targets } = await startChild(driver, database);
  try {
    const auth = { authorization: `Bearer ${targets.apiKey}` };
    // Warm-up: JIT, connection pools, statement caches.
    await load(child, targets.bareUrl, {}, 2);
    await load(child, targets.meUrl, auth, 2);
    const bare: Sample[] = [];
    const me: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await load(child, targets.bareUrl, {}, SECONDS));
      me.push(await load(child, targets.meUrl, auth, SECONDS));
    }
    const rps = (sample: Sample) => sample.requests / sample.seconds;
    const ratios = me.map((sample, i) => rps(sample) / rps(bare[i]!));
    return {
      driver,
      bare: { rps: median(bare.map(rps)), p99: median(bare.map((s) => s.p99)), cpu: median(bare.map((s) => s.cpuPerRequest)) },
      me: { rps: median(me.map(rps)), p99: median(me.map((s) => s.p99)), cpu: median(me.map((s) => s.cpuPerRequest)) },
      ratio: median(ratios),
      ratios,
      bytes: { bare: median(bare.map((s) => s.bytesPerResponse)), me: median(me.map((s) => s.bytesPerResponse)) },
    };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main() {
  print(`bench:server — ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS}s per target, ${KEYS} keys in the table; medians\n`);
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-bench-'));
  try {
    results.push(await benchDriver('sqlite', { driver: 'sqlite', filename: join(dir, 'bench.sqlite') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (await isPostgresReachable()) {
    const pg = await createTestDatabase();
    try {
      results.push(await benchDriver('postgres', { driver: 'postgres', url: pg.url }));
    } finally {
      await pg.drop();
    }
  } else {
    print('PostgreSQL is not reachable: skipped.\n');
  }

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
  print('driver     target                 req/s    p99 ms   server CPU µs/req');
  const cpu = (n: number) => n.toFixed(1).padStart(10);
  for (const r of results) {
    print(`${r.driver.padEnd(10)} bare Fastify route  ${fmt(r.bare.rps)}  ${String(r.bare.p99).padStart(8)}  ${cpu(r.bare.cpu)}`);
    print(`${r.driver.padEnd(10)} GET /api/me (key)   ${fmt(r.me.rps)}  ${String(r.me.p99).padStart(8)}  ${cpu(r.me.cpu)}`);
    const goal = r.driver === 'sqlite' ? `  (goal ≥ 0.75: ${r.ratio >= 0.75 ? 'met' : 'NOT met'})` : '';
    print(`${r.driver.padEnd(10)} ratio /api/me ÷ bare: ${r.ratio.toFixed(2)}${goal}   per round: ${r.ratios.map((x) => x.toFixed(2)).join(' ')}`);
    // What the ratio would be where the server alone limits throughput: steady under background load,
    // when the req/s ratio above swings with whatever else the machine is doing.
    print(`${r.driver.padEnd(10)} CPU-bound ratio (bare µs ÷ /api/me µs): ${(r.bare.cpu / r.me.cpu).toFixed(2)}`);
    print(`${r.driver.padEnd(10)} bytes per response: bare ${Math.round(r.bytes.bare)}, /api/me ${Math.round(r.bytes.me)}\n`);
  }
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  void serveTargets(JSON.parse(process.argv[serveIndex + 1]!) as DatabaseConfig);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
