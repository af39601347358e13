/**
 * What a route can answer beyond its own handler, decided in one place from the same route config
 * the auth hook reads (`auth`, `capability`) and from the parts of the request it validates. Each
 * route then names only the statuses of its own domain (`errorResponses(404, 409)`); a new route
 * cannot forget the ones authentication, impersonation and validation add, because it never lists
 * them. The statuses go into the route's runtime response schema, which is also what the OpenAPI
 * document is generated from, so the two cannot disagree.
 *
 * X-RakerOne-Act-As is read while authenticating, before any route rule: on every authenticated
 * route it can answer 400 (empty or too long), 403 (sent with an admin token, or by a key that cannot
 * impersonate) and 404 (no such person in the organization) — admin routes included, since the
 * header is judged before the route learns that API keys may not use them.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { CapabilitySlug } from '../../shared/capabilities.js';
import type { RouteAuth } from './auth.js';
import { ERROR_STATUSES, type ErrorStatus, errorBodyFor, isDeclaredError } from './error-responses.js';

export interface RouteTraits {
  auth: RouteAuth;
  capability?: CapabilitySlug;
  /** The route validates a body, query string, path parameters or headers. */
  validatesInput: boolean;
}

/** Why each status can be answered, for a route with these traits (500 for all). */
export function statusesAddedBy(traits: RouteTraits): Map<ErrorStatus, string[]> {
  const reasons = new Map<ErrorStatus, string[]>();
  const add = (status: ErrorStatus, reason: string) => reasons.set(status, [...(reasons.get(status) ?? []), reason]);
  if (traits.validatesInput) add(400, 'The request is not valid (details.issues names each field: bare body paths, query., params., headers.)');
  if (traits.auth !== 'public') {
    add(400, 'X-RakerOne-Act-As is empty or longer than 320 characters');
    add(401, 'No credential, or a malformed, unknown, expired or revoked one');
    if (traits.auth === 'admin') add(403, 'Needs the admin access token of a person with the Admin role (API keys never)');
    if (traits.capability !== undefined) add(403, `Needs the capability ${traits.capability} (details.capability)`);
    add(403, 'X-RakerOne-Act-As sent with an admin access token, or by an API key that cannot impersonate');
    add(403, "An API key used from an address outside its allowed addresses (the message names the caller's address, never the list)");
    add(404, 'X-RakerOne-Act-As names no person of the organization');
    add(429, 'Too many failed sign-ins from this address: failures are refused until Retry-After (valid credentials still get in)');
    // Signing in reads the revocation epoch: with the database away no credential can be proven current.
    add(503, 'The database cannot be reached right now: try again after Retry-After');
  }
  add(500, 'Unexpected server error (the detail is only in the server log)');
  return reasons;
}

/** What a status means when the route itself declares it (its operation's description says when). */
const DECLARED_REASON: Record<ErrorStatus, string> = {
  400: 'The request is not valid',
  401: 'Not signed in',
  403: 'Not allowed',
  404: "Not found (another organization's objects included)",
  409: 'Conflicts with the current state, or with an earlier request under the same Idempotency-Key',
  429: 'Too many requests: try again after Retry-After',
  500: 'Unexpected server error',
  503: 'The database is unreachable',
};

function isErrorStatus(status: number): status is ErrorStatus {
  return (ERROR_STATUSES as readonly number[]).includes(status);
}

export function traitsOf(route: Pick<RouteOptions, 'config' | 'schema'>): RouteTraits {
  const schema = route.schema ?? {};
  const config = route.config as { auth?: RouteAuth; capability?: CapabilitySlug } | undefined;
  return {
    auth: config?.auth ?? 'credential',
    ...(config?.capability !== undefined ? { capability: config.capability } : {}),
    validatesInput: [schema.body, schema.querystring, schema.params, schema.headers].some((part) => part !== undefined),
  };
}

/**
 * Adds to every route: the error statuses its traits imply (each with the one error body, `code`
 * pinned to the status), and its OpenAPI security (`[]` for public routes). Install before any route.
 */
export function installRouteContract(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ??= {});
    const response = { ...(schema.response as Record<string, unknown> | undefined) };
    const reasons = statusesAddedBy(traitsOf(route));
    for (const [key, body] of Object.entries(response)) {
      const status = Number(key);
      if (!isDeclaredError(body) || !isErrorStatus(status)) continue;
      // A route that still lists what authentication or validation add says nothing new by it.
      if (reasons.has(status) && (status === 400 || status === 401 || status === 403 || status === 500)) continue;
      reasons.set(status, [DECLARED_REASON[status], ...(reasons.get(status) ?? [])]);
    }
    for (const [status, list] of reasons) response[status] = errorBodyFor(status, [...new Set(list)].join('; or: '));
    schema.response = response;
    schema.security = traitsOf(route).auth === 'public' ? [] : [{ bearer: [] }];
  });
}
