import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { ErrorBodySchema } from '../../../../src/shared/errors.js';
import { DRIVERS, call, newOrg, useApp } from '../support.js';

describe.each(DRIVERS)('health, OpenAPI, request ids and errors on %s', (driver) => {
  const h = useApp(driver);

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await call(h.app(), 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/admin/api-keys',
        '/api/admin/api-keys/{id}/revoke',
        '/api/admin/api-keys/{id}/scheduled-revocation',
        '/api/admin/api-keys/{id}/usage',
        '/api/admin/api-keys/{id}/activity',
        '/api/admin/api-keys/{id}/suspend',
        '/api/admin/api-keys/{id}/resume',
        '/api/admin/api-keys/{id}/allowed-addresses',
        '/api/admin/api-keys/activity-summary',
        '/api/admin/api-keys/bulk-revoke',
        '/api/admin/api-keys/bulk-suspend',
        '/api/admin/api-keys/identify',
        '/api/admin/audit-events',
        '/api/admin/key-policy',
        '/api/capabilities',
        '/api/health',
        '/api/me',
        '/api/openapi.json',
        '/api/projects/{projectId}/playbook-runs',
        '/api/projects/{projectId}/records',
        '/api/projects/{projectId}/records/{id}',
      ].sort(),
    );
    const create = doc.paths['/api/admin/api-keys'].post;
    expect(create.requestBody.content['application/json'].schema.properties.name.maxLength).toBe(100);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '409', '429', '500']));
  });

  it('keeps a plain X-Request-Id from the caller and makes one otherwise', async () => {
    const given = await h.app().inject({ url: '/api/me', headers: { 'x-request-id': 'app-req-42' } });
    expect(given.headers['x-request-id']).toBe('app-req-42');
    expect(ErrorBodySchema.parse(given.json()).error.requestId).toBe('app-req-42');
    const odd = await h.app().inject({ url: '/api/me', headers: { 'x-request-id': 'has spaces and <html>' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes and bad JSON with the one error body', async () => {
    const org = await newOrg(h.app());
    const unknown = await call(h.app(), 'GET', '/api/nothing-here', org.adminToken);
    expect(unknown.statusCode).toBe(404);
    expect(ErrorBodySchema.parse(unknown.json()).error.code).toBe('NOT_FOUND');
    const badJson = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, '{"name":', { 'content-type': 'application/json' });
    expect(badJson.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(badJson.json()).error.code).toBe('VALIDATION');
    const proto = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, '{"name":"x","capabilities":[],"__proto__":{"admin":true}}', {
      'content-type': 'application/json',
    });
    expect(proto.statusCode).toBe(400);
    const text = await call(h.app(), 'POST', '/api/admin/api-keys', org.adminToken, 'name=x', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(400);
  });
});

describe('health with the database gone, and logs', () => {
  it('reports degraded with 503 when the database is unreachable', async () => {
    const app = await buildApp({ database: { driver: 'sqlite', filename: ':memory:' } });
    await app.rakerone.db.close();
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'degraded', database: 'unreachable', driver: 'sqlite' });
    await app.close().catch(() => undefined);
  });

  it('never logs credentials or secrets, and keeps unexpected error details in the log only', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      database: { driver: 'sqlite', filename: ':memory:' },
      logger: { level: 'trace', stream: { write: (line) => void lines.push(line) } },
    });
    try {
      const org = await newOrg(app);
      const created = await call(app, 'POST', '/api/admin/api-keys', org.adminToken, { name: 'Logged?', capabilities: [] });
      const secret = created.json().secret as string;
      await call(app, 'GET', '/api/me', secret);
      // A different last character (a secret may end in x), so the credential is always wrong.
      await call(app, 'GET', '/api/me', `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`);
      // The key is now cached under the current epoch, so the epoch read is what fails.
      app.rakerone.db.hot.authEpoch = async () => {
        throw new Error('database exploded: internal detail 1234');
      };
      const boom = await call(app, 'GET', '/api/me', secret);
      expect(boom.statusCode).toBe(500);
      expect(ErrorBodySchema.parse(boom.json()).error).toMatchObject({ code: 'INTERNAL', message: 'Something went wrong on the server' });
      expect(boom.body).not.toContain('1234');
      // Log a request object with headers, as a careless future line might.
      app.log.info({ req: { headers: { authorization: `Bearer ${secret}` } }, secret, token: org.adminToken }, 'careless');

      const log = lines.join('');
      expect(log).toContain('internal detail 1234');
      expect(log).toContain('[redacted]');
      expect(log).not.toContain(secret);
      expect(log).not.toContain(secret.slice(8, 40));
      expect(log).not.toContain(org.adminToken);
    } finally {
      await app.close();
    }
  });
});
