/**
 * The access log: one JSON line per request, written once when the response has been sent —
 * request id, method, route (the template, such as `/api/admin/api-keys/:id/revoke`, never the raw
 * URL with its query), status, duration in ms, and who called (key or person id, and the person
 * acted as). Never a secret: no header, body or query string is logged, and ids are not secrets.
 *
 * It is Fastify's own per-request logging, replaced through its LogController: Fastify's two lines
 * per request (incoming, completed, each with the whole request or reply serialized) become this one,
 * at the point Fastify already calls when a response is finished, so no hook is added per request.
 *
 * The line has the shape of the process's other (pino) lines — `level` 30 (info), `time`, `pid`,
 * `hostname`, the fields, `msg` "request" — but is written here, field by field, and handed to the
 * destination once per turn of the event loop with the other requests' lines (lib/line-batcher.ts):
 * per line, pino's generic serializer and the destination's bookkeeping cost more than the rest of
 * a cheap request. It goes to the same destination as the other logs (stderr in `serve`), whatever
 * the log level: `--log-level warn` keeps access lines and `--access-log off` drops them.
 */
import { hostname } from 'node:os';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Clock } from '../lib/clock.js';
import type { LineBatcher } from '../lib/line-batcher.js';

/** What one access line says (the optional ids are left out when absent). */
export interface AccessLineFields {
  reqId: string;
  method: string;
  route: string | null;
  status: number;
  ms: number;
  apiKeyId?: string | undefined;
  personId?: string | undefined;
}

const str: (value: string) => string = JSON.stringify;

/** pino's base bindings, fixed for the process: `"pid":…,"hostname":…`. */
const BASE = `"pid":${process.pid},"hostname":${str(hostname())}`;

/**
 * One access line, as `JSON.stringify` would write it (every string goes through it, so escaping
 * is exact), in pino's field order, newline-terminated.
 */
export function accessLine(timeMs: number, f: AccessLineFields): string {
  return (
    `{"level":30,"time":${timeMs},${BASE},"reqId":${str(f.reqId)},"method":${str(f.method)},"route":${f.route === null ? 'null' : str(f.route)},` +
    `"status":${f.status},"ms":${f.ms}${f.apiKeyId === undefined ? '' : `,"apiKeyId":${str(f.apiKeyId)}`}` +
    `${f.personId === undefined ? '' : `,"personId":${str(f.personId)}`},"msg":"request"}\n`
  );
}

export class AccessLogController extends LogController {
  readonly #lines: LineBatcher | null;
  readonly #clock: Clock;

  /** `lines` null: no line per request at all. `clock`: the wall clock of the line's `time`. */
  constructor(lines: LineBatcher | null, clock: Clock) {
    super({ disableRequestLogging: true });
    this.#lines = lines;
    this.#clock = clock;
  }

  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.#lines === null) return;
    const principal = request.principal;
    this.#lines.write(
      accessLine(this.#clock.now(), {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
        apiKeyId: principal?.kind === 'apiKey' ? principal.apiKey.id : undefined,
        personId: principal?.kind === 'person' ? principal.person.id : (principal?.actingAs?.id ?? undefined),
      }),
    );
  }
}
