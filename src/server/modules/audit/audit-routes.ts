import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ListAuditEventsQuerySchema, ListAuditEventsResponseSchema } from '../../../shared/http/audit-events.js';
import { errorResponses } from '../../plugins/error-responses.js';
import { adminOf } from '../../plugins/auth.js';
import type { AuditService } from './audit-service.js';

/** `GET /api/admin/audit-events`: who did what in the caller's organization, newest first. */
export function auditRoutes(deps: { audit: AuditService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/audit-events',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'listAuditEvents',
          summary: 'List audit events (Admin)',
          description:
            'Newest first, in keyset pages. Filters combine (all must hold): `action` (repeatable: any of them), `actorId`, `apiKeyId` ' +
            '(done by the key or concerning it), `from` (inclusive) and `to` (exclusive), ISO-8601 instants.',
          querystring: ListAuditEventsQuerySchema,
          response: { 200: ListAuditEventsResponseSchema, ...errorResponses() },
        },
      },
      async (request) => deps.audit.list(adminOf(request), request.query),
    );
  };
}
