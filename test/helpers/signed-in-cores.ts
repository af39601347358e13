/**
 * The set-up of main's integration suites: a fresh real server per test (a fresh organization, so lists
 * are exactly what each test made), main's real core on a temporary data folder and the real keychain,
 * signed in to it; every core disposed and the server closed after each test, the folders removed at
 * the end. Call once at the top of a `describe`.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { realCore, requireSecretService, tempDir } from './real-core.js';
import { startTestServer, type TestServer } from './test-server.js';

export function useSignedInCores(dirPrefix: string) {
  let current: TestServer | undefined;
  const dirs: { remove(): void }[] = [];
  const cores: { dispose(): Promise<void> }[] = [];

  beforeAll(requireSecretService);
  beforeEach(async () => {
    current = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.dispose()));
    await current?.close();
  });
  afterAll(() => dirs.forEach((d) => d.remove()));

  const harness = {
    /** This test's server. */
    get server(): TestServer {
      if (!current) throw new Error('The server starts before each test: read it inside one.');
      return current;
    },
    /** A new temporary data folder, removed after the suite. */
    dir(): string {
      const dir = tempDir(dirPrefix);
      dirs.push(dir);
      return dir.path;
    },
    /** Main's real core on `dataDir`, disposed after the test. */
    async core(dataDir: string) {
      const t = await realCore({ dataDir });
      cores.push(t.core);
      return t;
    },
    /** A core on a new data folder, signed in to this test's server as its admin. */
    async signedIn() {
      const dir = harness.dir();
      const t = await harness.core(dir);
      const state = await t.call('connection:connect', { serverUrl: harness.server.url, adminToken: harness.server.adminToken });
      return { ...t, dir, state };
    },
  };
  return harness;
}
