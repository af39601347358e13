import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { ApiKeyDtoSchema, CreateApiKeyResponseSchema, ListApiKeysResponseSchema } from '../../../../../src/shared/http/index.js';
import { checkSecret, generateSecret, hashSecret, hintOf } from '../../../../../src/shared/key-format.js';
import { DRIVERS, call, newOrg, useApp } from '../../support.js';

describe.each(DRIVERS)('API keys on %s', (driver) => {
  const h = useApp(driver);

  it('creates a server-generated key: the secret is returned once and works at once', async () => {
    const org = await newOrg(h.app());
    const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, {
      name: '  Data import service  ',
      capabilities: ['data-record:write', 'data-record:read'],
    });
    expect(res.statusCode).toBe(201);
    const body = CreateApiKeyResponseSchema.parse(res.json());
    expect(checkSecret(body.secret!)).toBe('apiKey');
    expect(body.apiKey).toMatchObject({
      name: 'Data import service',
      capabilities: ['data-record:read', 'data-record:write'],
      canImpersonate: false,
      status: 'active',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(body.apiKey.hint).toBe(hintOf(body.secret!));
    expect(body.apiKey.createdBy).toEqual({ id: org.adminId, name: 'Org Admin' });
    const me = await call(h.app(), 'GET', '/api/me', body.secret);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'apiKey', apiKey: { id: body.apiKey.id }, actingAs: null, projects: [{ id: org.projectId, name: 'Operations' }] });
    // Never retrievable again: the list has no secret.
    const list = await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken);
    expect(list.body).not.toContain(body.secret!);
  });

  it('creates a key from a client-side hash: no secret in the response, the client secret works', async () => {
    const org = await newOrg(h.app());
    const secret = generateSecret('apiKey');
    const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, {
      name: 'Offline key',
      capabilities: [],
      canImpersonate: true,
      secretHash: hashSecret(secret),
      hint: hintOf(secret),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('secret');
    expect(res.json().apiKey).toMatchObject({ canImpersonate: true, hint: hintOf(secret) });
    expect((await call(h.app(), 'GET', '/api/me', secret)).statusCode).toBe(200);
  });

  it('refuses a secretHash that is already in use (409), even in another organization', async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const secret = generateSecret('apiKey');
    const body = { name: 'A', capabilities: [], secretHash: hashSecret(secret), hint: hintOf(secret) };
    expect((await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body)).statusCode).toBe(201);
    const again = await call(h.app(), 'POST', '/api/admin/api-keys', other.adminToken, body);
    expect(again.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(again.json()).error.code).toBe('CONFLICT');
  });

  it('honours Idempotency-Key: a retry returns the same key (200, no second key), a different body is 409', async () => {
    const org = await newOrg(h.app());
    const secret = generateSecret('apiKey');
    const body = { name: 'Sync', capabilities: ['task:work'], secretHash: hashSecret(secret), hint: hintOf(secret) };
    const headers = { 'idempotency-key': 'f1b1d7a2-idem-0001' };
    const first = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body, headers);
    const second = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const conflict = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { ...body, name: 'Other' }, headers);
    expect(conflict.statusCode).toBe(409);
    const list = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).json());
    expect(list.items).toHaveLength(1);
  });

  it('replays a server-generated create without the secret, which is shown only once', async () => {
    const org = await newOrg(h.app());
    const headers = { 'idempotency-key': 'server-generated-01' };
    const first = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'Once', capabilities: [] }, headers);
    const replay = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'Once', capabilities: [] }, headers);
    expect(first.json().secret).toMatch(/^rkr_key_/);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ apiKey: first.json().apiKey });
  });

  it('makes exactly one key for concurrent retries with the same Idempotency-Key', async () => {
    const org = await newOrg(h.app());
    const secret = generateSecret('apiKey');
    const body = { name: 'Race', capabilities: [], secretHash: hashSecret(secret), hint: hintOf(secret) };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body, { 'idempotency-key': 'race-race-race' })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().apiKey.id)).size).toBe(1);
    const list = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).json());
    expect(list.items).toHaveLength(1);
  });

  it('revokes at once and idempotently; the key is 401 on the very next request', async () => {
    const org = await newOrg(h.app());
    const { apiKey, secret } = await org.createKey({ name: 'Doomed' });
    expect((await call(h.app(), 'GET', '/api/me', secret)).statusCode).toBe(200);
    const revoke = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken);
    expect(revoke.statusCode).toBe(200);
    const revoked = ApiKeyDtoSchema.parse(revoke.json().apiKey);
    expect(revoked.status).toBe('revoked');
    const after = await call(h.app(), 'GET', '/api/me', secret);
    expect(after.statusCode).toBe(401);
    expect(ErrorBodySchema.parse(after.json()).error.code).toBe('UNAUTHORIZED');
    const again = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken, '', { 'content-type': 'application/json' });
    expect(again.statusCode).toBe(200);
    expect(again.json().apiKey.revokedAt).toBe(revoked.revokedAt);
    const events = await call(h.app(), 'GET', `/api/admin/audit-events?apiKeyId=${apiKey.id}`, org.adminToken);
    expect(events.json().items.map((e: { action: string }) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
  });

  it("reads another organization's key as 404", async () => {
    const org = await newOrg(h.app());
    const other = await newOrg(h.app());
    const { apiKey } = await other.createKey({ name: 'Theirs' });
    const res = await call(h.app(), 'POST', `/api/admin/api-keys/${apiKey.id}/revoke`, org.adminToken);
    expect(res.statusCode).toBe(404);
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('NOT_FOUND');
    const list = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys', org.adminToken)).json());
    expect(list.items).toEqual([]);
  });

  it('pages with limit/cursor (newest first) and filters by status', async () => {
    const org = await newOrg(h.app());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await org.createKey({ name: `K${i}` })).apiKey.id);
    await call(h.app(), 'POST', `/api/admin/api-keys/${ids[1]}/revoke`, org.adminToken);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/admin/api-keys?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', url, org.adminToken)).json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const active = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys?status=active', org.adminToken)).json());
    expect(active.items.map((k) => k.id).sort()).toEqual(ids.filter((id) => id !== ids[1]).sort());
    const revoked = ListApiKeysResponseSchema.parse((await call(h.app(), 'GET', '/api/admin/api-keys?status=revoked', org.adminToken)).json());
    expect(revoked.items.map((k) => k.id)).toEqual([ids[1]]);
    const bad = await call(h.app(), 'GET', '/api/admin/api-keys?cursor=nonsense', org.adminToken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('cursor');
  });

  it.each([
    [{ name: '   ', capabilities: [] }, 'name'],
    [{ name: 'x'.repeat(101), capabilities: [] }, 'name'],
    [{ name: 'ok', capabilities: ['admin:everything'] }, 'capabilities.0'],
    [{ name: 'ok', capabilities: ['task:work', 'task:work'] }, 'capabilities'],
    [{ name: 'ok', capabilities: [], secretHash: 'a'.repeat(64) }, 'secretHash'],
    [{ name: 'ok', capabilities: [], extra: 1 }, ''],
  ])('rejects %j with 400 naming the field %s', async (body, path) => {
    const org = await newOrg(h.app());
    const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, body);
    expect(res.statusCode).toBe(400);
    const error = ErrorBodySchema.parse(res.json()).error;
    expect(error.code).toBe('VALIDATION');
    expect(error.requestId).toBeTruthy();
    expect(error.details?.issues?.map((i) => i.path)).toContain(path || 'body');
  });

  it('caps the body size (64 KiB) with a 400', async () => {
    const org = await newOrg(h.app());
    const res = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, { name: 'big', capabilities: [], pad: 'x'.repeat(70_000) });
    expect(res.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(res.json()).error.details?.issues?.[0]?.path).toBe('body');
  });
});
