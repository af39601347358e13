/**
 * `npm run server -- <command>`: run the RakerOne API server, or onboard people.
 * Human output goes to stdout (the serve line and the token are meant to be read or parsed);
 * JSON logs go to stderr.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../shared/capabilities.js';
import { AppError } from '../shared/errors.js';
import { buildApp } from './app.js';
import { databaseConfigFrom, defaultDataDir } from './config/data-dir.js';
import { availableParallelism } from 'node:os';
import { runCluster } from './cluster.js';
import { runServerProcess } from './server.js';

const HELP = `RakerOne API server

Usage:
  npm run server -- serve [--port 8787] [--host 127.0.0.1] [--data DIR] [--log-level info] [--access-log on|off]
                          [--workers 1|N|auto] [--trust-proxy ADDRS|HOPS]
  npm run server -- people add --org <slug> --email <email> --role <${ROLES.join('|')}> [--name N] [--data DIR]
  npm run server -- people revoke-tokens --org <slug> --email <email> [--data DIR]
  npm run server -- --help

serve       Runs the API. Prints "RakerOne API server listening on http://HOST:PORT" once it
            accepts connections (--port 0 picks a free port). Stops gracefully on SIGINT/SIGTERM.
            Behind a load balancer, --trust-proxy names it (addresses or CIDRs, comma-separated, or
            the number of proxy hops): only from those peers is X-Forwarded-For believed (its
            rightmost address not among them), so the failed-sign-in limit and key activity see
            each client's address.
            Logs are JSON lines on stderr: errors and warnings at --log-level, and (unless
            --access-log off) one access line per request (method, route, status, ms, request id,
            key or person id; never a secret). --workers N serves the port from N processes
            (auto: one per CPU core); one listening line, and SIGINT/SIGTERM stop them all gracefully.
people add  Creates the organization (with a seed project "Operations") and the person if missing,
            then prints a new admin access token for that person as the last line of output.
            The token is shown only this once; the server stores only its SHA-256.
people revoke-tokens
            Revokes every admin access token of that person: refused from the next request on,
            on every server node. \`people add\` issues a new one.

Storage:
  DATABASE_URL=postgres://…  PostgreSQL (several server nodes may share it).
  otherwise                  SQLite at DIR/rakerone.sqlite; DIR is --data, else $RAKERONE_DATA_DIR,
                             else ${defaultDataDir()}

Environment:
  RAKERONE_LAST_USED_INTERVAL_MS  at most one "last used" write per key per interval (default 60000)
`;

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\nRun with --help for usage.\n`);
  process.exit(2);
}

function intervalFromEnv(): number | undefined {
  const raw = process.env.RAKERONE_LAST_USED_INTERVAL_MS;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail('RAKERONE_LAST_USED_INTERVAL_MS must be a whole number of milliseconds');
  return value;
}

/** `--trust-proxy`: a hop count, or addresses / CIDRs. "true"/"all" would let clients pick their address. */
function trustProxyOf(raw: string | undefined): false | number | string {
  if (raw === undefined) return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (list.length === 0 || list.some((part) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part))) {
    fail("--trust-proxy takes the proxies' addresses or CIDRs (comma-separated) or a number of hops");
  }
  return list.join(',');
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'access-log': { type: 'string', default: 'on' },
      workers: { type: 'string', default: '1' },
      'trust-proxy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return print(HELP);
  const trustProxy = trustProxyOf(values['trust-proxy']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, not ${values.port}`);
  const level = values['log-level'];
  if (!LOG_LEVELS.includes(level)) fail(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const accessLog = values['access-log'];
  if (accessLog !== 'on' && accessLog !== 'off') fail('--access-log must be on or off');
  const workers = values.workers === 'auto' ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) fail(`--workers must be 1–64 or auto, not ${values.workers}`);
  const options = {
    database: databaseConfigFrom({ dataDir: values.data }),
    host: values.host,
    port,
    lastUsedIntervalMs: intervalFromEnv(),
    trustProxy,
  };
  const logs = { level, accessLog: accessLog === 'on' };
  if (workers === 1) await runServerProcess(options, logs, print);
  else await runCluster(options, logs, workers, print);
}

async function peopleAdd(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return print(HELP);
  if (!values.org || !values.email || !values.role) fail('people add needs --org, --email and --role');
  if (!(ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const app = await buildApp({ database: databaseConfigFrom({ dataDir: values.data }) });
  try {
    const result = await app.rakerone.people.addPerson({ orgSlug: values.org, email: values.email, role: values.role as Role, name: values.name });
    const { organization, person } = result;
    print(`Organization ${organization.slug}: ${result.organizationCreated ? 'created, with the project "Operations"' : 'exists'}`);
    print(
      `Person ${person.email} (${person.role}${person.role !== values.role ? `; kept, not changed to ${values.role}` : ''}): ${result.personCreated ? 'created' : 'exists'}`,
    );
    print(`Admin access token for ${person.email}; it is shown only now, store it safely:`);
    print(result.token);
  } finally {
    await app.close();
  }
}

async function peopleRevokeTokens(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, email: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return print(HELP);
  if (!values.org || !values.email) fail('people revoke-tokens needs --org and --email');
  const app = await buildApp({ database: databaseConfigFrom({ dataDir: values.data }) });
  try {
    const { person, revoked } = await app.rakerone.people.revokeTokens({ orgSlug: values.org, email: values.email });
    print(`Revoked ${revoked} admin access ${revoked === 1 ? 'token' : 'tokens'} of ${person.email}.`);
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return print(HELP);
  if (command === 'serve') return serve(rest);
  if (command === 'people' && rest[0] === 'add') return peopleAdd(rest.slice(1));
  if (command === 'people' && rest[0] === 'revoke-tokens') return peopleRevokeTokens(rest.slice(1));
  fail(`Unknown command: ${argv.join(' ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) fail(error.message);
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) fail(error.message);
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
