import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sortCapabilities } from '../../../shared/capabilities.js';
import type { Organization, Person, ProjectRef } from '../../../shared/http/common.js';
import { MeResponseSchema, type MeResponse } from '../../../shared/http/me.js';
import { isPromise, type ProjectRow } from '../../db/database.js';
import type { Principal } from '../auth/principal.js';
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
        // leak, so this hot route skips the zod encode pass, which costs more than the rest of it,
        // and writes its 200 body with a serializer made for it. Errors are plain JSON.
        serializerCompiler: ({ httpStatus }) => (httpStatus === '200' ? (data) => serializeMe(data as MeResponse) : (data) => JSON.stringify(data)),
        schema: {
          operationId: 'getMe',
          summary: 'Who is calling: a person or an API key (possibly acting as a person), and its projects',
          response: { 200: MeResponseSchema, ...errorResponses() },
        },
      },
      // Not async: on SQLite everything here is at hand, and the response goes out without a promise.
      (request) => {
        const principal = principalOf(request);
        const projects = deps.projects.projectsOf(principal.organization.id);
        return isPromise(projects) ? projects.then((list) => meOf(principal, list)) : meOf(principal, projects);
      },
    );
  };
}

function meOf(principal: Principal, projects: ProjectRow[]): MeResponse {
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
}

const str: (value: string) => string = JSON.stringify;

function personJson(p: Person): string {
  return `{"id":${str(p.id)},"email":${str(p.email)},"name":${str(p.name)},"role":${str(p.role)}}`;
}

function organizationJson(o: Organization): string {
  return `{"id":${str(o.id)},"slug":${str(o.slug)},"name":${str(o.name)}}`;
}

function projectsJson(projects: readonly ProjectRef[]): string {
  let out = '[';
  for (let i = 0; i < projects.length; i++) out += `${i ? ',' : ''}{"id":${str(projects[i]!.id)},"name":${str(projects[i]!.name)}}`;
  return `${out}]`;
}

/**
 * `JSON.stringify(me)` with the fields of MeResponseSchema in its order, written directly (each
 * string still goes through JSON.stringify, so escaping is exact): about a third of the cost of
 * serializing the object generically.
 */
export function serializeMe(me: MeResponse): string {
  const tail = `"organization":${organizationJson(me.organization)},"capabilities":${JSON.stringify(me.capabilities)},"projects":${projectsJson(me.projects)}}`;
  if (me.kind === 'person') return `{"kind":"person","person":${personJson(me.person)},${tail}`;
  const k = me.apiKey;
  return (
    `{"kind":"apiKey","apiKey":{"id":${str(k.id)},"name":${str(k.name)},"capabilities":${JSON.stringify(k.capabilities)},"canImpersonate":${k.canImpersonate ? 'true' : 'false'}},` +
    `"actingAs":${me.actingAs ? personJson(me.actingAs) : 'null'},${tail}`
  );
}
