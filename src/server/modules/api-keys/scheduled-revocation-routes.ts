import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiKeyParamsSchema, ApiKeyResponseSchema } from '../../../shared/http/keys.js';
import { ScheduleRevocationBodySchema } from '../../../shared/http/scheduled-revocation.js';
import { HEADERS } from '../../../shared/http/common.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { ScheduledRevocationService } from './scheduled-revocation-service.js';

/** `POST` / `DELETE /api/admin/api-keys/{id}/scheduled-revocation` (Admin). */
export function scheduledRevocationRoutes(deps: { scheduled: ScheduledRevocationService }): FastifyPluginAsyncZod {
  const { scheduled } = deps;
  return async (app) => {
    app.post(
      '/admin/api-keys/:id/scheduled-revocation',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'scheduleApiKeyRevocation',
          summary: "Schedule a key's revocation (Admin)",
          description:
            '`{ at }` revokes the key from that instant; `{ afterFirstUseOf, graceSeconds }` revokes it graceSeconds (0–2592000) after the ' +
            'first use of another key of the organization (`at` is filled then). Replaces an earlier schedule. Idempotency-Key as for creates.',
          headers: IdempotentCreateHeadersSchema,
          params: ApiKeyParamsSchema,
          body: ScheduleRevocationBodySchema,
          response: { 200: ApiKeyResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const outcome = await scheduled.schedule(adminOf(request), request.params.id, request.body, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, { apiKey: outcome.apiKey }, 200);
      },
    );
    app.delete(
      '/admin/api-keys/:id/scheduled-revocation',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'cancelApiKeyRevocation',
          summary: "Cancel a key's scheduled revocation (Admin); a no-op when none is scheduled",
          params: ApiKeyParamsSchema,
          response: { 200: ApiKeyResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request) => ({ apiKey: await scheduled.cancel(adminOf(request), request.params.id) }),
    );
  };
}
