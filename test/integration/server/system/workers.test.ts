/**
 * `serve --workers 2`: one port served by two processes, one listening line, access lines from
 * both workers written whole, and SIGTERM stops every worker gracefully: "last used" flushed and
 * every access line written (the log destination is asynchronous: this proves it is flushed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/server/app.js';
import { startServeProcess } from '../serve-process.js';
import { newOrg } from '../support.js';

const dir = mkdtempSync(join(tmpdir(), 'rakerone-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve --workers 2', () => {
  it('serves one port from two processes and stops both gracefully, with last used and the access log flushed', async () => {
    const filename = join(dir, 'rakerone.sqlite');
    const seedApp = await buildApp({ database: { driver: 'sqlite', filename } });
    const org = await newOrg(seedApp);
    const created = await org.createKey({ name: 'Worked' });
    await seedApp.close();

    const server = await startServeProcess(['--data', dir, '--workers', '2'], { RAKERONE_LAST_USED_INTERVAL_MS: '600000' });
    const requests = 200;
    const statuses = await Promise.all(
      Array.from({ length: requests }, () => fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${created.secret}` } }).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    // A use that only the shutdown flush can write (the interval is ten minutes).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lastUse = new Date().toISOString();
    await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${created.secret}` } });
    expect(await server.stop()).toBe(0);
    expect(server.stdout().match(/listening on/g)).toHaveLength(1);

    const lines = server.stderr().trim().split('\n');
    const parsed = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; pid: number });
    const access = parsed.filter((line) => line.msg === 'request');
    expect(access).toHaveLength(requests + 1);
    // Both workers served (connections are handed out in turn) and each stopped gracefully.
    expect(new Set(access.map((line) => line.pid)).size).toBe(2);
    expect(parsed.filter((line) => line.msg === 'shutting down')).toHaveLength(2);

    const db = new BetterSqlite3(filename, { readonly: true });
    const row = db.prepare('SELECT last_used_at FROM api_keys WHERE id = ?').get(created.apiKey.id) as { last_used_at: string };
    db.close();
    expect(row.last_used_at >= lastUse).toBe(true);
  });
});
