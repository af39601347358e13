/**
 * The store is never torn: a child process appends to the outbox through the real state store as fast
 * as it can and is SIGKILLed at a random moment, again and again on the same folder. After every kill
 * the file parses, has the current version, and holds at least as many entries as before (a write is
 * all or nothing, and nothing acknowledged is lost).
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAtomicFileStore } from '../../../../src/main/store/atomic-file-store.js';
import { tempDir } from '../../../helpers/real-core.js';

const root = join(import.meta.dirname, '../../../..');

function runAndKill(dir: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/store-writer.ts'), dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk) => void (err += chunk));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited on its own: ${err}`))));
  });
}

describe('state store under SIGKILL', () => {
  const dir = tempDir('rakerone-kill-');
  afterAll(() => dir.remove());

  it('is never torn and never loses a completed write (12 kills at random moments)', async () => {
    let previous = 0;
    for (let trial = 0; trial < 12; trial++) {
      await runAndKill(dir.path, Math.floor(Math.random() * 150));
      const text = readFileSync(join(dir.path, 'state', 'profile.json'), 'utf8');
      const doc = JSON.parse(text) as { version: number; data: { outbox: unknown[] } };
      expect(doc.version).toBe(1);
      expect(doc.data.outbox.length).toBeGreaterThan(previous);
      previous = doc.data.outbox.length;
    }
  }, 60_000);
});

describe('the atomic file store on disk', () => {
  const dir = tempDir('rakerone-files-');
  afterAll(() => dir.remove());

  it('lists the files of a folder (not its subfolders, not a missing folder), written 0600', async () => {
    const files = createAtomicFileStore();
    expect(await files.list(join(dir.path, 'state'))).toEqual([]);
    await files.write(join(dir.path, 'state', 'a.json'), '{}');
    await files.write(join(dir.path, 'state', 'nested', 'b.json'), '{}');
    expect(await files.list(join(dir.path, 'state'))).toEqual(['a.json']);
    expect(statSync(join(dir.path, 'state', 'a.json')).mode & 0o777).toBe(0o600);
  });
});
