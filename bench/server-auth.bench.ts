/**
 * `npm run bench:server`: what authentication costs in the server as shipped. Side by side in one
 * run, alternating, on loopback, 50 connections:
 *
 *   hello      bare Fastify `GET /hello` (a tiny JSON body, no logging)
 *   same       bare Fastify route answering the exact bytes `/api/me` sends
 *   me         `GET /api/me` with an API key on `serve` as a person runs it (default flags: access
 *              log on, info level, to stderr — a file here, as under a supervisor), one worker
 *   me ×2      the same with `--workers 2`
 *   records    `GET /api/projects/{id}/records` (capability data-record:read) with the same key, on a
 *              `serve` of its own, as shipped: an authenticated capability route, its use recorded per
 *              capability (GET /admin/api-keys/{id}/usage)
 *   records on / records off  the same route on `serve` started through bench/serve-variant.ts (the
 *              same runServerProcess with the CLI's defaults) with usage recording as shipped (on)
 *              and with only it switched off (AppOptions recordKeyUsage: false); processes of their
 *              own with the same history. `records on ÷ records off` is what recording costs (1.00:
 *              nothing measurable; below 1: slower with it); `records ÷ records on` checks that the
 *              launcher measures as the shipped `serve` does (should be about 1).
 *   me activity on / me activity off  `GET /api/me` on two more variant processes: key activity
 *              recording (requests, refusals, sources per day) as shipped, and only it switched off
 *              (AppOptions recordKeyActivity: false). `me activity on ÷ me activity off` is its cost.
 *   me allowed 50  `GET /api/me` on the `me` process with another key of the same capabilities that
 *              has 50 allowed blocks, the last one covering the loopback client: `me allowed 50 ÷ me`
 *              is what checking a full allowed list costs.
 *
 * Goals (the run exits 1 when a ratio misses one): `me activity on ÷ me activity off` ≥ 0.97,
 * `me allowed 50 ÷ me` ≥ 0.97 and `me ÷ hello` (serve as shipped against the bare route) ≥ 0.7, each
 * the median of per-round ratios.
 *
 * on SQLite (20,000 keys in the table) and on PostgreSQL when it is reachable. Every target is a
 * child process; autocannon runs in this one. Prints medians of req/s, p99 and server CPU time per
 * request (the process and its workers, from /proc), and the median of the per-round ratios: each
 * round measures every target back to back under about the same background load, which is what
 * makes ratios meaningful on a shared machine when absolute req/s are not; every other round runs
 * them in reverse order, so that no target always comes right after the same one.
 *
 * BENCH_SERVER_ROOT=/path/to/other/checkout measures that checkout's `serve` the same way (its
 * default flags; no workers when it has none), for before/after numbers from one harness.
 * A fresh process takes several seconds of load to warm up (JIT tiers; longer on a busy machine),
 * so each target first gets BENCH_WARMUP seconds of the same load, unmeasured.
 *
 * Knobs (env): BENCH_SECONDS per run (2), BENCH_WARMUP (5), BENCH_ROUNDS (5), BENCH_CONNECTIONS (50), BENCH_KEYS (20000),
 * BENCH_DRIVERS (sqlite,postgres), BENCH_WORKERS (1,2).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Clock } from '../src/server/lib/clock.js';
import type { createActivityTracker as CreateActivityTracker } from '../src/server/modules/activity/activity-tracker.js';
import type { createKeyUsageTracker as CreateKeyUsageTracker } from '../src/server/modules/usage/key-usage-tracker.js';
import { createTestDatabase, isPostgresReachable } from '../test/helpers/postgres.js';
import { type Target, seed, startBare, startShipped, startVariant, treeCpuMicros } from './server-targets.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const KEYS = Number(process.env.BENCH_KEYS ?? 20_000);
const DRIVERS = (process.env.BENCH_DRIVERS ?? 'sqlite,postgres').split(',');
const ROOT = resolve(process.env.BENCH_SERVER_ROOT ?? join(fileURLToPath(import.meta.url), '../..'));
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);

interface Sample {
  rps: number;
  p99: number;
  /** Server CPU (user + system, all its processes) per request, in µs. */
  cpu: number;
}

