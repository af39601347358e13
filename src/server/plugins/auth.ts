/**
 * Authentication and authorization for every route, secure by default: a route is `credential`
 * (any admin token or API key) unless it says `public`, and `admin` routes need a person with the
 * Admin role — an API key never reaches them, as there are no admin capabilities to grant.
 * A route may also name the capability it needs; lacking it is a 403 naming the capability.
 *
 * Runs in onRequest, before the body is even read: an unauthenticated request learns nothing about
 * validation and costs nothing to parse. Unknown routes are not authenticated: they are 404 for all.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CapabilitySlug } from '../../shared/capabilities.js';
import { AppError } from '../../shared/errors.js';
import { HEADERS } from '../../shared/http/common.js';
import type { Authenticator } from '../modules/auth/authenticator.js';
import { type PersonPrincipal, type Principal, isAdmin } from '../modules/auth/principal.js';
import type { AuthFailureLimiter } from './auth-failure-limiter.js';

export type RouteAuth = 'public' | 'credential' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    capability?: CapabilitySlug;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The authenticated caller of a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf() called on a public route');
  return request.principal;
}

/** The caller of an `admin` route: the hook has already proven it is a person with the Admin role. */
export function adminOf(request: FastifyRequest): PersonPrincipal {
  const principal = principalOf(request);
  if (principal.kind !== 'person' || !isAdmin(principal)) throw new Error('adminOf() called on a non-admin route');
  return principal;
}

export function installAuth(app: FastifyInstance, deps: { authenticator: Authenticator; limiter: AuthFailureLimiter }): void {
  const { authenticator, limiter } = deps;
  app.decorateRequest('principal', null);

  // The hook is attached per route when the route is added, so a request pays no lookup of its
  // route's settings, and public routes carry no authentication hook at all.
  app.addHook('onRoute', (route) => {
    const auth: RouteAuth = route.config?.auth ?? 'credential';
    if (auth === 'public') return;
    const capability = route.config?.capability;

    const authenticate = async (request: FastifyRequest): Promise<void> => {
      const retryAfterSeconds = limiter.retryAfterSeconds(request.ip);
      if (retryAfterSeconds > 0) {
        throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts from this address; try again later', { retryAfterSeconds });
      }

      const actAs = request.headers[HEADERS.actAs];
      let principal: Principal;
      try {
        principal = await authenticator.authenticate(request.headers.authorization, Array.isArray(actAs) ? actAs.join(',') : actAs);
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHORIZED') limiter.recordFailure(request.ip);
        throw error;
      }
      request.principal = principal;

      if (auth === 'admin' && !isAdmin(principal)) {
        throw principal.kind === 'apiKey'
          ? new AppError('FORBIDDEN', 'API keys cannot use admin endpoints', { hint: 'Use an admin access token.' })
          : new AppError('FORBIDDEN', "You don't have access to this page. Ask an admin if you need it.", { hint: 'This needs the Admin role.' });
      }
      if (capability !== undefined && !principal.capabilities.has(capability)) {
        throw new AppError('FORBIDDEN', `This needs the capability ${capability}`, { capability });
      }
    };

    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [authenticate, ...existing];
  });
}
