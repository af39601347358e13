/**
 * A server whose database is away answers 503 UNAVAILABLE with Retry-After: the app treats it like
 * being offline (cached list, queued actions, probing /api/health), retries it, honours the wait,
 * and never counts it against a queued entry as the server's error.
 */
import { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { HttpError, certainlyNotApplied, isServerError, isTransient, isUnreachable, mapHttpError } from '../../../../src/main/http/map-error.js';

function answered(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = { headers: {} } as InternalAxiosRequestConfig;
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', config, {}, { data, status, statusText: '', headers, config });
}

describe('mapping UNAVAILABLE (503)', () => {
  it("keeps the server's body: code, message and Retry-After seconds", () => {
    const error = mapHttpError(
      answered(
        503,
        { error: { code: 'UNAVAILABLE', message: 'The service is temporarily unavailable', details: { retryAfterSeconds: 1 }, requestId: 'r1' } },
        { 'retry-after': '1' },
      ),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503, details: { retryAfterSeconds: 1 } });
  });

  it('is transient and unreachable, not an error of the entry, and may have been applied', () => {
    const error = mapHttpError(answered(503, { error: { code: 'UNAVAILABLE', message: 'm', details: { retryAfterSeconds: 1 } } }));
    expect(isTransient(error)).toBe(true);
    expect(isUnreachable(error)).toBe(true);
    expect(isServerError(error)).toBe(false);
    // A commit may have gone through before the link to the database broke: replay with the same key.
    expect(certainlyNotApplied(error)).toBe(false);
  });

  it('leaves a 503 that says INTERNAL as it was: a server error of the entry', () => {
    const error = mapHttpError(answered(503, { error: { code: 'INTERNAL', message: 'Overloaded' } }));
    expect(isUnreachable(error)).toBe(false);
    expect(isServerError(error)).toBe(true);
  });
});
