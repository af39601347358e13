import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ActivitySummaryQuerySchema, ActivitySummarySchema, KeyActivityQuerySchema, KeyActivitySchema } from '../../../shared/http/activity.js';
import { ApiKeyParamsSchema } from '../../../shared/http/keys.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { ActivityService } from './activity-service.js';

/**
 * `GET /api/admin/api-keys/{id}/activity` and `GET /api/admin/api-keys/activity-summary` (Admin).
 * The summary's path is static, so the router prefers it to any `/admin/api-keys/:id` route.
 */
export function activityRoutes(deps: { activity: ActivityService }): FastifyPluginAsyncZod {
  const { activity } = deps;
  return async (app) => {
    app.get(
      '/admin/api-keys/:id/activity',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'getApiKeyActivity',
          summary: "A key's requests and refusals per UTC day, and the sources it was used from (Admin)",
          description:
            '`days` (1–90, default 30) entries, oldest first, ending today (UTC), zeros included. `requests`: admitted with the key; ' +
            '`refused`: presented the key (its secret matched) and refused. `sources`: (address, user agent) pairs of admitted requests ' +
            'seen within the window, most recently seen first, at most 50; `firstSeenAt` reaches back over the 90 days kept. ' +
            'Recorded coalesced (a new day, a first refusal and a new source at once; the rest at most once per key per interval).',
          params: ApiKeyParamsSchema,
          querystring: KeyActivityQuerySchema,
          response: { 200: KeyActivitySchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => activity.activityOf(adminOf(request), request.params.id, request.query.days),
    );

    app.get(
      '/admin/api-keys/activity-summary',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'getApiKeyActivitySummary',
          summary: 'Requests, refusals and new addresses per key of the organization over the last days (Admin)',
          description:
            'Every key with any request or refusal within the last `days` UTC days (1–90, default 7, today included). `newAddresses`: ' +
            'addresses first seen for that key within the window (as far as the 90 days kept reach).',
          querystring: ActivitySummaryQuerySchema,
          response: { 200: ActivitySummarySchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => activity.summary(adminOf(request), request.query.days),
    );
  };
}
