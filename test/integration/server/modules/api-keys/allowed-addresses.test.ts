/**
 * Allowed addresses (issue 20) on both drivers: set at create and with PUT …/allowed-addresses
 * (canonical blocks, bounds, field messages, 409s, idempotent replays, audit), enforced on every key
 * request (403 naming the caller's address, counted as refused; IPv4, IPv6, CIDR, IPv4-mapped peers,
 * clients behind `--trust-proxy`), the key policy's requireAllowedAddresses, and the credential
 * cache: two nodes on one database, a change through one refused on the other's very next request.
 * (50 clients against two processes: system/revoke-race.serial.test.ts.)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../../src/server/app.js';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { ApiKeyResponseSchema, type AuditEventDto, KeyActivitySchema, KeyPolicySchema } from '../../../../../src/shared/http/index.js';
import { createManualClock } from '../../../../helpers/manual-clock.js';
import { DRIVERS, type TestOrg, call, createSharedDatabase, newOrg, type SharedDatabase, useApp } from '../../support.js';

const DAY_MS = 86_400_000;

describe.each(DRIVERS)('allowed addresses on %s', (driver) => {
  const clock = createManualClock('2026-03-01T12:00:00.000Z');
  const h = useApp(driver, { clock, retirementSweepMs: 0, trustProxy: '10.0.0.0/8' });
  const put = (org: TestOrg, id: string, body: unknown, headers: Record<string, string> = {}) =>
    call(h.app(), 'PUT', `/api/admin/api-keys/${id}/allowed-addresses`, org.adminToken, body, headers);
  /** A key request from `remoteAddress` (and through a trusted proxy when `forwardedFor` is given). */
  const from = (secret: string | undefined, remoteAddress: string, forwardedFor?: string) =>
    h.app().inject({
      url: '/api/me',
      remoteAddress,
      headers: { authorization: `Bearer ${secret}`, ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) },
    });
  const eventsOf = async (org: TestOrg, id: string): Promise<AuditEventDto[]> => {
    const res = await call(h.app(), 'GET', `/api/admin/audit-events?apiKeyId=${id}&action=api_key.allowed_addresses_changed`, org.adminToken);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const issuesOf = (body: string) => ErrorBodySchema.parse(JSON.parse(body)).error.details?.issues as { path: string; message: string }[];

  it('creates a key with a list in canonical form (bare addresses as one host, IPv6 compact, IPv4-mapped as IPv4, duplicates dropped)', async () => {
    const org = await newOrg(h.app());
    const { apiKey } = await org.createKey({
      name: 'Restricted',
      allowedAddresses: ['203.0.113.7', '2001:DB8::/32', '::ffff:198.51.100.0/120', '203.0.113.7/32'],
    });
    expect(apiKey.allowedAddresses).toEqual(['203.0.113.7/32', '2001:db8::/32', '198.51.100.0/24']);
    const listed = (await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).json().items;
    expect(listed[0].allowedAddresses).toEqual(['203.0.113.7/32', '2001:db8::/32', '198.51.100.0/24']);
    expect((await org.createKey({ name: 'Anywhere' })).apiKey.allowedAddresses).toBeNull();
    expect((await org.createKey({ name: 'Null', allowedAddresses: null })).apiKey.allowedAddresses).toBeNull();
    const created = (await call(h.app(), 'GET', `/api/admin/audit-events?apiKeyId=${apiKey.id}&action=api_key.created`, org.adminToken)).json().items;
    expect(created[0].details.allowedAddresses).toEqual(['203.0.113.7/32', '2001:db8::/32', '198.51.100.0/24']);
  });

  it('refuses invalid lists at create and on PUT with a message on the field (host bits name the network meant; 0 and 51 entries)', async () => {
    const org = await newOrg(h.app());
    const hostBits = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'K', capabilities: [], allowedAddresses: ['203.0.113.7/24'] });
    expect(hostBits.statusCode).toBe(400);
    expect(issuesOf(hostBits.body)).toEqual([{ path: 'allowedAddresses.0', message: '203.0.113.7/24 has host bits set; did you mean 203.0.113.0/24?' }]);

    const { apiKey } = await org.createKey({ name: 'K' });
    const cases: [unknown, string, RegExp][] = [
      [[], 'allowedAddresses', /at least one/],
      [Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`), 'allowedAddresses', /At most 50/],
      [['198.51.100.1', 'not an address'], 'allowedAddresses.1', /not an IP address or CIDR block/],
      [['2001:db8::1/129'], 'allowedAddresses.0', /at most 128/],
      [['fe80::1%eth0'], 'allowedAddresses.0', /not an IP address/],
      [[42], 'allowedAddresses.0', /must be text/],
      ['203.0.113.7', 'allowedAddresses', /list/],
    ];
    for (const [allowedAddresses, path, message] of cases) {
      const res = await put(org, apiKey.id, { allowedAddresses });
      expect(res.statusCode, JSON.stringify(allowedAddresses)).toBe(400);
      expect(issuesOf(res.body)).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    expect((await put(org, apiKey.id, {})).statusCode).toBe(400);
    // 50 is the most, and is fine.
    const fifty = await put(org, apiKey.id, { allowedAddresses: Array.from({ length: 50 }, (_, i) => `10.0.${i}.0/24`) });
    expect(fifty.statusCode).toBe(200);
    expect(fifty.json().apiKey.allowedAddresses).toHaveLength(50);
  });

  it('refuses a request from outside with 403 naming the caller (never the list), counted as refused; admits IPv4, IPv6, CIDR and IPv4-mapped peers inside', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Office', allowedAddresses: ['203.0.113.7', '198.51.100.0/24', '2001:db8:1::/48'] });
    for (const peer of ['203.0.113.7', '198.51.100.200', '::ffff:203.0.113.7', '::ffff:198.51.100.1', '2001:db8:1:ffff::1']) {
      expect((await from(secret, peer)).statusCode, peer).toBe(200);
    }
    for (const [peer, shown] of [
      ['203.0.113.8', '203.0.113.8'],
      ['::ffff:192.0.2.1', '192.0.2.1'],
      ['2001:DB8:2::1', '2001:db8:2::1'],
    ]) {
      const refused = await from(secret, peer!);
      expect(refused.statusCode, peer).toBe(403);
      const error = ErrorBodySchema.parse(refused.json()).error;
      expect(error).toMatchObject({ code: 'FORBIDDEN', message: `This API key may not be used from ${shown}` });
      expect(refused.body).not.toMatch(/198\.51\.100|2001:db8:1::|203\.0\.113\.7\b/);
    }
    await h.app().rakerone.activity.flush();
    const activity = KeyActivitySchema.parse((await call(h.app(), 'GET', `/api/admin/api-keys/${apiKey.id}/activity?days=1`, org.adminToken)).json());
    expect(activity.days.at(-1)).toMatchObject({ requests: 5, refused: 3 });
    // Refused requests are no source: the sources are the admitted ones only.
    expect(activity.sources.map((s) => s.address).sort()).toEqual(['198.51.100.1', '198.51.100.200', '2001:db8:1:ffff::1', '203.0.113.7']);
  });

  it('reads the client behind a trusted proxy (X-Forwarded-For), and the spoofed header of an untrusted peer not at all', async () => {
    const org = await newOrg(h.app());
    const { secret } = await org.createKey({ name: 'Behind the proxy', allowedAddresses: ['203.0.113.0/24', '2001:db8::/32'] });
    expect((await from(secret, '10.1.2.3', '203.0.113.5')).statusCode).toBe(200);
    expect((await from(secret, '::ffff:10.1.2.3', '::ffff:203.0.113.6')).statusCode).toBe(200);
    expect((await from(secret, '10.1.2.3', '2001:db8::beef')).statusCode).toBe(200);
    const outside = await from(secret, '10.1.2.3', '192.0.2.44');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toBe('This API key may not be used from 192.0.2.44');
    // The proxy itself is not in the list; a client claiming an allowed address from an untrusted peer is that peer.
    expect((await from(secret, '10.1.2.3')).statusCode).toBe(403);
    const spoofed = await from(secret, '192.0.2.9', '203.0.113.5');
    expect(spoofed.statusCode).toBe(403);
    expect(spoofed.json().error.message).toBe('This API key may not be used from 192.0.2.9');
  });

  it('changes the list with PUT (audited with before and after), clears it with null, and records nothing when the blocks are the same', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Changing', allowedAddresses: ['203.0.113.7'] });
    expect((await from(secret, '198.51.100.4')).statusCode).toBe(403);

    const widened = await put(org, apiKey.id, { allowedAddresses: ['203.0.113.7', '198.51.100.0/24'] });
    expect(widened.statusCode).toBe(200);
    expect(ApiKeyResponseSchema.parse(widened.json()).apiKey).toMatchObject({
      id: apiKey.id,
      status: 'active',
      allowedAddresses: ['203.0.113.7/32', '198.51.100.0/24'],
    });
    expect((await from(secret, '198.51.100.4')).statusCode).toBe(200);
    // The same blocks in another order and spelling: no change, no event.
    const same = await put(org, apiKey.id, { allowedAddresses: ['198.51.100.0/24', '::ffff:203.0.113.7'] });
    expect(same.json().apiKey.allowedAddresses).toEqual(['203.0.113.7/32', '198.51.100.0/24']);

    const cleared = await put(org, apiKey.id, { allowedAddresses: null });
    expect(cleared.json().apiKey.allowedAddresses).toBeNull();
    expect((await from(secret, '192.0.2.1')).statusCode).toBe(200);
    expect((await put(org, apiKey.id, { allowedAddresses: null })).statusCode).toBe(200);

    const events = await eventsOf(org, apiKey.id);
    expect(events.map((e) => e.details)).toEqual([
      { before: ['203.0.113.7/32', '198.51.100.0/24'], after: null },
      { before: ['203.0.113.7/32'], after: ['203.0.113.7/32', '198.51.100.0/24'] },
    ]);
    expect(events[0]).toMatchObject({ action: 'api_key.allowed_addresses_changed', actor: { type: 'person', id: org.adminId }, target: { id: apiKey.id } });
  });

  it('answers 404 for an unknown key and 409 for a revoked or expired one; a replayed Idempotency-Key returns the key as it is', async () => {
    const org = await newOrg(h.app());
    expect((await put(org, '00000000-0000-4000-8000-000000000000', { allowedAddresses: null })).statusCode).toBe(404);
    const other = await newOrg(h.app());
    const foreign = await other.createKey({ name: 'Theirs' });
    expect((await put(org, foreign.apiKey.id, { allowedAddresses: null })).statusCode).toBe(404);

    const revoked = await org.createKey({ name: 'Revoked' });
    await call(h.app(), 'POST', `/api/admin/api-keys/${revoked.apiKey.id}/revoke`, org.adminToken);
    const conflict = await put(org, revoked.apiKey.id, { allowedAddresses: ['203.0.113.7'] });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.message).toMatch(/revoked/);
    const expiring = await org.createKey({ name: 'Expiring', expiresAt: new Date(clock.now() + DAY_MS).toISOString() });
    clock.advance(DAY_MS);
    expect((await put(org, expiring.apiKey.id, { allowedAddresses: ['203.0.113.7'] })).statusCode).toBe(409);
    expect(await eventsOf(org, revoked.apiKey.id)).toEqual([]);

    const { apiKey } = await org.createKey({ name: 'Replayed' });
    const headers = { 'idempotency-key': 'allow-office-1' };
    const first = await put(org, apiKey.id, { allowedAddresses: ['203.0.113.7'] }, headers);
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await put(org, apiKey.id, { allowedAddresses: ['203.0.113.7'] }, headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().apiKey.allowedAddresses).toEqual(['203.0.113.7/32']);
    expect((await put(org, apiKey.id, { allowedAddresses: null }, headers)).statusCode).toBe(409);
    expect(await eventsOf(org, apiKey.id)).toHaveLength(1);
  });

  it('key policy: requireAllowedAddresses round-trips (default false) and a create without a list is then refused on allowedAddresses', async () => {
    const org = await newOrg(h.app());
    const policy = async () => KeyPolicySchema.parse((await call(h.app(), 'GET', '/api/admin/key-policy', org.adminToken)).json());
    expect((await policy()).requireAllowedAddresses).toBe(false);
    const set = await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, {
      maxLifetimeDays: null,
      requireExpiry: false,
      requireAllowedAddresses: true,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: true });
    expect(await policy()).toEqual({ maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: true });

    for (const body of [{}, { allowedAddresses: null }]) {
      const refused = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'Anywhere', capabilities: [], ...body });
      expect(refused.statusCode).toBe(400);
      expect(issuesOf(refused.body)).toEqual([
        { path: 'allowedAddresses', message: "The organization's key policy (require allowed addresses) requires a list of allowed addresses" },
      ]);
    }
    const { apiKey } = await org.createKey({ name: 'Listed', allowedAddresses: ['203.0.113.7'] });
    expect(apiKey.allowedAddresses).toEqual(['203.0.113.7/32']);
    // The policy governs new keys; an existing key's list may still be cleared (audited).
    expect((await put(org, apiKey.id, { allowedAddresses: null })).statusCode).toBe(200);

    // Older clients send no requireAllowedAddresses: it reads as false.
    await call(h.app(), 'PUT', '/api/admin/key-policy', org.adminToken, { maxLifetimeDays: null, requireExpiry: false });
    expect((await policy()).requireAllowedAddresses).toBe(false);
  });
});

describe.each(DRIVERS)('allowed addresses and the credential cache: two nodes on one %s database', (driver) => {
  let nodeA: FastifyInstance;
  let nodeB: FastifyInstance;
  let shared: SharedDatabase | undefined;

  beforeAll(async () => {
    shared = await createSharedDatabase(driver, 2);
    nodeA = await buildApp({ database: shared.database });
    nodeB = await buildApp({ database: shared.database });
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await shared?.remove();
  });

  it("refuses an excluded address on node B's very next request after node A narrowed the list, while B's cache held the key", async () => {
    const org = await newOrg(nodeA);
    const { apiKey, secret } = await org.createKey({ name: 'Cached', allowedAddresses: ['203.0.113.0/24'] });
    const meFrom = (node: FastifyInstance, remoteAddress: string) =>
      node.inject({ url: '/api/me', remoteAddress, headers: { authorization: `Bearer ${secret}` } });
    for (let i = 0; i < 3; i++) expect((await meFrom(nodeB, '203.0.113.9')).statusCode).toBe(200);
    const cachedBefore = nodeB.rakerone.authenticator.cachedCredentials();
    expect(cachedBefore).toBeGreaterThan(0);

    const narrowed = await call(nodeA, 'PUT', `/api/admin/api-keys/${apiKey.id}/allowed-addresses`, org.adminToken, { allowedAddresses: ['203.0.113.1'] });
    expect(narrowed.statusCode).toBe(200);
    expect((await meFrom(nodeB, '203.0.113.9')).statusCode).toBe(403);
    expect((await meFrom(nodeB, '203.0.113.1')).statusCode).toBe(200);

    // And widened again: admitted as promptly.
    await call(nodeA, 'PUT', `/api/admin/api-keys/${apiKey.id}/allowed-addresses`, org.adminToken, { allowedAddresses: null });
    expect((await meFrom(nodeB, '203.0.113.9')).statusCode).toBe(200);
  });
});
