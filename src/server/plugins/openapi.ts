import type { SwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SERVER_VERSION } from '../version.js';
import { documentedHeaders, withResponseHeaders } from './openapi-headers.js';

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

/** Zod → JSON Schema per route, then the request header the server's own machinery reads. */
export const openApiTransform: SwaggerTransform = (input) => {
  const converted = jsonSchemaTransform(input);
  return { ...converted, schema: documentedHeaders(converted.schema as Record<string, unknown>, input.route) };
};

/** The whole document: the response headers the server's own machinery writes. */
export const openApiTransformObject: SwaggerTransformObject = (input) =>
  withResponseHeaders('openapiObject' in input ? input.openapiObject : input.swaggerObject);

/** The parts of the document `GET /api/openapi.json` promises; the rest is OpenAPI 3.1 itself. */
const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .describe('The OpenAPI 3.1 document of this API');

/** `GET /api/openapi.json`: generated from the route schemas by @fastify/swagger. */
export function openApiRoute(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/openapi.json',
      {
        config: { auth: 'public' },
        schema: { operationId: 'getOpenApiDocument', summary: 'This document', response: { 200: OpenApiDocumentSchema } },
      },
      async () => app.swagger() as z.infer<typeof OpenApiDocumentSchema>,
    );
  };
}
