import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sortCapabilities } from '../../../shared/capabilities.js';
import { MeResponseSchema, type MeResponse } from '../../../shared/http/me.js';
import type { ProjectsCache } from '../projects/projects-cache.js';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-responses.js';

/**
 * `GET /api/me`: who is calling and what it can act on. Projects come from a short per-organization
 * cache, so this costs no more than authentication itself (one indexed lookup).
 */
export function meRoutes(deps: { projects: ProjectsCache }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me',
      {
        // The body is assembled field by field below from typed values (checked against MeResponse
        // at compile time and by the integration tests against MeResponseSchema): nothing extra can
        // leak, so this hot route skips the zod encode pass, which costs more than the rest of it.
        serializerCompiler: () => (data) => JSON.stringify(data),
        schema: {
          summary: 'Who is calling: a person or an API key (possibly acting as a person), and its projects',
          response: { 200: MeResponseSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request): Promise<MeResponse> => {
        const principal = principalOf(request);
        const projects = await deps.projects.projectsOf(principal.organization.id);
        // A key acting as itself already holds its capabilities in catalog order (stored sorted).
        const capabilities = principal.kind === 'apiKey' && !principal.actingAs ? principal.apiKey.capabilities : sortCapabilities([...principal.capabilities]);
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
