import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { KeyUsageSchema } from '../../../shared/http/key-usage.js';
import { ApiKeyParamsSchema } from '../../../shared/http/keys.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { KeyUsageService } from './key-usage-service.js';

/** `GET /api/admin/api-keys/{id}/usage` (Admin), like the other key routes. */
export function keyUsageRoutes(deps: { usage: KeyUsageService }): FastifyPluginAsyncZod {
  const { usage } = deps;
  return async (app) => {
    app.get(
      '/admin/api-keys/:id/usage',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'getApiKeyUsage',
          summary: 'When the key last exercised each capability it holds, and last acted as a person (Admin)',
          description:
            'A request exercises the capability its route requires once it is admitted (whatever the handler then answers). ' +
            "`capabilities` follows the key's own order; `lastUsedAt` is null for never. Recorded at most once per key per " +
            'interval (as lastUsedAt), so a use may show up to that interval late. Any status: a revoked key still answers.',
          params: ApiKeyParamsSchema,
          response: { 200: KeyUsageSchema, ...errorResponses(404) },
        },
      },
      async (request) => usage.usageOf(adminOf(request), request.params.id),
    );
  };
}
