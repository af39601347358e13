/**
 * `serve` for `bench:server`'s before/after lines: the same process as `src/server/cli.ts serve
 * --port 0 [--data DIR]` with its default flags (access log on, info level, logs on stderr, one
 * worker) — runServerProcess, as the CLI calls it — with AppOptions overrides from argv as JSON, for
 * switches the CLI does not offer (such as `{"recordKeyUsage": false}`). Run from the checkout whose
 * server it starts: `node --import tsx bench/serve-variant.ts '<json>' [--data DIR]`.
 */
import { databaseConfigFrom } from '../src/server/config/data-dir.js';
import type { AppOptions } from '../src/server/config/app-options.js';
import { runServerProcess } from '../src/server/server.js';

const [json, flag, dataDir] = process.argv.slice(2);
if (json === undefined || (flag !== undefined && flag !== '--data')) throw new Error("usage: serve-variant.ts '<AppOptions JSON>' [--data DIR]");
const overrides = JSON.parse(json) as Partial<AppOptions>;

await runServerProcess({ ...overrides, database: databaseConfigFrom({ dataDir }), host: '127.0.0.1', port: 0 }, { level: 'info', accessLog: true }, (line) =>
  process.stdout.write(`${line}\n`),
);
