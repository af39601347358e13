import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CAPABILITIES } from '../../../shared/capabilities.js';
import { CapabilitiesResponseSchema, type CapabilitiesResponse } from '../../../shared/http/me.js';
import { errorResponses } from '../../plugins/error-responses.js';

/** `GET /api/capabilities`: the catalog, straight from src/shared (the single source). */
export function capabilitiesRoutes(): FastifyPluginAsyncZod {
  const body: CapabilitiesResponse = {
    items: CAPABILITIES.map((c) => ({ slug: c.slug, label: c.label, group: c.group, meaning: c.meaning, roles: [...c.roles] })),
  };
  return async (app) => {
    app.get(
      '/capabilities',
      { schema: { operationId: 'listCapabilities', summary: 'The capability catalog', response: { 200: CapabilitiesResponseSchema, ...errorResponses() } } },
      async () => body,
    );
  };
}
