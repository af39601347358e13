import { describe, expect, it, vi } from 'vitest';
import { ErrorBodySchema } from '../../../../../src/shared/errors.js';
import { MeResponseSchema } from '../../../../../src/shared/http/index.js';
import { generateSecret } from '../../../../../src/shared/key-format.js';
import { DRIVERS, call, newOrg, useApp } from '../../support.js';

describe.each(DRIVERS)('authentication on %s', (driver) => {
  // A high limit here; the rate-limit suite below uses a small one.
  const h = useApp(driver, { authFailureLimits: { max: 1000, windowMs: 60_000 } });

  function errorOf(res: { statusCode: number; json: () => unknown }) {
    return ErrorBodySchema.parse(res.json()).error;
  }

  it('answers /api/health without a credential and everything else with 401', async () => {
    expect((await call(h.app(), 'GET', '/api/health')).json()).toMatchObject({ status: 'ok', database: 'ok', driver });
    for (const url of ['/api/me', '/api/capabilities', '/api/admin/api-keys', '/api/admin/audit-events']) {
      const res = await call(h.app(), 'GET', url);
      expect(res.statusCode).toBe(401);
      expect(errorOf(res)).toMatchObject({ code: 'UNAUTHORIZED', requestId: res.headers['x-request-id'] });
    }
  });

  it('requires a credential on every route of the OpenAPI document but /health and the document itself (secure by default)', async () => {
    const doc = (await call(h.app(), 'GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const id = '01a21ab3-0000-7000-8000-000000000000';
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const url = path.replace(/\{[^}]+\}/g, id);
        const res = await h.app().inject({ method: method.toUpperCase() as 'GET', url });
        const isPublic = path === '/api/health' || path === '/api/openapi.json';
        expect(res.statusCode, `${method} ${path}`).toBe(isPublic ? 200 : 401);
        // The document says so too: no security on exactly the public operations.
        expect(operation.security, `${method} ${path}`).toEqual(isPublic ? [] : [{ bearer: [] }]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(11);
  });

  it('rejects malformed and mistyped credentials without reading the database', async () => {
    const spy = vi.spyOn(h.app().rakerone.db.hot, 'apiKeyByHash');
    const spyPerson = vi.spyOn(h.app().rakerone.db.hot, 'personByTokenHash');
    const valid = generateSecret('apiKey');
    const typo = valid.slice(0, 12) + (valid[12] === 'a' ? 'b' : 'a') + valid.slice(13);
    for (const value of ['Bearer', 'Bearer nope', `Basic ${valid}`, `Bearer ${typo}`, `Bearer ${valid.slice(0, -1)}`, `Bearer ${valid} extra`]) {
      const res = await h.app().inject({ url: '/api/me', headers: { authorization: value } });
      expect(res.statusCode, value).toBe(401);
    }
    expect(spy).not.toHaveBeenCalled();
    expect(spyPerson).not.toHaveBeenCalled();
    // A well-formed but unknown key costs exactly one lookup.
    expect((await call(h.app(), 'GET', '/api/me', valid)).statusCode).toBe(401);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    spyPerson.mockRestore();
  });

  it('tells a person who they are, with the capabilities of their role', async () => {
    const org = await newOrg(h.app());
    const member = await org.addPerson('member');
    const me = MeResponseSchema.parse((await call(h.app(), 'GET', '/api/me', member.token)).json());
    expect(me.kind).toBe('person');
    if (me.kind !== 'person') return;
    expect(me.person).toMatchObject({ id: member.id, role: 'member' });
    expect(me.organization.slug).toBe(org.slug);
    expect(me.capabilities).toContain('data-record:read');
    expect(me.capabilities).not.toContain('data-record:delete');
    expect(me.projects).toEqual([{ id: org.projectId, name: 'Operations' }]);
  });

  it('keeps admin endpoints to the Admin role: non-admin people and every API key get 403', async () => {
    const org = await newOrg(h.app());
    const manager = await org.addPerson('manager');
    const { secret } = await org.createKey({ name: 'All caps', capabilities: ['data-record:read', 'project:manage'] });
    for (const token of [manager.token, secret!]) {
      for (const [method, url] of [
        ['GET', '/api/admin/api-keys'],
        ['POST', '/api/admin/api-keys'],
        ['GET', '/api/admin/audit-events'],
      ] as const) {
        const res = await call(h.app(), method, url, token, method === 'POST' ? { name: 'x', capabilities: [] } : undefined);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(errorOf(res).code).toBe('FORBIDDEN');
      }
    }
  });

  it('names the missing capability in a 403', async () => {
    const org = await newOrg(h.app());
    const { secret } = await org.createKey({ name: 'Reader', capabilities: ['data-record:read'] });
    const res = await call(h.app(), 'POST', `/api/projects/${org.projectId}/records`, secret, { fields: { a: 1 } });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).details?.capability).toBe('data-record:write');
    expect((await call(h.app(), 'GET', `/api/projects/${org.projectId}/records`, secret)).statusCode).toBe(200);
  });

  it("revoking a person's admin tokens refuses them on the very next request, and only theirs", async () => {
    const org = await newOrg(h.app());
    const other = await org.addPerson('admin');
    expect((await call(h.app(), 'GET', '/api/me', org.adminToken)).statusCode).toBe(200);
    const { revoked } = await h.app().rakerone.people.revokeTokens({ orgSlug: org.slug, email: `admin@${org.slug}.test` });
    expect(revoked).toBe(1);
    expect((await call(h.app(), 'GET', '/api/me', org.adminToken)).statusCode).toBe(401);
    expect((await call(h.app(), 'GET', '/api/me', other.token)).statusCode).toBe(200);
    expect((await h.app().rakerone.people.revokeTokens({ orgSlug: org.slug, email: `admin@${org.slug}.test` })).revoked).toBe(0);
  });

  describe('impersonation (X-RakerOne-Act-As)', () => {
    it('acts as a person of the organization, by id or email, with the key ∩ role capabilities', async () => {
      const org = await newOrg(h.app());
      const member = await org.addPerson('member', `Mia@${org.slug}.test`);
      const { apiKey, secret } = await org.createKey({ name: 'Helpdesk', capabilities: ['data-record:read', 'data-record:delete'], canImpersonate: true });
      for (const actAs of [member.id, member.email.toUpperCase()]) {
        const res = await call(h.app(), 'GET', '/api/me', secret, undefined, { 'x-rakerone-act-as': actAs });
        expect(res.statusCode).toBe(200);
        const me = MeResponseSchema.parse(res.json());
        expect(me).toMatchObject({ kind: 'apiKey', apiKey: { id: apiKey.id }, actingAs: { id: member.id, role: 'member' } });
        // member cannot delete records: the key's data-record:delete is dropped.
        expect(me.capabilities).toEqual(['data-record:read']);
      }
      const del = await call(h.app(), 'DELETE', `/api/projects/${org.projectId}/records/${apiKey.id}`, secret, undefined, { 'x-rakerone-act-as': member.id });
      expect(del.statusCode).toBe(403);
      expect(errorOf(del).details?.capability).toBe('data-record:delete');
    });

    it('is 403 for keys without canImpersonate and for people', async () => {
      const org = await newOrg(h.app());
      const member = await org.addPerson('member');
      const { secret } = await org.createKey({ name: 'Plain', capabilities: ['data-record:read'] });
      for (const token of [secret!, org.adminToken]) {
        const res = await call(h.app(), 'GET', '/api/me', token, undefined, { 'x-rakerone-act-as': member.id });
        expect(res.statusCode).toBe(403);
        expect(errorOf(res).code).toBe('FORBIDDEN');
      }
    });

    it('is 404 for a person of another organization or nobody', async () => {
      const org = await newOrg(h.app());
      const other = await newOrg(h.app());
      const stranger = await other.addPerson('admin');
      const { secret } = await org.createKey({ name: 'Imp', capabilities: [], canImpersonate: true });
      for (const actAs of [stranger.id, stranger.email, 'nobody@example.test']) {
        const res = await call(h.app(), 'GET', '/api/me', secret, undefined, { 'x-rakerone-act-as': actAs });
        expect(res.statusCode).toBe(404);
        expect(errorOf(res).code).toBe('NOT_FOUND');
      }
    });
  });
});

