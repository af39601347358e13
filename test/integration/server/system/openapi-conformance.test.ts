/**
 * The OpenAPI document, held to the real server as a generated client would hold it: every
 * registered route is documented; every documented operation is called (openapi-cases.ts, keyed by
 * operationId) together with what authentication, X-RakerOne-Act-As, the failed-sign-in limit and a
 * failing database add on every operation; each answer's status, content type, body and headers
 * must match the document (all mismatches are collected, then asserted to be none); and every
 * documented status must have been seen at least once, so the document claims nothing the server
 * never answers.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  createConformanceChecker,
  type DocumentedOperation,
  type OpenApiDocument,
  openApiPath,
  operationsOf,
  registeredRoutes,
} from '../../../helpers/openapi-conformance.js';
import { DatabaseUnavailableError } from '../../../../src/server/db/unavailable.js';
import { CASES, type CaseContext, type Send } from './openapi-cases.js';
import { DRIVERS, newOrg, useApp } from '../support.js';

/** Failed sign-ins per address before 429; the window outlasts the test, so the limit cannot lapse mid-run. */
const LIMITS = { max: 5, windowMs: 3_600_000 };
/** Documented statuses no request can produce without breaking the server's code itself. */
const UNREACHABLE = new Set(['getOpenApiDocument 500']);

