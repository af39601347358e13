import { z } from 'zod';
import { HEADERS, IdempotencyKeySchema } from '../../shared/http/common.js';

/**
 * Header schema of creates: validates Idempotency-Key and lets every other header through untouched
 * (a strict or stripping object would drop them from request.headers).
 */
export const IdempotentCreateHeadersSchema = z.looseObject({
  [HEADERS.idempotencyKey]: IdempotencyKeySchema.optional(),
});

/** Response header marking a replay of an earlier create (status 200 instead of 201). */
export const REPLAYED_HEADER = 'idempotent-replayed';
