import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSecret } from '../../../src/shared/key-format.js';
import { migrationsFor } from '../../../src/server/db/migrations.js';

const CLI = ['--import', 'tsx', 'src/server/cli.ts'];
const dir = mkdtempSync(join(tmpdir(), 'rakerone-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  return spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', env: { ...base, ...env }, timeout: 30_000 });
}

/** Starts `serve` and resolves with the URL from its "listening on" line. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, [...CLI, 'serve', ...args], { env: { ...base, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^RakerOne API server listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)));
  });
}

describe('CLI', () => {
  it('prints usage with --help and fails clearly on bad input', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('people add --org <slug> --email <email> --role <admin|manager|builder|member>');
    const bad = cli(['people', 'add', '--org', 'acme', '--email', 'x@acme.test', '--role', 'owner', '--data', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--role must be one of');
    // "Trust every proxy" would let any client choose the address the failed-sign-in limit sees.
    const trustAll = cli(['serve', '--trust-proxy', 'true', '--data', dir]);
    expect(trustAll.status).toBe(2);
    expect(trustAll.stderr).toContain('--trust-proxy takes');
  });

  it('people add creates the organization and person and prints a fresh admin token as the last line', () => {
    const first = cli(['people', 'add', '--org', 'acme', '--email', 'Ada@Acme.test', '--role', 'admin', '--name', 'Ada', '--data', dir]);
    expect(first.status, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toContain('created');
    expect(checkSecret(lines.at(-1)!)).toBe('adminToken');
    const again = cli(['people', 'add', '--org', 'acme', '--email', 'ada@acme.test', '--role', 'admin', '--data', dir]);
    const token2 = again.stdout.trim().split('\n').at(-1)!;
    expect(checkSecret(token2)).toBe('adminToken');
    expect(token2).not.toBe(lines.at(-1));
    expect(again.stdout).toContain('exists');
  });

  it('people revoke-tokens revokes every admin token of that person; people add issues a working one again', async () => {
    const add = () =>
      cli(['people', 'add', '--org', 'acme', '--email', 'leaver@acme.test', '--role', 'admin', '--data', dir]).stdout.trim().split('\n').at(-1)!;
    const [first, second] = [add(), add()];
    const revoke = cli(['people', 'revoke-tokens', '--org', 'acme', '--email', 'Leaver@acme.test', '--data', dir]);
    expect(revoke.status, revoke.stderr).toBe(0);
    expect(revoke.stdout).toContain('Revoked 2 admin access tokens of leaver@acme.test.');
    const third = add();
    const { child, url } = await serve(['--port', '0', '--data', dir, '--log-level', 'warn']);
    try {
      const me = (token: string) => fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
      expect([await me(first), await me(second), await me(third)]).toEqual([401, 401, 200]);
      // Each issue and the revocation are in the audit log, by the CLI, without the tokens.
      const audit = await fetch(`${url}/api/admin/audit-events?action=admin_token.issued&action=admin_token.revoked`, {
        headers: { authorization: `Bearer ${third}` },
      });
      const text = await audit.text();
      for (const token of [first, second, third]) expect(text).not.toContain(token);
      const events = (JSON.parse(text) as { items: { action: string; actor: { type: string }; details: { email?: string; count?: number } }[] }).items.filter(
        (e) => e.details.email === 'leaver@acme.test',
      );
      expect(events.map((e) => e.action)).toEqual(['admin_token.issued', 'admin_token.revoked', 'admin_token.issued', 'admin_token.issued']);
      expect(events.every((e) => e.actor.type === 'system')).toBe(true);
      expect(events[1]!.details.count).toBe(2);
    } finally {
      child.kill('SIGTERM');
    }
    const nobody = cli(['people', 'revoke-tokens', '--org', 'acme', '--email', 'nobody@acme.test', '--data', dir]);
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toContain('There is no nobody@acme.test in acme');
  });

  it('several processes starting on one fresh SQLite file at the same moment migrate it once and share one organization', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'rakerone-sqlite-race-'));
    try {
      const file = join(fresh, 'rakerone.sqlite');
      const children = Array.from({ length: 4 }, (_, i) =>
        spawn(process.execPath, ['--import', 'tsx', 'test/integration/server/fixtures/open-sqlite.ts', file, `p${i}@race.test`]),
      );
      const outputs = children.map((child) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        return {
          ready: new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('ready') && resolve())),
          done: new Promise<{ code: number | null; out: () => string }>((resolve) => child.on('exit', (code) => resolve({ code, out: () => out }))),
        };
      });
      await Promise.all(outputs.map((o) => o.ready));
      for (const child of children) child.stdin.write('go\n');
      for (const { code, out } of await Promise.all(outputs.map((o) => o.done))) expect(code, out()).toBe(0);
      const db = new BetterSqlite3(file, { readonly: true });
      const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      // Each migration ran once (one row each), whichever process got there first.
      expect([count('rakerone_migrations'), count('organizations'), count('projects'), count('people')]).toEqual([
        Object.keys(migrationsFor('sqlite')).length,
        1,
        1,
        4,
      ]);
      db.close();
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('serve listens on a free port, answers with the token from people add, and flushes "last used" on SIGTERM', async () => {
    const token = cli(['people', 'add', '--org', 'acme', '--email', 'ops@acme.test', '--role', 'admin', '--data', dir]).stdout.trim().split('\n').at(-1)!;
    const { child, url } = await serve(['--port', '0', '--data', dir, '--log-level', 'warn'], { RAKERONE_LAST_USED_INTERVAL_MS: '60000' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const me = await fetch(`${url}/api/me`, { headers: auth });
    expect(me.status).toBe(200);
    const created = (await (
      await fetch(`${url}/api/admin/api-keys`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'CLI key', capabilities: [] }) })
    ).json()) as {
      apiKey: { id: string };
      secret: string;
    };
    const useKey = () => fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${created.secret}` } });
    expect((await useKey()).status).toBe(200);
    const list = (await (await fetch(`${url}/api/admin/api-keys`, { headers: auth })).json()) as { items: { lastUsedAt: string | null }[] };
    const firstUse = list.items[0]!.lastUsedAt!;
    expect(firstUse).toBeTruthy();
    await new Promise((r) => setTimeout(r, 10));
    // Inside the 60 s interval: only remembered in memory, not written...
    expect((await useKey()).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // ...until the graceful shutdown wrote it.
    const db = new BetterSqlite3(join(dir, 'rakerone.sqlite'), { readonly: true });
    const row = db.prepare('SELECT last_used_at FROM api_keys WHERE id = ?').get(created.apiKey.id) as { last_used_at: string };
    db.close();
    expect(Date.parse(row.last_used_at) - Date.parse(firstUse)).toBeGreaterThanOrEqual(10);
  });
});
