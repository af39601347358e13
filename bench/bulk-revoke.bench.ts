/**
 * `npm run bench:bulk-revoke`: what revoking and suspending 1,000 keys at once costs, on SQLite (a
 * file, WAL, as `serve` runs it) and then on PostgreSQL when it is reachable, and what it costs the
 * requests around it. Requests go through `inject()` (routing, validation, auth, database; no
 * sockets), among BENCH_OTHER_KEYS other keys. Each round (BENCH_ROUNDS, alternating the order of
 * the two modes) measures, for bulk revoke and for bulk suspend:
 *   - one bulk request of BENCH_BULK_KEYS fresh keys, and one of 10 keys (the baseline of the same run);
 *   - `alone`, and `beside` 10 clients creating keys without pause (each create its own transaction);
 *   - in both modes, single revokes of other keys sent one after the other while the bulk request
 *     runs: the slowest of them (each takes the credential epoch's lock, which the bulk holds until it
 *     commits, so one of them waits for it);
 *   - a single revoke on its own, the per-key path's cost (BENCH_SINGLES requests in a row).
 * After each bulk request every listed key is checked to be refused (`GET /api/me` → 401).
 *
 * Goals, each a ratio of medians from the same run (absolute speeds differ 2–3× between machines
 * and loads; ratios measured side by side carry over). The run exits 1 when a line misses its goal:
 *   - scaling: bulk of 1,000 ÷ bulk of 10 ≤ 15 — set-based work grows with the rows, not with a
 *     statement and a round trip per key (the per-key path measured ≈ 60–100× here);
 *   - against single revokes (both alone): 1,000 single revokes' time ÷ one bulk of 1,000 ≥ 20;
 *   - beside creates: bulk beside 10 creating clients ÷ bulk alone ≤ 4;
 *   - the single revokes' wait: the slowest ≤ 1.5 × the bulk's own time in the same mode + 10 single
 *     revokes' time (one that arrives while the bulk holds the lock runs once it commits: it must
 *     not wait for more than that bulk).
 *
 * Knobs (env): BENCH_ROUNDS (5), BENCH_BULK_KEYS (1000), BENCH_OTHER_KEYS (20000), BENCH_SINGLES (100).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import type { DatabaseConfig } from '../src/server/db/database.js';
import type { ApiKeysTable } from '../src/server/db/schema.js';
import { newId } from '../src/server/lib/ids.js';
import { generateSecret, hashSecret, hintOf } from '../src/shared/key-format.js';
import { createTestDatabase, isPostgresReachable } from '../test/helpers/postgres.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BULK = Number(process.env.BENCH_BULK_KEYS ?? 1000);
const OTHERS = Number(process.env.BENCH_OTHER_KEYS ?? 20_000);
const SINGLES = Number(process.env.BENCH_SINGLES ?? 100);
const SMALL = 10;
/** Single revokes sent one after the other while a bulk request runs, at most this many. */
const PROBES = 100;
const CREATORS = 10;

const GOALS = { scaling: 15, singlesOverBulk: 20, besideOverAlone: 4, waitOverBulk: 1.5 } as const;

type Operation = 'revoke' | 'suspend';
type Mode = 'alone' | 'beside';

interface Org {
  id: string;
  personId: string;
  personName: string;
  token: string;
}

