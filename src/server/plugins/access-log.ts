/**
 * The access log: one JSON line per request, written once when the response has been sent —
 * request id, method, route (the template, such as `/api/admin/api-keys/:id/revoke`, never the raw
 * URL with its query), status, duration in ms, and who called (key or person id, and the person
 * acted as). Never a secret: no header, body or query string is logged, and ids are not secrets.
 *
 * It is Fastify's own per-request logging, replaced through its LogController: Fastify's two lines
 * per request (incoming, completed, each with the whole request or reply serialized) become this one,
 * at the point Fastify already calls when a response is finished, so no hook is added per request.
 * Lines go to the same destination as the other logs (stderr in `serve`: asynchronous and buffered,
 * see server.ts), through their own logger at level info, so `--log-level warn` keeps access lines
 * and `--access-log off` drops them whatever the level.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';

export class AccessLogController extends LogController {
  readonly #accessLog: Logger | null;

  /** `accessLog` null: no line per request at all. */
  constructor(accessLog: Logger | null) {
    super({ disableRequestLogging: true });
    this.#accessLog = accessLog;
  }

  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.#accessLog === null) return;
    const principal = request.principal;
    this.#accessLog.info(
      {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
        apiKeyId: principal?.kind === 'apiKey' ? principal.apiKey.id : undefined,
        personId: principal?.kind === 'person' ? principal.person.id : (principal?.actingAs?.id ?? undefined),
      },
      'request',
    );
  }
}
