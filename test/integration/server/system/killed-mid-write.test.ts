/**
 * Issue 18, fault: the server is killed (SIGKILL) in the middle of writes — a bulk revoke of 1,000
 * keys while key creates stream in — and restarted on the same database, SQLite file and PostgreSQL
 * alike. Each round kills a real `serve` process once the bulk revoke's transaction is under way
 * (PostgreSQL: its UPDATE of api_keys is seen in pg_stat_activity; SQLite: the database's write lock
 * is seen taken after the bulk revoke was sent), at once or a little later, and once right after
 * the bulk revoke's answer while creates are still writing (KILL_AT). After the restart:
 * - the bulk revoke is all or nothing: its 1,000 keys are all revoked, with their events and the
 *   bulk event, or none is and neither is any event; replaying it with its Idempotency-Key answers
 *   the first answer (committed) or does it now (not committed), and then all 1,000 are revoked;
 * - every create that was answered 201 before the kill is there (a replay answers 200), and every
 *   key in the database has exactly one `api_key.created` event and every event names a key;
 * - every revoked key has exactly one `api_key.revoked` event and every such event a revoked key;
 *   each bulk event's count is the number of per-key events that name it.
 * The outcome of every round (committed or not, answered or not) is printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import type { Database, DatabaseConfig } from '../../../../src/server/db/database.js';
import { openDatabase } from '../../../../src/server/db/open-database.js';
import { newId } from '../../../../src/server/lib/ids.js';
import { createAuditRepository } from '../../../../src/server/modules/audit/audit-repository.js';
import { createTestDatabase } from '../../../helpers/postgres.js';
import { type ServeProcess, startServeProcess } from '../serve-process.js';
import { DRIVERS, newOrg } from '../support.js';

const ROUNDS = 3;
/**
 * When each round's kill comes: at once or soon after the bulk revoke is seen writing, and — so that
 * a committed bulk revoke is checked too — right after its answer, with the creates still writing.
 */
const KILL_AT: (number | 'answered')[] = [0, 40, 'answered'];
const BATCH = 1_000;
const CREATE_CLIENTS = 3;

interface Target {
  database: DatabaseConfig;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** True while a bulk revoke's write is under way (see the header). */
  bulkWriting(): Promise<boolean>;
  cleanup(): Promise<void>;
}