/** Inserts `count` active keys straight into the table; returns their ids and secrets. */
async function seedKeys(app: FastifyInstance, org: Org, count: number): Promise<{ ids: string[]; secrets: string[] }> {
  const now = new Date().toISOString();
  const secrets: string[] = [];
  const rows: ApiKeysTable[] = Array.from({ length: count }, (_, i) => {
    const secret = generateSecret('apiKey');
    secrets.push(secret);
    return {
      id: newId(),
      organization_id: org.id,
      name: `Key ${i}`,
      capabilities: JSON.stringify(['data-record:read']),
      can_impersonate: 0,
      secret_hash: hashSecret(secret),
      hint: hintOf(secret),
      created_at: now,
      created_by_id: org.personId,
      created_by_name: org.personName,
      last_used_at: null,
      revoked_at: null,
      expires_at: null,
      retire_at: null,
      retire_after_first_use_of: null,
      retire_grace_seconds: null,
      retire_actor: null,
      first_used_at: null,
      suspended_at: null,
      suspended_by_id: null,
      suspended_by_name: null,
      suspension_reason: null,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await app.rakerone.db.kysely
      .insertInto('api_keys')
      .values(rows.slice(i, i + 500))
      .execute();
  return { ids: rows.map((r) => r.id), secrets };
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

class Samples {
  private readonly values = new Map<string, number[]>();
  add(name: string, ms: number): void {
    this.values.set(name, [...(this.values.get(name) ?? []), ms]);
  }
  median(name: string): number {
    return median(this.values.get(name) ?? [NaN]);
  }
}

async function measure(label: string, database: DatabaseConfig): Promise<boolean> {
  // The check below makes a thousand failed sign-ins from one address: not what the limit is for here.
  const app = await buildApp({ database, authFailureLimits: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } });
  try {
    const admin = await app.rakerone.people.addPerson({ orgSlug: 'bench', email: 'admin@bench.test', role: 'admin', name: 'Bench' });
    const org: Org = { id: admin.organization.id, personId: admin.person.id, personName: admin.person.name, token: admin.token };
    const auth = { authorization: `Bearer ${org.token}` };
    await seedKeys(app, org, OTHERS);
    const samples = new Samples();

    const bulkRequest = async (operation: Operation, ids: string[]) => {
      const url = operation === 'revoke' ? '/api/admin/api-keys/bulk-revoke' : '/api/admin/api-keys/bulk-suspend';
      const payload = operation === 'revoke' ? { ids } : { ids, reason: 'Bench' };
      const res = await app.inject({ method: 'POST', url, headers: auth, payload });
      const done = operation === 'revoke' ? res.json<{ revoked?: unknown[] }>().revoked : res.json<{ suspended?: unknown[] }>().suspended;
      if (res.statusCode !== 200 || done?.length !== ids.length) throw new Error(`bulk ${operation}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    const singleRevoke = async (id: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/admin/api-keys/${id}/revoke`, headers: auth });
      if (res.statusCode !== 200) throw new Error(`revoke: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    /** 10 clients creating keys back to back (each create its own transaction) until stopped. */
    const startCreating = () => {
      let stop = false;
      let made = 0;
      const clients = Promise.all(
        Array.from({ length: CREATORS }, async (_, c) => {
          while (!stop) {
            const res = await app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: auth, payload: { name: `Created ${c}`, capabilities: [] } });
            if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body.slice(0, 200)}`);
            made += 1;
          }
        }),
      );
      return {
        /** Resolves once every client has made a create: they are all under way. */
        async running() {
          while (made < CREATORS) await new Promise((resolve) => setTimeout(resolve, 1));
        },
        async stop() {
          stop = true;
          await clients;
        },
      };
    };

    const run = async (operation: Operation, mode: Mode) => {
      const listed = await seedKeys(app, org, BULK);
      const small = await seedKeys(app, org, SMALL);
      const probes = (await seedKeys(app, org, PROBES)).ids;
      const load = mode === 'beside' ? startCreating() : undefined;
      try {
        await load?.running();
        samples.add(`${operation} ${mode} small`, await timed(() => bulkRequest(operation, small.ids)));
        // The bulk of 1,000, and meanwhile single revokes of other keys one after the other (each sent
        // when the previous answered, so they never queue behind each other): the slowest of them is
        // the one that waited for the epoch lock the bulk holds.
        let answered = false;
        const bulk = timed(() => bulkRequest(operation, listed.ids)).finally(() => (answered = true));
        const singles: number[] = [];
        while (!answered && singles.length < PROBES) singles.push(await timed(() => singleRevoke(probes[singles.length]!)));
        samples.add(`${operation} ${mode} bulk`, await bulk);
        samples.add(`${operation} ${mode} wait`, Math.max(0, ...singles));
      } finally {
        await load?.stop();
      }
      // The point of a bulk request: every listed key refused once it has answered.
      for (const secret of listed.secrets) {
        const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${secret}` } });
        if (me.statusCode !== 401) throw new Error(`a bulk-${operation}ed key answered ${me.statusCode}`);
      }
    };

    for (let round = 0; round < ROUNDS; round++) {
      const modes: Mode[] = round % 2 === 0 ? ['alone', 'beside'] : ['beside', 'alone'];
      for (const mode of modes) for (const operation of ['revoke', 'suspend'] as const) await run(operation, mode);
      const singles = await seedKeys(app, org, SINGLES);
      samples.add(
        'single',
        await timed(async () => {
          for (const id of singles.ids) await singleRevoke(id);
        }),
      );
    }

    const single = samples.median('single') / SINGLES;
    let ok = true;
    const verdict = (pass: boolean) => {
      ok &&= pass;
      return pass ? 'ok' : 'MISSED';
    };
    console.log(`${label}: one single revoke ${single.toFixed(2)} ms (median of ${ROUNDS} × ${SINGLES} in a row)`);
    for (const operation of ['revoke', 'suspend'] as const) {
      for (const mode of ['alone', 'beside'] as const) {
        const bulk = samples.median(`${operation} ${mode} bulk`);
        const small = samples.median(`${operation} ${mode} small`);
        const wait = samples.median(`${operation} ${mode} wait`);
        const alone = samples.median(`${operation} alone bulk`);
        const scaling = bulk / small;
        const singlesOverBulk = (single * BULK) / bulk;
        const waitLimit = GOALS.waitOverBulk * bulk + 10 * single;
        const parts = [
          `${label.padEnd(10)} bulk ${operation.padEnd(7)} ${String(BULK)} keys ${mode === 'alone' ? 'alone          ' : `beside ${CREATORS} creates`}: ${bulk.toFixed(0).padStart(5)} ms`,
          `${BULK}÷${SMALL} keys ${scaling.toFixed(1)}× (goal ≤ ${GOALS.scaling}: ${verdict(scaling <= GOALS.scaling)})`,
          `single revokes meanwhile waited ≤ ${wait.toFixed(0)} ms (goal ≤ ${waitLimit.toFixed(0)}: ${verdict(wait <= waitLimit)})`,
        ];
        // Single revokes were timed alone: compared with the bulk alone (beside creates, the next goal).
        if (mode === 'alone') {
          parts.push(
            `${BULK} single revokes ÷ bulk ${singlesOverBulk.toFixed(0)}× (goal ≥ ${GOALS.singlesOverBulk}: ${verdict(singlesOverBulk >= GOALS.singlesOverBulk)})`,
          );
        } else {
          const besideOverAlone = bulk / alone;
          parts.push(`beside ÷ alone ${besideOverAlone.toFixed(2)}× (goal ≤ ${GOALS.besideOverAlone}: ${verdict(besideOverAlone <= GOALS.besideOverAlone)})`);
        }
        console.log(parts.join(' · '));
      }
    }
    return ok;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  console.log(`bulk revoke and bulk suspend: ${BULK} keys per request among ${OTHERS} others, ${ROUNDS} rounds (medians); all refused afterwards (checked)`);
  let ok = true;
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-bench-bulk-'));
  try {
    ok = (await measure('SQLite', { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') })) && ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (await isPostgresReachable()) {
    const pg = await createTestDatabase();
    try {
      ok = (await measure('PostgreSQL', { driver: 'postgres', url: pg.url })) && ok;
    } finally {
      await pg.drop();
    }
  } else {
    console.log('PostgreSQL  not reachable: skipped');
  }
  if (!ok) {
    console.log('At least one line missed its goal.');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
