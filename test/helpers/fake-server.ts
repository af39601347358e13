/**
 * An in-memory RakerOne API behind an axios adapter: the HTTP contract's semantics (idempotent creates
 * by Idempotency-Key, idempotent revoke, bulk revoke replayed by Idempotency-Key, suspend / resume / bulk
 * suspend (fake-server-containment.ts), 401/403/404 bodies, create bodies parsed with the shared
 * schema, the key policy, allowed addresses) without a network. `down` makes every
 * request fail as if the server were unreachable; `failNext` injects one answer; `beforeApply` and
 * `afterApply` let a test crash the client around the moment the server commits a change.
 */
import { randomUUID } from 'node:crypto';
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import {
  BulkRevokeApiKeysBodySchema,
  CreateApiKeyBodySchema,
  KeyPolicySchema,
  type ActivitySummary,
  SetAllowedAddressesBodySchema,
  type ApiKeyDto,
  type BulkRevokeApiKeysResponse,
  type AuditEventDto,
  type KeyActivity,
  type KeyPolicy,
  type KeyUsage,
  type MeResponse,
} from '../../src/shared/http/index.js';
import { CAPABILITIES } from '../../src/shared/capabilities.js';
import { apiKeyDto } from './api-key-dto';
import { generateSecret } from '../../src/shared/key-format.js';
import { containmentRoute } from './fake-server-containment.js';

export const ADMIN = { id: '11111111-1111-4111-8111-111111111111', email: 'ada@example.com', name: 'Ada Admin', role: 'admin' as const };
export const ORG = { id: '22222222-2222-4222-8222-222222222222', slug: 'acme', name: 'Acme' };

export interface FakeServer {
  adapter: AxiosAdapter;
  adminToken: string;
  keys: ApiKeyDto[];
  audit: AuditEventDto[];
  requests: { method: string; path: string; idempotencyKey?: string; authorization?: string }[];
  idempotency: Map<string, ApiKeyDto>;
  /** Bulk revokes by Idempotency-Key: a replay answers the first result. */
  bulkIdempotency: Map<string, BulkRevokeApiKeysResponse>;
  down: boolean;
  /** Role of the token's person (to test non-admin sign-in). */
  role: 'admin' | 'manager';
  tokens: Set<string>;
  /** Injects this answer to the next `times` (default 1) matching requests. */
  failNext: { status: number; code: string; message: string; path?: RegExp; times?: number; details?: Record<string, unknown> } | null;
  /** Called when a mutating request has been applied, before its answer leaves (a place to crash). */
  afterApply: ((path: string) => void) | null;
  beforeApply: ((path: string) => void) | null;
  /** The query of every GET /admin/audit-events, as sent. */
  auditQueries: URLSearchParams[];
  /** GET /admin/key-policy answers it; creates that break it are refused (400 VALIDATION on expiresAt). */
  policy: KeyPolicy;
  /** GET /admin/api-keys/{id}/usage answers this key's entry; absent: nothing exercised yet (all null). */
  usage: Map<string, KeyUsage>;
  /** GET /admin/api-keys/activity-summary answers these entries (whatever `days` asked). */
  activitySummary: ActivitySummary['keys'];
  /** `?usedFrom=<address>`: the ids of the keys with a source at that (normalized) address. */
  usedFrom: Map<string, string[]>;
  /** Page size of `?usedFrom=` answers (the real server's `limit`, at most 1,000), to prove main reads every page. */
  usedFromPageSize: number;
  /** GET /admin/api-keys/{id}/activity answers this key's entry; absent: `days` quiet days, no sources. */
  activity: Map<string, KeyActivity>;
  /** The `days` of every activity request, as sent. */
  activityDays: string[];
}

