/**
 * The keychain absent (no Secret Service on the bus) or locked, with main's real core and the real
 * gnome-keyring: a clear KEYCHAIN (or "no token") message with a hint, never a crash, never a token
 * anywhere else, and main keeps answering.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realCore, requireSecretService, tempDir } from '../../../helpers/real-core.js';
import { startTestServer, type TestServer } from '../../../helpers/test-server.js';

const LOGIN = '/org/freedesktop/secrets/collection/login';
const secretService = (method: 'Lock', objects: string) =>
  execFileSync(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      '/org/freedesktop/secrets',
      '--method',
      `org.freedesktop.Secret.Service.${method}`,
      objects,
    ],
    { stdio: 'pipe' },
  );

function filesUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('a keychain that is absent or locked', () => {
  let server: TestServer;
  const dirs: { remove(): void }[] = [];

  beforeAll(async () => {
    requireSecretService();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    dirs.forEach((d) => d.remove());
  });

  // First in this file: libsecret connects to the bus on first use, so the bus is taken away before.
  it('absent (no Secret Service on the bus): signing in is a KEYCHAIN error with a hint; nothing saved; main keeps answering', async () => {
    const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/rakerone-test-bus';
    const dir = tempDir('rakerone-no-keychain-');
    dirs.push(dir);
    try {
      const t = await realCore({ dataDir: dir.path });
      const connect = await t.raw('connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
      expect(connect).toMatchObject({
        ok: false,
        error: { code: 'KEYCHAIN', message: expect.stringContaining('The system keychain could not'), details: { hint: expect.stringContaining('keyring') } },
      });
      expect(await t.call('connection:state', {})).toMatchObject({ status: 'disconnected' });
      expect((await t.raw('app:info', {})).ok).toBe(true);
      expect(filesUnder(dir.path)).not.toContain(server.adminToken);
      expect(filesUnder(dir.path)).not.toContain(server.url);
      await t.core.dispose();
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = bus;
    }
  });

  it('locked: the saved token cannot be read, and the app says so with a hint; signing in again is a KEYCHAIN error; no crash', async () => {
    const dir = tempDir('rakerone-locked-keychain-');
    dirs.push(dir);
    const first = await realCore({ dataDir: dir.path });
    await first.call('connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    await first.core.dispose();

    secretService('Lock', `[objectpath '${LOGIN}']`);
    try {
      const second = await realCore({ dataDir: dir.path });
      // libsecret answers a locked collection's lookup with nothing (no prompter here): "no token", with the hint.
      expect(await second.call('connection:state', {})).toMatchObject({
        status: 'unauthorized',
        error: { message: expect.stringContaining('No admin token is saved'), details: { hint: expect.stringContaining('keychain is locked') } },
      });
      expect(await second.raw('keys:list', {})).toMatchObject({ ok: false });
      const again = await second.raw('connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
      expect(again).toMatchObject({
        ok: false,
        error: { code: 'KEYCHAIN', message: expect.stringContaining('locked'), details: { hint: expect.any(String) } },
      });
      expect((await second.raw('app:info', {})).ok).toBe(true);
      expect(filesUnder(dir.path)).not.toContain(server.adminToken);
      await second.core.dispose();
    } finally {
      // Unlocked again for the test files after this one, which connect afresh (this process's
      // libsecret stays bound to the daemon replaced here): the throw-away keyring's password is
      // scripts/with-keyring.sh's, and the token saved above is in it, under the test service.
      execFileSync('sh', ['-c', 'echo -n rakerone-test | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1'], { stdio: 'pipe' });
    }
  });
});
