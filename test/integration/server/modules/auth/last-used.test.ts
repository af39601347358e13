import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../../../src/server/app.js';
import type { DatabaseConfig } from '../../../../../src/server/db/database.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';
import { createTestDatabase, type TestDatabase } from '../../../../helpers/postgres.js';
import { DRIVERS, call, newOrg } from '../../support.js';

describe.each(DRIVERS)('last used on %s', (driver) => {
  let database: DatabaseConfig;
  let pg: TestDatabase | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    if (driver === 'postgres') {
      pg = await createTestDatabase();
      database = { driver: 'postgres', url: pg.url, poolSize: 2 };
    } else {
      dir = mkdtempSync(join(tmpdir(), 'rakerone-last-used-'));
      database = { driver: 'sqlite', filename: join(dir, 'db.sqlite') };
    }
  });
  afterAll(async () => {
    await pg?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function lastUsedOf(app: Awaited<ReturnType<typeof buildApp>>, id: string) {
    const row = await app.rakerone.db.kysely.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
    return row.last_used_at;
  }

  it('writes the first use at once, coalesces later uses to one write per interval, and never moves back', async () => {
    const clock = createManualClock('2026-01-01T00:00:00.000Z');
    const app = await buildApp({ database, clock, lastUsedIntervalMs: 60_000 });
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Busy' });
      const writes = vi.spyOn(app.rakerone.db.hot, 'touchApiKey');
      const t0 = new Date(clock.now()).toISOString();
      for (let i = 0; i < 5; i++) expect((await call(app, 'GET', '/api/me', secret)).statusCode).toBe(200);
      await app.rakerone.lastUsed.flush();
      // Five uses at t0: the first is written, the rest land in the same interval and change nothing new.
      expect(await lastUsedOf(app, apiKey.id)).toBe(t0);
      const writesAfterBurst = writes.mock.calls.length;
      expect(writesAfterBurst).toBeLessThanOrEqual(2);

      clock.advance(10_000);
      await call(app, 'GET', '/api/me', secret);
      clock.advance(10_000);
      const t20 = new Date(clock.now()).toISOString();
      await call(app, 'GET', '/api/me', secret);
      expect(writes.mock.calls.length).toBe(writesAfterBurst);
      expect(await lastUsedOf(app, apiKey.id)).toBe(t0);
      await app.rakerone.lastUsed.flush();
      expect(writes.mock.calls.length).toBe(writesAfterBurst + 1);
      expect(await lastUsedOf(app, apiKey.id)).toBe(t20);

      const list = await call(app, 'GET', '/api/admin/api-keys', org.adminToken);
      expect(list.json().items[0].lastUsedAt).toBe(t20);

      // An older time (a slow node) never overwrites a newer one.
      await app.rakerone.db.hot.touchApiKey(apiKey.id, t0);
      expect(await lastUsedOf(app, apiKey.id)).toBe(t20);
    } finally {
      await app.close();
    }
  });

  it('writes pending uses when the interval ends, without a flush', async () => {
    const clock = createManualClock('2026-01-15T00:00:00.000Z');
    const app = await buildApp({ database, clock, lastUsedIntervalMs: 60_000 });
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Timer' });
      await call(app, 'GET', '/api/me', secret);
      const first = new Date(clock.now()).toISOString();
      clock.advance(20_000);
      const second = new Date(clock.now()).toISOString();
      await call(app, 'GET', '/api/me', secret);
      expect(await lastUsedOf(app, apiKey.id)).toBe(first);
      // The interval ends: the tracker's timer (on the injected clock) writes the pending use.
      clock.advance(40_000);
      await vi.waitFor(async () => expect(await lastUsedOf(app, apiKey.id)).toBe(second), { timeout: 2_000, interval: 10 });
    } finally {
      await app.close();
    }
  });

  it('flushes pending uses on graceful close, so none is lost', async () => {
    const clock = createManualClock('2026-02-01T00:00:00.000Z');
    const app = await buildApp({ database, clock, lastUsedIntervalMs: 60_000 });
    const org = await newOrg(app);
    const { apiKey, secret } = await org.createKey({ name: 'Closing' });
    await call(app, 'GET', '/api/me', secret);
    clock.advance(5_000);
    const last = new Date(clock.now()).toISOString();
    await call(app, 'GET', '/api/me', secret);
    await app.close();

    const reopened = await buildApp({ database });
    try {
      expect(await lastUsedOf(reopened, apiKey.id)).toBe(last);
    } finally {
      await reopened.close();
    }
  });
});
