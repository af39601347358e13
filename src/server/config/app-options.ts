import type { DatabaseConfig } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { AuthFailureLimits } from '../plugins/auth-failure-limiter.js';

/** Everything buildApp() needs; all but the database have production defaults. */
export interface AppOptions {
  database: DatabaseConfig;
  /**
   * At most one last_used_at write per key per this interval, and at most one write of the key's
   * per-capability usage. Default 60 s.
   */
  lastUsedIntervalMs?: number;
  /**
   * Record which capabilities each key exercises (GET /admin/api-keys/{id}/usage). Default true;
   * false only so `bench:server` can measure what recording costs (the CLI has no such switch).
   */
  recordKeyUsage?: boolean;
  /**
   * Record each key's requests, refusals and sources (GET /admin/api-keys/{id}/activity). Default
   * true; false only so `bench:server` can measure what recording costs (the CLI has no such switch).
   */
  recordKeyActivity?: boolean;
  /** Failed authentications per client address before 429. Default 20 per 60 s. */
  authFailureLimits?: AuthFailureLimits;
  /** Request bodies above this are refused with 400. Default 64 KiB. */
  bodyLimitBytes?: number;
  /**
   * false (default) for silence; true for info-level JSON logs and the access log on stdout; or a
   * level, a stream (`serve` passes a buffered destination on stderr, server.ts) and whether to
   * write the access log (default true: one line per request, see plugins/access-log.ts).
   */
  logger?: boolean | LoggerOptions;
  /**
   * Which proxies' X-Forwarded-For to believe, so the failed-auth limit and key activity see the client's address:
   * the proxies' addresses or CIDRs (comma-separated), or how many hops are yours. Never "all": a
   * client could then choose its own address and step around the limit. Default: none.
   */
  trustProxy?: false | number | string;
  clock?: Clock;
  /**
   * How often each process writes the scheduled retirements that came due (0: never). Correctness
   * does not depend on it (see modules/api-keys/retirements.ts); it only records them without waiting
   * for someone to list or use the keys. Default 60 s.
   */
  retirementSweepMs?: number;
}

export interface LoggerOptions {
  level?: string;
  stream?: { write(line: string): void };
  accessLog?: boolean;
}

export const DEFAULTS = {
  lastUsedIntervalMs: 60_000,
  authFailureLimits: { max: 20, windowMs: 60_000 },
  bodyLimitBytes: 64 * 1024,
  retirementSweepMs: 60_000,
} as const;

/**
 * Log redaction: the Authorization header and anything named like a secret, wherever it appears.
 * Fastify's request serializer logs no headers by default; this guards against anyone adding them.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'secret',
  'token',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.*.secret',
  '*.*.token',
  '*.*.authorization',
];
