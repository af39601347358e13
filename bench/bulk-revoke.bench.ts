/**
 * `npm run bench:bulk-revoke`: what revoking 1,000 keys at once costs, on SQLite (a file, WAL, as
 * `serve` runs it) and then on PostgreSQL when it is reachable. Each round seeds fresh active keys
 * among BENCH_OTHER_KEYS others, then measures side by side, under about the same background load:
 *   - one `POST /api/admin/api-keys/bulk-revoke` of BENCH_BULK_KEYS ids (one transaction), and
 *   - the same number of keys revoked one request at a time (`POST /api/admin/api-keys/{id}/revoke`),
 * alternating which goes first. Requests go through `inject()` (routing, validation, auth, database;
 * no sockets). Prints the median milliseconds of each, and the median per-round ratio single/bulk.
 * After each bulk request, every revoked key is checked to be refused (`GET /api/me` → 401).
 *
 * Knobs (env): BENCH_ROUNDS (5), BENCH_BULK_KEYS (1000), BENCH_OTHER_KEYS (20000).
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
      allowed_addresses: null,
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

async function measure(label: string, database: DatabaseConfig): Promise<void> {
  // The check below makes a thousand failed sign-ins from one address: not what the limit is for here.
  const app = await buildApp({ database, authFailureLimits: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } });
  try {
    const admin = await app.rakerone.people.addPerson({ orgSlug: 'bench', email: 'admin@bench.test', role: 'admin', name: 'Bench' });
    const org: Org = { id: admin.organization.id, personId: admin.person.id, personName: admin.person.name, token: admin.token };
    const auth = { authorization: `Bearer ${org.token}` };
    await seedKeys(app, org, OTHERS);

    const bulkMs: number[] = [];
    const singleMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const forBulk = await seedKeys(app, org, BULK);
      const forSingles = await seedKeys(app, org, BULK);
      const bulk = async () => {
        bulkMs.push(
          await timed(async () => {
            const res = await app.inject({ method: 'POST', url: '/api/admin/api-keys/bulk-revoke', headers: auth, payload: { ids: forBulk.ids } });
            if (res.statusCode !== 200 || res.json<{ revoked: unknown[] }>().revoked.length !== BULK)
              throw new Error(`bulk revoke: ${res.statusCode} ${res.body.slice(0, 200)}`);
          }),
        );
      };
      const singles = async () => {
        singleMs.push(
          await timed(async () => {
            for (const id of forSingles.ids) {
              const res = await app.inject({ method: 'POST', url: `/api/admin/api-keys/${id}/revoke`, headers: auth });
              if (res.statusCode !== 200) throw new Error(`revoke: ${res.statusCode} ${res.body.slice(0, 200)}`);
            }
          }),
        );
      };
      if (round % 2 === 0) {
        await bulk();
        await singles();
      } else {
        await singles();
        await bulk();
      }
      // The point of a bulk revoke: every key refused once it has answered.
      for (const secret of forBulk.secrets) {
        const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${secret}` } });
        if (me.statusCode !== 401) throw new Error(`a bulk-revoked key answered ${me.statusCode}`);
      }
    }
    const bulk = median(bulkMs);
    const single = median(singleMs);
    const ratios = bulkMs.map((b, i) => singleMs[i]! / b);
    console.log(
      `${label.padEnd(10)} bulk revoke of ${BULK} keys: ${bulk.toFixed(0).padStart(6)} ms (median of ${ROUNDS}; ${(bulk / BULK).toFixed(3)} ms/key) · ` +
        `${BULK} single revokes: ${single.toFixed(0).padStart(6)} ms · single/bulk ${median(ratios).toFixed(1)}×`,
    );
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  console.log(`bulk revoke: ${BULK} keys per request among ${OTHERS} others, ${ROUNDS} rounds; all refused afterwards (checked)`);
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-bench-bulk-'));
  try {
    await measure('SQLite', { driver: 'sqlite', filename: join(dir, 'rakerone.sqlite') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (await isPostgresReachable()) {
    const pg = await createTestDatabase();
    try {
      await measure('PostgreSQL', { driver: 'postgres', url: pg.url });
    } finally {
      await pg.drop();
    }
  } else {
    console.log('PostgreSQL  not reachable: skipped');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
