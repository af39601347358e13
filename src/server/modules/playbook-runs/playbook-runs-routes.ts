import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HEADERS } from '../../../shared/http/common.js';
import { PlaybookRunResponseSchema, ProjectParamsSchema, StartPlaybookRunBodySchema } from '../../../shared/http/resources.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { PlaybookRunsService } from './playbook-runs-service.js';

export function playbookRunsRoutes(deps: { runs: PlaybookRunsService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/projects/:projectId/playbook-runs',
      {
        config: { capability: 'playbook-run:start' },
        schema: {
          operationId: 'startPlaybookRun',
          summary: 'Start a playbook run in a project (capability playbook-run:start)',
          headers: IdempotentCreateHeadersSchema,
          params: ProjectParamsSchema,
          body: StartPlaybookRunBodySchema,
          response: { 201: PlaybookRunResponseSchema, 200: PlaybookRunResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const outcome = await deps.runs.start(principalOf(request), request.params.projectId, request.body, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, { playbookRun: outcome.run }, 201);
      },
    );
  };
}
