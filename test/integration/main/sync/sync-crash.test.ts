/**
 * The crash scenario of test/helpers/crash-scenario.ts against the REAL server over HTTP and
 * REAL atomic files in a temp folder: every crash point of the session once, then 40 random double
 * crashes (≈ 170 ms a trial, mostly stopping and starting the real server, which every trial does).
 * The 250+ trial run of the same scenario is the unit test, on the fake server.
 */
import axios from 'axios';
import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../src/main/secrets/secret-store.js';
import { createAtomicFileStore } from '../../../../src/main/store/atomic-file-store.js';
import type { ApiKeyDto } from '../../../../src/shared/http/index.js';
import { startTestServer, type TestServer } from '../../../helpers/test-server.js';
import { checkCrashOutcome, runCrashScenario, type CrashWorld } from '../../../helpers/crash-scenario.js';
import { tempDir } from '../../../helpers/real-core.js';

const httpAdapter = axios.getAdapter('http');

describe('sync under crashes (real server, real files)', () => {
  let server: TestServer;
  const dirs: { remove(): void }[] = [];
  let trial = 0;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
    dirs.forEach((d) => d.remove());
  });

  function realWorld(): CrashWorld {
    const dir = tempDir('rakerone-crash-');
    dirs.push(dir);
    const files = createAtomicFileStore();
    return {
      serverUrl: server.url,
      adminToken: server.adminToken,
      userDataDir: dir.path,
      transport: httpAdapter,
      secrets: createMemorySecretStore(),
      files: () => files,
      async readDisk() {
        const out = new Map<string, string>();
        for (const entry of await readdir(dir.path, { recursive: true, withFileTypes: true })) {
          if (entry.isFile()) out.set(entry.name, await readFile(join(entry.parentPath, entry.name), 'utf8'));
        }
        return out;
      },
      setServerUp: (up) => (up ? server.start() : server.stop()),
      async serverKeys() {
        await server.start();
        const response = await fetch(`${server.url}/api/admin/api-keys?status=all&limit=1000`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
        return ((await response.json()) as { items: ApiKeyDto[] }).items;
      },
    };
  }

  it('every crash point of the session, then 40 random double crashes', async () => {
    const probe = await runCrashScenario(realWorld(), `trial-${trial++}`, [null, null]);
    expect(probe.sessionPoints).toBeGreaterThan(25);
    for (let point = 0; point < probe.sessionPoints; point++) {
      const world = realWorld();
      await checkCrashOutcome(world, await runCrashScenario(world, `trial-${trial++}`, [point, null]));
    }
    await fc.assert(
      fc.asyncProperty(fc.nat(probe.sessionPoints + 5), fc.option(fc.nat(30), { nil: null }), async (first, second) => {
        const world = realWorld();
        await checkCrashOutcome(world, await runCrashScenario(world, `trial-${trial++}`, [first, second]));
      }),
      { numRuns: 40 },
    );
    // About 70 scenarios, each a real server round trip and real file writes: ~25 s alone, and CI runs
    // integration files two at a time on two cores. No time is asserted; the limit only catches a hang.
  }, 180_000);
});
