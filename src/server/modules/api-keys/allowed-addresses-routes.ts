import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetAllowedAddressesBodySchema } from '../../../shared/http/containment.js';
import { HEADERS } from '../../../shared/http/common.js';
import { ApiKeyParamsSchema, ApiKeyResponseSchema } from '../../../shared/http/keys.js';
import { IdempotentCreateHeadersSchema, sendIdempotent } from '../../lib/idempotency-header.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { AllowedAddressesService } from './allowed-addresses-service.js';

/** `PUT /api/admin/api-keys/{id}/allowed-addresses` (Admin). */
export function allowedAddressesRoutes(deps: { allowedAddresses: AllowedAddressesService }): FastifyPluginAsyncZod {
  const { allowedAddresses } = deps;
  return async (app) => {
    app.put(
      '/admin/api-keys/:id/allowed-addresses',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'setApiKeyAllowedAddresses',
          summary: 'Set the addresses a key may be used from (Admin)',
          description:
            '1–50 IPv4 or IPv6 addresses or CIDR blocks, stored in canonical form (a bare address is one host; a block with host bits set ' +
            'is refused, naming the network probably meant; an IPv4-mapped IPv6 block is stored as its IPv4 block; duplicates are dropped); ' +
            'null: from anywhere. A request from outside gets 403 naming its address. Takes effect on every node at once. A revoked or ' +
            'expired key: 409. The same blocks again: 200, no audit event. Idempotency-Key as for creates.',
          headers: IdempotentCreateHeadersSchema,
          params: ApiKeyParamsSchema,
          body: SetAllowedAddressesBodySchema,
          response: { 200: ApiKeyResponseSchema, ...errorResponses(404, 409) },
        },
      },
      async (request, reply) => {
        const outcome = await allowedAddresses.set(adminOf(request), request.params.id, request.body.allowedAddresses, request.headers[HEADERS.idempotencyKey]);
        return sendIdempotent(reply, outcome, { apiKey: outcome.apiKey }, 200);
      },
    );
  };
}