export function createFakeServer(): FakeServer {
  const adminToken = generateSecret('adminToken');
  const server: FakeServer = {
    adapter: null as unknown as AxiosAdapter,
    adminToken,
    keys: [],
    audit: [],
    auditQueries: [],
    requests: [],
    idempotency: new Map(),
    bulkIdempotency: new Map(),
    down: false,
    role: 'admin',
    tokens: new Set([adminToken]),
    failNext: null,
    afterApply: null,
    beforeApply: null,
    policy: { maxLifetimeDays: null, requireExpiry: false, requireAllowedAddresses: false },
    usage: new Map(),
    activitySummary: [],
    usedFrom: new Map(),
    usedFromPageSize: 1000,
    activity: new Map(),
    activityDays: [],
  };

  const respond = (config: InternalAxiosRequestConfig, status: number, data: unknown): AxiosResponse => {
    const response: AxiosResponse = { data, status, statusText: String(status), headers: {}, config, request: {} };
    if (status >= 400) throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_RESPONSE, config, {}, response);
    return response;
  };
  const error = (config: InternalAxiosRequestConfig, status: number, code: string, message: string, details?: Record<string, unknown>) =>
    respond(config, status, { error: { code, message, requestId: randomUUID(), ...(details ? { details } : {}) } });

  server.adapter = async (config) => {
    const url = new URL(`${config.baseURL ?? ''}${config.url ?? ''}`);
    const path = url.pathname.replace(/^\/api/, '');
    const method = (config.method ?? 'get').toUpperCase();
    const headers = AxiosHeaders.from(config.headers as never);
    const authorization = headers.get('Authorization')?.toString();
    const idempotencyKey = headers.get('idempotency-key')?.toString();
    server.requests.push({ method, path, idempotencyKey, authorization });
    if (server.down) throw new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', config, {});
    if (server.failNext && (!server.failNext.path || server.failNext.path.test(path))) {
      const f = server.failNext;
      if ((f.times ?? 1) > 1) f.times = (f.times ?? 1) - 1;
      else server.failNext = null;
      return error(config, f.status, f.code, f.message, f.details);
    }
    if (path === '/health') return respond(config, 200, { status: 'ok', database: 'ok', driver: 'sqlite', version: 'fake' });
    const token = authorization?.replace(/^Bearer /, '');
    if (!token || !server.tokens.has(token)) return error(config, 401, 'UNAUTHORIZED', 'Invalid credential');
    const person = { ...ADMIN, role: server.role };
    if (path === '/me') {
      const me: MeResponse = { kind: 'person', person, organization: ORG, capabilities: [], projects: [] };
      return respond(config, 200, me);
    }
    if (server.role !== 'admin') return error(config, 403, 'FORBIDDEN', 'Admins only');
    if (path === '/capabilities') return respond(config, 200, { items: CAPABILITIES.map((c) => ({ ...c, roles: [...c.roles] })) });
    if (path === '/admin/api-keys' && method === 'GET') {
      const params = (config.params ?? {}) as Record<string, string | number | undefined>;
      if (params.usedFrom === undefined) return respond(config, 200, { items: [...server.keys], nextCursor: null });
      const ids = new Set(server.usedFrom.get(String(params.usedFrom)) ?? []);
      const matching = server.keys.filter((key) => ids.has(key.id));
      const start = params.cursor === undefined ? 0 : matching.findIndex((key) => key.id === params.cursor) + 1;
      const size = Math.min(server.usedFromPageSize, Number(params.limit ?? 100));
      const items = matching.slice(start, start + size);
      return respond(config, 200, { items, nextCursor: start + size < matching.length ? items[items.length - 1]!.id : null });
    }
    if (path === '/admin/api-keys/activity-summary' && method === 'GET') return respond(config, 200, { keys: server.activitySummary });
    if (path === '/admin/api-keys' && method === 'POST') {
      const parsed = CreateApiKeyBodySchema.safeParse(typeof config.data === 'string' ? JSON.parse(config.data) : config.data);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        return error(config, 400, 'VALIDATION', 'Invalid request body', { issues });
      }
      const body = parsed.data;
      const replay = idempotencyKey ? server.idempotency.get(idempotencyKey) : undefined;
      if (replay) return respond(config, 201, { apiKey: replay });
      const refusal = policyRefusal(server.policy, body.expiresAt ?? null);
      if (refusal) return error(config, 400, 'VALIDATION', 'Invalid request body', { issues: [{ path: 'expiresAt', message: refusal }] });
      server.beforeApply?.(path);
      const key = apiKeyDto({
        id: randomUUID(),
        name: body.name,
        capabilities: body.capabilities,
        canImpersonate: body.canImpersonate,
        hint: body.hint ?? '',
        createdAt: new Date().toISOString(),
        createdBy: { id: person.id, name: person.name },
        expiresAt: body.expiresAt ?? null,
        allowedAddresses: body.allowedAddresses ?? null,
      });
      server.keys.unshift(key);
      if (idempotencyKey) server.idempotency.set(idempotencyKey, key);
      server.afterApply?.(path);
      return respond(config, 201, { apiKey: key });
    }
    const revoke = /^\/admin\/api-keys\/([^/]+)\/revoke$/.exec(path);
    if (revoke && method === 'POST') {
      const at = server.keys.findIndex((k) => k.id === decodeURIComponent(revoke[1]!));
      if (at === -1) return error(config, 404, 'NOT_FOUND', 'API key not found');
      server.beforeApply?.(path);
      const current = server.keys[at]!;
      if (current.status === 'active') server.keys[at] = { ...current, status: 'revoked', revokedAt: new Date().toISOString() };
      server.afterApply?.(path);
      return respond(config, 200, { apiKey: server.keys[at] });
    }
    const usage = /^\/admin\/api-keys\/([^/]+)\/usage$/.exec(path);
    if (usage && method === 'GET') {
      const key = server.keys.find((k) => k.id === decodeURIComponent(usage[1]!));
      if (!key) return error(config, 404, 'NOT_FOUND', 'API key not found');
      const none: KeyUsage = { capabilities: key.capabilities.map((capability) => ({ capability, lastUsedAt: null })), impersonation: { lastUsedAt: null } };
      return respond(config, 200, server.usage.get(key.id) ?? none);
    }
    const activity = /^\/admin\/api-keys\/([^/]+)\/activity$/.exec(path);
    if (activity && method === 'GET') {
      const key = server.keys.find((k) => k.id === decodeURIComponent(activity[1]!));
      if (!key) return error(config, 404, 'NOT_FOUND', 'API key not found');
      const days = String((config.params as { days?: unknown } | undefined)?.days ?? '30');
      server.activityDays.push(days);
      const today = new Date();
      const quiet = Array.from({ length: Number(days) }, (_, i) => ({
        date: new Date(today.getTime() - (Number(days) - 1 - i) * 86_400_000).toISOString().slice(0, 10),
        requests: 0,
        refused: 0,
      }));
      return respond(config, 200, server.activity.get(key.id) ?? { days: quiet, sources: [] });
    }
    if (path === '/admin/api-keys/bulk-revoke' && method === 'POST') {
      const parsed = BulkRevokeApiKeysBodySchema.safeParse(typeof config.data === 'string' ? JSON.parse(config.data) : config.data);
      if (!parsed.success) return error(config, 400, 'VALIDATION', 'Invalid request body');
      const replay = idempotencyKey ? server.bulkIdempotency.get(idempotencyKey) : undefined;
      if (replay) return respond(config, 200, replay);
      server.beforeApply?.(path);
      const answer: BulkRevokeApiKeysResponse = { revoked: [], alreadyRevoked: [], notFound: [] };
      for (const id of parsed.data.ids) {
        const at = server.keys.findIndex((k) => k.id === id);
        const current = server.keys[at];
        if (!current) answer.notFound.push(id);
        else if (current.status === 'revoked') answer.alreadyRevoked.push(id);
        else answer.revoked.push((server.keys[at] = { ...current, status: 'revoked', revokedAt: new Date().toISOString() }));
      }
      if (idempotencyKey) server.bulkIdempotency.set(idempotencyKey, answer);
      server.afterApply?.(path);
      return respond(config, 200, answer);
    }
    const containment = containmentRoute(server, { config, path, method, idempotencyKey, person, respond, error });
    if (containment) return containment;
    if (path === '/admin/key-policy' && method === 'GET') return respond(config, 200, server.policy);
    if (path === '/admin/key-policy' && method === 'PUT') {
      const parsed = KeyPolicySchema.safeParse(typeof config.data === 'string' ? JSON.parse(config.data) : config.data);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        return error(config, 400, 'VALIDATION', 'Invalid request body', { issues });
      }
      server.policy = parsed.data;
      return respond(config, 200, server.policy);
    }
    const allowed = /^\/admin\/api-keys\/([^/]+)\/allowed-addresses$/.exec(path);
    if (allowed && method === 'PUT') {
      const parsed = SetAllowedAddressesBodySchema.safeParse(typeof config.data === 'string' ? JSON.parse(config.data) : config.data);
      if (!parsed.success) return error(config, 400, 'VALIDATION', 'Invalid request body');
      const at = server.keys.findIndex((k) => k.id === decodeURIComponent(allowed[1]!));
      if (at === -1) return error(config, 404, 'NOT_FOUND', 'API key not found');
      const replay = idempotencyKey ? server.idempotency.get(idempotencyKey) : undefined;
      if (replay) return respond(config, 200, { apiKey: replay });
      if (server.keys[at]!.status !== 'active') return error(config, 409, 'CONFLICT', 'This API key is no longer active');
      server.beforeApply?.(path);
      server.keys[at] = { ...server.keys[at]!, allowedAddresses: parsed.data.allowedAddresses };
      if (idempotencyKey) server.idempotency.set(idempotencyKey, server.keys[at]!);
      server.afterApply?.(path);
      return respond(config, 200, { apiKey: server.keys[at] });
    }
    if (path === '/admin/audit-events') {
      const query = new URLSearchParams(config.params instanceof URLSearchParams ? config.params : (config.params as Record<string, string> | undefined));
      server.auditQueries.push(query);
      return respond(config, 200, auditPage(server.audit, query));
    }
    return error(config, 404, 'NOT_FOUND', 'Route not found');
  };
  return server;
}

