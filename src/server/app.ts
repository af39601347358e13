/**
 * buildApp(): the whole API as a Fastify instance, without listening (tests use inject(); server.ts
 * listens). It opens and migrates the database, wires repositories → services → routes through
 * their factories, and closes everything on app.close(): pending "last used" writes are flushed
 * before the database closes.
 */
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULTS, REDACT_PATHS, type AppOptions } from './config/app-options.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open-database.js';
import { unlessUnavailable } from './db/unavailable.js';
import { systemClock } from './lib/clock.js';
import { createLineBatcher } from './lib/line-batcher.js';
import { createKeyActivityHook, type KeyActivityHook } from './modules/activity/activity-hook.js';
import { createActivityRepository, type ActivityRepository } from './modules/activity/activity-repository.js';
import { createActivityRetention } from './modules/activity/activity-retention.js';
import { activityRoutes } from './modules/activity/activity-routes.js';
import { createActivityService } from './modules/activity/activity-service.js';
import { createActivityTracker } from './modules/activity/activity-tracker.js';
import { allowedAddressesRoutes } from './modules/api-keys/allowed-addresses-routes.js';
import { createAllowedAddressesService } from './modules/api-keys/allowed-addresses-service.js';
import { apiKeysRoutes } from './modules/api-keys/api-keys-routes.js';
import { apiKeysIncidentRoutes } from './modules/api-keys/api-keys-incident-routes.js';
import { createApiKeysIncidentService } from './modules/api-keys/api-keys-incident-service.js';
import { createApiKeysRepository } from './modules/api-keys/api-keys-repository.js';
import { createApiKeysService } from './modules/api-keys/api-keys-service.js';
import { createRetirementSweeper } from './modules/api-keys/retirement-sweeper.js';
import { createRetirements } from './modules/api-keys/retirements.js';
import { scheduledRevocationRoutes } from './modules/api-keys/scheduled-revocation-routes.js';
import { createScheduledRevocationService } from './modules/api-keys/scheduled-revocation-service.js';
import { createSuspensionRepository } from './modules/api-keys/suspension-repository.js';
import { suspensionRoutes } from './modules/api-keys/suspension-routes.js';
import { createSuspensionService } from './modules/api-keys/suspension-service.js';
import { createKeyPolicyRepository } from './modules/key-policy/key-policy-repository.js';
import { keyPolicyRoutes } from './modules/key-policy/key-policy-routes.js';
import { createKeyPolicyService } from './modules/key-policy/key-policy-service.js';
import { createAuditRepository } from './modules/audit/audit-repository.js';
import { auditRoutes } from './modules/audit/audit-routes.js';
import { createAuditService } from './modules/audit/audit-service.js';
import { type Authenticator, createAuthenticator } from './modules/auth/authenticator.js';
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
import { createKeyUsageRepository, type KeyUsageRepository } from './modules/usage/key-usage-repository.js';
import { keyUsageRoutes } from './modules/usage/key-usage-routes.js';
import { createKeyUsageService } from './modules/usage/key-usage-service.js';
import { createKeyUsageTracker, type KeyUsageTracker } from './modules/usage/key-usage-tracker.js';
import { AccessLogController } from './plugins/access-log.js';
import { createAuthFailureLimiter } from './plugins/auth-failure-limiter.js';
import { installAuth } from './plugins/auth.js';
import { installErrorHandling } from './plugins/errors.js';
import { installJsonParser } from './plugins/json-parser.js';
import { openApiRoute, OPENAPI_INFO, openApiTransform, openApiTransformObject } from './plugins/openapi.js';
import { genRequestId, installRequestId } from './plugins/request-id.js';
import { installRouteContract } from './plugins/route-contract.js';
import { storableTextValidatorCompiler } from './plugins/storable-text.js';

