/**
 * Issue 18, finding 8: 10,000 keys whose scheduled retirement falls on the same instant. Before,
 * every caller (a key list, the audit trail, identify) walked the due keys one locked transaction
 * each — 10,000 transactions per caller, and again for each concurrent caller. Now they are written
 * in batches of RETIREMENT_BATCH, once, by one run the concurrent callers share. Counted here: the
 * transactions the database is asked for (a spy on the real Kysely instance, which still runs them),
 * with USED of the keys still in use (each refused use asks for the writing too),
 * on both drivers; every key gets exactly one `api_key.revoked` event at its time. A key list (and
 * identify) does not wait for the writing at all — it shows a due key as revoked at its time either
 * way — while the audit trail, which needs the events, waits for the shared run. Both times are
 * printed; the list's bound is the one second, asserted loosely for a loaded 2-core machine.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../../../../src/server/lib/ids.js';
import { generateSecret, hashSecret } from '../../../../../src/shared/key-format.js';
import { RETIREMENT_BATCH } from '../../../../../src/server/modules/api-keys/retirements.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, call, newOrg, useApp } from '../../support.js';

const KEYS = 10_000;
const CONCURRENT_CALLERS = 8;
/** Keys still in use when they retire: each refused use asks for its retirement to be written. */
const USED = 200;

describe.each(DRIVERS)('10,000 keys retiring at one instant on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  // The refused uses come from one address: no failed-sign-in limit in the way. Key activity is off:
  // each refused use is a key's first refusal of the day, written at once in its own transaction on
  // PostgreSQL, and this test counts the retirements' transactions.
  const h = useApp(driver, { clock, retirementSweepMs: 0, recordKeyActivity: false, authFailureLimits: { max: 1_000_000, windowMs: 60_000 } });

  it('are written in batches, once, by one run that concurrent lists, audit and identify share; the key list does not wait', { timeout: 120_000 }, async () => {
    const app = h.app();
    const org = await newOrg(app);
    const at = new Date(clock.now() + 60_000).toISOString();
    const actor = JSON.stringify({ type: 'person', id: org.adminId, name: 'Org Admin', viaKey: null });
    const hashes: string[] = [];
    const secrets: string[] = [];
    await app.rakerone.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < KEYS; i += 500) {
        const rows = Array.from({ length: 500 }, (_, j) => {
          // The first USED keys get real secrets: integrations still using them when they retire.
          const secret = i + j < USED ? generateSecret('apiKey') : null;
          if (secret !== null) secrets.push(secret);
          const hash = secret !== null ? hashSecret(secret) : createHash('sha256').update(randomBytes(16)).digest('hex');
          hashes.push(hash);
          return {
            id: newId(),
            organization_id: org.orgId,
            name: `Rotated ${i + j}`,
            capabilities: '[]',
            can_impersonate: 0,
            secret_hash: hash,
            hint: 'rkr_key_…abcd',
            created_at: new Date(clock.now()).toISOString(),
            created_by_id: org.adminId,
            created_by_name: 'Org Admin',
            last_used_at: null,
            revoked_at: null,
            expires_at: null,
            retire_at: at,
            retire_after_first_use_of: null,
            retire_grace_seconds: null,
            retire_actor: actor,
            first_used_at: null,
          };
        });
        await trx.insertInto('api_keys').values(rows).execute();
      }
    });
    clock.advance(120_000);

    const transactions = vi.spyOn(app.rakerone.db.kysely, 'transaction');
    const started = performance.now();
    const timed = (res: Promise<LightMyRequestResponse>) => res.then((r) => ({ r, ms: performance.now() - started }));
    const list = timed(call(app, 'GET', '/api/admin/api-keys?status=all&limit=50', org.adminToken));
    const others = [
      ...Array.from({ length: CONCURRENT_CALLERS - 3 }, () => call(app, 'GET', '/api/admin/api-keys?status=revoked&limit=10', org.adminToken)),
      call(app, 'POST', '/api/admin/api-keys/identify', org.adminToken, { secretHashes: hashes.slice(0, 100) }),
      ...secrets.map((secret) => call(app, 'GET', '/api/me', secret)),
    ];
    // The audit trail is the answer that needs the events written: it waits for the shared run.
    const audit = timed(call(app, 'GET', '/api/admin/audit-events?action=api_key.revoked&limit=10', org.adminToken));
    const [first, trail, rest] = await Promise.all([list, audit, Promise.all(others)]);
    const transactionCount = transactions.mock.calls.length;
    transactions.mockRestore();
    console.warn(
      `[mass-retirement ${driver}] ${KEYS} due retirements: first key list ${first.ms.toFixed(0)} ms, audit list (waits for them) ${trail.ms.toFixed(0)} ms; transactions: ${transactionCount}`,
    );

    expect(first.r.statusCode).toBe(200);
    const page = first.r.json().items as { status: string; revokedAt: string }[];
    expect(page).toHaveLength(50);
    // Shown as revoked at their time, written yet or not.
    expect(page.every((k) => k.status === 'revoked' && k.revokedAt === at)).toBe(true);
    const uses = rest.slice(-USED);
    const answers = rest.slice(0, -USED);
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
    expect(answers.at(-1)!.json().matches).toHaveLength(100);
    expect(uses.map((r) => r.statusCode)).toEqual(uses.map(() => 401));
    expect(trail.r.statusCode).toBe(200);
    expect(trail.r.json().items).toHaveLength(10);
    // One run of KEYS / BATCH transactions, plus at most one shared follow-up run that finds nothing
    // due. Before: KEYS transactions for the first caller alone, again for each concurrent one, and
    // one more per refused use.
    expect(transactionCount).toBeLessThanOrEqual(Math.ceil(KEYS / RETIREMENT_BATCH) + 1);
    expect(first.ms).toBeLessThan(3_000);

    // Exactly once: every key revoked at its own time, one scheduled event each, by its scheduler.
    const db = app.rakerone.db.kysely;
    const notAt = await db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', org.orgId)
      .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '!=', at)]))
      .executeTakeFirstOrThrow();
    expect(Number(notAt.n)).toBe(0);
    const events = await db
      .selectFrom('audit_events')
      .select(['api_key_id', 'occurred_at', 'actor_id'])
      .where('organization_id', '=', org.orgId)
      .where('action', '=', 'api_key.revoked')
      .execute();
    expect(events).toHaveLength(KEYS);
    expect(new Set(events.map((e) => e.api_key_id)).size).toBe(KEYS);
    expect(events.every((e) => e.occurred_at === at && e.actor_id === org.adminId)).toBe(true);

    // Nothing is due any more: the next audit read runs no transaction at all.
    const again = vi.spyOn(app.rakerone.db.kysely, 'transaction');
    expect((await call(app, 'GET', '/api/admin/audit-events', org.adminToken)).statusCode).toBe(200);
    expect(again.mock.calls.length).toBe(0);
    again.mockRestore();
  });
});