interface Measured {
  name: string;
  target: Target;
  url: string;
  headers: Record<string, string>;
  samples: Sample[];
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function load(m: Measured, seconds: number): Promise<Sample> {
  const cpuBefore = treeCpuMicros(m.target.child.pid!);
  const result = await autocannon({ url: m.url, headers: m.headers, connections: CONNECTIONS, duration: seconds });
  const cpu = treeCpuMicros(m.target.child.pid!) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${m.name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rps: result.requests.total / result.duration, p99: result.latency.p99, cpu: cpu / result.requests.total };
}

async function benchDriver(driver: string, dir: string) {
  let database: { driver: 'sqlite'; filename: string } | { driver: 'postgres'; url: string };
  let env: NodeJS.ProcessEnv = {};
  let args: string[] = [];
  let drop: () => Promise<void> = async () => undefined;
  if (driver === 'postgres') {
    const pg = await createTestDatabase();
    database = { driver: 'postgres', url: pg.url };
    env = { DATABASE_URL: pg.url };
    drop = pg.drop;
  } else {
    database = { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') };
    args = ['--data', dir];
  }
  const targets: Target[] = [];
  try {
    const { apiKey, restrictedKey, projectId } = await seed(ROOT, database, KEYS);
    const auth = { authorization: `Bearer ${apiKey}` };
    const supportsWorkers = readFileSync(join(ROOT, 'src/server/cli.ts'), 'utf8').includes('--workers');
    const measured: Measured[] = [];
    for (const workers of supportsWorkers ? WORKERS : [1]) {
      const target = await startShipped(
        ROOT,
        [...args, ...(workers > 1 ? ['--workers', String(workers)] : [])],
        env,
        join(dir, `serve-${driver}-${workers}.log`),
      );
      targets.push(target);
      measured.push({ name: workers === 1 ? 'me' : `me x${workers}`, target, url: `${target.url}/api/me`, headers: auth, samples: [] });
      // Allowed addresses: the same process and route, a key whose 50-block list is checked on every request.
      if (workers === 1 && restrictedKey !== undefined) {
        measured.push({ name: 'me allowed 50', target, url: `${target.url}/api/me`, headers: { authorization: `Bearer ${restrictedKey}` }, samples: [] });
      }
    }
    // The capability route: `serve` as shipped (usage recorded) and, where the checkout can switch
    // recording off, the same server without it; each a process of its own, used for nothing else.
    const recordsPath = `/api/projects/${projectId}/records`;
    const records = await startShipped(ROOT, args, env, join(dir, `serve-${driver}-records.log`));
    targets.push(records);
    measured.push({ name: 'records', target: records, url: `${records.url}${recordsPath}`, headers: auth, samples: [] });
    const canSwitchUsage =
      existsSync(join(ROOT, 'bench/serve-variant.ts')) && readFileSync(join(ROOT, 'src/server/config/app-options.ts'), 'utf8').includes('recordKeyUsage');
    if (canSwitchUsage) {
      for (const recordKeyUsage of [true, false]) {
        const variant = await startVariant(ROOT, { recordKeyUsage }, args, env, join(dir, `serve-${driver}-usage-${recordKeyUsage}.log`));
        targets.push(variant);
        measured.push({ name: `records ${recordKeyUsage ? 'on' : 'off'}`, target: variant, url: `${variant.url}${recordsPath}`, headers: auth, samples: [] });
      }
    }
    // Key activity: the cheapest authenticated route, where recording's share is the largest.
    const canSwitchActivity =
      existsSync(join(ROOT, 'bench/serve-variant.ts')) && readFileSync(join(ROOT, 'src/server/config/app-options.ts'), 'utf8').includes('recordKeyActivity');
    if (canSwitchActivity) {
      for (const recordKeyActivity of [true, false]) {
        const variant = await startVariant(ROOT, { recordKeyActivity }, args, env, join(dir, `serve-${driver}-activity-${recordKeyActivity}.log`));
        targets.push(variant);
        measured.push({ name: `me activity ${recordKeyActivity ? 'on' : 'off'}`, target: variant, url: `${variant.url}/api/me`, headers: auth, samples: [] });
      }
    }
    const me = await fetch(measured[0]!.url, { headers: auth });
    const body = await me.text();
    const bare = await startBare(body, (me.headers.get('x-request-id') ?? '').length);
    targets.push(bare);
    measured.unshift(
      { name: 'hello', target: bare, url: `${bare.url}/hello`, headers: {}, samples: [] },
      { name: 'same', target: bare, url: `${bare.url}/same`, headers: {}, samples: [] },
    );
    // Warm-up: JIT, pools, statement caches, the credential cache.
    for (const m of measured) await load(m, WARMUP);
    // Odd rounds run the targets in reverse order, so no target always follows the same one (ABBA).
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? measured : [...measured].reverse();
      for (const m of order) m.samples.push(await load(m, SECONDS));
    }
    return { driver, measured };
  } finally {
    for (const target of targets) await target.stop();
    await drop();
  }
}

/** Ratios with a goal: the median per-round req/s ratio must reach it, or the run fails. */
const GOALS: Record<string, number> = { 'me ÷ hello': 0.7, 'me activity on ÷ me activity off': 0.97, 'me allowed 50 ÷ me': 0.97 };
const missed: string[] = [];

function report(driver: string, measured: Measured[]): void {
  const fmt = (n: number, width = 8) => Math.round(n).toLocaleString('en-US').padStart(width);
  print(`${driver}: target                req/s    p99 ms   server CPU µs/req`);
  for (const m of measured) {
    print(
      `${driver}: ${m.name.padEnd(16)} ${fmt(median(m.samples.map((s) => s.rps)))}  ${String(median(m.samples.map((s) => s.p99))).padStart(8)}  ${median(
        m.samples.map((s) => s.cpu),
      )
        .toFixed(1)
        .padStart(10)}`,
    );
  }
  const byName = new Map(measured.map((m) => [m.name, m]));
  const ratio = (a: string, b: string) => {
    const x = byName.get(a);
    const y = byName.get(b);
    if (!x || !y) return null;
    // A round where a target answered nothing at all (a machine overloaded for seconds) has no ratio.
    const perRound = x.samples.flatMap((s, i) => (s.rps > 0 && y.samples[i]!.rps > 0 ? [s.rps / y.samples[i]!.rps] : []));
    const cpu = median(y.samples.map((s) => s.cpu)) / median(x.samples.map((s) => s.cpu));
    return { median: median(perRound), perRound, cpu };
  };
  for (const [a, b] of [
    ['me', 'hello'],
    ['me', 'same'],
    ['me x2', 'hello'],
    ['me x2', 'me'],
    ['records on', 'records off'],
    ['records', 'records on'],
    ['me activity on', 'me activity off'],
    ['me allowed 50', 'me'],
  ] as const) {
    const r = ratio(a, b);
    if (!r) continue;
    const cpu = a === 'me x2' && b === 'me' ? '' : `   CPU-bound (µs ${b} ÷ µs ${a}): ${r.cpu.toFixed(2)}`;
    const goal = GOALS[`${a} ÷ ${b}`];
    const verdict = goal === undefined ? '' : r.median >= goal ? `   goal ≥ ${goal}: met` : `   goal ≥ ${goal}: MISSED`;
    if (goal !== undefined && !(r.median >= goal)) missed.push(`${driver}: ${a} ÷ ${b} ${r.median.toFixed(2)} < ${goal}`);
    print(`${driver}: ratio ${`${a} ÷ ${b}`.padEnd(32)} ${r.median.toFixed(2)}   per round: ${r.perRound.map((x) => x.toFixed(2)).join(' ')}${cpu}${verdict}`);
  }
  print();
}

/**
 * What usage recording adds to a request, without HTTP or the load generator's noise: the CPU time of the call the
 * authorization hook makes for an admitted key request (key-usage-tracker.ts), in a tight loop over
 * 1,000 keys, mostly in the interval's gathering phase as under load. Null for a checkout without it.
 */
async function usageRecordingNanos(): Promise<number | null> {
  const file = join(ROOT, 'src/server/modules/usage/key-usage-tracker.ts');
  if (!existsSync(file)) return null;
  const { createKeyUsageTracker } = (await import(file)) as { createKeyUsageTracker: typeof CreateKeyUsageTracker };
  const { systemClock } = (await import(join(ROOT, 'src/server/lib/clock.ts'))) as { systemClock: Clock };
  const tracker = createKeyUsageTracker({ write: async () => undefined, clock: systemClock, intervalMs: 60_000, onError: () => undefined });
  const keys = Array.from({ length: 1_000 }, (_, i) => `key-${i}`);
  // CPU time of this process, not wall time: what the call costs, however busy the machine is.
  const run = (calls: number) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) tracker.exercised(keys[i % keys.length]!, i % 3 === 0 ? 'data-record:read' : 'data-record:write', i % 7 === 0);
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1_000) / calls;
  };
  run(200_000);
  const samples = [run(1_000_000), run(1_000_000), run(1_000_000)];
  await tracker.flush();
  return median(samples);
}

