/**
 * Turns anything axios throws into an AppError with a shared code. Network failures (no answer) and
 * timeouts are kept distinct from server answers; a server answer's `{ error: { … } }` body is kept
 * as is (its message is written for people), anything else gets a generic message by status.
 * Never passes the axios error itself on: its config carries the Authorization header.
 */
import { isAxiosError } from 'axios';
import { AppError, ErrorBodySchema, type AppErrorDto, type ErrorCode } from '../../shared/errors.js';

/** An error answered by (or on the way to) the server: keeps the HTTP status and the server's request id. */
export class HttpError extends AppError {
  readonly status: number | null;
  readonly requestId: string | undefined;
  /** The request never left this computer (the connection could not be opened): nothing was applied. */
  readonly notSent: boolean;
  /**
   * An earlier attempt of the same call (the client's own retries) may have been applied by the
   * server — it timed out, or got a 5xx — so this last answer (even a 429) proves nothing.
   */
  readonly earlierAttemptMayHaveApplied: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: { status: number | null; details?: AppErrorDto['details']; requestId?: string; notSent?: boolean; earlierAttemptMayHaveApplied?: boolean },
  ) {
    super(code, message, options.details);
    this.status = options.status;
    this.requestId = options.requestId;
    this.notSent = options.notSent ?? false;
    this.earlierAttemptMayHaveApplied = options.earlierAttemptMayHaveApplied ?? false;
  }

  /** The same error, from the last attempt of a call whose earlier attempt may have been applied. */
  afterAttemptThatMayHaveApplied(): HttpError {
    return new HttpError(this.code, this.message, {
      status: this.status,
      details: this.details,
      requestId: this.requestId,
      earlierAttemptMayHaveApplied: true,
    });
  }

  override toDto(): AppErrorDto {
    const dto = super.toDto();
    return this.requestId ? { ...dto, requestId: this.requestId } : dto;
  }
}

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'VALIDATION',
  429: 'RATE_LIMITED',
};

const GENERIC_MESSAGE: Record<ErrorCode, string> = {
  VALIDATION: 'RakerOne rejected the request.',
  UNAUTHORIZED: 'RakerOne no longer accepts this admin token. Sign in again.',
  FORBIDDEN: 'You do not have permission to do this.',
  NOT_FOUND: 'RakerOne could not find this.',
  CONFLICT: 'This conflicts with the current state in RakerOne.',
  RATE_LIMITED: 'Too many requests. Try again in a moment.',
  UNAVAILABLE: 'RakerOne is temporarily unavailable.',
  NETWORK: 'RakerOne cannot be reached.',
  TIMEOUT: 'RakerOne did not answer in time.',
  KEYCHAIN: 'The system keychain is unavailable.',
  INTERNAL: 'RakerOne had a problem with this request.',
};

/** Failures to open a connection at all: the request cannot have reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export function codeOfStatus(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? 'INTERNAL';
}

export function mapHttpError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!isAxiosError(error)) return new HttpError('INTERNAL', 'Unexpected error while talking to RakerOne.', { status: null });
  if (!error.response) {
    const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
    const notSent = !timedOut && error.code !== undefined && NOT_SENT_CODES.has(error.code);
    return new HttpError(timedOut ? 'TIMEOUT' : 'NETWORK', GENERIC_MESSAGE[timedOut ? 'TIMEOUT' : 'NETWORK'], { status: null, notSent });
  }
  const { status, data, headers } = error.response;
  const parsed = ErrorBodySchema.safeParse(data);
  if (parsed.success) {
    const dto = parsed.data.error;
    return new HttpError(dto.code, dto.message, { status, details: dto.details, requestId: dto.requestId });
  }
  const code = codeOfStatus(status);
  const retryAfter = Number(headers?.['retry-after']);
  const details = code === 'RATE_LIMITED' && Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : undefined;
  return new HttpError(code, GENERIC_MESSAGE[code], { status, details });
}

/** Failures worth retrying: no answer, too slow, rate limited, or a gateway/overload answer. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') return true;
  const status = error instanceof HttpError ? error.status : null;
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * True when the server was not reached at all, or answered that it cannot serve now (UNAVAILABLE:
 * its database is away): the sign to go offline — cached list, queued actions — and start probing
 * /api/health, which answers 200 again once the server can serve.
 */
export function isUnreachable(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'UNAVAILABLE');
}

/**
 * True when the server certainly did not apply the request: it never left (no connection, or the
 * keychain could not give the token), or the server answered that it did not process it (401, 429).
 * A timeout, a reset connection or a 5xx may come after the server applied it: those are false.
 */
export function certainlyNotApplied(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code === 'KEYCHAIN') return true;
  if (!(error instanceof HttpError) || error.earlierAttemptMayHaveApplied) return false;
  return error.notSent || error.status === 401 || error.status === 429;
}

/**
 * The server answered, and its answer is an error of its own (5xx, or INTERNAL): retried, but only a
 * few times per entry — unlike no answer, a timeout or 429, which are not the entry's fault.
 */
export function isServerError(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  // An unavailable server (its database away) is not the entry's fault either.
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') return false;
  if (error.code === 'INTERNAL') return true;
  return error instanceof HttpError && error.status !== null && error.status >= 500;
}
