/**
 * The fake server's suspend, resume and bulk suspend (POST /admin/api-keys/{id}/suspend, …/resume,
 * …/bulk-suspend) with the real server's semantics: a replay under the same Idempotency-Key answers the
 * key(s) as they are now and changes nothing; suspending a suspended key and resuming an active one are
 * answered unchanged; a revoked or expired key is a 409; the bulk sorts every id.
 */
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { BulkSuspendApiKeysBodySchema, SuspendApiKeyBodySchema, type ApiKeyDto, type BulkSuspendApiKeysResponse } from '../../src/shared/http/index.js';

export interface ContainmentRequest {
  config: InternalAxiosRequestConfig;
  path: string;
  method: string;
  idempotencyKey: string | undefined;
  person: { id: string; name: string };
  respond: (config: InternalAxiosRequestConfig, status: number, data: unknown) => AxiosResponse;
  error: (config: InternalAxiosRequestConfig, status: number, code: string, message: string) => AxiosResponse;
}

interface ContainmentServer {
  keys: ApiKeyDto[];
  beforeApply: ((path: string) => void) | null;
  afterApply: ((path: string) => void) | null;
}

/** Idempotency-Keys already used per server: a replay applies nothing again. */
const used = new WeakMap<ContainmentServer, Map<string, BulkSuspendApiKeysResponse | string>>();

const body = (config: InternalAxiosRequestConfig): unknown => (typeof config.data === 'string' ? JSON.parse(config.data) : config.data);
const ended = (key: ApiKeyDto) => key.status === 'revoked' || key.status === 'expired';

/** Answers a containment request, or null when `path` is not one. */
export function containmentRoute(server: ContainmentServer, r: ContainmentRequest): AxiosResponse | null {
  if (r.method !== 'POST') return null;
  const seen = used.get(server) ?? new Map<string, BulkSuspendApiKeysResponse | string>();
  used.set(server, seen);
  const single = /^\/admin\/api-keys\/([^/]+)\/(suspend|resume)$/.exec(r.path);
  if (single) {
    const id = decodeURIComponent(single[1]!);
    const suspending = single[2] === 'suspend';
    const parsed = suspending ? SuspendApiKeyBodySchema.safeParse(body(r.config)) : null;
    if (parsed && !parsed.success) return r.error(r.config, 400, 'VALIDATION', 'Invalid request body');
    const at = server.keys.findIndex((k) => k.id === id);
    const current = server.keys[at];
    if (!current) return r.error(r.config, 404, 'NOT_FOUND', 'API key not found');
    if (r.idempotencyKey && seen.has(r.idempotencyKey)) return r.respond(r.config, 200, { apiKey: current });
    if (ended(current)) return r.error(r.config, 409, 'CONFLICT', `This API key is ${current.status}`);
    server.beforeApply?.(r.path);
    if (suspending && current.status === 'active') {
      server.keys[at] = { ...current, status: 'suspended', suspension: { at: new Date().toISOString(), by: r.person, reason: parsed!.data!.reason } };
    }
    if (!suspending && current.status === 'suspended') server.keys[at] = { ...current, status: 'active', suspension: null };
    if (r.idempotencyKey) seen.set(r.idempotencyKey, id);
    server.afterApply?.(r.path);
    return r.respond(r.config, 200, { apiKey: server.keys[at] });
  }
  if (r.path !== '/admin/api-keys/bulk-suspend') return null;
  const parsed = BulkSuspendApiKeysBodySchema.safeParse(body(r.config));
  if (!parsed.success) return r.error(r.config, 400, 'VALIDATION', 'Invalid request body');
  const replay = r.idempotencyKey ? seen.get(r.idempotencyKey) : undefined;
  if (replay && typeof replay !== 'string') return r.respond(r.config, 200, replay);
  server.beforeApply?.(r.path);
  const answer: BulkSuspendApiKeysResponse = { suspended: [], alreadySuspended: [], notActive: [], notFound: [] };
  const at = new Date().toISOString();
  for (const id of parsed.data.ids) {
    const index = server.keys.findIndex((k) => k.id === id);
    const current = server.keys[index];
    if (!current) answer.notFound.push(id);
    else if (ended(current)) answer.notActive.push(id);
    else if (current.status === 'suspended') answer.alreadySuspended.push(id);
    else answer.suspended.push((server.keys[index] = { ...current, status: 'suspended', suspension: { at, by: r.person, reason: parsed.data.reason } }));
  }
  if (r.idempotencyKey) seen.set(r.idempotencyKey, answer);
  server.afterApply?.(r.path);
  return r.respond(r.config, 200, answer);
}
