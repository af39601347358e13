/**
 * The launcher's failure paths, with real child processes standing in for the server's CLI: a `serve`
 * that never prints its listening line, and a `people add` that never exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalServerLauncher } from '../../../../src/main/connection/local-server-launcher.js';

const HANG = 'setInterval(() => {}, 1000)';
const LISTEN = "console.log('RakerOne API server listening on http://127.0.0.1:4321'); setInterval(() => {}, 1000)";
const silent = { info() {}, warn() {}, error() {} };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A spawn that runs each given script in turn (plain Node), whatever the launcher asked for. */
function scripted(...scripts: string[]): typeof spawn {
  return ((_command: string, _args: string[], options: object) => {
    const script = scripts.shift() ?? HANG;
    const child = spawn(process.execPath, ['-e', script], options);
    children.push(child);
    return child;
  }) as unknown as typeof spawn;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

describe('local server launcher timeouts', () => {
  it('a serve that does not start in time is killed, and the next start spawns a fresh one', async () => {
    const launcher = createLocalServerLauncher({
      repoRoot: process.cwd(),
      dataDir: '/nonexistent',
      logger: silent,
      startTimeoutMs: 3_000,
      spawnFn: scripted(HANG, LISTEN),
    });
    await expect(launcher.start({ createAdmin: false })).rejects.toMatchObject({ message: 'The local server did not start in time.' });
    await expect.poll(() => exited(children[0]!)).toBe(true);
    await expect(launcher.start({ createAdmin: false })).resolves.toEqual({ url: 'http://127.0.0.1:4321', adminToken: null });
    await launcher.stop();
  });

  it('a people add that hangs is killed and fails with a clear error instead of freezing boot', async () => {
    const launcher = createLocalServerLauncher({
      repoRoot: process.cwd(),
      dataDir: '/nonexistent',
      logger: silent,
      addAdminTimeoutMs: 300,
      spawnFn: scripted(HANG),
    });
    await expect(launcher.start({ createAdmin: true })).rejects.toMatchObject({ message: 'The local server did not issue an admin token in time.' });
    await expect.poll(() => exited(children[0]!)).toBe(true);
  });
});
