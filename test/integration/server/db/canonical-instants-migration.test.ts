/**
 * Migration 0007 on both drivers: rows written before it (an expiry stored as `+010000-…`, one in year
 * -1, instants without milliseconds or with an offset) are rewritten in the stored form, so the
 * organization's key list, which failed as a whole on them, answers 200 again.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { canonicalInstantsMigration } from '../../../../src/server/db/migration-canonical-instants.js';
import { ListApiKeysResponseSchema, ListAuditEventsResponseSchema } from '../../../../src/shared/http/index.js';
import { createManualClock } from '../../../helpers/manual-clock.js';
import { DRIVERS, call, createSharedDatabase, newOrg } from '../support.js';

const DAY_MS = 86_400_000;

describe.each(DRIVERS)('migration 0007 (instants in the stored form) on %s', (driver) => {
  it('repairs stored instants: far-future expiries become creation + 3,650 days, the rest the same instant in UTC', async () => {
    const shared = await createSharedDatabase(driver);
    const clock = createManualClock('2026-03-01T12:00:00.000Z');
    try {
      let app = await buildApp({ database: shared.database, clock, retirementSweepMs: 0, lastUsedIntervalMs: 0 });
      const org = await newOrg(app);
      const forever = (await org.createKey({ name: 'Forever' })).apiKey;
      const ancient = (await org.createKey({ name: 'Ancient' })).apiKey;
      const offset = (await org.createKey({ name: 'Offset' })).apiKey;
      // What the server before 0007 could store (new Date(input).toISOString() of an offset instant) or
      // what another writer may have left: written behind the API's back, then 0007 made to run again.
      const db = app.rakerone.db.kysely;
      await db.updateTable('api_keys').set({ expires_at: '+010000-01-01T23:58:59.000Z' }).where('id', '=', forever.id).execute();
      await db.updateTable('api_keys').set({ expires_at: '-000001-12-31T23:00:00.000Z' }).where('id', '=', ancient.id).execute();
      await db
        .updateTable('api_keys')
        .set({ expires_at: '2026-06-01T14:00:00+02:00', last_used_at: '2026-03-01T12:00:00Z' })
        .where('id', '=', offset.id)
        .execute();
      await db
        .updateTable('audit_events')
        .set({ occurred_at: '2026-03-01 13:00:00.5+01:00' })
        .where('organization_id', '=', org.orgId)
        .where('action', '=', 'api_key.created')
        .execute();
      const broken = await call(app, 'GET', '/api/admin/api-keys?status=all', org.adminToken);
      expect(broken.statusCode).toBe(500);
      // 0007's own step run again (the migrator refuses to re-run one migration once later ones ran).
      await canonicalInstantsMigration(driver).up(db as unknown as Kysely<unknown>);
      await app.close();

      app = await buildApp({ database: shared.database, clock, retirementSweepMs: 0, lastUsedIntervalMs: 0 });
      try {
        const res = await call(app, 'GET', '/api/admin/api-keys?status=all', org.adminToken);
        expect(res.statusCode, res.body).toBe(200);
        const byName = new Map(ListApiKeysResponseSchema.parse(res.json()).items.map((k) => [k.name, k]));
        expect(byName.get('Forever')).toMatchObject({ status: 'active', expiresAt: new Date(Date.parse(forever.createdAt) + 3650 * DAY_MS).toISOString() });
        expect(byName.get('Ancient')).toMatchObject({ status: 'expired', expiresAt: '0000-01-01T00:00:00.000Z' });
        expect(byName.get('Offset')).toMatchObject({ status: 'active', expiresAt: '2026-06-01T12:00:00.000Z', lastUsedAt: '2026-03-01T12:00:00.000Z' });
        const events = await call(app, 'GET', '/api/admin/audit-events?action=api_key.created', org.adminToken);
        expect(events.statusCode, events.body).toBe(200);
        expect(ListAuditEventsResponseSchema.parse(events.json()).items.map((e) => e.occurredAt)).toEqual([
          '2026-03-01T12:00:00.500Z',
          '2026-03-01T12:00:00.500Z',
          '2026-03-01T12:00:00.500Z',
        ]);
      } finally {
        await app.close();
      }
    } finally {
      await shared.remove();
    }
  });
});
