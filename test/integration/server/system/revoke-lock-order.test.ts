/**
 * Overlapping revokes on PostgreSQL: a transaction revoking several keys (a bulk revoke) and another
 * revoking one of them must both finish. The epoch triggers lock the one `auth_epoch` row after each
 * revoked row; without a common lock order (db/auth-epoch-lock.ts) the first holds the epoch row
 * while waiting for the second's key row, the second waits for the epoch row, and PostgreSQL kills
 * one of them as a deadlock.
 */
import { type Transaction, sql } from 'kysely';
import type { DatabaseSchema } from '../../../../src/server/db/schema.js';
import { describe, expect, it } from 'vitest';
import { createApiKeysRepository } from '../../../../src/server/modules/api-keys/api-keys-repository.js';
import { newOrg, useApp } from '../support.js';

describe('overlapping revokes on postgres', () => {
  const h = useApp('postgres');

  it('a multi-key revoke and a single revoke of one of its keys both finish, one after the other', async () => {
    const app = h.app();
    const db = app.rakerone.db.kysely;
    const repository = createApiKeysRepository(db);
    // The single revoke's call: true when it revoked the key.
    const keys = {
      revoke: async (trx: Transaction<DatabaseSchema>, organizationId: string, id: string, at: string) =>
        (await repository.revokeMany(trx, organizationId, [id], at)).length > 0,
    };
    const org = await newOrg(app);
    const first = (await org.createKey({ name: 'First' })).apiKey;
    const second = (await org.createKey({ name: 'Second' })).apiKey;
    const at = new Date().toISOString();

    let firstRevoked!: () => void;
    const afterFirst = new Promise<void>((resolve) => (firstRevoked = resolve));
    let goOn!: () => void;
    const mayGoOn = new Promise<void>((resolve) => (goOn = resolve));
    const bulk = db.transaction().execute(async (trx) => {
      const one = await keys.revoke(trx, org.orgId, first.id, at);
      firstRevoked();
      await mayGoOn;
      return [one, await keys.revoke(trx, org.orgId, second.id, at)];
    });
    await afterFirst;
    const single = db.transaction().execute((trx) => keys.revoke(trx, org.orgId, second.id, at));

    // Let the bulk go on only once the single revoke is blocked on a lock.
    const waitingOnLocks = async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db))
          .rows[0]!.n,
      );
    for (let tries = 0; (await waitingOnLocks()) === 0; tries += 1) {
      expect(tries, 'the single revoke never blocked').toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    goOn();

    const [bulkResult, singleResult] = await Promise.allSettled([bulk, single]);
    expect(bulkResult).toEqual({ status: 'fulfilled', value: [true, true] });
    // It ran after the bulk committed: the key was already revoked.
    expect(singleResult).toEqual({ status: 'fulfilled', value: false });
  });
});
