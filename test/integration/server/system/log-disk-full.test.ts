/**
 * A full disk under the log: `serve` with stderr on /dev/full (a real device whose every write fails
 * with ENOSPC) starts, answers every request under load with the access log on, and stops on
 * SIGTERM. Before, the first failed write crashed the process into a graceful shutdown that never
 * ended (sonic-boom 4's flushSync retried ENOSPC forever): it printed its listening line, then
 * answered nothing and ignored SIGTERM.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'rakerone-log-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync('/dev/full'))('serve with a full disk under its log', () => {
  it('keeps answering and stops on SIGTERM', async () => {
    const full = openSync('/dev/full', 'w');
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve', '--port', '0', '--data', dir], {
      env,
      stdio: ['ignore', 'pipe', full],
    });
    closeSync(full);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      void exited.then(({ code }) => reject(new Error(`serve exited with ${code} before listening: ${out}`)));
    });

    // 20 rounds of 25 concurrent requests: hundreds of access lines, each hand-over refused.
    const statuses: number[] = [];
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all(Array.from({ length: 25 }, () => fetch(`${url}/api/health`)));
      for (const answer of answers) {
        statuses.push(answer.status);
        await answer.arrayBuffer();
      }
    }
    expect(statuses).toHaveLength(500);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(child.exitCode).toBeNull();

    child.kill('SIGTERM');
    // Graceful shutdown flushes the log; with stderr refusing it, it gives up on the lines, not the exit.
    const outcome = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
    if (outcome === 'still running') child.kill('SIGKILL');
    expect(outcome).not.toBe('still running');
  }, 60_000);
});
