import type { FastifyReply } from 'fastify';
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

/**
 * The one reply of a request sent with an Idempotency-Key: a replay answers 200 with
 * `Idempotent-Replayed: true`; a first answer `firstStatus` (201 for creates, 200 for actions whose
 * first answer is already a 200). The body goes through the route's response schema as any other.
 */
export function sendIdempotent(reply: FastifyReply, outcome: { replayed: boolean }, body: unknown, firstStatus: 200 | 201): FastifyReply {
  if (outcome.replayed) reply.header(REPLAYED_HEADER, 'true');
  return reply.code(outcome.replayed ? 200 : firstStatus).send(body);
}
