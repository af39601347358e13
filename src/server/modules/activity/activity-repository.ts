/**
 * Stored key activity (tables api_key_activity_days and api_key_activity_sources,
 * migration-key-activity.ts). Every write adds to what is there — counts are summed, first/last
 * seen only widen — so nodes may write one key in any order, or at the same time, and lose nothing.
 */
import { type Kysely, sql } from 'kysely';
import { ACTIVITY_SOURCES_PER_DAY } from '../../../shared/http/activity.js';
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
   * Adds one key's day in one transaction: the day's counts first (on PostgreSQL that row's lock then
   * orders every writer of this key and day, so the cap of 100 sources counts exactly), then each
   * source — added to its row, or a new row while the day has fewer than 100.
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

export function createActivityRepository(db: Kysely<DatabaseSchema>): ActivityRepository {
  return {
    async record(apiKeyId, delta) {
      const { day } = delta;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('api_key_activity_days')
          .values({ api_key_id: apiKeyId, day, requests: delta.requests, refused: delta.refused })
          .onConflict((oc) =>
            oc.columns(['api_key_id', 'day']).doUpdateSet((eb) => ({
              requests: eb('api_key_activity_days.requests', '+', eb.ref('excluded.requests')),
              refused: eb('api_key_activity_days.refused', '+', eb.ref('excluded.refused')),
            })),
          )
          .execute();
        for (const source of delta.sources) {
          const userAgent = source.userAgent ?? '';
          const updated = await trx
            .updateTable('api_key_activity_sources')
            .set((eb) => ({
              requests: eb('requests', '+', source.requests),
              first_seen_at: eb.case().when('first_seen_at', '>', source.firstSeenAt).then(source.firstSeenAt).else(eb.ref('first_seen_at')).end(),
              last_seen_at: eb.case().when('last_seen_at', '<', source.lastSeenAt).then(source.lastSeenAt).else(eb.ref('last_seen_at')).end(),
            }))
            .where('api_key_id', '=', apiKeyId)
            .where('day', '=', day)
            .where('address', '=', source.address)
            .where('user_agent', '=', userAgent)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) > 0) continue;
          const { kept } = await trx
            .selectFrom('api_key_activity_sources')
            .select((eb) => eb.fn.countAll<number | string>().as('kept'))
            .where('api_key_id', '=', apiKeyId)
            .where('day', '=', day)
            .executeTakeFirstOrThrow();
          // Full: this pair's requests are in the day's totals only.
          if (Number(kept) >= ACTIVITY_SOURCES_PER_DAY) continue;
          await trx
            .insertInto('api_key_activity_sources')
            .values({
              api_key_id: apiKeyId,
              day,
              address: source.address,
              user_agent: userAgent,
              first_seen_at: source.firstSeenAt,
              last_seen_at: source.lastSeenAt,
              requests: source.requests,
            })
            .execute();
        }
      });
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
        .map((row) => ({ apiKeyId: row.api_key_id, requests: Number(row.requests), refused: Number(row.refused), newAddresses: newAddresses.get(row.api_key_id) ?? 0 }))
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
