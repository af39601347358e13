import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponseSchema } from '../../../shared/http/me.js';
import type { Database } from '../../db/database.js';
import { RETRY_AFTER_SECONDS } from '../../db/unavailable.js';
import { SERVER_VERSION } from '../../version.js';

/** `GET /api/health`: public liveness plus database reachability (503 when the database is down). */
export function healthRoutes(deps: { db: Pick<Database, 'driver' | 'ping'> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'getHealth',
          summary: 'Liveness and database reachability',
          response: { 200: HealthResponseSchema, 503: HealthResponseSchema.describe('Degraded: the database is unreachable') },
        },
      },
      async (_request, reply) => {
        // ping() is bounded (PostgreSQL: db/pg-guard.ts), so this answers within a second.
        const reachable = await deps.db.ping();
        if (!reachable) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return reply.code(reachable ? 200 : 503).send({
          status: reachable ? 'ok' : 'degraded',
          database: reachable ? 'ok' : 'unreachable',
          driver: deps.db.driver,
          version: SERVER_VERSION,
        });
      },
    );
  };
}
