/**
 * `npm start`'s local server: the launcher runs the real server CLI as a child Node process, reads the
 * listening URL and the new admin token from its stdout pipe, and connection:start-local signs in with
 * it (token → real keychain). A second start re-uses the stored token instead of minting another.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServerLauncher, tokenFromOutput } from '../../../../src/main/connection/local-server-launcher.js';
import { createRedactingLogger, silentLogger } from '../../../../src/main/logger.js';
import { LOCAL_PROFILE_ID } from '../../../../src/main/connection/connection-service.js';
import { LOCAL_BINDING } from '../../../../src/main/secrets/token-vault.js';

/** The keychain account of the local server's profile (bound to this computer, not to its port). */
const LOCAL_ACCOUNT = `${LOCAL_PROFILE_ID} ${LOCAL_BINDING}`;
import { generateSecret } from '../../../../src/shared/key-format.js';
import { meWith, NEW_KEY, realCore, requireSecretService, tempDir } from '../../../helpers/real-core.js';

const repoRoot = join(import.meta.dirname, '../../../..');

describe('local server launcher (real server CLI)', () => {
  const dir = tempDir('rakerone-local-');
  beforeAll(requireSecretService);
  afterAll(() => dir.remove());

  it('reads only a well-formed token from the last line', () => {
    const token = generateSecret('adminToken');
    expect(tokenFromOutput(`Organization local: created\nAdmin access token:\n${token}\n`)).toBe(token);
    expect(tokenFromOutput(`${token}\nsomething else\n`)).toBeNull();
    expect(tokenFromOutput('')).toBeNull();
  });

  it('starts the server, mints an admin token over the pipe, and stops', async () => {
    const logged: string[] = [];
    const logger = createRedactingLogger((_level, line) => logged.push(line));
    const launcher = createLocalServerLauncher({ repoRoot, dataDir: join(dir.path, 'direct'), nodePath: process.execPath, logger });
    try {
      const { url, adminToken } = await launcher.start({ createAdmin: true });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await meWith(url, adminToken!)).toMatchObject({
        status: 200,
        body: { kind: 'person', person: { role: 'admin' }, organization: { slug: 'local' } },
      });
      const again = await launcher.start({ createAdmin: false });
      expect(again).toEqual({ url, adminToken: null });
      await launcher.stop();
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
      // The embedded server runs without its access log (flushed at shutdown, so it would be here by now):
      // main's log gets the server's warnings, not a line per request.
      expect(logged.filter((line) => line.includes('/api/me'))).toEqual([]);
    } finally {
      await launcher.stop();
    }
  });

  it('connection:start-local signs in to it; the next run re-uses the keychain token', async () => {
    const userData = join(dir.path, 'app');
    const localServer = () =>
      createLocalServerLauncher({ repoRoot, dataDir: join(userData, 'local-server'), nodePath: process.execPath, logger: silentLogger });
    const first = await realCore({ dataDir: userData, deps: { localServer: localServer() } });
    try {
      const state = await first.call('connection:start-local', {});
      expect(state).toMatchObject({ status: 'online', profile: { id: LOCAL_PROFILE_ID, isLocal: true, organization: { slug: 'local' } } });
      const token = await first.secrets.get(LOCAL_ACCOUNT);
      expect(token).toMatch(/^rkr_adm_/);
      await first.call('keys:create', NEW_KEY);
    } finally {
      await first.core.dispose();
    }
    const tokenBefore = await first.secrets.get(LOCAL_ACCOUNT);
    // A new run, as `npm start` does it: started during boot (autoStartLocal).
    const second = await realCore({ dataDir: userData, deps: { localServer: localServer(), autoStartLocal: true } });
    try {
      const state = await second.call('connection:state', {});
      expect(state.status).toBe('online');
      expect(await second.secrets.get(LOCAL_ACCOUNT)).toBe(tokenBefore);
      expect((await second.call('keys:list', {})).keys.map((k) => k.name)).toEqual([NEW_KEY.name]);
    } finally {
      await second.core.dispose();
      await second.secrets.delete(LOCAL_ACCOUNT);
    }
  });
});
