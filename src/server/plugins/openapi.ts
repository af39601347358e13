import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SERVER_VERSION } from '../version.js';

export const OPENAPI_INFO: NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>['openapi']> = {
  openapi: '3.1.0',
  info: {
    title: 'RakerOne API',
    version: SERVER_VERSION,
    description:
      'Authorization: Bearer <admin access token (rkr_adm_…) or API key (rkr_key_…)>. Errors: { error: { code, message, details?, requestId } }. ' +
      'Lists use keyset pagination (limit, cursor → nextCursor). Creates accept Idempotency-Key.',
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer: [] }],
};

/** `GET /api/openapi.json`: generated from the route schemas by @fastify/swagger. */
export function openApiRoute(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  };
}
