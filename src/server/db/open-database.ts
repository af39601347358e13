import type { Database, DatabaseConfig } from './database.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

/** Opens and migrates the configured database. */
export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.driver === 'sqlite' ? openSqlite(config.filename) : openPostgres(config.url, config.poolSize);
}
