/**
 * Crash injection at every await point of the store and the sync (see test/helpers/crash-scenario.ts), on the
 * fake server and an in-memory disk: every point of the session once, then 220 random double crashes
 * (during the session and again during recovery). The same scenario runs against the real server and
 * real files in test/integration/main/sync-crash.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../src/main/secrets/secret-store.js';
import { checkCrashOutcome, runCrashScenario, type CrashWorld } from '../../../helpers/crash-scenario.js';
import { createFakeServer } from '../../../helpers/fake-server.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';

function fakeWorld(): CrashWorld {
  const server = createFakeServer();
  const disk = createMemoryFiles();
  return {
    serverUrl: 'https://rakerone.test',
    adminToken: server.adminToken,
    userDataDir: '/data',
    transport: server.adapter,
    secrets: createMemorySecretStore(),
    files: () => disk,
    readDisk: async () => new Map(disk.data),
    setServerUp: async (up) => void (server.down = !up),
    serverKeys: async () => server.keys,
  };
}

describe('sync under crashes (fake server)', () => {
  it('every crash point of the session, once: nothing lost, nothing applied twice, nothing torn', async () => {
    const probe = await runCrashScenario(fakeWorld(), 'dry', [null, null]);
    // 6 queued writes + 4 sent entries × (2 request points + 2 write points) + the refresh.
    expect(probe.sessionPoints).toBeGreaterThan(25);
    for (let point = 0; point < probe.sessionPoints; point++) {
      const world = fakeWorld();
      await checkCrashOutcome(world, await runCrashScenario(world, `p${point}`, [point, null]));
    }
  }, 30_000);

  it('220 random double crashes (during the session and again during recovery)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(45), fc.option(fc.nat(30), { nil: null }), async (first, second) => {
        const world = fakeWorld();
        await checkCrashOutcome(world, await runCrashScenario(world, 't', [first, second]));
      }),
      { numRuns: 220 },
    );
    // ≈1 s alone; generous because the two cores are shared with other suites.
  }, 30_000);
});
