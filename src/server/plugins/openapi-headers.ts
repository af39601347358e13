/**
 * Headers the server's own machinery reads and writes, documented where they apply, so a generated
 * client can send the one and read the others:
 * - `X-RakerOne-Act-As` (request): read while authenticating; documented on the operations an API
 *   key can reach (`credential` routes). Admin routes refuse keys, so there it can only fail (their
 *   400/403/404 say so; see route-contract.ts).
 * - `X-Request-Id` on every response, `Retry-After` on every 429 and 503, `Idempotent-Replayed` on the 200 of
 *   an operation that takes Idempotency-Key (a replay).
 */
import type { RouteOptions } from 'fastify';
import { HEADERS } from '../../shared/http/common.js';
import { REPLAYED_HEADER } from '../lib/idempotency-header.js';
import { traitsOf } from './route-contract.js';

/** The most the authenticator accepts after trimming (an email address's maximum length). */
const ACT_AS_MAX_LENGTH = 320;

const ACT_AS_HEADER = {
  type: 'string',
  minLength: 1,
  maxLength: ACT_AS_MAX_LENGTH,
  description:
    'Act as this person of the organization (their id or email): only an API key with canImpersonate may send it (else 403). ' +
    "Effective capabilities are the key's intersected with the person's role; audit events name the person via the key. " +
    'No such person → 404.',
};

type JsonObject = Record<string, unknown>;

/** Adds X-RakerOne-Act-As to the header parameters of a route an API key can reach. */
export function documentedHeaders(schema: JsonObject, route: Pick<RouteOptions, 'config' | 'schema'>): JsonObject {
  if (schema.hide === true || traitsOf(route).auth !== 'credential') return schema;
  const headers = (schema.headers as JsonObject | undefined) ?? { type: 'object' };
  const properties = { ...(headers.properties as JsonObject | undefined), [HEADERS.actAs]: ACT_AS_HEADER };
  return { ...schema, headers: { ...headers, properties } };
}

const REQUEST_ID = {
  description: 'The id of this request, also in every error body (a plain X-Request-Id of the caller, up to 64 characters, is kept)',
  required: true,
  schema: { type: 'string', minLength: 1 },
};
const RETRY_AFTER = { description: 'Seconds until a new attempt may succeed', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } };
const REPLAYED = {
  description: 'Present (true) when this answers a retry of an earlier request with the same Idempotency-Key',
  required: false,
  schema: { type: 'string', enum: ['true'] },
};

interface Operation {
  parameters?: { in: string; name: string }[];
  responses?: Record<string, { description?: string; headers?: JsonObject }>;
}

function successDescription(status: string, replayable: boolean): string {
  if (status === '201') return 'Created';
  if (status === '200' && replayable)
    return 'A retry of an earlier request with the same Idempotency-Key: what it created, as it is now (Idempotent-Replayed: true)';
  return status === '204' ? 'Done; no body' : 'OK';
}

/** Adds the response headers (and a description to each bare success) to every operation of a generated document (in place; returned). */
export function withResponseHeaders<T extends { paths?: object }>(document: T): T {
  for (const item of Object.values(document.paths ?? {}) as Record<string, unknown>[]) {
    for (const operation of Object.values(item) as Operation[]) {
      const idempotent = (operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === HEADERS.idempotencyKey);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        // @fastify/swagger's placeholder, for a success whose schema carries no description of its own.
        if (response.description === 'Default Response' && status.startsWith('2'))
          response.description = successDescription(status, idempotent && '201' in (operation.responses ?? {}));
        response.headers = {
          ...response.headers,
          'X-Request-Id': REQUEST_ID,
          ...(status === '429' || status === '503' ? { 'Retry-After': RETRY_AFTER } : {}),
          ...(idempotent && status === '200' ? { [capitalized(REPLAYED_HEADER)]: REPLAYED } : {}),
        };
      }
    }
  }
  return document;
}

/** `idempotent-replayed` → `Idempotent-Replayed` (header names are case-insensitive; this is how they read). */
function capitalized(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}
