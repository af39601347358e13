import { z } from 'zod';
import { AppErrorDtoSchema, type ErrorCode, ErrorBodySchema, HTTP_STATUS_OF } from '../../shared/errors.js';

export const ERROR_STATUSES = [400, 401, 403, 404, 409, 429, 500, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/**
 * The error body under each listed status, for a route's response schema (and so the OpenAPI).
 * Routes name only the statuses of their own domain (a missing key: 404); route-contract.ts adds
 * what authentication, impersonation and validation add, and describes each.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof ErrorBodySchema> {
  const out = {} as Record<S, typeof ErrorBodySchema>;
  for (const status of [...statuses, 500 as S]) out[status] = ErrorBodySchema;
  return out;
}

/** True for the placeholder errorResponses() puts in a route's response schema. */
export function isDeclaredError(schema: unknown): boolean {
  return schema === ErrorBodySchema;
}

/** The codes the server sends under a status (all server codes when none maps to it). */
function codesOf(status: ErrorStatus): [ErrorCode, ...ErrorCode[]] {
  const all = Object.keys(HTTP_STATUS_OF) as ErrorCode[];
  const exact = all.filter((code) => HTTP_STATUS_OF[code] === status);
  return (exact.length > 0 ? exact : all) as [ErrorCode, ...ErrorCode[]];
}

/**
 * The error body as the server sends it under `status`: its code pinned to the status, and the
 * request id always present (the error handler sets it on every error). Described for the document.
 */
export function errorBodyFor(status: ErrorStatus, description: string) {
  return z.object({ error: AppErrorDtoSchema.extend({ code: z.enum(codesOf(status)), requestId: z.string().min(1) }) }).describe(description);
}
