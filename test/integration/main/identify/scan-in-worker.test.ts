/**
 * Identify on a 50 MB file keeps main responsive (issue: the scan used to run on main's event loop,
 * 2–3 s and about 0.5 GB for such a file). Through main's real core and dispatcher, the real keychain
 * and the real server: while keys:identify-file scans the file in its worker thread, IPC round trips
 * (app:info, keys:list) keep coming back in under 100 ms, and the scan still finds what it should.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFY_FILE_MAX_BYTES } from '../../../../src/shared/ipc/identify.js';
import { generateSecret } from '../../../../src/shared/key-format.js';
import { realCore, requireSecretService, tempDir } from '../../../helpers/real-core.js';
import { startTestServer, type TestServer } from '../../../helpers/test-server.js';

const MEGABYTE = 1024 * 1024;

/** A log of `bytes` bytes (just under), with `secrets` at the start, the middle and the very end. */
async function writeLog(path: string, bytes: number, secrets: string[]): Promise<number> {
  const line = 'INFO 2026-11-30T10:00:00Z GET /api/records?cursor=rkr_key_ 200 12ms ua="curl/8" rkr_ ab12 {"x":"y"}\n';
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
  let written = 0;
  let lines = 0;
  const block = line.repeat(2048);
  const linesPerBlock = 2048;
  await write(`key=${secrets[0]}\n`);
  written += secrets[0]!.length + 5;
  lines += 1;
  let middleDone = false;
  while (written + block.length + 200 < bytes) {
    await write(block);
    written += block.length;
    lines += linesPerBlock;
    if (!middleDone && written > bytes / 2) {
      await write(`Authorization: Bearer ${secrets[1]}\n`);
      written += secrets[1]!.length + 23;
      lines += 1;
      middleDone = true;
    }
  }
  await write(`last ${secrets[2]}`);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return lines + 1;
}

describe('identify on a 50 MB file, through main', () => {
  let server: TestServer;
  const dir = tempDir('rakerone-identify-large-');

  beforeAll(async () => {
    requireSecretService();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it('keeps every IPC round trip during the scan under 100 ms, in bounded memory, and finds the keys', async () => {
    const path = join(dir.path, 'big.log');
    const secrets = [generateSecret('apiKey'), generateSecret('apiKey'), generateSecret('apiKey')];
    const lastLine = await writeLog(path, IDENTIFY_FILE_MAX_BYTES, secrets);
    const t = await realCore({ dataDir: dir.path, deps: { openFile: { chooseFile: async () => path } } });
    await t.call('connection:connect', { serverUrl: server.url, adminToken: server.adminToken });
    await t.call('keys:list', {});

    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let done = false;
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const started = performance.now();
    const scan = t.call('keys:identify-file', {}).finally(() => (done = true));
    // The renderer asks every 20 ms, whatever main is doing: each round trip counts from when it was
    // due, so a main blocked by the scan shows as a late answer (not as a late question).
    const PERIOD_MS = 20;
    const roundTrips: number[] = [];
    let due = performance.now();
    while (!done) {
      due += PERIOD_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const answers = await Promise.all([t.raw('app:info', {}), t.raw('keys:list', {})]);
      roundTrips.push(performance.now() - due);
      expect(answers.every((a) => a.ok)).toBe(true);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      due = Math.max(due, performance.now() - PERIOD_MS);
    }
    loopDelay.disable();
    const result = await scan;
    const scanMs = performance.now() - started;
    await t.core.dispose();

    const sorted = [...roundTrips].sort((a, b) => a - b);
    process.stdout.write(
      `identify 50 MB: scan ${scanMs.toFixed(0)} ms; ${roundTrips.length} IPC round trips during it, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; event loop blocked ${(loopDelay.max / 1e6).toFixed(0)} ms at most; RSS +${((peakRss - rssBefore) / MEGABYTE).toFixed(0)} MB at peak\n`,
    );
    expect(result?.source).toMatchObject({ kind: 'file', name: 'big.log' });
    expect(result!.source.kind === 'file' && result!.source.bytes).toBeGreaterThan(IDENTIFY_FILE_MAX_BYTES - MEGABYTE);
    expect(result?.keys.map((k) => k.match.kind)).toEqual(['not-ours', 'not-ours', 'not-ours']);
    expect(result?.keys[0]?.firstSeen).toEqual({ line: 1, column: 5 });
    expect(result?.keys[2]?.firstSeen).toEqual({ line: lastLine, column: 6 });
    // Enough round trips happened during the scan for the bound to mean something.
    expect(roundTrips.length).toBeGreaterThanOrEqual(5);
    expect(sorted.at(-1)!).toBeLessThan(100);
    // The file is read in 1 MB pieces: far from holding the 50 MB text (and its copies) at once.
    expect(peakRss - rssBefore).toBeLessThan(200 * MEGABYTE);
  });
});
