/**
 * The RakerOne HTTP API as seen from main: axios with a base URL, the admin token from the secret
 * store as a Bearer header, a timeout per call, and retries with backoff + jitter for idempotent calls
 * only (GETs, revoke, cancelling a retirement, and creates, retirements, suspends, resumes and allowed-address changes
 * because they carry an Idempotency-Key the server replays).
 * Responses are parsed with the shared schemas, so a server that drifts from the contract is an
 * error here, not a surprise in the renderer.
 */
import axios, { type AxiosAdapter, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import {
  ActivitySummarySchema,
  ApiKeyResponseSchema,
  BulkRevokeApiKeysResponseSchema,
  BulkSuspendApiKeysResponseSchema,
  CapabilitiesResponseSchema,
  CreateApiKeyResponseSchema,
  HEADERS,
  HealthResponseSchema,
  IdentifyApiKeysResponseSchema,
  KeyActivitySchema,
  KeyPolicySchema,
  KeyUsageSchema,
  ListApiKeysResponseSchema,
  ListAuditEventsResponseSchema,
  MeResponseSchema,
  RevokeApiKeyResponseSchema,
  type ActivitySummary,
  type ApiKeyDto,
  type AuditEventDto,
  type BulkRevokeApiKeysResponse,
  type BulkSuspendApiKeysResponse,
  type CapabilitiesResponse,
  type CreateApiKeyBody,
  type CreateApiKeyResponse,
  type HealthResponse,
  type IdentifyApiKeysResponse,
  type KeyActivity,
  type KeyPolicy,
  type KeyUsage,
  type ListAuditEventsResponse,
  type MeResponse,
  type ScheduleRevocationBody,
} from '../../shared/http/index.js';
import { retryDelay, type BackoffPolicy } from './backoff.js';
import { certainlyNotApplied, HttpError, isTransient, mapHttpError } from './map-error.js';

export interface ApiClientOptions {
  serverUrl: string;
  /** Reads the admin token at call time (it may change on sign-in); throws KEYCHAIN / UNAUTHORIZED. */
  getToken: () => Promise<string>;
  timeoutMs?: number;
  healthTimeoutMs?: number;
  /** Attempts per idempotent call, the first included. */
  attempts?: number;
  backoff?: BackoffPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Tests pass a fake transport; production uses axios' Node http adapter. */
  adapter?: AxiosAdapter;
}

export interface ApiClient {
  readonly serverUrl: string;
  health(): Promise<HealthResponse>;
  me(tokenOverride?: string): Promise<MeResponse>;
  capabilities(): Promise<CapabilitiesResponse>;
  listKeys(): Promise<ApiKeyDto[]>;
  /** Every key (all statuses) with a source at this normalized address in the last 90 days, all pages. */
  listKeysUsedFrom(address: string): Promise<ApiKeyDto[]>;
  /** GET /admin/api-keys/activity-summary?days=N: requests, refusals and new addresses of every key active in the window. */
  activitySummary(days: number): Promise<ActivitySummary>;
  createKey(body: CreateApiKeyBody, idempotencyKey: string): Promise<CreateApiKeyResponse>;
  revokeKey(id: string): Promise<ApiKeyDto>;
  /** POST …/scheduled-revocation, with an Idempotency-Key (the server replays a resend). */
  scheduleRevocation(id: string, body: ScheduleRevocationBody, idempotencyKey: string): Promise<ApiKeyDto>;
  /** DELETE …/scheduled-revocation: a no-op when nothing is scheduled, so safe to resend. */
  cancelScheduledRevocation(id: string): Promise<ApiKeyDto>;
  /** One transaction on the server; retried safely: the Idempotency-Key makes it replay the first answer. */
  bulkRevokeKeys(ids: string[], idempotencyKey: string): Promise<BulkRevokeApiKeysResponse>;
  /** POST …/{id}/suspend, with an Idempotency-Key (the server replays a resend, audited once). */
  suspendKey(id: string, reason: string, idempotencyKey: string): Promise<ApiKeyDto>;
  /** POST …/{id}/resume, with an Idempotency-Key (a no-op on a key that is not suspended). */
  resumeKey(id: string, idempotencyKey: string): Promise<ApiKeyDto>;
  /** One transaction on the server; retried safely under its Idempotency-Key, like a bulk revoke. */
  bulkSuspendKeys(ids: string[], reason: string, idempotencyKey: string): Promise<BulkSuspendApiKeysResponse>;
  auditEvents(apiKeyId: string, limit?: number): Promise<AuditEventDto[]>;
  keyPolicy(): Promise<KeyPolicy>;
  /** GET /admin/api-keys/{id}/usage: when each capability (and impersonation) was last exercised. */
  keyUsage(id: string): Promise<KeyUsage>;
  /** GET /admin/api-keys/{id}/activity?days=N: requests and refusals per UTC day, and where the key was used from. */
  keyActivity(id: string, days: number): Promise<KeyActivity>;
  /** Names keys by the SHA-256 of their secrets (1–1,000 hashes; a read, so retried). */
  identifyKeys(secretHashes: string[]): Promise<IdentifyApiKeysResponse>;
  setKeyPolicy(policy: KeyPolicy): Promise<KeyPolicy>;
  /** PUT …/{id}/allowed-addresses (null: any address), with an Idempotency-Key (the server replays a resend). */
  setAllowedAddresses(id: string, allowedAddresses: string[] | null, idempotencyKey: string): Promise<ApiKeyDto>;
  /** One page of the organization's audit log, newest first, narrowed by `query` (server: modules/audit/audit-routes.ts). */
  listAuditEvents(query: AuditEventsQuery): Promise<ListAuditEventsResponse>;
}

/** GET /admin/audit-events's query as main sends it: `action` repeats (`?action=a&action=b`). */
export interface AuditEventsQuery {
  actions?: readonly string[];
  actorId?: string;
  apiKeyId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

const MAX_PAGES = 100;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const attempts = options.attempts ?? 3;
  const policy = options.backoff ?? { baseMs: 300, capMs: 5_000 };
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const http: AxiosInstance = axios.create({
    baseURL: `${options.serverUrl}/api`,
    timeout: options.timeoutMs ?? 10_000,
    // Never follow redirects: a redirect could carry the Bearer header to another origin.
    maxRedirects: 0,
    // The server's answers are small; a huge body is a broken or hostile server.
    maxContentLength: 20 * 1024 * 1024,
    headers: { Accept: 'application/json' },
    // Never through a proxy from HTTP_PROXY / HTTPS_PROXY: the Bearer header would reach it in clear
    // (axios does not tunnel https through an http proxy either). Direct connections only; see
    // docs/main-process.md "Proxies".
    proxy: false,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });

  async function call<S extends z.ZodType>(
    schema: S,
    config: AxiosRequestConfig & { credential?: 'token' | 'none'; tokenOverride?: string; retry: boolean },
  ): Promise<z.output<S>> {
    const { retry, tokenOverride, credential = 'token', ...request } = config;
    const headers: Record<string, string> = { ...(request.headers as Record<string, string> | undefined) };
    if (credential === 'token') headers.Authorization = `Bearer ${tokenOverride ?? (await options.getToken())}`;
    let maybeApplied = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await http.request({ ...request, headers });
        const parsed = schema.safeParse(response.data);
        if (!parsed.success) throw new AppError('INTERNAL', 'RakerOne answered in an unexpected format.');
        return parsed.data;
      } catch (error) {
        let mapped = mapHttpError(error);
        // "Certainly not applied" holds for the whole call only if no earlier attempt may have been
        // applied: a 5xx or a timeout, then a 429 or a refused connection, may still have made the key.
        if (maybeApplied && mapped instanceof HttpError) mapped = mapped.afterAttemptThatMayHaveApplied();
        if (!certainlyNotApplied(mapped)) maybeApplied = true;
        // A timeout has already waited a full timeout: retrying it would keep the admin waiting for
        // minutes on a black-holed network. The sync engine retries it later with backoff instead.
        if (!retry || attempt + 1 >= attempts || !isTransient(mapped) || mapped.code === 'TIMEOUT') throw mapped;
        const retryAfterSeconds = mapped.details?.retryAfterSeconds;
        // The server asked for a longer pause than a call may keep the admin waiting: give up now;
        // the sync's retry schedule honours it (never retrying sooner than the server asked).
        if (retryAfterSeconds !== undefined && retryAfterSeconds * 1000 > policy.capMs) throw mapped;
        await sleep(retryDelay(attempt, policy, { retryAfterSeconds, random: options.random }));
      }
    }
  }

  /** Every page of the list (1,000 keys a page, the server's largest), all statuses, narrowed by `filter`. */
  async function listAllKeys(filter: { usedFrom?: string }): Promise<ApiKeyDto[]> {
    const keys: ApiKeyDto[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: Record<string, string | number> = { status: 'all', limit: 1000, ...filter };
      if (cursor) params.cursor = cursor;
      const result = await call(ListApiKeysResponseSchema, { method: 'GET', url: '/admin/api-keys', params, retry: true });
      keys.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) return keys;
    }
    throw new AppError('INTERNAL', 'RakerOne returned more keys than this app can list.');
  }

  return {
    serverUrl: options.serverUrl,
    // The probe of reachability: one short try, no retries, no credential.
    health: () => call(HealthResponseSchema, { method: 'GET', url: '/health', credential: 'none', retry: false, timeout: options.healthTimeoutMs ?? 3_000 }),
    me: (tokenOverride) => call(MeResponseSchema, { method: 'GET', url: '/me', retry: true, tokenOverride }),
    capabilities: () => call(CapabilitiesResponseSchema, { method: 'GET', url: '/capabilities', retry: true }),
    listKeys: () => listAllKeys({}),
    listKeysUsedFrom: (address) => listAllKeys({ usedFrom: address }),
    activitySummary: (days) => call(ActivitySummarySchema, { method: 'GET', url: '/admin/api-keys/activity-summary', params: { days }, retry: true }),
    createKey: (body, idempotencyKey) =>
      call(CreateApiKeyResponseSchema, {
        method: 'POST',
        url: '/admin/api-keys',
        data: body,
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      }),
    async revokeKey(id) {
      // An empty JSON object, not an empty body: the server accepts POST bodies as JSON only.
      const result = await call(RevokeApiKeyResponseSchema, {
        method: 'POST',
        url: `/admin/api-keys/${encodeURIComponent(id)}/revoke`,
        data: {},
        headers: { 'Content-Type': 'application/json' },
        retry: true,
      });
      return result.apiKey;
    },
    async scheduleRevocation(id, body, idempotencyKey) {
      const result = await call(ApiKeyResponseSchema, {
        method: 'POST',
        url: `/admin/api-keys/${encodeURIComponent(id)}/scheduled-revocation`,
        data: body,
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      });
      return result.apiKey;
    },
    async cancelScheduledRevocation(id) {
      const result = await call(ApiKeyResponseSchema, { method: 'DELETE', url: `/admin/api-keys/${encodeURIComponent(id)}/scheduled-revocation`, retry: true });
      return result.apiKey;
    },
    bulkRevokeKeys: (ids, idempotencyKey) =>
      call(BulkRevokeApiKeysResponseSchema, {
        method: 'POST',
        url: '/admin/api-keys/bulk-revoke',
        data: { ids },
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      }),
    async suspendKey(id, reason, idempotencyKey) {
      const result = await call(ApiKeyResponseSchema, {
        method: 'POST',
        url: `/admin/api-keys/${encodeURIComponent(id)}/suspend`,
        data: { reason },
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      });
      return result.apiKey;
    },
    async resumeKey(id, idempotencyKey) {
      // An empty JSON object, not an empty body: the server accepts POST bodies as JSON only.
      const result = await call(ApiKeyResponseSchema, {
        method: 'POST',
        url: `/admin/api-keys/${encodeURIComponent(id)}/resume`,
        data: {},
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      });
      return result.apiKey;
    },
    bulkSuspendKeys: (ids, reason, idempotencyKey) =>
      call(BulkSuspendApiKeysResponseSchema, {
        method: 'POST',
        url: '/admin/api-keys/bulk-suspend',
        data: { ids, reason },
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      }),
    keyPolicy: () => call(KeyPolicySchema, { method: 'GET', url: '/admin/key-policy', retry: true }),
    keyUsage: (id) => call(KeyUsageSchema, { method: 'GET', url: `/admin/api-keys/${encodeURIComponent(id)}/usage`, retry: true }),
    keyActivity: (id, days) =>
      call(KeyActivitySchema, { method: 'GET', url: `/admin/api-keys/${encodeURIComponent(id)}/activity`, params: { days }, retry: true }),
    identifyKeys: (secretHashes) =>
      call(IdentifyApiKeysResponseSchema, {
        method: 'POST',
        url: '/admin/api-keys/identify',
        data: { secretHashes },
        headers: { 'Content-Type': 'application/json' },
        retry: true,
      }),
    // A PUT of the whole policy is idempotent: sending it twice leaves the same policy.
    setKeyPolicy: (policy) =>
      call(KeyPolicySchema, { method: 'PUT', url: '/admin/key-policy', data: policy, headers: { 'Content-Type': 'application/json' }, retry: true }),
    async setAllowedAddresses(id, allowedAddresses, idempotencyKey) {
      const result = await call(ApiKeyResponseSchema, {
        method: 'PUT',
        url: `/admin/api-keys/${encodeURIComponent(id)}/allowed-addresses`,
        data: { allowedAddresses },
        headers: { [HEADERS.idempotencyKey]: idempotencyKey, 'Content-Type': 'application/json' },
        retry: true,
      });
      return result.apiKey;
    },
    listAuditEvents: (query) => {
      const params = new URLSearchParams();
      for (const action of query.actions ?? []) params.append('action', action);
      for (const name of ['actorId', 'apiKeyId', 'from', 'to', 'cursor'] as const) {
        const value = query[name];
        if (value !== undefined) params.set(name, value);
      }
      params.set('limit', String(query.limit ?? 100));
      return call(ListAuditEventsResponseSchema, { method: 'GET', url: '/admin/audit-events', params, retry: true });
    },
    async auditEvents(apiKeyId, limit = 100) {
      const result = await call(ListAuditEventsResponseSchema, { method: 'GET', url: '/admin/audit-events', params: { apiKeyId, limit }, retry: true });
      return result.items;
    },
  };
}
