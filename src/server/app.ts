/**
 * buildApp(): the whole API as a Fastify instance, without listening (tests use inject(); server.ts
 * listens). It opens and migrates the database, wires repositories → services → routes through
 * their factories, and closes everything on app.close(): pending "last used" writes are flushed
 * before the database closes.
 */
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULTS, REDACT_PATHS, type AppOptions } from './config/app-options.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open-database.js';
import { systemClock } from './lib/clock.js';
import { apiKeysRoutes } from './modules/api-keys/api-keys-routes.js';
import { apiKeysIncidentRoutes } from './modules/api-keys/api-keys-incident-routes.js';
import { createApiKeysIncidentService } from './modules/api-keys/api-keys-incident-service.js';
import { createApiKeysRepository } from './modules/api-keys/api-keys-repository.js';
import { createApiKeysService } from './modules/api-keys/api-keys-service.js';
import { createAuditRepository } from './modules/audit/audit-repository.js';
import { auditRoutes } from './modules/audit/audit-routes.js';
import { createAuthenticator } from './modules/auth/authenticator.js';
import { createLastUsedTracker, type LastUsedTracker } from './modules/auth/last-used-tracker.js';
import { capabilitiesRoutes } from './modules/capabilities/capabilities-routes.js';
import { healthRoutes } from './modules/health/health-routes.js';
import { meRoutes } from './modules/me/me-routes.js';
import { createPeopleRepository } from './modules/people/people-repository.js';
import { createPeopleService, type PeopleService } from './modules/people/people-service.js';
import { createPlaybookRunsRepository } from './modules/playbook-runs/playbook-runs-repository.js';
import { playbookRunsRoutes } from './modules/playbook-runs/playbook-runs-routes.js';
import { createPlaybookRunsService } from './modules/playbook-runs/playbook-runs-service.js';
import { createProjectsCache } from './modules/projects/projects-cache.js';
import { createProjectsRepository } from './modules/projects/projects-repository.js';
import { createRecordsRepository } from './modules/records/records-repository.js';
import { recordsRoutes } from './modules/records/records-routes.js';
import { createRecordsService } from './modules/records/records-service.js';
import { createAuthFailureLimiter } from './plugins/auth-failure-limiter.js';
import { installAuth } from './plugins/auth.js';
import { installErrorHandling } from './plugins/errors.js';
import { installJsonParser } from './plugins/json-parser.js';
import { openApiRoute, OPENAPI_INFO } from './plugins/openapi.js';
import { genRequestId, installRequestId } from './plugins/request-id.js';

/** What the app exposes beyond HTTP: for the CLI, test helpers and graceful shutdown. */
export interface RakerOneInternals {
  db: Database;
  people: PeopleService;
  lastUsed: LastUsedTracker;
}

declare module 'fastify' {
  interface FastifyInstance {
    rakerone: RakerOneInternals;
  }
}

/** How stale /api/me's project list may be (projects are not security state; see projects-cache.ts). */
const PROJECTS_CACHE_TTL_MS = 5_000;

/** Trusts the nearest `hops` proxies. */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes;
  const logger =
    options.logger === undefined || options.logger === false
      ? false
      : { level: options.logger === true ? 'info' : (options.logger.level ?? 'info'), redact: { paths: REDACT_PATHS, censor: '[redacted]' }, ...(options.logger === true ? {} : { stream: options.logger.stream }) };

  const db = await openDatabase(options.database);
  const app = Fastify({
    logger,
    bodyLimit,
    // A number is that many proxy hops (Fastify's types take it as a trust function).
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    genReqId: genRequestId,
    requestIdHeader: false,
    // Allows the exactly-one-slash-less variants ("/api/me/") to reach the same routes.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const people = createPeopleRepository(db.kysely);
  const projects = createProjectsRepository(db.kysely);
  const audit = createAuditRepository(db.kysely);
  const keys = createApiKeysRepository(db.kysely);
  const lastUsed = createLastUsedTracker({
    write: (id, at) => db.hot.touchApiKey(id, at),
    clock,
    intervalMs: options.lastUsedIntervalMs ?? DEFAULTS.lastUsedIntervalMs,
    onError: (error) => app.log.error({ err: error }, 'could not record an API key as used'),
  });
  const authenticator = createAuthenticator({ hot: db.hot, people, lastUsed });
  const limiter = createAuthFailureLimiter(options.authFailureLimits ?? DEFAULTS.authFailureLimits, clock);
  const peopleService = createPeopleService({ db, people, audit, clock });
  const apiKeys = createApiKeysService({ db, keys, audit, clock });
  const incident = createApiKeysIncidentService({ db, keys, audit, clock });
  const runs = createPlaybookRunsService({ db, runs: createPlaybookRunsRepository(db.kysely), projects, audit, clock });
  const records = createRecordsService({ db, records: createRecordsRepository(db.kysely), projects, audit, clock });

  app.decorate('rakerone', { db, people: peopleService, lastUsed });
  app.addHook('onClose', async () => {
    // Never lose a "last used": write what is pending, then close the database.
    await lastUsed.flush();
    await db.close();
  });

  installRequestId(app);
  installErrorHandling(app);
  installJsonParser(app, bodyLimit);
  installAuth(app, { authenticator, limiter });

  await app.register(fastifySwagger, { openapi: OPENAPI_INFO, transform: jsonSchemaTransform });
  await app.register(
    async (api) => {
      await api.register(healthRoutes({ db }));
      await api.register(openApiRoute());
      await api.register(meRoutes({ projects: createProjectsCache({ hot: db.hot, clock, ttlMs: PROJECTS_CACHE_TTL_MS }) }));
      await api.register(capabilitiesRoutes());
      await api.register(apiKeysRoutes({ apiKeys }));
      await api.register(apiKeysIncidentRoutes({ incident }));
      await api.register(auditRoutes({ audit }));
      await api.register(playbookRunsRoutes({ runs }));
      await api.register(recordsRoutes({ records }));
    },
    { prefix: '/api' },
  );
  return app;
}
