/**
 * `serve`'s log destination (openLogDestination in server.ts), in real child processes with stderr
 * as a real file and as a real pipe: a file is written synchronously once a batch is full, a pipe
 * asynchronously, and in both cases what is still buffered reaches stderr when the process crashes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const server = fileURLToPath(new URL('../../../src/server/server.ts', import.meta.url));

/**
 * A child that opens the destination, logs `big` lines of ~100 characters (3 KiB is a full batch)
 * and one small line, prints to stdout whether stderr already held any bytes right after the big
 * lines (a synchronous write) and which mode the destination took, then crashes in the same turn.
 */
function childScript(bigLines: number): string {
  return `
    import { fstatSync } from 'node:fs';
    import { pino } from 'pino';
    import { openLogDestination } from ${JSON.stringify(server)};
    const destination = openLogDestination();
    const log = pino({ level: 'info' }, destination);
    for (let i = 0; i < ${bigLines}; i++) log.info({ i, pad: 'x'.repeat(60) }, 'big');
    const stat = fstatSync(2);
    process.stdout.write(JSON.stringify({ file: stat.isFile(), sync: destination.sync, bytesAfterBigLines: stat.isFile() ? stat.size : null }));
    log.info('last line before the crash');
    throw new Error('crash in the same turn');
  `;
}

function run(bigLines: number, stderr: 'pipe' | number) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childScript(bigLines)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', stderr],
  });
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('openLogDestination', () => {
  it('writes a regular file synchronously once a batch is full, and flushes the rest when the process crashes', () => {
    dir = mkdtempSync(join(tmpdir(), 'rakerone-log-'));
    const file = join(dir, 'serve.log');
    const fd = openSync(file, 'a');
    const child = run(40, fd);
    closeSync(fd);
    expect(child.status).not.toBe(0);
    const report = JSON.parse(child.stdout) as { file: boolean; sync: boolean; bytesAfterBigLines: number };
    expect(report).toMatchObject({ file: true, sync: true });
    // 40 lines of ~130 bytes: at least one 3 KiB batch was written before the next statement.
    expect(report.bytesAfterBigLines).toBeGreaterThan(3000);
    const written = readFileSync(file, 'utf8');
    expect(written.match(/"msg":"big"/g)).toHaveLength(40);
    expect(written).toContain('last line before the crash');
    expect(written).toContain('crash in the same turn');
  });

  it('writes a file below one batch only when the process ends, crash included', () => {
    dir = mkdtempSync(join(tmpdir(), 'rakerone-log-'));
    const file = join(dir, 'serve.log');
    const fd = openSync(file, 'a');
    const child = run(2, fd);
    closeSync(fd);
    const report = JSON.parse(child.stdout) as { bytesAfterBigLines: number };
    expect(report.bytesAfterBigLines).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written.match(/"msg":"big"/g)).toHaveLength(2);
    expect(written).toContain('last line before the crash');
  });

  it('writes a pipe asynchronously, and still flushes everything buffered when the process crashes', () => {
    const child = run(40, 'pipe');
    expect(child.status).not.toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ file: false, sync: false, bytesAfterBigLines: null });
    expect(child.stderr.match(/"msg":"big"/g)).toHaveLength(40);
    expect(child.stderr).toContain('last line before the crash');
  });
});
