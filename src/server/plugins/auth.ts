/**
 * Authentication and authorization for every route, secure by default: a route is `credential`
 * (any admin token or API key) unless it says `public`, and `admin` routes need a person with the
 * Admin role — an API key never reaches them, as there are no admin capabilities to grant.
 * A route may also name the capability it needs; lacking it is a 403 naming the capability. An API
 * key admitted to such a route has exercised that capability (and impersonation, when it acts as a
 * person): the hook tells the key-usage tracker (modules/usage/), which writes later, coalesced.
 * Key activity (modules/activity/) hears of every admitted key request and of every refused request
 * that presented a key — `activity.refused` is the one place a refusal of any reason is counted.
 *
 * Runs in onRequest, before the body is even read: an unauthenticated request learns nothing about
 * validation and costs nothing to parse. Unknown routes are not authenticated: they are 404 for all.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { CapabilitySlug } from '../../shared/capabilities.js';
import { AppError } from '../../shared/errors.js';
import { HEADERS } from '../../shared/http/common.js';
import { type MaybePromise, isPromise } from '../db/database.js';
import type { KeyActivityHook } from '../modules/activity/activity-hook.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Authenticator } from '../modules/auth/authenticator.js';
import { type PersonPrincipal, type Principal, isAdmin } from '../modules/auth/principal.js';
import type { KeyUsageTracker } from '../modules/usage/key-usage-tracker.js';
import type { AuthFailureLimiter } from './auth-failure-limiter.js';

export type RouteAuth = 'public' | 'credential' | 'admin';

type HookDone = HookHandlerDoneFunction;

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

export function installAuth(
  app: FastifyInstance,
  deps: {
    authenticator: Authenticator;
    limiter: AuthFailureLimiter;
    /** Told what each admitted key request exercised (absent: not recorded; the benchmark's "before"). */
    usage?: KeyUsageTracker;
    /** Told of admitted and refused key requests (absent: not recorded; the benchmark's "off"). */
    activity?: KeyActivityHook;
  },
): void {
  const { authenticator, limiter, usage, activity } = deps;
  app.decorateRequest('principal', null);

  // The hook is attached per route when the route is added, so a request pays no lookup of its
  // route's settings, and public routes carry no authentication hook at all.
  app.addHook('onRoute', (route) => {
    const auth: RouteAuth = route.config?.auth ?? 'credential';
    if (auth === 'public') return;
    const capability = route.config?.capability;

    /** Checks what the route demands of an authenticated caller; the refusal, or null. */
    const refusal = (principal: Principal): AppError | null => {
      if (auth === 'admin' && !isAdmin(principal)) {
        return principal.kind === 'apiKey'
          ? new AppError('FORBIDDEN', 'API keys cannot use admin endpoints', { hint: 'Use an admin access token.' })
          : new AppError('FORBIDDEN', "You don't have access to this page. Ask an admin if you need it.", { hint: 'This needs the Admin role.' });
      }
      if (capability !== undefined && !principal.capabilities.has(capability)) {
        return new AppError('FORBIDDEN', `This needs the capability ${capability}`, { capability });
      }
      return null;
    };
    const admit = (request: FastifyRequest, principal: Principal, done: HookDone): void => {
      request.principal = principal;
      const refused = refusal(principal);
      if (refused) {
        if (activity !== undefined && principal.kind === 'apiKey') activity.refused({ apiKeyId: principal.apiKey.id });
        done(refused);
        return;
      }
      if (activity !== undefined && principal.kind === 'apiKey') activity.admitted(principal.apiKey.id, request);
      // Admitted: the key exercised the route's capability (and impersonation, if acting as someone).
      if (usage !== undefined && principal.kind === 'apiKey' && (capability !== undefined || principal.actingAs !== null)) {
        usage.exercised(principal.apiKey.id, capability, principal.actingAs !== null);
      }
      done();
    };
    // The limit refuses failures, not callers: a valid credential from an address that is over the
    // limit still gets in, so nobody behind the same NAT or proxy can lock an organization out by
    // sending junk. Failures from a limited address get 429 instead of 401 (and are not counted again).
    // Counting is a database write shared by every node; only failures pay for it.
    // `lookedUp` false: refused before any read (no or malformed credential), which the limiter
    // counts in memory only (auth-failure-limiter.ts).
    const fail = (request: FastifyRequest, error: unknown, done: HookDone, lookedUp = true): void => {
      const refusal = error instanceof Error ? error : new Error(String(error));
      // A refusal (not a failure of ours, such as an unreachable database) of a request that may
      // have presented a key: activity finds the key by its hash, whatever the key's status.
      if (activity !== undefined && error instanceof AppError) activity.refused({ authorization: request.headers.authorization });
      if (!(error instanceof AppError && error.code === 'UNAUTHORIZED')) {
        done(refusal);
        return;
      }
      limiter.recordFailure(request.ip, { lookedUp }).then(
        (retryAfterSeconds) => {
          if (retryAfterSeconds > 0)
            done(new AppError('RATE_LIMITED', 'Too many failed sign-in attempts from this address; try again later', { retryAfterSeconds }));
          else done(refusal);
        },
        (countError: unknown) => {
          // The 401 stands even when the count could not be written; the error goes to the log
          // (not while the database is away: that is logged once, db/pg-guard.ts).
          if (!isDatabaseUnavailable(countError)) request.log.error({ err: countError, reqId: request.id }, 'could not count a failed sign-in');
          done(refusal);
        },
      );
    };

    // Callback style, not async: a refusal found before any read (malformed credential) answers at
    // once, and the one promise per request (the epoch read, shared by the requests of one turn or
    // round trip) is the only one; a lookup on SQLite then answers synchronously.
    const authenticate = (request: FastifyRequest, _reply: FastifyReply, done: HookDone): void => {
      const actAs = request.headers[HEADERS.actAs];
      let result: MaybePromise<Principal>;
      try {
        result = authenticator.verify(request.headers.authorization, Array.isArray(actAs) ? actAs.join(',') : actAs, request);
      } catch (error) {
        // Thrown synchronously: refused before any database read (Authenticator.verify).
        fail(request, error, done, false);
        return;
      }
      if (isPromise(result)) {
        result.then(
          (principal) => admit(request, principal, done),
          (error: unknown) => fail(request, error, done),
        );
      } else {
        admit(request, result, done);
      }
    };

    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [authenticate, ...existing];
  });
}
