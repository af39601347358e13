import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../../src/main/logger.js';
import { versionedJson } from '../../../../src/main/store/versioned-json.js';
import { createMemoryFiles } from '../../../helpers/memory-files.js';

describe('versioned files', () => {
  it('moves an unreadable or future-version file aside instead of overwriting it', async () => {
    const files = createMemoryFiles(new Map([['/d/a.json', '{"version":9,"data":{}}']]));
    const doc = versionedJson({
      files,
      path: '/d/a.json',
      version: 1,
      schema: z.object({ n: z.number() }),
      empty: () => ({ n: 0 }),
      logger: silentLogger,
      now: () => 5,
    });
    expect(await doc.read()).toEqual({ n: 0 });
    expect(files.data.get('/d/a.json.unreadable-5')).toBe('{"version":9,"data":{}}');
    await doc.write({ n: 2 });
    expect(await doc.read()).toEqual({ n: 2 });
  });
});

describe('unreadable state files', () => {
  const capture = () => {
    const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
    const logger = {
      info: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: 'info', message, fields }),
      warn: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: 'warn', message, fields }),
      error: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: 'error', message, fields }),
    };
    return { lines, logger };
  };
  const CORRUPT = '{"version":1,"data":{"outbox":[{"kind":"create"';

  it('logs at error level, naming the copy kept aside', async () => {
    const { lines, logger } = capture();
    const files = createMemoryFiles(new Map([['/d/a.json', CORRUPT]]));
    const doc = versionedJson({ files, path: '/d/a.json', version: 1, schema: z.object({ n: z.number() }), empty: () => ({ n: 0 }), logger, now: () => 5 });
    expect(await doc.read()).toEqual({ n: 0 });
    expect(files.data.get('/d/a.json.unreadable-5')).toBe(CORRUPT);
    expect(lines).toMatchObject([{ level: 'error', fields: { path: '/d/a.json', aside: '/d/a.json.unreadable-5' } }]);
  });

  it('if it cannot be moved aside, a copy is written aside before anything can overwrite it', async () => {
    const { logger } = capture();
    const files = createMemoryFiles(new Map([['/d/a.json', CORRUPT]]));
    files.rename = async () => {
      throw new Error('EPERM');
    };
    const doc = versionedJson({ files, path: '/d/a.json', version: 1, schema: z.object({ n: z.number() }), empty: () => ({ n: 0 }), logger, now: () => 5 });
    expect(await doc.read()).toEqual({ n: 0 });
    await doc.write({ n: 1 });
    expect(files.data.get('/d/a.json.unreadable-5')).toBe(CORRUPT);
  });

  it('if no copy can be kept at all, it refuses to start over the file (the read fails)', async () => {
    const { lines, logger } = capture();
    const files = createMemoryFiles(new Map([['/d/a.json', CORRUPT]]));
    files.rename = async () => {
      throw new Error('EPERM');
    };
    files.write = async () => {
      throw new Error('ENOSPC');
    };
    const doc = versionedJson({ files, path: '/d/a.json', version: 1, schema: z.object({ n: z.number() }), empty: () => ({ n: 0 }), logger, now: () => 5 });
    await expect(doc.read()).rejects.toThrow();
    expect(files.data.get('/d/a.json')).toBe(CORRUPT);
    expect(lines.some((l) => l.level === 'error')).toBe(true);
  });
});
