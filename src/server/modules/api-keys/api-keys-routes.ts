import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiKeyParamsSchema,
  CreateApiKeyBodySchema,
  CreateApiKeyResponseSchema,
  ListApiKeysQuerySchema,
  ListApiKeysResponseSchema,
  RevokeApiKeyResponseSchema,
} from '../../../shared/http/keys.js';
import { HEADERS } from '../../../shared/http/common.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { ApiKeysService } from './api-keys-service.js';

/** Admin → API keys. `auth: 'admin'` guarantees the caller is a person with the Admin role. */
export function apiKeysRoutes(deps: { apiKeys: ApiKeysService }): FastifyPluginAsyncZod {
  const { apiKeys } = deps;
  return async (app) => {
    app.get(
      '/admin/api-keys',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'listApiKeys',
          summary: "List the organization's API keys (Admin)",
          querystring: ListApiKeysQuerySchema,
          response: { 200: ListApiKeysResponseSchema, ...errorResponses() },
        },
      },
      async (request) => apiKeys.list(adminOf(request), request.query),
    );

    app.post(
      '/admin/api-keys',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'createApiKey',
          summary: 'Create an API key (Admin)',
          description:
            'Send neither secretHash nor hint and the server generates the secret, returned once in `secret`; or send the SHA-256 of a ' +
            'client-generated secret and its hint, and the server never sees the secret. With Idempotency-Key, a retry of the same request ' +
            'returns the same key with status 200 (never the secret again); the same key with a different request is a 409.',
          headers: IdempotentCreateHeadersSchema,
          body: CreateApiKeyBodySchema,
          response: { 201: CreateApiKeyResponseSchema, 200: CreateApiKeyResponseSchema, ...errorResponses(409) },
        },
      },
      async (request, reply) => {
        const idempotencyKey = request.headers[HEADERS.idempotencyKey];
        const outcome = await apiKeys.create(adminOf(request), request.body, idempotencyKey);
        return sendIdempotent(reply, outcome, outcome.body, 201);
      },
    );

    app.post(
      '/admin/api-keys/:id/revoke',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'revokeApiKey',
          summary: 'Revoke an API key at once and for good (Admin); idempotent',
          params: ApiKeyParamsSchema,
          response: { 200: RevokeApiKeyResponseSchema, ...errorResponses(404) },
        },
      },
      async (request) => ({ apiKey: await apiKeys.revoke(adminOf(request), request.params.id) }),
    );
  };
}