/**
 * What activity recording adds to an admitted key request, alone: the tracker call the hook makes
 * (activity-tracker.ts), 1,000 keys, each from a handful of known sources, mostly in the interval's
 * gathering phase as under load. Null for a checkout without it.
 */
async function activityRecordingNanos(): Promise<number | null> {
  const file = join(ROOT, 'src/server/modules/activity/activity-tracker.ts');
  if (!existsSync(file)) return null;
  const { createActivityTracker } = (await import(file)) as { createActivityTracker: typeof CreateActivityTracker };
  const { systemClock } = (await import(join(ROOT, 'src/server/lib/clock.ts'))) as { systemClock: Clock };
  const tracker = createActivityTracker({ write: async () => undefined, clock: systemClock, intervalMs: 60_000, onError: () => undefined });
  const keys = Array.from({ length: 1_000 }, (_, i) => `key-${i}`);
  const addresses = ['203.0.113.7', '198.51.100.20', '2001:db8::1'];
  const run = (calls: number) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) tracker.admitted(keys[i % keys.length]!, addresses[i % 3]!, 'curl/8.5.0');
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1_000) / calls;
  };
  run(200_000);
  const samples = [run(1_000_000), run(1_000_000), run(1_000_000)];
  await tracker.flush();
  return median(samples);
}

