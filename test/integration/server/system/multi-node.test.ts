/**
 * Two server nodes on one database (PostgreSQL is how RakerOne scales out; two processes on one
 * SQLite file behave the same): a revocation on one node is refused by the other on the very next
 * request: a node caches a credential only while the revocation epoch it reads per request is
 * unchanged (revoke-race.serial.test.ts races it with separate processes and 50 clients).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { DRIVERS, call, newOrg, createSharedDatabase, type SharedDatabase } from '../support.js';

describe.each(DRIVERS)('two nodes on one %s database', (driver) => {
  let nodeA: FastifyInstance;
  let nodeB: FastifyInstance;
  let shared: SharedDatabase | undefined;

  beforeAll(async () => {
    shared = await createSharedDatabase(driver, 2);
    const { database } = shared;
    if (driver === 'postgres') {
      // Started together: the migration lock lets exactly one of them migrate.
      [nodeA, nodeB] = await Promise.all([buildApp({ database }), buildApp({ database })]);
    } else {
      // One after the other: in one process, two SQLite connections would wait on each other's lock
      // while blocking the event loop (the cross-process start is covered in cli.test.ts).
      nodeA = await buildApp({ database });
      nodeB = await buildApp({ database });
    }
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await shared?.remove();
  });

  it('refuses a key on node B on the very next request after node A revoked it', async () => {
    const org = await newOrg(nodeA);
    const { apiKey, secret } = await org.createKey({ name: 'Shared' });
    // Warm node B up with this key, so anything it might remember is in place.
    for (let i = 0; i < 3; i++) expect((await call(nodeB, 'GET', '/api/me', secret)).statusCode).toBe(200);
    expect((await call(nodeA, 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken)).statusCode).toBe(200);
    expect((await call(nodeB, 'GET', '/api/me', secret)).statusCode).toBe(401);
    expect((await call(nodeA, 'GET', '/api/me', secret)).statusCode).toBe(401);
  });

  it('shows on one node the keys and last use recorded by the other', async () => {
    const org = await newOrg(nodeA);
    const { apiKey, secret } = await org.createKey({ name: 'Seen everywhere' });
    expect((await call(nodeB, 'GET', '/api/me', secret)).statusCode).toBe(200);
    await nodeB.rakerone.lastUsed.flush();
    const list = await call(nodeA, 'GET', '/api/admin/api-keys', org.adminToken);
    expect(list.json().items).toEqual([expect.objectContaining({ id: apiKey.id, lastUsedAt: expect.any(String) })]);
  });
});
