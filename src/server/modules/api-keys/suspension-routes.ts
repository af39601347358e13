import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SuspendApiKeyBodySchema } from '../../../shared/http/containment.js';
import { HEADERS } from '../../../shared/http/common.js';
import { BulkSuspendApiKeysBodySchema, BulkSuspendApiKeysResponseSchema } from '../../../shared/http/incident.js';
import { ApiKeyParamsSchema, ApiKeyResponseSchema } from '../../../shared/http/keys.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { SuspensionService } from './suspension-service.js';

const IDEMPOTENCY =
  'With Idempotency-Key, a retry of the same request returns the key(s) as they are now with status 200 and `Idempotent-Replayed: true`, ' +
  'changing and recording nothing again; the same key with a different request is a 409.';

/** `POST /api/admin/api-keys/{id}/suspend`, `…/{id}/resume` and `…/bulk-suspend` (Admin). */
export function suspensionRoutes(deps: { suspension: SuspensionService }): FastifyPluginAsyncZod {
  const { suspension } = deps;
  return async (app) => {
    app.post(
      '/admin/api-keys/:id/suspend',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'suspendApiKey',
          summary: 'Suspend an API key: refused until resumed (Admin)',
          description:
            'From the response on, every node refuses the key with a 401 saying it is suspended. `reason`: 1–200 characters, one line. ' +
            'A suspended key is answered unchanged (its first suspension stands, no new audit event); a revoked or expired key is a 409. ' +
            IDEMPOTENCY,
          headers: IdempotentCreateHeadersSchema,
          params: ApiKeyParamsSchema,
          body: SuspendApiKeyBodySchema,
          response: { 200: ApiKeyResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const outcome = await suspension.suspend(adminOf(request), request.params.id, request.body.reason, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, { apiKey: outcome.apiKey }, 200);
      },
    );

    app.post(
      '/admin/api-keys/:id/resume',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'resumeApiKey',
          summary: 'Resume a suspended API key (Admin)',
          description:
            'From the response on, every node accepts the key again. A key that is not suspended is answered unchanged (no audit event); ' +
            'a revoked or expired key is a 409. ' +
            IDEMPOTENCY,
          headers: IdempotentCreateHeadersSchema,
          params: ApiKeyParamsSchema,
          response: { 200: ApiKeyResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const outcome = await suspension.resume(adminOf(request), request.params.id, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, { apiKey: outcome.apiKey }, 200);
      },
    );

    app.post(
      '/admin/api-keys/bulk-suspend',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'bulkSuspendApiKeys',
          summary: 'Suspend up to 1,000 API keys at once, in one transaction (Admin)',
          description:
            'Every listed active key of the organization is suspended when the response arrives, on every node. `suspended`: the keys this ' +
            'request suspended; `alreadySuspended`: listed keys suspended before (left as they were); `notActive`: listed keys revoked or ' +
            "expired; `notFound`: ids of no key of the organization (another organization's included). One `api_key.suspended` audit event " +
            'per key (`details.bulk` names the `api_key.bulk_suspended` event, which carries the counts and the reason). ' +
            IDEMPOTENCY,
          headers: IdempotentCreateHeadersSchema,
          body: BulkSuspendApiKeysBodySchema,
          response: { 200: BulkSuspendApiKeysResponseSchema, ...errorResponses(409) },
        },
      },
      async (request, reply) => {
        const outcome = await suspension.bulkSuspend(adminOf(request), request.body.ids, request.body.reason, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, outcome.body, 200);
      },
    );
  };
}