describe.each(DRIVERS)('failed-authentication rate limit on %s', (driver) => {
  const h = useApp(driver, { authFailureLimits: { max: 3, windowMs: 60_000 } });

  it('answers 429 with Retry-After to further failures from an address over the limit, but lets valid credentials in', async () => {
    const org = await newOrg(h.app());
    const bad = generateSecret('apiKey');
    const from = (ip: string, token: string) => h.app().inject({ url: '/api/me', remoteAddress: ip, headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.7', bad)).statusCode).toBe(401);
    const limited = await from('10.0.0.7', generateSecret('apiKey'));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(ErrorBodySchema.parse(limited.json()).error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: Number(limited.headers['retry-after']) },
    });
    expect((await from('10.0.0.7', 'not-even-a-token')).statusCode).toBe(429);
    // Junk from a shared address cannot lock the organization out: a valid credential still works.
    expect((await from('10.0.0.7', org.adminToken)).statusCode).toBe(200);
    // Other addresses are unaffected.
    expect((await from('10.0.0.8', org.adminToken)).statusCode).toBe(200);
    // Public routes stay reachable.
    expect((await h.app().inject({ url: '/api/health', remoteAddress: '10.0.0.7' })).statusCode).toBe(200);
  });
});

describe.each(DRIVERS)('failed-authentication rate limit behind a trusted proxy on %s', (driver) => {
  const h = useApp(driver, { authFailureLimits: { max: 2, windowMs: 60_000 }, trustProxy: '10.1.0.0/16' });

  it("keys on the client's address from a trusted proxy, and ignores X-Forwarded-For from anyone else", async () => {
    const bad = generateSecret('apiKey');
    const via = (remoteAddress: string, forwardedFor: string) =>
      h.app().inject({ url: '/api/me', remoteAddress, headers: { authorization: `Bearer ${bad}`, 'x-forwarded-for': forwardedFor } });
    for (let i = 0; i < 2; i++) expect((await via('10.1.0.5', '203.0.113.9')).statusCode).toBe(401);
    expect((await via('10.1.0.5', '203.0.113.9')).statusCode).toBe(429);
    // Another client behind the same proxy is not limited.
    expect((await via('10.1.0.5', '203.0.113.10')).statusCode).toBe(401);
    // An untrusted sender cannot pick its address: its own address is limited, whatever it claims.
    for (let i = 0; i < 2; i++) expect((await via('198.51.100.4', `192.0.2.${i}`)).statusCode).toBe(401);
    expect((await via('198.51.100.4', '192.0.2.99')).statusCode).toBe(429);
  });
});

describe('failed-authentication rate limit behind one proxy hop', () => {
  const h = useApp('sqlite', { authFailureLimits: { max: 1, windowMs: 60_000 }, trustProxy: 1 });

  it('takes the address the nearest proxy saw', async () => {
    const bad = generateSecret('apiKey');
    const via = (forwardedFor: string) =>
      h.app().inject({ url: '/api/me', remoteAddress: '10.9.9.9', headers: { authorization: `Bearer ${bad}`, 'x-forwarded-for': forwardedFor } });
    expect((await via('203.0.113.1')).statusCode).toBe(401);
    expect((await via('203.0.113.1')).statusCode).toBe(429);
    // A spoofed entry further left is not believed: the proxy appended the real client on the right.
    expect((await via('192.0.2.1, 203.0.113.1')).statusCode).toBe(429);
    expect((await via('203.0.113.2')).statusCode).toBe(401);
  });
});
