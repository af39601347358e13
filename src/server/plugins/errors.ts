/**
 * One error body for everything: `{ error: { code, message, details?, requestId } }`.
 * - AppError → its code's status (UNAVAILABLE → 503 with Retry-After: the database is away).
 * - Request validation (zod) → 400 with `details.issues[{ path, message }]`; body paths are bare
 *   (`name`, `capabilities.2`) so a form can put the message under its field; other parts are
 *   prefixed (`query.limit`, `params.id`, `headers.idempotency-key`).
 * - Fastify's own client errors (bad JSON, body too large, wrong content type) → 400 VALIDATION.
 * - Anything else → a generic 500; the detail goes to the log only.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type AppErrorDto, AppError, type ErrorBody, type FieldIssue, HTTP_STATUS_OF } from '../../shared/errors.js';

const CONTEXT_PREFIX: Record<string, string> = { querystring: 'query', params: 'params', headers: 'headers' };

function send(reply: FastifyReply, request: FastifyRequest, error: AppErrorDto): FastifyReply {
  const status = HTTP_STATUS_OF[error.code] ?? 500;
  // RATE_LIMITED, and UNAVAILABLE while the database is away (db/unavailable.ts).
  if (error.details?.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(error.details.retryAfterSeconds));
  }
  const body: ErrorBody = { error: { ...error, requestId: request.id } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function validationIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? 'body';
  const prefix = CONTEXT_PREFIX[context];
  return (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const full = prefix ? [prefix, path].filter(Boolean).join('.') : path || 'body';
    return { path: full, message: issue.message ?? 'Invalid value' };
  });
}

/** Fastify's own 4xx errors, in words a client can act on. */
function clientError(error: FastifyError): AppErrorDto {
  const message =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'The request body is too large'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Send JSON with Content-Type: application/json'
        : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The JSON body is empty'
          : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
            ? 'The body is not valid JSON'
            : 'The request is not valid';
  return { code: 'VALIDATION', message, details: { issues: [{ path: 'body', message }] } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error.toDto());
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = validationIssues(error);
      return send(reply, request, { code: 'VALIDATION', message: issues[0]?.message ?? 'The request is not valid', details: { issues } });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(reply, request, { code: 'RATE_LIMITED', message: 'Too many requests' });
    if (status >= 400 && status < 500) return send(reply, request, clientError(error));
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return send(reply, request, { code: 'INTERNAL', message: 'Something went wrong on the server' });
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` }));
}
