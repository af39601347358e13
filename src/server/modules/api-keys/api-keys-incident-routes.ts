import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors.js';
import {
  BulkRevokeApiKeysBodySchema,
  BulkRevokeApiKeysResponseSchema,
  IdentifyApiKeysBodySchema,
  IdentifyApiKeysResponseSchema,
} from '../../../shared/http/incident.js';
import { HEADERS } from '../../../shared/http/common.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { ApiKeysIncidentService } from './api-keys-incident-service.js';

/**
 * Identify requests per person per minute (each up to 1,000 hashes). Not a secrecy measure — a hash
 * names a key only if one holds its secret — but a bound on what one admin token, perhaps a stolen
 * one, can make the database do. Counted in memory per process (each worker and node counts on its
 * own, so N processes allow N × 30): a cost bound, where the failed-sign-in limit — a guessing bound —
 * is shared through the database.
 */
export const IDENTIFY_LIMIT = { max: 30, timeWindowMs: 60_000 } as const;

/**
 * 1,000 hashes are about 67 KB of JSON, over the server's usual 64 KiB: this route alone takes
 * 192 KiB, room for the longest valid body even pretty-printed (the list itself is capped by the schema).
 */
const IDENTIFY_BODY_LIMIT_BYTES = 192 * 1024;

/** Admin → API keys, incident response: bulk revoke and identifying leaked secrets by their hashes. */
export function apiKeysIncidentRoutes(deps: { incident: ApiKeysIncidentService }): FastifyPluginAsyncZod {
  const { incident } = deps;
  return async (app) => {
    // Only routes that ask for it (`config.rateLimit`) are limited; counted after authentication,
    // per person, so one admin cannot use up another's allowance.
    await app.register(rateLimit, {
      global: false,
      hook: 'preHandler',
      keyGenerator: (request) => `identify:${adminOf(request).person.id}`,
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', 'Too many identify requests; try again later', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
    });

    app.post(
      '/admin/api-keys/bulk-revoke',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'bulkRevokeApiKeys',
          summary: 'Revoke up to 1,000 API keys at once, in one transaction (Admin)',
          description:
            'Every listed key of the organization is revoked when the response arrives, on every node. `revoked`: the keys this request ' +
            'revoked; `alreadyRevoked`: listed keys revoked before; `notFound`: ids of no key of the organization (another ' +
            "organization's included). One `api_key.revoked` audit event per key (`details.bulk` names the `api_key.bulk_revoked` event, " +
            'which carries the counts). With Idempotency-Key, a retry of the same request returns the first answer (keys as they are now) ' +
            'with status 200 and `Idempotent-Replayed: true`; the same key with different ids is a 409.',
          headers: IdempotentCreateHeadersSchema,
          body: BulkRevokeApiKeysBodySchema,
          response: { 200: BulkRevokeApiKeysResponseSchema, ...errorResponses(409) },
        },
      },
      async (request, reply) => {
        const outcome = await incident.bulkRevoke(adminOf(request), request.body.ids, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, outcome.body, 200);
      },
    );

    app.post(
      '/admin/api-keys/identify',
      {
        bodyLimit: IDENTIFY_BODY_LIMIT_BYTES,
        config: { auth: 'admin', rateLimit: { max: IDENTIFY_LIMIT.max, timeWindow: IDENTIFY_LIMIT.timeWindowMs } },
        schema: {
          operationId: 'identifyApiKeys',
          summary: 'Name the API keys behind SHA-256 hashes of leaked secrets (Admin)',
          description:
            "Only keys of the caller's organization, active or revoked, are named; any other hash (another organization's key " +
            `included) is \`unknown\`. Up to 1,000 hashes; at most ${IDENTIFY_LIMIT.max} requests per person per minute.`,
          body: IdentifyApiKeysBodySchema,
          response: { 200: IdentifyApiKeysResponseSchema, ...errorResponses(429) },
        },
      },
      async (request) => incident.identify(adminOf(request), request.body.secretHashes),
    );
  };
}
