/**
 * Bulk revoke under load, across nodes: 50 clients keep calling node B with 200 keys while an admin
 * revokes all 200 in one request through node A. No request sent after the bulk response arrived may
 * be accepted, on either node. Two nodes on one database, as in multi-node.test.ts.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { BulkRevokeApiKeysResponseSchema } from '../../../../src/shared/http/index.js';
import { DRIVERS, call, newOrg, createSharedDatabase, type SharedDatabase } from '../support.js';

const CLIENTS = 50;
const KEYS = 200;
/** Requests each client still sends once it has seen the bulk response. */
const AFTER = 5;

describe.each(DRIVERS)('bulk revoke racing 50 clients across two nodes on %s', (driver) => {
  let nodeA: FastifyInstance;
  let nodeB: FastifyInstance;
  let shared: SharedDatabase | undefined;

  beforeAll(async () => {
    shared = await createSharedDatabase(driver, 4);
    const { database } = shared;
    // Thousands of refused requests from one address are the point here, not an attack.
    const options = { database, lastUsedIntervalMs: 60_000, authFailureLimits: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } };
    nodeA = await buildApp(options);
    nodeB = await buildApp(options);
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await shared?.remove();
  });

  it('accepts no request sent after the bulk response, on either node', async () => {
    const org = await newOrg(nodeA);
    const keys: { id: string; secret: string }[] = [];
    for (let i = 0; i < KEYS; i++) {
      const { apiKey, secret } = await org.createKey({ name: `Racer ${i}`, capabilities: ['data-record:read'] });
      keys.push({ id: apiKey.id, secret: secret! });
    }

    let revokedAt = Number.POSITIVE_INFINITY;
    const late: { node: string; status: number }[] = [];
    let acceptedBefore = 0;
    let refusedAfter = 0;
    const client = async (n: number) => {
      let afterSeen = 0;
      for (let i = 0; afterSeen < AFTER; i++) {
        const key = keys[(n * 4 + i) % KEYS]!;
        // Mostly node B (the other node), sometimes node A.
        const [name, node] = i % 5 === 4 ? ['A', nodeA] : ['B', nodeB];
        const sentAt = performance.now();
        const sentAfter = sentAt > revokedAt;
        const res = await call(node, 'GET', '/api/me', key.secret);
        // On SQLite a request can complete without reaching the event loop's timers phase; yield so the
        // other clients, the revoke and the timers all get their turn.
        await new Promise((resolve) => setImmediate(resolve));
        if (sentAfter) {
          afterSeen++;
          if (res.statusCode === 401) refusedAfter++;
          else late.push({ node: name, status: res.statusCode });
        } else if (res.statusCode === 200) {
          acceptedBefore++;
        }
      }
    };

    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // Let every client get going before the revoke.
    while (acceptedBefore < CLIENTS * 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await call(nodeA, 'POST', '/api/admin/api-keys/bulk-revoke', org.adminToken, { ids: keys.map((k) => k.id) });
    revokedAt = performance.now();
    await Promise.all(clients);

    expect(res.statusCode).toBe(200);
    expect(BulkRevokeApiKeysResponseSchema.parse(res.json()).revoked).toHaveLength(KEYS);
    expect(late).toEqual([]);
    expect(refusedAfter).toBe(CLIENTS * AFTER);
    expect(acceptedBefore).toBeGreaterThanOrEqual(CLIENTS * 2);
  });
});
