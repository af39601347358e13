import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HEADERS } from '../../../shared/http/common.js';
import {
  CreateRecordBodySchema,
  ListRecordsQuerySchema,
  ListRecordsResponseSchema,
  ProjectParamsSchema,
  RecordParamsSchema,
  RecordResponseSchema,
} from '../../../shared/http/resources.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { RecordsService } from './records-service.js';

export function recordsRoutes(deps: { records: RecordsService }): FastifyPluginAsyncZod {
  const { records } = deps;
  return async (app) => {
    app.get(
      '/projects/:projectId/records',
      {
        config: { capability: 'data-record:read' },
        schema: {
          operationId: 'listRecords',
          summary: 'List records of a project, newest first (capability data-record:read)',
          params: ProjectParamsSchema,
          querystring: ListRecordsQuerySchema,
          response: { 200: ListRecordsResponseSchema, ...errorResponses(404) },
        },
      },
      async (request) => records.list(principalOf(request), request.params.projectId, request.query),
    );

    app.post(
      '/projects/:projectId/records',
      {
        config: { capability: 'data-record:write' },
        schema: {
          operationId: 'createRecord',
          summary: 'Create a record in a project (capability data-record:write)',
          headers: IdempotentCreateHeadersSchema,
          params: ProjectParamsSchema,
          body: CreateRecordBodySchema,
          response: { 201: RecordResponseSchema, 200: RecordResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const outcome = await records.create(principalOf(request), request.params.projectId, request.body, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, { record: outcome.record }, 201);
      },
    );

    app.delete(
      '/projects/:projectId/records/:id',
      {
        config: { capability: 'data-record:delete' },
        schema: {
          operationId: 'deleteRecord',
          summary: 'Delete a record (capability data-record:delete)',
          params: RecordParamsSchema,
          response: { 204: z.null().describe('Deleted'), ...errorResponses(404) },
        },
      },
      async (request, reply) => {
        await records.delete(principalOf(request), request.params.projectId, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
