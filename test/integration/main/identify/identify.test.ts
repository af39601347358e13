/**
 * Identify leaked keys end to end in main: the real core (keys:identify, keys:identify-file with a
 * recording dialog), the real keychain and the real server on SQLite and PostgreSQL, with a second
 * organization whose key must read as "not one of yours".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedactingLogger } from '../../../../src/main/logger.js';
import type { OpenFilePort } from '../../../../src/main/ports.js';
import { generateSecret } from '../../../../src/shared/key-format.js';
import { startTestServer, type TestServer } from '../../../helpers/test-server.js';
import { realCore, requireSecretService, tempDir } from '../../../helpers/real-core.js';

const mistype = (key: string) => key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);

async function createKey(server: TestServer, token: string, name: string): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${server.url}/api/admin/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, capabilities: ['data-record:read'] }),
  });
  const body = (await response.json()) as { apiKey: { id: string }; secret: string };
  return { id: body.apiKey.id, secret: body.secret };
}

describe.each(['sqlite', 'postgres'] as const)('identify leaked keys through main on %s', (driver) => {
  let server: TestServer;
  const dirs: { remove(): void }[] = [];
  const cores: { dispose(): Promise<void> }[] = [];

  beforeAll(requireSecretService);
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.dispose()));
    await server.close();
  });
  afterAll(() => dirs.forEach((d) => d.remove()));

  async function signedIn(openFile?: OpenFilePort) {
    server = await startTestServer({ driver });
    const dir = tempDir('rakerone-identify-');
    dirs.push(dir);
    const lines: string[] = [];
    const t = await realCore({ dataDir: dir.path, deps: { openFile, logger: createRedactingLogger((_level, line) => lines.push(line)) } });
    cores.push(t.core);
    await t.call('connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    return { ...t, dir: dir.path, lines };
  }

  it('two of ours named, one of another organization "not ours", one mistyped rejected by its checksum; no secret comes back', async () => {
    const t = await signedIn();
    const billing = await createKey(server, server.adminToken, 'Billing export');
    const webhook = await createKey(server, server.adminToken, 'Nightly webhook');
    const other = await server.app().rakerone.people.addPerson({ orgSlug: 'globex', email: 'admin@globex.test', role: 'admin' });
    const theirs = await createKey(server, other.token, 'Globex integration');
    const typo = mistype(generateSecret('apiKey'));
    const log = [
      `2026-11-30T10:00:00Z INFO calling with {"apiKey":"${billing.secret}"}`,
      `2026-11-30T10:00:01Z WARN retry Authorization: Bearer ${webhook.secret}`,
      `export GLOBEX_KEY='${theirs.secret}'`,
      `someone typed ${typo} by hand`,
      `again ${billing.secret},`,
    ].join('\n');

    const result = await t.call('keys:identify', { text: log });
    expect(result.lookup).toBe('named');
    expect(result.keys.map((k) => [k.match.kind, k.match.kind === 'ours' ? k.match.key.name : null, k.occurrences, k.firstSeen.line])).toEqual([
      ['ours', 'Billing export', 2, 1],
      ['ours', 'Nightly webhook', 1, 2],
      ['not-ours', null, 1, 3],
    ]);
    const named = result.keys.flatMap((k) => (k.match.kind === 'ours' ? [k.match.key] : []));
    expect(named.map((k) => [k.id, k.status, k.createdBy?.name])).toEqual([
      [billing.id, 'active', 'Ada Admin'],
      [webhook.id, 'active', 'Ada Admin'],
    ]);
    expect(result.rejected).toEqual([expect.objectContaining({ reason: 'checksum', firstSeen: { line: 4, column: 15 } })]);

    // Nothing that reaches the renderer or the log holds a secret (or the other organization's key's name).
    const answer = JSON.stringify(result);
    for (const secret of [billing.secret, webhook.secret, theirs.secret, typo]) {
      expect(answer).not.toContain(secret.slice(8));
      expect(t.lines.join('\n')).not.toContain(secret.slice(8));
    }
    expect(answer).not.toContain('Globex integration');
  });

  it('a file chosen in the native dialog is read in main; offline the keys are counted but not named', async () => {
    const chosen: string[] = [];
    let path: string | null = null;
    const t = await signedIn({ chooseFile: async () => (path && chosen.push(path), path) });
    const key = await createKey(server, server.adminToken, 'From a file');
    path = join(t.dir, 'leak.log');
    writeFileSync(path, `header\n  ${key.secret}\n`);

    const fromFile = await t.call('keys:identify-file', {});
    expect(fromFile?.source).toEqual({ kind: 'file', name: 'leak.log', bytes: key.secret.length + 10 });
    expect(fromFile?.keys.map((k) => k.match.kind === 'ours' && k.match.key.id)).toEqual([key.id]);
    expect(chosen).toEqual([path]);

    await server.stop();
    await t.call('sync:now', {});
    const offline = await t.call('keys:identify', { text: `x ${key.secret} ${generateSecret('apiKey')}` });
    expect(offline.lookup).toBe('offline');
    expect(offline.keys.map((k) => k.match)).toEqual([{ kind: 'unnamed' }, { kind: 'unnamed' }]);
    await server.start();
  });
});