/** What the app exposes beyond HTTP: for the CLI, test helpers and graceful shutdown. */
export interface RakerOneInternals {
  db: Database;
  people: PeopleService;
  lastUsed: LastUsedTracker;
  /** Per-capability and impersonation usage of keys: the tracker (flush) and its store. */
  keyUsage: KeyUsageTracker;
  keyUsageStore: KeyUsageRepository;
  /** Key activity: the request path's hook (flush) and its store. */
  activity: KeyActivityHook;
  activityStore: ActivityRepository;
  authenticator: Authenticator;
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
  const logging = options.logger === undefined || options.logger === false ? null : options.logger === true ? {} : options.logger;
  const logStream = logging?.stream ?? process.stdout;
  const logger = logging ? pino({ level: logging.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, logStream) : undefined;
  // The access log's lines, handed to the same destination once per turn (plugins/access-log.ts).
  const accessLines = logging && (logging.accessLog ?? true) ? createLineBatcher(logStream) : null;

  // The database guard measures network waits, which pass in real time whatever the business clock
  // says (tests move an injected clock by days): it keeps the system clock.
  const db = await openDatabase(options.database, logger ? { log: logger } : {});
  const app = Fastify({
    // Typed as Fastify's base logger, so the app's type does not depend on whether it logs.
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    // One logger for every request, not a child per request (a pino child is built and its
    // bindings serialized for each one, whether it logs or not): the lines that concern a request
    // (access line, errors) name its reqId themselves.
    childLoggerFactory: (logger) => logger,
    // Fastify's two lines per request (incoming, completed) become one access-log line, or none.
    logController: new AccessLogController(accessLines, systemClock),
    bodyLimit,
    // A number is that many proxy hops (Fastify's types take it as a trust function).
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    genReqId: genRequestId,
    requestIdHeader: false,
    // Allows the exactly-one-slash-less variants ("/api/me/") to reach the same routes.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(storableTextValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const people = createPeopleRepository(db.kysely);
  const projects = createProjectsRepository(db.kysely);
  const audit = createAuditRepository(db.kysely);
  const keys = createApiKeysRepository(db.kysely);
  const lastUsed = createLastUsedTracker({
    write: (id, at) => db.hot.touchApiKey(id, at),
    clock,
    intervalMs: options.lastUsedIntervalMs ?? DEFAULTS.lastUsedIntervalMs,
    onError: unlessUnavailable((error) => app.log.error({ err: error }, 'could not record an API key as used')),
  });
  const keyUsageStore = createKeyUsageRepository(db.kysely);
  const keyUsage = createKeyUsageTracker({
    write: (id, entries) => keyUsageStore.record(id, entries),
    clock,
    intervalMs: options.lastUsedIntervalMs ?? DEFAULTS.lastUsedIntervalMs,
    onError: unlessUnavailable((error) => app.log.error({ err: error }, "could not record an API key's usage")),
  });
  const activityStore = createActivityRepository(db.kysely, db.driver);
  const activity = createKeyActivityHook({
    tracker: createActivityTracker({
      write: (id, delta) => activityStore.record(id, delta),
      clock,
      intervalMs: options.lastUsedIntervalMs ?? DEFAULTS.lastUsedIntervalMs,
      onError: unlessUnavailable((error) => app.log.error({ err: error }, "could not record an API key's activity")),
    }),
    keyIdBySecretHash: (hash) => activityStore.keyIdBySecretHash(hash),
    onError: unlessUnavailable((error) => app.log.error({ err: error }, 'could not find the key of a refused request')),
  });
  const activityRetention = createActivityRetention({ activity: activityStore, clock });
  const onRetirementError = unlessUnavailable((error) => app.log.error({ err: error }, 'could not record a scheduled revocation'));
  const retirements = createRetirements({ db, audit, clock, onError: onRetirementError });
  const authenticator = createAuthenticator({
    hot: db.hot,
    people,
    lastUsed,
    clock,
    keyTimes: {
      recordFirstUse: (id, at) => keys.recordFirstUse(id, at),
      // The organization's whole run, batched and shared: keys retiring together (a mass rotation)
      // are refused together, and cost one run rather than a transaction each.
      retirementDue: (organizationId) => retirements.materializeDueLater({ organizationId }),
    },
  });
  const limiter = createAuthFailureLimiter(options.authFailureLimits ?? DEFAULTS.authFailureLimits, {
    store: db.hot,
    clock,
    onError: unlessUnavailable((error) => app.log.error({ err: error }, 'could not prune failed sign-ins')),
  });
  const peopleService = createPeopleService({ db, people, audit, clock });
  const policies = createKeyPolicyRepository();
  const apiKeys = createApiKeysService({ db, keys, audit, policies, retirements, clock });
  const incident = createApiKeysIncidentService({ db, keys, audit, retirements, clock });
  const scheduled = createScheduledRevocationService({ db, keys, audit, retirements, clock });
  const suspension = createSuspensionService({ db, keys, suspensions: createSuspensionRepository(), audit, retirements, clock });
  const allowedAddresses = createAllowedAddressesService({ db, keys, audit, retirements, clock });
  const keyPolicy = createKeyPolicyService({ db, policies, audit, clock });
  const runs = createPlaybookRunsService({ db, runs: createPlaybookRunsRepository(db.kysely), projects, audit, clock });
  const records = createRecordsService({ db, records: createRecordsRepository(db.kysely), projects, audit, clock });

  app.decorate('rakerone', { db, people: peopleService, lastUsed, keyUsage, keyUsageStore, activity, activityStore, authenticator });
  const sweeper = createRetirementSweeper({
    clock,
    intervalMs: options.retirementSweepMs ?? DEFAULTS.retirementSweepMs,
    retirements,
    activityRetention,
    onRetirementError,
    onRetentionError: (error) => app.log.error({ err: error }, 'could not prune old key activity'),
  });
  sweeper.start();
  app.addHook('onClose', async () => {
    await sweeper.stop();
    // Never lose a "last used" or a key's usage: write what is pending, then close the database.
    await Promise.all([lastUsed.flush(), keyUsage.flush(), activity.flush()]);
    await db.close();
    // Last: every response has finished, so every access line is in the batch.
    accessLines?.close();
  });

  installRequestId(app);
  installErrorHandling(app);
  installJsonParser(app, bodyLimit);
  installAuth(app, {
    authenticator,
    limiter,
    ...(options.recordKeyUsage === false ? {} : { usage: keyUsage }),
    ...(options.recordKeyActivity === false ? {} : { activity }),
  });

  installRouteContract(app);
  await app.register(fastifySwagger, { openapi: OPENAPI_INFO, transform: openApiTransform, transformObject: openApiTransformObject });
  await app.register(
    async (api) => {
      await api.register(healthRoutes({ db }));
      await api.register(openApiRoute());
      await api.register(meRoutes({ projects: createProjectsCache({ hot: db.hot, clock, ttlMs: PROJECTS_CACHE_TTL_MS }) }));
      await api.register(capabilitiesRoutes());
      await api.register(apiKeysRoutes({ apiKeys }));
      await api.register(apiKeysIncidentRoutes({ incident }));
      await api.register(scheduledRevocationRoutes({ scheduled }));
      await api.register(suspensionRoutes({ suspension }));
      await api.register(allowedAddressesRoutes({ allowedAddresses }));
      await api.register(activityRoutes({ activity: createActivityService({ keys, activity: activityStore, clock }) }));
      await api.register(keyUsageRoutes({ usage: createKeyUsageService({ keys, usage: keyUsageStore, clock }) }));
      await api.register(keyPolicyRoutes({ policy: keyPolicy }));
      await api.register(auditRoutes({ audit: createAuditService({ audit, retirements }) }));
      await api.register(playbookRunsRoutes({ runs }));
      await api.register(recordsRoutes({ records }));
    },
    { prefix: '/api' },
  );
  return app;
}
