import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ListAuditEventsQuerySchema, ListAuditEventsResponseSchema } from '../../../shared/http/api-keys.js';
import { decodeCursor, pageFrom } from '../../lib/cursor.js';
import { errorResponses } from '../../plugins/error-responses.js';
import { adminOf } from '../../plugins/auth.js';
import type { Retirements } from '../api-keys/retirements.js';
import { type AuditRepository, toAuditEventDto } from './audit-repository.js';

/** `GET /api/admin/audit-events`: who did what in the caller's organization, newest first. */
export function auditRoutes(deps: { audit: AuditRepository; retirements: Retirements }): FastifyPluginAsyncZod {
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
      async (request) => {
        const { organization } = adminOf(request);
        const { limit, cursor, action, actorId, apiKeyId, from, to } = request.query;
        // A retirement that came due is recorded (with its event) before the trail is read.
        await deps.retirements.materializeDue({ organizationId: organization.id });
        const rows = await deps.audit.list(organization.id, { actions: action, actorId, apiKeyId, from, to }, decodeCursor(cursor), limit);
        return pageFrom(rows, limit, toAuditEventDto, (row) => ({ at: row.occurred_at, id: row.id }));
      },
    );
  };
}
