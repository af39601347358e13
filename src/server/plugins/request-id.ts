/**
 * Request ids: a caller's `X-Request-Id` is kept when it is short and plain (so the desktop app can
 * correlate its logs with ours), otherwise a UUID is made. Echoed on every response; every error
 * body carries it too.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { HEADERS } from '../../shared/http/common.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function genRequestId(request: IncomingMessage): string {
  const given = request.headers[HEADERS.requestId];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

export function installRequestId(app: FastifyInstance): void {
  // Callback style: no promise per request for a one-line hook.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(HEADERS.requestId, request.id);
    done();
  });
}
