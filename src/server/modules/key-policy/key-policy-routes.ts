import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { KeyPolicySchema } from '../../../shared/http/key-policy.js';
import { adminOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';
import type { KeyPolicyService } from './key-policy-service.js';

/** `GET` / `PUT /api/admin/key-policy` (Admin; a change is audited as `key_policy.updated`). */
export function keyPolicyRoutes(deps: { policy: KeyPolicyService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/key-policy',
      {
        config: { auth: 'admin' },
        schema: { operationId: 'getKeyPolicy', summary: "The organization's key policy (Admin)", response: { 200: KeyPolicySchema, ...errorResponses() } },
      },
      async (request) => deps.policy.get(adminOf(request)),
    );
    app.put(
      '/admin/key-policy',
      {
        config: { auth: 'admin' },
        schema: {
          operationId: 'setKeyPolicy',
          summary: "Set the organization's key policy (Admin)",
          description: 'Applies to keys created from now on; existing keys keep their expiry. A maximum lifetime implies an expiry date.',
          body: KeyPolicySchema,
          response: { 200: KeyPolicySchema, ...errorResponses() },
        },
      },
      async (request) => deps.policy.update(adminOf(request), request.body),
    );
  };
}
