import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sortCapabilities } from '../../../shared/capabilities.js';
import { MeResponseSchema, type MeResponse } from '../../../shared/http/me.js';
import type { HotQueries } from '../../db/database.js';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';

/**
 * `GET /api/me`: who is calling and what it can act on. The project list comes from a prepared
 * statement (one indexed range), so this stays as cheap as authentication itself.
 */
export function meRoutes(deps: { hot: Pick<HotQueries, 'projectsOf'> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me',
      {
        schema: {
          summary: 'Who is calling: a person or an API key (possibly acting as a person), and its projects',
          response: { 200: MeResponseSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request): Promise<MeResponse> => {
        const principal = principalOf(request);
        const projects = await deps.hot.projectsOf(principal.organization.id);
        const capabilities = sortCapabilities([...principal.capabilities]);
        if (principal.kind === 'person') {
          return { kind: 'person', person: principal.person, organization: principal.organization, capabilities, projects };
        }
        return {
          kind: 'apiKey',
          apiKey: principal.apiKey,
          actingAs: principal.actingAs,
          organization: principal.organization,
          capabilities,
          projects,
        };
      },
    );
  };
}
