/**
 * Migration 0008 on both drivers: `suspended_at` moves the auth epoch (the other suspension columns
 * do not), and on PostgreSQL the epoch moves once per transaction however many rows change — the
 * transaction-local mark is undone with a rollback and gone at the next transaction.
 */
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DatabaseSchema } from '../../../../src/server/db/schema.js';
import { DRIVERS, newOrg, useApp } from '../support.js';

async function epochOf(db: Kysely<DatabaseSchema>): Promise<number> {
  return Number((await sql<{ epoch: string | number }>`SELECT epoch FROM auth_epoch WHERE id = 1`.execute(db)).rows[0]!.epoch);
}

describe.each(DRIVERS)('migration 0008_key_suspension on %s', (driver) => {
  const h = useApp(driver);

  async function keys(count: number) {
    const org = await newOrg(h.app());
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await org.createKey({ name: `K${i}` })).apiKey.id);
    return ids;
  }

  it('moves the epoch when suspended_at changes, not when only the reason or who changes', async () => {
    const db = h.app().rakerone.db.kysely;
    const [id] = await keys(1);
    const before = await epochOf(db);
    await db.updateTable('api_keys').set({ suspension_reason: 'r', suspended_by_id: 'p', suspended_by_name: 'P' }).where('id', '=', id!).execute();
    expect(await epochOf(db)).toBe(before);
    await db.updateTable('api_keys').set({ suspended_at: '2026-03-01T12:00:00.000Z' }).where('id', '=', id!).execute();
    const suspended = await epochOf(db);
    expect(suspended).toBeGreaterThan(before);
    await db.updateTable('api_keys').set({ suspended_at: null }).where('id', '=', id!).execute();
    expect(await epochOf(db)).toBeGreaterThan(suspended);
  });

  it.runIf(driver === 'postgres')('moves the epoch once per transaction however many rows and statements change; a rollback moves it not at all', async () => {
    const db = h.app().rakerone.db.kysely;
    const ids = await keys(20);
    const at = '2026-03-01T12:00:00.000Z';
    const start = await epochOf(db);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('api_keys').set({ suspended_at: at }).where('id', 'in', ids.slice(0, 10)).execute();
      await trx.updateTable('api_keys').set({ revoked_at: at }).where('id', 'in', ids.slice(10)).execute();
    });
    expect(await epochOf(db)).toBe(start + 1);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('api_keys').set({ suspended_at: null }).where('id', 'in', ids.slice(0, 10)).execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await epochOf(db)).toBe(start + 1);
    // The mark went with the rollback (and ends with every transaction): the next change bumps again.
    await db.updateTable('api_keys').set({ suspended_at: null }).where('id', 'in', ids.slice(0, 10)).execute();
    expect(await epochOf(db)).toBe(start + 2);
    await db.updateTable('api_keys').set({ suspended_at: at }).where('id', '=', ids[0]!).execute();
    expect(await epochOf(db)).toBe(start + 3);
  });
});