/**
 * GET /admin/audit-events as the real server answers it (modules/audit/audit-routes.ts): `server.audit`
 * newest first, every filter applied, keyset pages (here the cursor is the last event's id).
 */
function auditPage(audit: AuditEventDto[], query: URLSearchParams) {
  const actions = query.getAll('action');
  const keyId = query.get('apiKeyId');
  const actorId = query.get('actorId');
  const from = query.get('from');
  const to = query.get('to');
  const limit = Number(query.get('limit') ?? 100);
  const sorted = [...audit].sort((a, b) => (a.occurredAt !== b.occurredAt ? (a.occurredAt > b.occurredAt ? -1 : 1) : a.id > b.id ? -1 : 1));
  const concerns = (e: AuditEventDto) => (e.target.type === 'apiKey' ? e.target.id : e.actor.type === 'apiKey' ? e.actor.id : (e.actor.viaKey?.id ?? null));
  const matching = sorted.filter(
    (e) =>
      (actions.length === 0 || actions.includes(e.action)) &&
      (keyId === null || concerns(e) === keyId) &&
      (actorId === null || e.actor.id === actorId) &&
      (from === null || e.occurredAt >= from) &&
      (to === null || e.occurredAt < to),
  );
  const cursor = query.get('cursor');
  const start = cursor === null ? 0 : matching.findIndex((e) => e.id === cursor) + 1;
  const items = matching.slice(start, start + limit);
  const more = start + limit < matching.length;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}

/** The real server's check of a create against the policy (docs/server.md, "Keys that end on time"). */
function policyRefusal(policy: KeyPolicy, expiresAt: string | null): string | null {
  if (policy.maxLifetimeDays !== null) {
    const latest = Date.now() + policy.maxLifetimeDays * 24 * 60 * 60 * 1000;
    if (expiresAt === null || Date.parse(expiresAt) > latest) {
      return `The organization's key policy (maximum lifetime ${policy.maxLifetimeDays} days) requires an expiry date no later than ${new Date(latest).toISOString()}`;
    }
  }
  if (policy.requireExpiry && expiresAt === null) return "The organization's key policy (require an expiry date) requires an expiry date";
  return null;
}
