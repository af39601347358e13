import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { BulkRevokeApiKeysResponseSchema, ListAuditEventsResponseSchema, type AuditEventDto } from '../../../../../src/shared/http/index.js';
import { DRIVERS, call, newOrg, type TestOrg, useApp } from '../../support.js';

const URL = '/api/admin/api-keys/bulk-revoke';

async function makeKeys(org: TestOrg, count: number, prefix = 'K') {
  const keys: { id: string; secret: string }[] = [];
  for (let i = 0; i < count; i++) {
    const { apiKey, secret } = await org.createKey({ name: `${prefix}${i}` });
    keys.push({ id: apiKey.id, secret: secret! });
  }
  return keys;
}

describe.each(DRIVERS)('bulk revoke on %s', (driver) => {
  const h = useApp(driver);

  async function events(org: TestOrg, query = ''): Promise<AuditEventDto[]> {
    const res = await call(h.app(), 'GET', `/api/admin/audit-events?limit=1000${query}`, org.adminToken);
    expect(res.statusCode).toBe(200);
    return ListAuditEventsResponseSchema.parse(res.json()).items;
  }

  it('revokes every listed key in one go; each is refused on the very next request', async () => {
    const org = await newOrg(h.app());
    const keys = await makeKeys(org, 3);
    const spared = (await org.createKey({ name: 'Spared' })).secret!;
    const res = await call(h.app(), 'POST', URL, org.adminToken, { ids: keys.map((k) => k.id) });
    expect(res.statusCode).toBe(200);
    const body = BulkRevokeApiKeysResponseSchema.parse(res.json());
    expect(body.revoked.map((k) => [k.id, k.status])).toEqual(keys.map((k) => [k.id, 'revoked']));
    expect(new Set(body.revoked.map((k) => k.revokedAt)).size).toBe(1);
    expect(body).toMatchObject({ alreadyRevoked: [], notFound: [] });
    for (const key of keys) expect((await call(h.app(), 'GET', '/api/me', key.secret)).statusCode).toBe(401);
    expect((await call(h.app(), 'GET', '/api/me', spared)).statusCode).toBe(200);
  });

  it('sorts out a partial request: revoked, already revoked, not found (in the order listed), with one event per key and one for the bulk', async () => {
    const org = await newOrg(h.app());
    const [a, b, c] = await makeKeys(org, 3);
    await call(h.app(), 'POST', `/api/admin/api-keys/${b!.id}/revoke`, org.adminToken);
    const missing = randomUUID();
    const res = await call(h.app(), 'POST', URL, org.adminToken, { ids: [missing, c!.id, b!.id, a!.id, c!.id.toUpperCase()] });
    expect(res.statusCode).toBe(200);
    const body = BulkRevokeApiKeysResponseSchema.parse(res.json());
    expect(body.revoked.map((k) => k.id)).toEqual([c!.id, a!.id]);
    expect(body.alreadyRevoked).toEqual([b!.id]);
    expect(body.notFound).toEqual([missing]);

    const all = await events(org);
    const bulk = all.filter((e) => e.action === 'api_key.bulk_revoked');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]).toMatchObject({ actor: { type: 'person', id: org.adminId }, details: { count: 2, alreadyRevoked: 1, notFound: 1 } });
    const perKey = all.filter((e) => e.action === 'api_key.revoked' && e.details?.bulk === bulk[0]!.id);
    expect(perKey.map((e) => e.target.id).sort()).toEqual([a!.id, c!.id].sort());
    expect(perKey.every((e) => e.occurredAt === bulk[0]!.occurredAt)).toBe(true);
    // The key revoked before keeps its single event and its first revocation time.
    expect((await events(org, `&apiKeyId=${b!.id}`)).map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
  });

  it("reads another organization's keys as not found and leaves them working", async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const [mine] = await makeKeys(org, 1);
    const [theirs] = await makeKeys(other, 1, 'Theirs');
    const res = await call(h.app(), 'POST', URL, org.adminToken, { ids: [theirs!.id, mine!.id] });
    expect(res.statusCode).toBe(200);
    const body = BulkRevokeApiKeysResponseSchema.parse(res.json());
    expect(body.revoked.map((k) => k.id)).toEqual([mine!.id]);
    expect(body.notFound).toEqual([theirs!.id]);
    expect((await call(h.app(), 'GET', '/api/me', theirs!.secret)).statusCode).toBe(200);
    expect((await events(other, `&apiKeyId=${theirs!.id}`)).map((e) => e.action)).toEqual(['api_key.created']);
    // Nothing about the other organization's key in our answer or our audit log.
    expect(res.body).not.toContain('Theirs');
    expect(JSON.stringify(await events(org))).not.toContain(theirs!.id);
  });

  it('replays the same request with the same Idempotency-Key: the first answer, 200, nothing revoked or audited twice; other ids are 409', async () => {
    const org = await newOrg(h.app());
    const [a, b] = await makeKeys(org, 2);
    await call(h.app(), 'POST', `/api/admin/api-keys/${b!.id}/revoke`, org.adminToken);
    const missing = randomUUID();
    const headers = { 'idempotency-key': `bulk-${randomUUID()}` };
    const ids = [a!.id, b!.id, missing];
    const first = await call(h.app(), 'POST', URL, org.adminToken, { ids }, headers);
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const eventsAfterFirst = await events(org);
    const replay = await call(h.app(), 'POST', URL, org.adminToken, { ids }, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(await events(org)).toEqual(eventsAfterFirst);
    const conflict = await call(h.app(), 'POST', URL, org.adminToken, { ids: [a!.id] }, headers);
    expect(conflict.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(conflict.json()).error.code).toBe('CONFLICT');
    // Without the key, the same request is a new one: everything is already revoked now.
    const again = BulkRevokeApiKeysResponseSchema.parse((await call(h.app(), 'POST', URL, org.adminToken, { ids })).json());
    expect(again).toEqual({ revoked: [], alreadyRevoked: [a!.id, b!.id], notFound: [missing] });
  });

  it('makes exactly one revocation for concurrent retries with the same Idempotency-Key', async () => {
    const org = await newOrg(h.app());
    const keys = await makeKeys(org, 5);
    const headers = { 'idempotency-key': `bulk-race-${randomUUID()}` };
    const responses = await Promise.all(Array.from({ length: 4 }, () => call(h.app(), 'POST', URL, org.adminToken, { ids: keys.map((k) => k.id) }, headers)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    for (const r of responses) expect(BulkRevokeApiKeysResponseSchema.parse(r.json()).revoked.map((k) => k.id)).toEqual(keys.map((k) => k.id));
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect((await events(org, '&action=api_key.bulk_revoked')).length).toBe(1);
    expect((await events(org, '&action=api_key.revoked')).length).toBe(5);
  });

  it('revokes 1,000 keys in one request; 1,001 ids are a 400 and revoke nothing', async () => {
    const org = await newOrg(h.app());
    const [real] = await makeKeys(org, 1);
    const filler = Array.from({ length: 999 }, () => randomUUID());
    const tooMany = await call(h.app(), 'POST', URL, org.adminToken, { ids: [real!.id, ...filler, randomUUID()] });
    expect(tooMany.statusCode).toBe(400);
    const error = ErrorBodySchema.parse(tooMany.json()).error;
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.issues?.[0]?.path).toBe('ids');
    expect((await call(h.app(), 'GET', '/api/me', real!.secret)).statusCode).toBe(200);
    const ok = await call(h.app(), 'POST', URL, org.adminToken, { ids: [real!.id, ...filler] });
    expect(ok.statusCode).toBe(200);
    const body = BulkRevokeApiKeysResponseSchema.parse(ok.json());
    expect([body.revoked.length, body.notFound.length]).toEqual([1, 999]);
  });

  it('refuses malformed bodies with a 400 on the field, and non-admins with a 403', async () => {
    const org = await newOrg(h.app());
    const [key] = await makeKeys(org, 1);
    const bad: [unknown, string][] = [
      [{ ids: [] }, 'ids'],
      [{ ids: ['not-a-uuid'] }, 'ids.0'],
      [{ ids: [key!.id, 42] }, 'ids.1'],
      [{ ids: key!.id }, 'ids'],
      [{}, 'ids'],
      [{ ids: [key!.id], extra: true }, 'body'],
    ];
    for (const [body, path] of bad) {
      const res = await call(h.app(), 'POST', URL, org.adminToken, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = ErrorBodySchema.parse(res.json()).error;
      expect(error.code).toBe('VALIDATION');
      expect(
        error.details?.issues?.map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const badKey = await call(h.app(), 'POST', URL, org.adminToken, { ids: [key!.id] }, { 'idempotency-key': 'short' });
    expect(badKey.statusCode).toBe(400);
    const member = await org.addPerson('member');
    expect((await call(h.app(), 'POST', URL, member.token, { ids: [key!.id] })).statusCode).toBe(403);
    expect((await call(h.app(), 'POST', URL, key!.secret, { ids: [key!.id] })).statusCode).toBe(403);
    expect((await call(h.app(), 'GET', '/api/me', key!.secret)).statusCode).toBe(200);
  });
});
