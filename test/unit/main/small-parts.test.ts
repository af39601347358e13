import { describe, expect, it } from 'vitest';
import { concealmentMarkers, osClipboardFormat } from '../../../src/main/clipboard/concealed-formats.js';
import { createRedactingLogger, redact } from '../../../src/main/logger.js';
import { createKeychainSecretStore, KEYCHAIN_SERVICE } from '../../../src/main/secrets/secret-store.js';
import { urlAllowed } from '../../../src/main/ipc/sender-policy.js';
import { rotatedNameOf } from '../../../src/main/services/keys-service.js';
import { versionedJson } from '../../../src/main/store/versioned-json.js';
import { z } from 'zod';
import { createMemoryFiles } from './fakes/memory-files.js';
import { silentLogger } from '../../../src/main/logger.js';

describe('keychain adapter', () => {
  it('uses service "RakerOne Admin" and the profile id as account', async () => {
    const calls: unknown[][] = [];
    const store = createKeychainSecretStore({
      load: async () => ({
        getPassword: async (...args) => (calls.push(['get', ...args]), 'tok'),
        setPassword: async (...args) => void calls.push(['set', ...args]),
        deletePassword: async (...args) => (calls.push(['delete', ...args]), true),
      }),
    });
    await store.set('profile-1', 'tok');
    expect(await store.get('profile-1')).toBe('tok');
    expect(await store.delete('profile-1')).toBe(true);
    expect(calls).toEqual([['set', KEYCHAIN_SERVICE, 'profile-1', 'tok'], ['get', KEYCHAIN_SERVICE, 'profile-1'], ['delete', KEYCHAIN_SERVICE, 'profile-1']]);
  });

  it('turns any keychain failure (or a missing native module) into KEYCHAIN with a platform hint', async () => {
    const locked = createKeychainSecretStore({ platform: 'darwin', load: async () => ({ getPassword: async () => { throw new Error('User interaction is not allowed.'); }, setPassword: async () => {}, deletePassword: async () => true }) });
    await expect(locked.get('p')).rejects.toMatchObject({ code: 'KEYCHAIN', details: { hint: expect.stringMatching(/Keychain Access/) } });
    const missing = createKeychainSecretStore({ platform: 'linux', load: async () => { throw new Error('libsecret-1.so.0: cannot open shared object file'); } });
    await expect(missing.set('p', 'x')).rejects.toMatchObject({ code: 'KEYCHAIN', details: { hint: expect.stringMatching(/Secret Service/) } });
  });
});

describe('logger', () => {
  it('masks secrets wherever they appear and drops credential fields', () => {
    const lines: string[] = [];
    const logger = createRedactingLogger((_level, line) => void lines.push(line));
    logger.warn('failed with rkr_adm_0123456789abcdefghijABCDEFGHIJ012345', { headers: { Authorization: 'Bearer abc' }, adminToken: 'x', nested: [{ note: 'rkr_key_0123456789abcdefghijABCDEF' }] });
    expect(lines[0]).not.toMatch(/rkr_adm_0|rkr_key_0|Bearer abc|"x"/);
    expect(redact(new Error('Bearer zzz'))).toEqual({ name: 'Error', message: '[redacted]' });
  });
});

describe('versioned files', () => {
  it('moves an unreadable or future-version file aside instead of overwriting it', async () => {
    const files = createMemoryFiles(new Map([['/d/a.json', '{"version":9,"data":{}}']]));
    const doc = versionedJson({ files, path: '/d/a.json', version: 1, schema: z.object({ n: z.number() }), empty: () => ({ n: 0 }), logger: silentLogger, now: () => 5 });
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

describe('small rules', () => {
  it('rotated names: suffix once, within 100 characters', () => {
    expect(rotatedNameOf('Importer')).toBe('Importer (rotated)');
    expect(rotatedNameOf('x'.repeat(100))).toHaveLength(100);
  });
  it('concealment markers per platform', () => {
    expect(Object.keys(concealmentMarkers('darwin'))).toEqual(['org.nspasteboard.ConcealedType']);
    expect(concealmentMarkers('win32').CanIncludeInClipboardHistory).toEqual(new Uint8Array(4));
    expect(new TextDecoder().decode(concealmentMarkers('linux')['x-kde-passwordManagerHint'])).toBe('secret');
    expect(osClipboardFormat('A')).toBe('electron application/osclipboard;format="A"');
  });
  it('sender URLs: exact file path, or exact origin', () => {
    const allowed = ['file:///app/out/renderer/index.html', 'http://127.0.0.1:5173'];
    expect(urlAllowed('file:///app/out/renderer/index.html#/keys', allowed)).toBe(true);
    expect(urlAllowed('file:///app/out/renderer/other.html', allowed)).toBe(false);
    expect(urlAllowed('http://127.0.0.1:5173/x', allowed)).toBe(true);
    expect(urlAllowed('http://127.0.0.1:5174/', allowed)).toBe(false);
    expect(urlAllowed('not a url', allowed)).toBe(false);
  });
});
