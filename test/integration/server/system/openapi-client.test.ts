/**
 * A client generated from the OpenAPI document (openapi-typescript types, openapi-fetch calls) against
 * the real server over HTTP: the proof that a third party can build on the document. Its types file
 * is committed (test/helpers/generated/rakerone-api.ts, type-checked with the tests) and must match
 * the document the server serves now.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, generateClientTypes } from '../../../../scripts/openapi-client.js';
import type { operations, paths } from '../../../helpers/generated/rakerone-api.js';
import { startTestServer, type TestServer } from '../../../helpers/test-server.js';

type ApiKey = operations['listApiKeys']['responses'][200]['content']['application/json']['items'][number];

describe('the generated API client', () => {
  it('is generated from the document the server serves now (else run npm run openapi:client)', async () => {
    const committed = readFileSync(CLIENT_TYPES_FILE, 'utf8');
    expect(committed === (await generateClientTypes()), 'test/helpers/generated/rakerone-api.ts is stale: run npm run openapi:client').toBe(true);
  });

  describe('against a running server', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('creates, lists and revokes a key, and reads typed errors', async () => {
      const admin = createClient<paths>({ baseUrl: server.url, headers: { authorization: `Bearer ${server.adminToken}` } });

      const created = await admin.POST('/api/admin/api-keys', {
        params: { header: { 'idempotency-key': randomUUID() } },
        body: { name: 'CI deploy', capabilities: ['data-record:read', 'data-record:write'], canImpersonate: true },
      });
      expect(created.response.status).toBe(201);
      const { apiKey, secret } = created.data!;
      expect(secret).toMatch(/^rkr_key_/);

      const listed = await admin.GET('/api/admin/api-keys', { params: { query: { status: 'active', limit: 10 } } });
      const active: ApiKey[] = listed.data!.items;
      expect(active.map((k) => k.id)).toContain(apiKey.id);

      // The key acts as the admin through the documented impersonation header.
      const key = createClient<paths>({ baseUrl: server.url, headers: { authorization: `Bearer ${secret}` } });
      const record = await key.POST('/api/projects/{projectId}/records', {
        params: { path: { projectId: server.projectId }, header: { 'x-rakerone-act-as': server.admin.email } },
        body: { fields: { title: 'From a generated client' } },
      });
      expect(record.response.status).toBe(201);
      expect(record.data!.record.createdBy).toMatchObject({ type: 'person', id: server.admin.id, viaKey: { id: apiKey.id } });

      const revoked = await admin.POST('/api/admin/api-keys/{id}/revoke', { params: { path: { id: apiKey.id } } });
      expect(revoked.data!.apiKey.status).toBe('revoked');

      // Errors are typed too: the documented body, with the request id of the response header.
      const refused = await key.GET('/api/me');
      expect(refused.response.status).toBe(401);
      expect(refused.error!.error.code).toBe('UNAUTHORIZED');
      expect(refused.error!.error.requestId).toBe(refused.response.headers.get('x-request-id'));

      const invalid = await admin.POST('/api/admin/api-keys', {
        // @ts-expect-error an unknown capability does not type-check, and the server refuses it
        body: { name: 'Typo', capabilities: ['data-record:reed'] },
      });
      expect(invalid.response.status).toBe(400);
      expect(invalid.error!.error.details?.issues?.[0]?.path).toBe('capabilities.0');
    });
  });
});