async function target(driver: (typeof DRIVERS)[number]): Promise<Target> {
  if (driver === 'postgres') {
    const pg = await createTestDatabase();
    const database: DatabaseConfig = { driver: 'postgres', url: pg.url, poolSize: 2 };
    const watcher = await openDatabase(database);
    return {
      database,
      args: [],
      env: { DATABASE_URL: pg.url },
      async bulkWriting() {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = ${pg.name} AND xact_start IS NOT NULL AND query ILIKE 'update "api_keys" set "revoked_at"%'`.execute(watcher.kysely);
        return rows[0]!.n > 0;
      },
      cleanup: async () => {
        await watcher.close();
        await pg.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-killed-'));
  const filename = join(dir, 'rakerone.sqlite');
  let probe: BetterSqlite3.Database | null = null;
  return {
    database: { driver: 'sqlite', filename },
    args: ['--data', dir],
    env: {},
    async bulkWriting() {
      probe ??= new BetterSqlite3(filename, { timeout: 0 });
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch {
        return true;
      }
    },
    cleanup: async () => {
      probe?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An organization with an admin, and ROUNDS batches of keys each with its `api_key.created` event. */
async function seed(database: DatabaseConfig) {
  const app = await buildApp({ database });
  try {
    const org = await newOrg(app);
    const db = app.rakerone.db.kysely;
    const audit = createAuditRepository(db);
    const batches: string[][] = [];
    const now = new Date().toISOString();
    const actor = { type: 'person' as const, id: org.adminId, name: 'Org Admin', viaKey: null };
    await db.transaction().execute(async (trx) => {
      for (let b = 0; b < ROUNDS; b++) {
        const ids = Array.from({ length: BATCH }, () => newId());
        batches.push(ids);
        for (let i = 0; i < BATCH; i += 500) {
          const chunk = ids.slice(i, i + 500);
          await trx
            .insertInto('api_keys')
            .values(
              chunk.map((id, j) => ({
                id,
                organization_id: org.orgId,
                name: `Batch ${b} key ${i + j}`,
                capabilities: '[]',
                can_impersonate: 0,
                secret_hash: randomBytes(32).toString('hex'),
                hint: 'rkr_key_…abcd',
                created_at: now,
                created_by_id: org.adminId,
                created_by_name: 'Org Admin',
                last_used_at: null,
                revoked_at: null,
                expires_at: null,
                retire_at: null,
                retire_after_first_use_of: null,
                retire_grace_seconds: null,
                retire_actor: null,
                first_used_at: null,
              })),
            )
            .execute();
          await audit.appendMany(
            trx,
            chunk.map((id) => ({
              organizationId: org.orgId,
              occurredAt: now,
              action: 'api_key.created' as const,
              actor,
              target: { type: 'apiKey', id, name: null },
              concernsApiKeyId: id,
            })),
          );
        }
      }
    });
    return { org, batches };
  } finally {
    await app.close();
  }
}

/** What the database holds for the organization, checked against the audit trail. */
async function checkTrail(db: Database, orgId: string) {
  const keys = await db.kysely.selectFrom('api_keys').select(['id', 'revoked_at']).where('organization_id', '=', orgId).execute();
  const events = await db.kysely.selectFrom('audit_events').select(['id', 'action', 'target_id', 'details']).where('organization_id', '=', orgId).execute();
  const targetsOf = (action: string) => events.filter((e) => e.action === action).map((e) => e.target_id);
  const sorted = (list: string[]) => [...list].sort();
  expect(sorted(targetsOf('api_key.created'))).toEqual(sorted(keys.map((k) => k.id)));
  expect(sorted(targetsOf('api_key.revoked'))).toEqual(sorted(keys.filter((k) => k.revoked_at !== null).map((k) => k.id)));
  for (const bulk of events.filter((e) => e.action === 'api_key.bulk_revoked')) {
    const perKey = events.filter((e) => e.action === 'api_key.revoked' && (JSON.parse(e.details ?? '{}') as { bulk?: string }).bulk === bulk.id);
    expect(perKey.length).toBe((JSON.parse(bulk.details!) as { count: number }).count);
  }
  return keys;
}

describe.each(DRIVERS)('serve killed with SIGKILL mid-write on %s', (driver) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('leaves every bulk revoke all or nothing and the audit trail matching the keys after a restart', { timeout: 180_000 }, async () => {
    const t = await target(driver);
    cleanups.push(t.cleanup);
    const { org, batches } = await seed(t.database);
    const reader = await openDatabase(t.database);
    cleanups.push(() => reader.close());
    const start = () => startServeProcess([...t.args, '--access-log', 'off'], t.env);
    let server: ServeProcess = await start();
    cleanups.push(() => server.stop());
    const outcomes: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const headers = { authorization: `Bearer ${org.adminToken}`, 'content-type': 'application/json' };
      const post = (path: string, body: unknown, idempotencyKey: string) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { ...headers, 'idempotency-key': idempotencyKey }, body: JSON.stringify(body) });

      // Always the server running now (the one killed, then the one restarted).
      // Creates streaming in, each with its own Idempotency-Key; which ones were answered 201.
      let killed = false;
      const creates: { key: string; answeredId: string | null }[] = [];
      const createLoop = async () => {
        while (!killed) {
          const entry = { key: `create-${round}-${randomBytes(6).toString('hex')}`, answeredId: null as string | null };
          creates.push(entry);
          try {
            const res = await post('/api/admin/api-keys', { name: `Created in round ${round}`, capabilities: [] }, entry.key);
            if (res.status === 201) entry.answeredId = ((await res.json()) as { apiKey: { id: string } }).apiKey.id;
          } catch {
            return;
          }
        }
      };
      const loops = Array.from({ length: CREATE_CLIENTS }, createLoop);
      await new Promise((resolve) => setTimeout(resolve, 100));

      const bulkKey = `bulk-${round}-${randomBytes(6).toString('hex')}`;
      let bulkAnswered = false;
      const bulk = post('/api/admin/api-keys/bulk-revoke', { ids: batches[round] }, bulkKey).then(
        (res) => (bulkAnswered = res.status === 200),
        () => false,
      );
      const killAt = KILL_AT[round]!;
      if (killAt === 'answered') {
        await bulk;
      } else {
        const deadline = Date.now() + 10_000;
        while (!bulkAnswered && Date.now() < deadline && !(await t.bulkWriting())) await new Promise((resolve) => setTimeout(resolve, 1));
        await new Promise((resolve) => setTimeout(resolve, killAt));
      }
      killed = true;
      server.child.kill('SIGKILL');
      await Promise.all([bulk, ...loops]);
      await server.stop();

      server = await start();
      const keys = await checkTrail(reader, org.orgId);
      const batch = new Set(batches[round]);
      const revokedInBatch = keys.filter((k) => batch.has(k.id) && k.revoked_at !== null).length;
      expect([0, BATCH]).toContain(revokedInBatch);
      if (bulkAnswered) expect(revokedInBatch).toBe(BATCH);

      // The same bulk revoke again: its first answer if it committed, done now if not.
      const replay = await post('/api/admin/api-keys/bulk-revoke', { ids: batches[round] }, bulkKey);
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed') === 'true').toBe(revokedInBatch === BATCH);
      expect(((await replay.json()) as { revoked: unknown[] }).revoked).toHaveLength(BATCH);

      // Every create answered before the kill is there (and the trail above matched it); those in
      // flight were committed whole (a replay answers 200) or not at all (the replay creates: 201).
      const answered = creates.flatMap((c) => (c.answeredId === null ? [] : [c.answeredId]));
      const stored = new Set(keys.map((k) => k.id));
      expect(answered.filter((id) => !stored.has(id))).toEqual([]);
      let inFlightCommitted = 0;
      for (const entry of creates.filter((c) => c.answeredId === null)) {
        const again = await post('/api/admin/api-keys', { name: `Created in round ${round}`, capabilities: [] }, entry.key);
        expect([200, 201]).toContain(again.status);
        if (again.status === 200) inFlightCommitted += 1;
      }
      await checkTrail(reader, org.orgId);
      outcomes.push(
        `round ${round}: bulk ${bulkAnswered ? 'answered' : 'not answered'}, found ${revokedInBatch === BATCH ? 'committed' : 'rolled back'}; ` +
          `creates: ${answered.length} answered and found, ${inFlightCommitted} of ${creates.length - answered.length} in flight found committed`,
      );
    }
    console.warn(`[killed-mid-write ${driver}]\n  ${outcomes.join('\n  ')}`);
    // Kills landed before the bulk revoke was answered (so within it, not after), and one after.
    expect(outcomes.filter((o) => o.includes('not answered'))).toHaveLength(ROUNDS - 1);
  });
});
