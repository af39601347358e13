/**
 * Shared set-up of the server integration suites: every suite runs once per driver (describe.each
 * over DRIVERS), on an in-memory SQLite database or a fresh PostgreSQL database. Tests isolate
 * themselves by creating their own organization (newOrg), so one database serves a whole file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import type { AppOptions } from '../../../src/server/config/app-options.js';
import type { DatabaseConfig } from '../../../src/server/db/database.js';
import type { Role } from '../../../src/shared/capabilities.js';
import type { CreateApiKeyBody, CreateApiKeyResponse } from '../../../src/shared/http/index.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

export const DRIVERS = ['sqlite', 'postgres'] as const;
export type Driver = (typeof DRIVERS)[number];

export interface Harness {
  app(): FastifyInstance;
}

/** Builds one app per suite for the driver; `options` may override anything but the database. */
export function useApp(driver: Driver, options: Omit<AppOptions, 'database'> = {}): Harness {
  let app: FastifyInstance | undefined;
  let pg: TestDatabase | undefined;
  beforeAll(async () => {
    if (driver === 'postgres') pg = await createTestDatabase();
    app = await buildApp({
      lastUsedIntervalMs: 0,
      ...options,
      database: pg ? { driver: 'postgres', url: pg.url, poolSize: 4 } : { driver: 'sqlite', filename: ':memory:' },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await pg?.drop();
  });
  return {
    app() {
      if (!app) throw new Error('app not built yet');
      return app;
    },
  };
}

export interface TestOrg {
  slug: string;
  orgId: string;
  projectId: string;
  adminToken: string;
  adminId: string;
  /** Another person of this organization, with a token. */
  addPerson(role: Role, email?: string): Promise<{ token: string; id: string; email: string }>;
  /** Creates a key as the admin; returns the response body (with `secret` for server-generated keys). */
  createKey(body: Partial<CreateApiKeyBody> & { name?: string }, headers?: Record<string, string>): Promise<CreateApiKeyResponse>;
}

export async function newOrg(app: FastifyInstance): Promise<TestOrg> {
  const slug = `org-${randomBytes(5).toString('hex')}`;
  const admin = await app.rakerone.people.addPerson({ orgSlug: slug, email: `admin@${slug}.test`, role: 'admin', name: 'Org Admin' });
  const projects = await app.rakerone.db.hot.projectsOf(admin.organization.id);
  const org: TestOrg = {
    slug,
    orgId: admin.organization.id,
    projectId: projects[0]!.id,
    adminToken: admin.token,
    adminId: admin.person.id,
    async addPerson(role, email) {
      const result = await app.rakerone.people.addPerson({ orgSlug: slug, email: email ?? `${role}-${randomBytes(3).toString('hex')}@${slug}.test`, role });
      return { token: result.token, id: result.person.id, email: result.person.email };
    },
    async createKey(body, headers = {}) {
      const res = await call(app, 'POST', '/api/admin/api-keys', admin.token, { name: 'Key', capabilities: [], ...body }, headers);
      if (res.statusCode !== 201) throw new Error(`createKey: ${res.statusCode} ${res.body}`);
      return res.json<CreateApiKeyResponse>();
    },
  };
  return org;
}

/** One HTTP call through inject(), with a bearer token when given. */
export function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
  });
}

export interface SharedDatabase {
  database: DatabaseConfig;
  /** Drops the PostgreSQL database or deletes the SQLite file's folder (after every node is closed). */
  remove(): Promise<void>;
}

/**
 * One database for several server nodes: a fresh PostgreSQL database, or an SQLite file in a temp
 * folder (several nodes, or processes, on one file behave as PostgreSQL nodes do).
 */
export async function createSharedDatabase(driver: Driver, poolSize = 4): Promise<SharedDatabase> {
  if (driver === 'postgres') {
    const pg = await createTestDatabase();
    return { database: { driver: 'postgres', url: pg.url, poolSize }, remove: () => pg.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-shared-'));
  return { database: { driver: 'sqlite', filename: join(dir, 'shared.sqlite') }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}