describe.each(DRIVERS)('the OpenAPI document against the server on %s', (driver) => {
  const h = useApp(driver, { authFailureLimits: LIMITS });

  async function documentOf(): Promise<OpenApiDocument> {
    return (await h.app().inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
  }

  it('documents every registered route, with a stable operationId, its security and the headers the server reads and writes', async () => {
    const doc = await documentOf();
    const operations = operationsOf(doc);
    const documented = new Set(operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const routes = registeredRoutes(h.app().printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(operations.length);
    // HEAD routes are Fastify's automatic twins of GET routes: covered by the GET's documentation.
    const undocumented = routes.map((r) => `${r.method === 'HEAD' ? 'GET' : r.method} ${openApiPath(r.url)}`).filter((route) => !documented.has(route));
    expect(undocumented, 'registered routes missing from /api/openapi.json').toEqual([]);

    const problems: string[] = [];
    const ids = new Set<string>();
    for (const op of operations) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if (op.operation.operationId === undefined || !/^[a-z][A-Za-z]+$/.test(op.operation.operationId)) problems.push(`${name}: no camelCase operationId`);
      if (ids.has(op.operationId)) problems.push(`${name}: operationId ${op.operationId} used twice`);
      ids.add(op.operationId);
      const secured = op.operation.security === undefined || op.operation.security.length > 0;
      if (op.operation.security === undefined) problems.push(`${name}: no security of its own`);
      const statuses = Object.keys(op.operation.responses);
      for (const status of secured ? ['400', '401', '403', '404', '429', '500'] : ['500']) {
        if (!statuses.includes(status)) problems.push(`${name}: ${status} not documented`);
      }
      for (const [status, response] of Object.entries(op.operation.responses)) {
        if (!response.description || response.description === 'Default Response') problems.push(`${name} ${status}: not described`);
        if (!response.headers?.['X-Request-Id']?.required) problems.push(`${name} ${status}: no X-Request-Id`);
        if (status === '429' && !response.headers?.['Retry-After']?.required) problems.push(`${name} 429: no Retry-After`);
        const schema = response.content?.['application/json']?.schema as { properties?: { error?: { required?: string[] } } } | undefined;
        // Every error body carries its request id (health's 503 is a health report, not an error body).
        const errorBody = schema?.properties?.error;
        if (Number(status) >= 400 && !(op.operationId === 'getHealth' && status === '503') && !errorBody?.required?.includes('requestId')) {
          problems.push(`${name} ${status}: no error body with a required requestId`);
        }
      }
      const headers = (op.operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      const keyCanCall = secured && !op.path.startsWith('/api/admin/');
      if (keyCanCall !== headers.includes('x-rakerone-act-as'))
        problems.push(`${name}: X-RakerOne-Act-As ${keyCanCall ? 'missing' : 'documented where no key can act'}`);
      if (headers.includes('idempotency-key') && !op.operation.responses['200']?.headers?.['Idempotent-Replayed'])
        problems.push(`${name}: no Idempotent-Replayed on 200`);
    }
    expect(problems).toEqual([]);
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
  });

  it('answers every documented operation as documented: successes, its own errors, authentication, impersonation, rate limits and a failing database', async () => {
    const app = h.app();
    const doc = await documentOf();
    const operations = operationsOf(doc);
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    const checker = createConformanceChecker(doc);
    const wrongStatus: string[] = [];
    const seen = new Set<string>();
    let address = 0;

    const send: Send = async (operationId, request, expected) => {
      const op = byId.get(operationId);
      if (!op) throw new Error(`${operationId} is not an operation of the document`);
      const url = op.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
        const value = request.params?.[name];
        if (value === undefined) throw new Error(`${operationId}: no value for the path parameter ${name}`);
        return encodeURIComponent(value);
      });
      address += 1;
      const res = await app.inject({
        method: op.method.toUpperCase() as InjectOptions['method'],
        url,
        headers: { ...(request.token ? { authorization: `Bearer ${request.token}` } : {}), ...request.headers },
        ...(request.query ? { query: request.query } : {}),
        ...(request.body !== undefined ? { payload: request.body as InjectOptions['payload'] } : {}),
        remoteAddress: request.remoteAddress ?? `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
      });
      const label = `${operationId} (${op.method.toUpperCase()} ${url})`;
      const ok = expected === '5xx' ? res.statusCode >= 500 : res.statusCode === expected;
      if (!ok) wrongStatus.push(`${label}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
      checker.check(op, { statusCode: res.statusCode, headers: res.headers, body: res.body }, label);
      // A body the server took must be one the document allows (else a generated client could not send it).
      if (res.statusCode < 300 && op.operation.requestBody !== undefined) {
        const documented = checker.requestBody(op);
        if (!documented(request.body)) wrongStatus.push(`${label}: accepted a body the document refuses: ${checker.errorsText(documented)}`);
      }
      seen.add(`${operationId} ${res.statusCode}`);
      return res;
    };

    const org = await newOrg(app);
    const other = await newOrg(app);
    const member = await org.addPerson('member');
    const worker = await org.createKey({
      name: 'Worker',
      capabilities: ['data-record:read', 'data-record:write', 'data-record:delete', 'playbook-run:start'],
      canImpersonate: true,
    });
    const plain = await org.createKey({ name: 'Plain', capabilities: [] });
    const ctx: CaseContext = {
      adminToken: org.adminToken,
      memberToken: member.token,
      memberEmail: member.email,
      projectId: org.projectId,
      otherProjectId: other.projectId,
      workerSecret: worker.secret!,
      plainSecret: plain.secret!,
      addAdmin: async () => (await org.addPerson('admin')).token,
      newKeyId: async () => (await org.createKey({ name: `Key ${randomUUID().slice(0, 8)}` })).apiKey.id,
    };

    // 1. Each operation's own cases.
    const withoutCases = operations.filter((op) => CASES[op.operationId] === undefined).map((op) => op.operationId);
    expect(withoutCases, `operations with no entry in CASES (test/integration/server/system/openapi-cases.ts): ${withoutCases.join(', ')}`).toEqual([]);
    const stale = Object.keys(CASES).filter((id) => !byId.has(id));
    expect(stale, 'CASES entries naming no documented operation').toEqual([]);
    for (const op of operations) await CASES[op.operationId]!(ctx, send);

    // 2. What authentication and X-RakerOne-Act-As add, on every operation that needs a credential.
    const secured = operations.filter((op) => (op.operation.security ?? []).length > 0);
    const params = (op: DocumentedOperation) => Object.fromEntries([...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1]!, randomUUID()]));
    const limited = '192.0.2.1';
    for (let i = 0; i < LIMITS.max; i++) await send('getMe', { remoteAddress: limited }, 401);
    for (const op of secured) {
      const id = op.operationId;
      await send(id, { params: params(op) }, 401);
      await send(id, { params: params(op), remoteAddress: limited }, 429);
      await send(id, { params: params(op), token: ctx.adminToken, headers: { 'x-rakerone-act-as': ctx.memberEmail } }, 403);
      await send(id, { params: params(op), token: ctx.workerSecret, headers: { 'x-rakerone-act-as': 'nobody@nowhere.test' } }, 404);
      await send(id, { params: params(op), token: ctx.workerSecret, headers: { 'x-rakerone-act-as': 'x'.repeat(321) } }, 400);
    }

    // 3. A failing database: every operation answers a documented server error.
    const { db } = app.rakerone;
    const { authEpoch } = db.hot;
    const { ping } = db;
    try {
      const token = (op: (typeof secured)[number]) => (op.path.startsWith('/api/admin/') ? ctx.adminToken : ctx.workerSecret);
      // A database that fails: the generic 500.
      db.hot.authEpoch = () => {
        throw new Error('the database is gone');
      };
      for (const op of secured) await send(op.operationId, { params: params(op), token: token(op) }, 500);
      // A database that cannot be reached (what every wait ends in during an outage): 503 with Retry-After.
      db.hot.authEpoch = () => {
        throw new DatabaseUnavailableError();
      };
      for (const op of secured) await send(op.operationId, { params: params(op), token: token(op) }, 503);
      db.ping = async () => false;
      await send('getHealth', {}, 503);
      db.ping = async () => {
        throw new Error('the database is gone');
      };
      await send('getHealth', {}, 500);
    } finally {
      db.hot.authEpoch = authEpoch;
      db.ping = ping;
    }

    const unseen = operations.flatMap((op) =>
      Object.keys(op.operation.responses)
        .map((status) => `${op.operationId} ${status}`)
        .filter((key) => !seen.has(key) && !UNREACHABLE.has(key)),
    );
    console.warn(
      `OpenAPI conformance on ${driver}: ${checker.validated()} responses validated, ${operations.length} operations, ${checker.mismatches().length} mismatches`,
    );
    expect(wrongStatus, 'cases that did not get the status they expect, or sent what the document refuses').toEqual([]);
    expect(checker.mismatches(), 'responses that do not match the document').toEqual([]);
    expect(unseen, 'documented statuses no request produced (add a case, or stop documenting them)').toEqual([]);
  });
});
