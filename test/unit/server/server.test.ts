/**
 * `serve`'s log destination (openLogDestination in server.ts), in real child processes with stderr
 * as a real file and as a real pipe: a file is written synchronously once a batch is full, a pipe
 * asynchronously, and in both cases what is still buffered reaches stderr when the process crashes;
 * a reader that stalls costs dropped lines beyond the limit, counted and reported once it reads again.
 * (A stderr that refuses every write — a full disk — is log-disk-full.test.ts, through `serve`.)
 */
import { spawn, spawnSync } from 'node:child_process';
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

describe('openLogDestination when stderr stops taking lines', () => {
  it('keeps up to its limit while the reader stalls, drops and counts the rest, and says so once lines flow again', async () => {
    // The child logs 600 lines of ~250 bytes into a pipe nobody reads yet (the kernel takes 64 KiB),
    // with 32 KiB allowed pending, and says so on stdout; then the parent starts reading and asks,
    // on stdin, for one more line.
    const script = `
      import { pino } from 'pino';
      import { openLogDestination } from ${JSON.stringify(server)};
      const log = pino({ level: 'info' }, openLogDestination(2, { maxPendingBytes: 32 * 1024 }));
      for (let i = 0; i < 600; i++) log.info({ i, pad: 'x'.repeat(180) }, 'stalled');
      process.stdout.write('written\\n');
      process.stdin.once('data', () => { log.info('after the stall'); setTimeout(() => process.exit(0), 500); });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const closed = new Promise((resolve) => child.stderr.once('close', resolve));
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('written')) resolve();
      });
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdin.write('go\n');
    expect(await exited).toBe(0);
    await closed;
    const lines = err
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; i?: number; droppedLines?: number; error?: string | null; level: number });
    const stalled = lines.filter((line) => line.msg === 'stalled');
    const report = lines.filter((line) => line.msg === 'log writes failed; logging again');
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ level: 40, error: null });
    expect(report[0]!.droppedLines).toBeGreaterThan(0);
    // Every line is either written whole or counted as dropped; the first ones were kept, in order.
    expect(stalled.length + report[0]!.droppedLines!).toBe(600);
    expect(stalled.map((line) => line.i)).toEqual([...stalled.map((line) => line.i)].sort((a, b) => a! - b!));
    expect(stalled[0]!.i).toBe(0);
    expect(lines.at(-1)!.msg).toBe('after the stall');
  }, 20_000);
});
