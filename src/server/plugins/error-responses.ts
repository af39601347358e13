import { ErrorBodySchema } from '../../shared/errors.js';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;

/**
 * The error body under each listed status, for a route's response schema (and so the OpenAPI). Every
 * route can also answer 500, and 503 UNAVAILABLE while the database is away (db/unavailable.ts).
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof ErrorBodySchema> {
  const out = {} as Record<S, typeof ErrorBodySchema>;
  for (const status of [...statuses, 500 as S, 503 as S]) out[status] = ErrorBodySchema;
  return out;
}
