import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../../../src/server/app.js';
import { KeyUsageSchema, type KeyUsage } from '../../../../../src/shared/http/api-keys.js';
import { HEADERS } from '../../../../../src/shared/http/common.js';
import { createManualClock, type ManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, call, createSharedDatabase, newOrg, type SharedDatabase, type TestOrg } from '../../support.js';

const INTERVAL_MS = 60_000;

describe.each(DRIVERS)('key usage on %s', (driver) => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await createSharedDatabase(driver, 2);
  });
  afterAll(async () => {
    await shared.remove();
  });

  /** A node on the suite's database with a manual clock; closed by the test. */
  async function node(clock: ManualClock, intervalMs = INTERVAL_MS): Promise<FastifyInstance> {
    return buildApp({ database: shared.database, clock, lastUsedIntervalMs: intervalMs, retirementSweepMs: 0 });
  }

  async function usageOf(app: FastifyInstance, org: TestOrg, id: string): Promise<KeyUsage> {
    const res = await call(app, 'GET', `/api/admin/api-keys/${id}/usage`, org.adminToken);
    expect(res.statusCode, res.body).toBe(200);
    return KeyUsageSchema.parse(res.json());
  }

  const lastUsedOf = (usage: KeyUsage, capability: string) => usage.capabilities.find((c) => c.capability === capability)?.lastUsedAt;

  const listRecords = (app: FastifyInstance, org: TestOrg, secret: string, headers: Record<string, string> = {}) =>
    call(app, 'GET', `/api/projects/${org.projectId}/records`, secret, undefined, headers);
  const startRun = (app: FastifyInstance, org: TestOrg, secret: string) =>
    call(app, 'POST', `/api/projects/${org.projectId}/playbook-runs`, secret, { playbookId: 'onboarding' });

  it("answers, per capability in the key's order, when a request last exercised it; never is null", async () => {
    const clock = createManualClock('2026-04-01T09:00:00.000Z');
    const app = await node(clock, 0);
    try {
      const org = await newOrg(app);
      const capabilities = ['playbook-run:start', 'data-record:read', 'data-record:write'] as const;
      const { apiKey, secret } = await org.createKey({ name: 'Importer', capabilities: [...capabilities] });
      expect(await usageOf(app, org, apiKey.id)).toEqual({
        capabilities: capabilities.map((capability) => ({ capability, lastUsedAt: null })),
        impersonation: { lastUsedAt: null },
      });

      const readAt = new Date(clock.now()).toISOString();
      expect((await listRecords(app, org, secret!)).statusCode).toBe(200);
      clock.advance(1_000);
      const startAt = new Date(clock.now()).toISOString();
      expect((await startRun(app, org, secret!)).statusCode).toBe(201);
      clock.advance(1_000);
      // A route that requires no capability exercises none.
      expect((await call(app, 'GET', '/api/me', secret)).statusCode).toBe(200);
      // An admitted request exercised the capability even when the handler refuses the input.
      const invalidAt = new Date(clock.now()).toISOString();
      expect((await call(app, 'GET', `/api/projects/${org.projectId}/records?limit=0`, secret)).statusCode).toBe(400);
      await app.rakerone.keyUsage.flush();

      expect(await usageOf(app, org, apiKey.id)).toEqual({
        capabilities: [
          { capability: 'playbook-run:start', lastUsedAt: startAt },
          { capability: 'data-record:read', lastUsedAt: invalidAt },
          { capability: 'data-record:write', lastUsedAt: null },
        ],
        impersonation: { lastUsedAt: null },
      });
      expect(readAt < invalidAt).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('records impersonation, and the capability exercised while impersonating; a refused request exercises nothing', async () => {
    const clock = createManualClock('2026-04-02T09:00:00.000Z');
    const app = await node(clock, 0);
    try {
      const org = await newOrg(app);
      const member = await org.addPerson('member');
      const { apiKey, secret } = await org.createKey({ name: 'Assistant', capabilities: ['data-record:read', 'data-record:delete'], canImpersonate: true });
      const actAs = { [HEADERS.actAs]: member.id };

      const meAt = new Date(clock.now()).toISOString();
      expect((await call(app, 'GET', '/api/me', secret, undefined, actAs)).statusCode).toBe(200);
      await app.rakerone.keyUsage.flush();
      expect(await usageOf(app, org, apiKey.id)).toEqual({
        capabilities: [
          { capability: 'data-record:read', lastUsedAt: null },
          { capability: 'data-record:delete', lastUsedAt: null },
        ],
        impersonation: { lastUsedAt: meAt },
      });

      clock.advance(5_000);
      const readAt = new Date(clock.now()).toISOString();
      expect((await listRecords(app, org, secret!, actAs)).statusCode).toBe(200);
      clock.advance(5_000);
      // A member cannot delete records: the key acting as one is refused, and that is no use.
      const refused = await call(app, 'DELETE', `/api/projects/${org.projectId}/records/01a21ab3-0000-7000-8000-000000000000`, secret, undefined, actAs);
      expect(refused.statusCode).toBe(403);
      // Nor is a request the key makes to a route it lacks the capability for.
      expect((await startRun(app, org, secret!)).statusCode).toBe(403);
      await app.rakerone.keyUsage.flush();
      expect(await usageOf(app, org, apiKey.id)).toEqual({
        capabilities: [
          { capability: 'data-record:read', lastUsedAt: readAt },
          { capability: 'data-record:delete', lastUsedAt: null },
        ],
        impersonation: { lastUsedAt: readAt },
      });
    } finally {
      await app.close();
    }
  });

  it("is the organization's own: another organization's key and an unknown id are 404, a malformed id 400; admins only", async () => {
    const clock = createManualClock('2026-04-03T09:00:00.000Z');
    const app = await node(clock, 0);
    try {
      const org = await newOrg(app);
      const other = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Ours', capabilities: ['data-record:read'] });
      const manager = await org.addPerson('manager');

      for (const [token, id, status, code] of [
        [other.adminToken, apiKey.id, 404, 'NOT_FOUND'],
        [org.adminToken, '01a21ab3-0000-7000-8000-000000000000', 404, 'NOT_FOUND'],
        [org.adminToken, 'not-an-id', 400, 'VALIDATION'],
        [secret!, apiKey.id, 403, 'FORBIDDEN'],
        [manager.token, apiKey.id, 403, 'FORBIDDEN'],
        [undefined, apiKey.id, 401, 'UNAUTHORIZED'],
      ] as const) {
        const res = await call(app, 'GET', `/api/admin/api-keys/${id}/usage`, token);
        expect(res.statusCode, `${id} → ${res.body}`).toBe(status);
        expect(res.json().error.code).toBe(code);
      }
      // The 404 of another organization's key says exactly what an unknown id says.
      const foreign = await call(app, 'GET', `/api/admin/api-keys/${apiKey.id}/usage`, other.adminToken);
      const unknown = await call(app, 'GET', '/api/admin/api-keys/01a21ab3-0000-7000-8000-000000000000/usage', other.adminToken);
      expect(foreign.json().error.message).toBe(unknown.json().error.message);
    } finally {
      await app.close();
    }
  });

  it("keeps a revoked key's usage readable", async () => {
    const clock = createManualClock('2026-04-04T09:00:00.000Z');
    const app = await node(clock, 0);
    try {
      const org = await newOrg(app);
      const { apiKey, secret } = await org.createKey({ name: 'Leaked', capabilities: ['data-record:read'] });
      const usedAt = new Date(clock.now()).toISOString();
      await listRecords(app, org, secret!);
      await app.rakerone.keyUsage.flush();
      clock.advance(1_000);
      expect((await call(app, 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken)).statusCode).toBe(200);
      expect((await usageOf(app, org, apiKey.id)).capabilities).toEqual([{ capability: 'data-record:read', lastUsedAt: usedAt }]);
    } finally {
      await app.close();
    }
  });

  it('writes a flood of uses at most once per key per interval, with the latest time of each capability', async () => {
    const clock = createManualClock('2026-04-05T09:00:00.000Z');
    const app = await node(clock);
    try {
      const org = await newOrg(app);
      const busy = await org.createKey({ name: 'Busy', capabilities: ['data-record:read', 'playbook-run:start'] });
      const quiet = await org.createKey({ name: 'Quiet', capabilities: ['data-record:read'] });
      const writes = vi.spyOn(app.rakerone.keyUsageStore, 'record');
      const writesOf = (id: string) => writes.mock.calls.filter(([apiKeyId]) => apiKeyId === id).length;

      const firstAt = new Date(clock.now()).toISOString();
      await listRecords(app, org, quiet.secret!);
      for (let i = 0; i < 40; i++) {
        expect((await listRecords(app, org, busy.secret!)).statusCode).toBe(200);
        clock.advance(500);
      }
      const lastReadAt = new Date(clock.now() - 500).toISOString();
      const startAt = new Date(clock.now()).toISOString();
      expect((await startRun(app, org, busy.secret!)).statusCode).toBe(201);
      clock.advance(1_000);
      await listRecords(app, org, quiet.secret!);
      // 42 uses in 21 s: each key's first use was written at once, the rest wait for the interval's end.
      expect(writesOf(busy.apiKey.id)).toBe(1);
      expect(writesOf(quiet.apiKey.id)).toBe(1);
      await vi.waitFor(async () => expect(lastUsedOf(await usageOf(app, org, busy.apiKey.id), 'data-record:read')).toBe(firstAt));
      expect(lastUsedOf(await usageOf(app, org, busy.apiKey.id), 'playbook-run:start')).toBeNull();

      // The interval ends: one write per key carries everything gathered (the injected clock runs the timer).
      clock.advance(INTERVAL_MS);
      expect(writesOf(busy.apiKey.id)).toBe(2);
      expect(writesOf(quiet.apiKey.id)).toBe(2);
      await vi.waitFor(async () => {
        const usage = await usageOf(app, org, busy.apiKey.id);
        expect(lastUsedOf(usage, 'data-record:read')).toBe(lastReadAt);
        expect(lastUsedOf(usage, 'playbook-run:start')).toBe(startAt);
      });
      // Another flood right after that write: nothing written until the next interval ends.
      for (let i = 0; i < 20; i++) await listRecords(app, org, busy.secret!);
      expect(writesOf(busy.apiKey.id)).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('writes pending uses on graceful close, so none is lost', async () => {
    const clock = createManualClock('2026-04-06T09:00:00.000Z');
    const app = await node(clock);
    const org = await newOrg(app);
    const member = await org.addPerson('member');
    const { apiKey, secret } = await org.createKey({ name: 'Closing', capabilities: ['data-record:read', 'playbook-run:start'], canImpersonate: true });
    const firstAt = new Date(clock.now()).toISOString();
    await listRecords(app, org, secret!);
    clock.advance(5_000);
    const lastAt = new Date(clock.now()).toISOString();
    await startRun(app, org, secret!);
    await call(app, 'GET', '/api/me', secret, undefined, { [HEADERS.actAs]: member.id });
    await app.close();

    const reopened = await node(createManualClock('2026-04-06T10:00:00.000Z'));
    try {
      const usage = await usageOf(reopened, org, apiKey.id);
      expect(lastUsedOf(usage, 'data-record:read')).toBe(firstAt);
      expect(lastUsedOf(usage, 'playbook-run:start')).toBe(lastAt);
      expect(usage.impersonation.lastUsedAt).toBe(lastAt);
    } finally {
      await reopened.close();
    }
  });

  it('keeps the latest use when two nodes write one key in any order', async () => {
    const clock = createManualClock('2026-04-07T09:00:00.000Z');
    const [a, b] = [await node(clock), await node(clock)];
    try {
      const org = await newOrg(a);
      const { apiKey } = await org.createKey({ name: 'Shared', capabilities: ['data-record:read', 'data-record:write'] });
      const early = '2026-04-07T09:00:01.000Z';
      const late = '2026-04-07T09:00:02.000Z';
      await a.rakerone.keyUsageStore.record(apiKey.id, [{ kind: 'data-record:read', at: late }]);
      // The slower node writes an older read, and a write the other had not seen.
      await b.rakerone.keyUsageStore.record(apiKey.id, [
        { kind: 'data-record:read', at: early },
        { kind: 'data-record:write', at: early },
      ]);
      await Promise.all([
        a.rakerone.keyUsageStore.record(apiKey.id, [{ kind: 'impersonation', at: early }]),
        b.rakerone.keyUsageStore.record(apiKey.id, [{ kind: 'impersonation', at: late }]),
      ]);
      expect(await usageOf(b, org, apiKey.id)).toEqual({
        capabilities: [
          { capability: 'data-record:read', lastUsedAt: late },
          { capability: 'data-record:write', lastUsedAt: early },
        ],
        impersonation: { lastUsedAt: late },
      });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