/**
 * What the allowed-addresses check adds to a request of a key with a 50-block list, alone: the check
 * the authenticator runs (modules/auth/address-check.ts), built once as for a cached credential, for
 * the loopback client the load comes from (the last block matches). Null for a checkout without it.
 */
async function addressCheckNanos(): Promise<number | null> {
  const file = join(ROOT, 'src/server/modules/auth/address-check.ts');
  if (!existsSync(file)) return null;
  const { addressCheckOf } = (await import(file)) as { addressCheckOf: (stored: string | null) => ((origin: { ip?: string }) => void) | null };
  const blocks = [...Array.from({ length: 25 }, (_, i) => `10.${i}.0.0/16`), ...Array.from({ length: 24 }, (_, i) => `2001:db8:${i}::/48`), '127.0.0.0/8'];
  const check = addressCheckOf(JSON.stringify(blocks))!;
  const origins = [{ ip: '127.0.0.1' }, { ip: '::ffff:127.0.0.1' }];
  const run = (calls: number) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) check(origins[i & 1]!);
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1_000) / calls;
  };
  run(200_000);
  return median([run(1_000_000), run(1_000_000), run(1_000_000)]);
}

async function main() {
  print(`bench:server — serve from ${ROOT}; ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS}s per target, ${KEYS} keys; medians`);
  print(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  for (const driver of DRIVERS) {
    if (driver === 'postgres' && !(await isPostgresReachable())) {
      print('PostgreSQL is not reachable: skipped.\n');
      continue;
    }
    const dir = mkdtempSync(join(tmpdir(), 'rakerone-bench-'));
    try {
      const { measured } = await benchDriver(driver, dir);
      report(driver, measured);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const nanos = await usageRecordingNanos();
  if (nanos !== null)
    print(`key usage recording alone (the hook's tracker call, 1,000 keys, tight loop): ${nanos.toFixed(0)} ns of CPU per admitted key request\n`);
  const activityNanos = await activityRecordingNanos();
  if (activityNanos !== null)
    print(`key activity recording alone (the hook's tracker call, 1,000 keys, tight loop): ${activityNanos.toFixed(0)} ns of CPU per admitted key request\n`);
  const checkNanos = await addressCheckNanos();
  if (checkNanos !== null) print(`allowed-addresses check alone (50 blocks, a known client, tight loop): ${checkNanos.toFixed(0)} ns of CPU per key request\n`);
  print(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  if (missed.length > 0) {
    print(`\ngoals missed:\n${missed.map((line) => `  ${line}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
