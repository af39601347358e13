/**
 * One error shape from the server to the screen. The renderer picks a field error, a notification or
 * the sign-in screen by `code`; `message` is always safe to show (it never contains a secret).
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  /** The server is up but cannot serve now (its database is unreachable): retry after `retryAfterSeconds`. */
  'UNAVAILABLE',
  'NETWORK',
  'TIMEOUT',
  'KEYCHAIN',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** HTTP status of each code the server can send (NETWORK, TIMEOUT, KEYCHAIN are client-side only). */
export const HTTP_STATUS_OF: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** One problem with one input field, e.g. `{ path: 'name', message: 'Name is required' }`. */
export const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const AppErrorDtoSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Field issues for VALIDATION; `{ capability }` for FORBIDDEN; `{ retryAfterSeconds }` for RATE_LIMITED and UNAVAILABLE. */
  details: z
    .object({
      issues: z.array(FieldIssueSchema).optional(),
      capability: z.string().optional(),
      retryAfterSeconds: z.number().optional(),
      hint: z.string().optional(),
    })
    .optional(),
  requestId: z.string().optional(),
});
export type AppErrorDto = z.infer<typeof AppErrorDtoSchema>;

/** The HTTP error body: `{ error: { code, message, details?, requestId } }`. */
export const ErrorBodySchema = z.object({ error: AppErrorDtoSchema });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorDto };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, details?: AppErrorDto['details']): Result<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/** An error carrying its shared code, thrown inside services and turned into a Result at a boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: AppErrorDto['details'];

  constructor(code: ErrorCode, message: string, details?: AppErrorDto['details']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toDto(): AppErrorDto {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}
