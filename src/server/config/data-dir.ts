import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../db/database.js';

/**
 * Where the embedded SQLite database lives when neither --data nor DATABASE_URL is given:
 * RAKERONE_DATA_DIR, else the platform's per-user data folder + `rakerone-server`
 * (Linux: $XDG_DATA_HOME or ~/.local/share; macOS: ~/Library/Application Support; Windows: %APPDATA%).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RAKERONE_DATA_DIR) return env.RAKERONE_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'rakerone-server');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'rakerone-server');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'rakerone-server');
}

export const SQLITE_FILE_NAME = 'rakerone.sqlite';

/** DATABASE_URL (postgres://…) wins; otherwise SQLite in the data folder. */
export function databaseConfigFrom(options: { dataDir?: string; databaseUrl?: string }, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = options.databaseUrl ?? env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL');
    return { driver: 'postgres', url };
  }
  return { driver: 'sqlite', filename: join(options.dataDir ?? defaultDataDir(env), SQLITE_FILE_NAME) };
}
