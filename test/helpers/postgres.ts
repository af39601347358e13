/**
 * A fresh PostgreSQL database per suite on the local server, dropped afterwards.
 *
 *   const pg = await createTestDatabase();   // { url, drop() }
 *   ... buildApp({ database: { driver: 'postgres', url: pg.url } }) ...
 *   await pg.drop();
 *
 * The admin connection is RAKERONE_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres
 * (trust auth on this project's machines). If PostgreSQL is down the suites fail, by design: start
 * it (on Debian: `pg_ctlcluster <version> main start`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_PG_ADMIN_URL = process.env.RAKERONE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // Random, lowercase, identifier-safe: quoting is then unnecessary and injection impossible.
  const name = `rakerone_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** True when the local PostgreSQL accepts connections (the benchmark uses it to skip PostgreSQL). */
export async function isPostgresReachable(): Promise<boolean> {
  try {
    await withAdmin((client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
