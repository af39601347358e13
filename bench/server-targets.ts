/**
 * The processes `bench:server` measures, and how it seeds and watches them.
 *
 * - The shipped server: `src/server/cli.ts serve` exactly as a person runs it (access log on, at the
 *   default level, to stderr — here a file, as under a process supervisor), in a child process.
 *   BENCH_SERVER_ROOT points at another checkout to measure its `serve` the same way (before/after).
 * - The bare baselines, in a child process of their own: Fastify with `GET /hello` (a tiny JSON
 *   body) and `GET /same` (the exact bytes `/api/me` sends, headers included), no logging.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { buildApp as BuildApp } from '../src/server/app.js';
import { newId } from '../src/server/lib/ids.js';
import { generateSecret, hashSecret, hintOf } from '../src/shared/key-format.js';

export interface Seeded {
  apiKey: string;
  /**
   * A key like `apiKey` restricted to 50 allowed blocks, the last one covering the loopback address
   * the load comes from (so every block is compared); undefined for a checkout without allowed addresses.
   */
  restrictedKey: string | undefined;
  /** The organization's project (its records are what the capability route reads). */
  projectId: string;
}

/** Seeds an organization with `keys` keys plus the benchmark key, with the checkout's own code (its migrations). */
export async function seed(
  root: string,
  database: { driver: 'sqlite'; filename: string } | { driver: 'postgres'; url: string },
  keys: number,
): Promise<Seeded> {
  const { buildApp } = (await import(join(root, 'src/server/app.ts'))) as { buildApp: typeof BuildApp };
  const app = await buildApp({ database });
  try {
    const admin = await app.rakerone.people.addPerson({ orgSlug: 'bench', email: 'admin@bench.test', role: 'admin' });
    const now = new Date().toISOString();
    const capabilities = JSON.stringify(['playbook-run:start', 'data-record:read', 'data-record:write']);
    const rows = Array.from({ length: keys }, (_, i) => {
      const secret = generateSecret('apiKey');
      return {
        id: newId(),
        organization_id: admin.organization.id,
        name: `Key ${i}`,
        capabilities,
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
    for (let i = 0; i < rows.length; i += 500)
      await app.rakerone.db.kysely
        .insertInto('api_keys')
        .values(rows.slice(i, i + 500))
        .execute();
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/api-keys',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { name: 'Benchmark', capabilities: ['playbook-run:start', 'data-record:read', 'data-record:write'] },
    });
    const restricted = await app.inject({
      method: 'POST',
      url: '/api/admin/api-keys',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: {
        name: 'Benchmark, 50 allowed blocks',
        capabilities: ['playbook-run:start', 'data-record:read', 'data-record:write'],
        allowedAddresses: [
          ...Array.from({ length: 25 }, (_, i) => `10.${i}.0.0/16`),
          ...Array.from({ length: 24 }, (_, i) => `2001:db8:${i}::/48`),
          '127.0.0.0/8',
        ],
      },
    });
    const [project] = await app.rakerone.db.hot.projectsOf(admin.organization.id);
    return {
      apiKey: created.json<{ secret: string }>().secret,
      restrictedKey: restricted.statusCode === 201 ? restricted.json<{ secret: string }>().secret : undefined,
      projectId: project!.id,
    };
  } finally {
    await app.close();
  }
}

export interface Target {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}

/** Starts `serve` from `root` with `args`; its stderr (logs, access log) goes to `logFile`. */
export function startShipped(root: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Target> {
  return startServe(root, [join(root, 'src/server/cli.ts'), 'serve', '--port', '0', ...args], env, logFile);
}

/**
 * Starts `serve` as startShipped does, but with AppOptions `overrides` the CLI does not offer
 * (bench/serve-variant.ts, run inside `root`); `args` may hold `--data DIR`.
 */
export function startVariant(root: string, overrides: object, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Target> {
  return startServe(root, [join(root, 'bench/serve-variant.ts'), JSON.stringify(overrides), ...args], env, logFile);
}

function startServe(root: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Target> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', openSync(logFile, 'a')],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, stop: stopper(child) });
    });
    child.once('exit', (code) => reject(new Error(`serve ${args.join(' ')} exited with ${code}: ${out}\n${readFileSync(logFile, 'utf8').slice(-2000)}`)));
  });
}

/** Starts the bare Fastify baselines; `/same` answers `body` with an X-Request-Id of `requestIdLength`. */
export function startBare(body: string, requestIdLength: number): Promise<Target> {
  const child = fork(new URL(import.meta.url).pathname, ['--bare', JSON.stringify({ body, requestIdLength })], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', (url) => resolve({ child, url: url as string, stop: stopper(child) }));
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

async function serveBare({ body, requestIdLength }: { body: string; requestIdLength: number }): Promise<void> {
  const requestId = 'b'.repeat(requestIdLength);
  const bare = Fastify({ logger: false });
  bare.get('/hello', async () => ({ hello: 'world' }));
  bare.get('/same', async (_request, reply) => reply.header('x-request-id', requestId).type('application/json; charset=utf-8').send(body));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  process.send?.(`http://127.0.0.1:${(bare.server.address() as { port: number }).port}`);
  process.on('SIGTERM', () => void bare.close().then(() => process.exit(0)));
}

/** CPU time (user + system, µs) used so far by a process and all its descendants (Linux /proc). */
export function treeCpuMicros(pid: number): number {
  const ticksPerSecond = 100;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    ticks += stats.get(current)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === current) queue.push(child);
  }
  return (ticks * 1_000_000) / ticksPerSecond;
}

const bareIndex = process.argv.indexOf('--bare');
if (bareIndex >= 0) void serveBare(JSON.parse(process.argv[bareIndex + 1]!) as { body: string; requestIdLength: number });
