/**
 * The export writer on real files: content streamed in chunks into a temporary file beside the target,
 * renamed over it at the end; whatever fails on the way (the source, the disk, the rename), the target
 * is as it was and nothing is left beside it.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors.js';
import { writeExportFile } from '../../../../src/main/exports/write-export.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rakerone-write-export-'));
  folders.push(dir);
  return dir;
}

/** `count` chunks; throws `failure` instead of the chunk numbered `failAt`, and reports what the file held then. */
async function* chunks(count: number, options: { failAt?: number; failure?: Error; onFail?: () => void } = {}) {
  for (let i = 0; i < count; i++) {
    if (i === options.failAt) {
      options.onFail?.();
      throw options.failure ?? new Error('source failed');
    }
    yield `chunk ${i} ${'x'.repeat(64 * 1024)}\n`;
  }
}

describe('writeExportFile', () => {
  it('writes every chunk in order, from an async source or a plain list', async () => {
    const dir = folder();
    await writeExportFile(join(dir, 'a.csv'), chunks(20));
    const text = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[1]),
    ).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    await writeExportFile(join(dir, 'b.json'), ['{', '}\n']);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.json']);
  });

  it('the source failing mid-way: its error as it is, the old file untouched, no new file, nothing left beside them', async () => {
    const dir = folder();
    const existing = join(dir, 'audit.csv');
    writeFileSync(existing, 'the export of last week\n');
    const failure = new AppError('NETWORK', 'RakerOne could not be reached');
    let partial: string[] = [];
    const error = await writeExportFile(existing, chunks(50, { failAt: 30, failure, onFail: () => (partial = readdirSync(dir)) })).catch((e: unknown) => e);
    expect(error).toBe(failure);
    // While it was being written, the data went to a temporary file, never to the target.
    expect(partial.filter((name) => name !== 'audit.csv')).toEqual([expect.stringMatching(/^audit\.csv\.[0-9a-f]{12}\.partial$/)]);
    expect(readFileSync(existing, 'utf8')).toBe('the export of last week\n');
    expect(readdirSync(dir)).toEqual(['audit.csv']);

    await expect(writeExportFile(join(dir, 'new.json'), chunks(10, { failAt: 5 }))).rejects.toThrow('source failed');
    expect(readdirSync(dir)).toEqual(['audit.csv']);
  });

  it('a failure at the end (the target is a folder): one clear error, the temporary file removed', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'taken.csv'));
    const error = await writeExportFile(join(dir, 'taken.csv'), chunks(5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^Couldn't save taken\.csv: .+\. Nothing was written; choose another place and try again\.$/);
    expect(readdirSync(dir)).toEqual(['taken.csv']);
  });

  it('a folder that does not exist: the clear error, nothing written', async () => {
    const dir = folder();
    await expect(writeExportFile(join(dir, 'gone', 'x.csv'), chunks(2))).rejects.toThrow("Couldn't save x.csv: the folder does not exist.");
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a replaced file keeps its permissions', async () => {
    const dir = folder();
    const path = join(dir, 'shared.csv');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    await writeExportFile(path, ['new']);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});
