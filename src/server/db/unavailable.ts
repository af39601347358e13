/**
 * "The database cannot be reached right now": the one error every database wait ends in when the
 * database is away (refused, silent, or its connections dead). It is an AppError, so the error
 * handler answers it as 503 `UNAVAILABLE` with `Retry-After` like any other coded error — no stack
 * trace per request; the outage itself is logged once when it starts and once when it ends
 * (pg-guard.ts).
 */
import { AppError } from '../../shared/errors.js';

/**
 * What a 503 asks a caller to wait: a second, as the guard tries to reconnect at least once a second
 * (pg-settings.ts `reconnectMaxMs`), and a client asking sooner would only meet another 503.
 */
export const RETRY_AFTER_SECONDS = 1;

export class DatabaseUnavailableError extends AppError {
  constructor(retryAfterSeconds = RETRY_AFTER_SECONDS, options?: { cause?: unknown }) {
    super('UNAVAILABLE', 'The service is temporarily unavailable (its database cannot be reached); try again shortly', { retryAfterSeconds });
    this.name = 'DatabaseUnavailableError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export function isDatabaseUnavailable(error: unknown): error is DatabaseUnavailableError {
  return error instanceof DatabaseUnavailableError;
}

/**
 * An error callback for background work (coalesced writes, sweeps) that logs real failures but not
 * the outage itself: the guard logs its start and end once, not once per attempted write.
 */
export function unlessUnavailable(log: (error: unknown) => void): (error: unknown) => void {
  return (error) => {
    if (!isDatabaseUnavailable(error)) log(error);
  };
}
