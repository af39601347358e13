import type { Clock } from '../lib/clock.js';
import type { Database, DatabaseConfig } from './database.js';
import type { OutageLog } from './pg-guard.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

/** Opens and migrates the configured database. `log` gets PostgreSQL's outage lines (start, end). */
export function openDatabase(config: DatabaseConfig, options: { log?: OutageLog; clock?: Clock } = {}): Promise<Database> {
  return config.driver === 'sqlite' ? openSqlite(config.filename) : openPostgres(config.url, { ...options, poolSize: config.poolSize });
}
