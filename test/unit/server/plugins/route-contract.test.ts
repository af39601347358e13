import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorResponses } from '../../../../src/server/plugins/error-responses.js';
import { installRouteContract, statusesAddedBy } from '../../../../src/server/plugins/route-contract.js';

describe('what the server adds to every route', () => {
  it('adds authentication, impersonation and rate-limit statuses to authenticated routes only', () => {
    expect([...statusesAddedBy({ auth: 'public', validatesInput: false }).keys()]).toEqual([500]);
    expect([...statusesAddedBy({ auth: 'credential', validatesInput: false }).keys()].sort()).toEqual([400, 401, 403, 404, 429, 500, 503]);
    const admin = statusesAddedBy({ auth: 'admin', validatesInput: true });
    expect(admin.get(403)!.join(' ')).toMatch(/Admin role/);
    expect(admin.get(400)!.join(' ')).toMatch(/details\.issues/);
    expect(statusesAddedBy({ auth: 'credential', capability: 'data-record:read', validatesInput: false }).get(403)!.join(' ')).toMatch(/data-record:read/);
  });

  it('puts them in the route schema with the one error body, code pinned, request id required; security from the route', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installRouteContract(app);
    const seen: Record<string, { response: Record<string, z.ZodType>; security: unknown }> = {};
    app.addHook('onRoute', (route) => {
      seen[route.url] = route.schema as (typeof seen)[string];
    });
    app.get('/open', { config: { auth: 'public' }, schema: { response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({ ok: true }));
    app.post(
      '/keys/:id/revoke',
      { config: { auth: 'admin' }, schema: { params: z.object({ id: z.string() }), response: { 200: z.null(), ...errorResponses(404) } } },
      async () => null,
    );
    await app.ready();

    expect(Object.keys(seen['/open']!.response).sort()).toEqual(['200', '500']);
    expect(seen['/open']!.security).toEqual([]);
    const revoke = seen['/keys/:id/revoke']!;
    expect(Object.keys(revoke.response).sort()).toEqual(['200', '400', '401', '403', '404', '429', '500', '503']);
    expect(revoke.security).toEqual([{ bearer: [] }]);
    // The route's own 404 and impersonation's are both described.
    expect(revoke.response[404]!.description).toMatch(/Not found.*X-RakerOne-Act-As/);
    expect(revoke.response[404]!.safeParse({ error: { code: 'NOT_FOUND', message: 'x', requestId: 'r' } }).success).toBe(true);
    expect(revoke.response[404]!.safeParse({ error: { code: 'NOT_FOUND', message: 'x' } }).success).toBe(false);
    expect(revoke.response[404]!.safeParse({ error: { code: 'CONFLICT', message: 'x', requestId: 'r' } }).success).toBe(false);
    await app.close();
  });
});
