/**
 * Stored key activity (tables api_key_activity_days and api_key_activity_sources,
 * migration-key-activity.ts). Every write adds to what is there — counts are summed, first/last
 * seen only widen — so nodes may write one key in any order, or at the same time, and lose nothing.
 */
import { type Kysely, sql } from 'kysely';
import { ACTIVITY_SOURCES_PER_DAY } from '../../../shared/http/activity.js';
import type { DatabaseDriver } from '../../db/database.js';
import type { DatabaseSchema } from '../../db/schema.js';

/** What one source added since the last write (times ISO-8601 UTC with ms, the stored form). */
export interface SourceDelta {
  address: string;
  userAgent: string | null;
  requests: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** What one key added on one UTC day since the last write. */
export interface DayDelta {
  day: string;
  requests: number;
  refused: number;
  sources: readonly SourceDelta[];
}

export interface DayTotals {
  day: string;
  requests: number;
  refused: number;
}

export interface StoredSource {
  address: string;
  userAgent: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  requests: number;
}

export interface KeyTotals {
  apiKeyId: string;
  requests: number;
  refused: number;
  newAddresses: number;
}

export interface ActivityRepository {
  /**
   * Adds one key's day: the day's counts, then each source — added to its row, or a new row while
   * the day has fewer than 100 (exactly, on any number of nodes: see the body).
   */
  record(apiKeyId: string, delta: DayDelta): Promise<void>;
  /** The key's stored days in [from, to], in any order (days without rows are absent). */
  days(apiKeyId: string, from: string, to: string): Promise<DayTotals[]>;
  /**
   * The key's sources seen in [from, to], most recently seen first, at most `limit`: requests within
   * the window, first seen over everything kept (so "since when" reaches back the whole retention).
   */
  sources(apiKeyId: string, from: string, to: string, limit: number): Promise<StoredSource[]>;
  /** Per key of the organization with any request or refusal in [from, to]. */
  summary(organizationId: string, from: string, to: string): Promise<KeyTotals[]>;
  /** Deletes everything of days before `before`. */
  prune(before: string): Promise<void>;
  /** The id of the key with this secret hash, whatever its status (to count a refusal). */
  keyIdBySecretHash(secretHash: string): Promise<string | undefined>;
}

/** Keys with a source at `address` on or after `since` (a subquery for the key list's usedFrom). */
export function keysUsedFrom(db: Kysely<DatabaseSchema>, address: string, since: string) {
  return db.selectFrom('api_key_activity_sources').select('api_key_id').where('address', '=', address).where('day', '>=', since);
}

/**
 * Adds one source's requests to its row, or inserts the row while the key's day has fewer than 100
 * sources (else the requests stay in the day's totals only). One statement: the cap and the upsert
 * see the same state. Casts give PostgreSQL the parameters' types in the SELECT list.
 */
async function upsertSource(executor: Kysely<DatabaseSchema>, apiKeyId: string, day: string, source: SourceDelta): Promise<void> {
  const userAgent = source.userAgent ?? '';
  await sql`INSERT INTO api_key_activity_sources (api_key_id, day, address, user_agent, first_seen_at, last_seen_at, requests)
    SELECT CAST(${apiKeyId} AS text), CAST(${day} AS text), CAST(${source.address} AS text), CAST(${userAgent} AS text),
      CAST(${source.firstSeenAt} AS text), CAST(${source.lastSeenAt} AS text), CAST(${source.requests} AS integer)
    WHERE EXISTS (SELECT 1 FROM api_key_activity_sources
                  WHERE api_key_id = ${apiKeyId} AND day = ${day} AND address = ${source.address} AND user_agent = ${userAgent})
       OR (SELECT count(*) FROM api_key_activity_sources WHERE api_key_id = ${apiKeyId} AND day = ${day}) < ${ACTIVITY_SOURCES_PER_DAY}
    ON CONFLICT (api_key_id, day, address, user_agent) DO UPDATE SET
      requests = api_key_activity_sources.requests + excluded.requests,
      first_seen_at = CASE WHEN excluded.first_seen_at < api_key_activity_sources.first_seen_at
                           THEN excluded.first_seen_at ELSE api_key_activity_sources.first_seen_at END,
      last_seen_at = CASE WHEN excluded.last_seen_at > api_key_activity_sources.last_seen_at
                          THEN excluded.last_seen_at ELSE api_key_activity_sources.last_seen_at END`.execute(executor);
}

export function createActivityRepository(db: Kysely<DatabaseSchema>, driver: DatabaseDriver): ActivityRepository {
  return {
    async record(apiKeyId, delta) {
      const { day } = delta;
      const run = async (executor: Kysely<DatabaseSchema>) => {
        await executor
          .insertInto('api_key_activity_days')
          .values({ api_key_id: apiKeyId, day, requests: delta.requests, refused: delta.refused })
          .onConflict((oc) =>
            oc.columns(['api_key_id', 'day']).doUpdateSet((eb) => ({
              requests: eb('api_key_activity_days.requests', '+', eb.ref('excluded.requests')),
              refused: eb('api_key_activity_days.refused', '+', eb.ref('excluded.refused')),
            })),
          )
          .execute();
        for (const source of delta.sources) await upsertSource(executor, apiKeyId, day, source);
      };
      // PostgreSQL: one transaction, the day row first — its lock orders every writer of this key and
      // day, so the cap counts exactly across nodes. SQLite: writers take turns for the whole database
      // and each statement is atomic, so the count inside the statement is exact as it is; a
      // transaction would only hold the write lock across awaits.
      if (driver === 'postgres') await db.transaction().execute(run);
      else await run(db);
    },

    async days(apiKeyId, from, to) {
      const rows = await db
        .selectFrom('api_key_activity_days')
        .select(['day', 'requests', 'refused'])
        .where('api_key_id', '=', apiKeyId)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .execute();
      return rows.map((row) => ({ day: row.day, requests: Number(row.requests), refused: Number(row.refused) }));
    },

    async sources(apiKeyId, from, to, limit) {
      const rows = await db
        .selectFrom('api_key_activity_sources')
        .select((eb) => [
          'address',
          'user_agent',
          eb.fn.min<string>('first_seen_at').as('first_seen_at'),
          eb.fn.max<string>('last_seen_at').as('last_seen_at'),
          eb.fn.sum<number | string>(eb.case().when('day', '>=', from).then(eb.ref('requests')).else(0).end()).as('requests'),
        ])
        .where('api_key_id', '=', apiKeyId)
        .where('day', '<=', to)
        .groupBy(['address', 'user_agent'])
        .having((eb) => eb.fn.max('day'), '>=', from)
        .orderBy(sql`max(last_seen_at)`, 'desc')
        .orderBy('address')
        .orderBy('user_agent')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        address: row.address,
        userAgent: row.user_agent === '' ? null : row.user_agent,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        requests: Number(row.requests),
      }));
    },

    async summary(organizationId, from, to) {
      const totals = await db
        .selectFrom('api_key_activity_days as d')
        .innerJoin('api_keys as k', 'k.id', 'd.api_key_id')
        .select((eb) => ['d.api_key_id', eb.fn.sum<number | string>('d.requests').as('requests'), eb.fn.sum<number | string>('d.refused').as('refused')])
        .where('k.organization_id', '=', organizationId)
        .where('d.day', '>=', from)
        .where('d.day', '<=', to)
        .groupBy('d.api_key_id')
        .execute();
      // An address is new for a key when the first day it was kept for that key falls in the window.
      const firsts = db
        .selectFrom('api_key_activity_sources as s')
        .innerJoin('api_keys as k', 'k.id', 's.api_key_id')
        .select((eb) => ['s.api_key_id', 's.address', eb.fn.min<string>('s.day').as('first_day')])
        .where('k.organization_id', '=', organizationId)
        .where('s.day', '<=', to)
        .groupBy(['s.api_key_id', 's.address'])
        .as('f');
      const fresh = await db
        .selectFrom(firsts)
        .select((eb) => ['f.api_key_id', eb.fn.countAll<number | string>().as('n')])
        .where('f.first_day', '>=', from)
        .groupBy('f.api_key_id')
        .execute();
      const newAddresses = new Map(fresh.map((row) => [row.api_key_id, Number(row.n)]));
      return totals
        .map((row) => ({
          apiKeyId: row.api_key_id,
          requests: Number(row.requests),
          refused: Number(row.refused),
          newAddresses: newAddresses.get(row.api_key_id) ?? 0,
        }))
        .filter((row) => row.requests + row.refused > 0)
        .sort((a, b) => (a.apiKeyId < b.apiKeyId ? -1 : a.apiKeyId > b.apiKeyId ? 1 : 0));
    },

    async prune(before) {
      await db.deleteFrom('api_key_activity_sources').where('day', '<', before).execute();
      await db.deleteFrom('api_key_activity_days').where('day', '<', before).execute();
    },

    async keyIdBySecretHash(secretHash) {
      const row = await db.selectFrom('api_keys').select('id').where('secret_hash', '=', secretHash).executeTakeFirst();
      return row?.id;
    },
  };
}
