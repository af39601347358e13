import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdentifyService } from '../../../../src/main/identify/identify-service.js';
import { streamTextFile } from '../../../../src/main/identify/read-text-file.js';
import type { ApiClient } from '../../../../src/main/http/api-client.js';
import { HttpError } from '../../../../src/main/http/map-error.js';
import type { OpenFilePort } from '../../../../src/main/ports.js';
import { AppError } from '../../../../src/shared/errors.js';
import type { ApiKeyDto } from '../../../../src/shared/http/api-keys.js';
import { IdentifyResultSchema } from '../../../../src/shared/ipc/identify.js';
import { generateSecret, hashSecret, hintOf } from '../../../../src/shared/key-format.js';
import { apiKeyDto } from '../../../helpers/api-key-dto';

function keyRow(secret: string, name: string): ApiKeyDto {
  return apiKeyDto({ name, hint: hintOf(secret), createdBy: { id: 'person-1', name: 'Ada Admin' } });
}

/** A server that knows some keys by hash and records every batch of hashes it was asked about. */
function fakeServer(known: Map<string, ApiKeyDto>) {
  const batches: string[][] = [];
  let failure: Error | null = null;
  const api = {
    async identifyKeys(secretHashes: string[]) {
      batches.push(secretHashes);
      if (failure) throw failure;
      return {
        matches: secretHashes.filter((h) => known.has(h)).map((secretHash) => ({ secretHash, apiKey: known.get(secretHash)! })),
        unknown: secretHashes.filter((h) => !known.has(h)),
      };
    },
  } as unknown as ApiClient;
  return { api, batches, failWith: (error: Error) => void (failure = error) };
}

function service(options: { known?: Map<string, ApiKeyDto>; online?: boolean; openFile?: OpenFilePort; chunkSize?: number } = {}) {
  const server = fakeServer(options.known ?? new Map());
  let online = options.online ?? true;
  const identify = createIdentifyService({
    connection: { requireSession: () => ({ profileId: 'p', api: server.api }) },
    sync: { isOnline: () => online },
    openFile: options.openFile,
    chunkSize: options.chunkSize,
  });
  return { identify, server, goOffline: () => void (online = false) };
}

const mistype = (key: string) => key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);

describe('identify service', () => {
  it('names our keys, says "not ours" for others, lists checksum rejections; only hashes reach the server', async () => {
    const ours = generateSecret('apiKey');
    const theirs = generateSecret('apiKey');
    const typo = mistype(generateSecret('apiKey'));
    const row = keyRow(ours, 'Billing export');
    const { identify, server } = service({ known: new Map([[hashSecret(ours), row]]) });
    const result = IdentifyResultSchema.parse(await identify.identifyText(`a=${ours}\nb=${theirs}\nc=${typo}\nd=${ours}`));

    expect(result.lookup).toBe('named');
    expect(result.source).toEqual({ kind: 'text', characters: expect.any(Number) });
    expect(result.keys).toEqual([
      { ref: 'found-1', hint: hintOf(ours), occurrences: 2, firstSeen: { line: 1, column: 3 }, match: { kind: 'ours', key: row } },
      { ref: 'found-2', hint: hintOf(theirs), occurrences: 1, firstSeen: { line: 2, column: 3 }, match: { kind: 'not-ours' } },
    ]);
    expect(result.rejected).toEqual([
      { ref: 'rejected-1', hint: hintOf(typo), reason: 'checksum', occurrences: 1, firstSeen: { line: 3, column: 3 }, resembles: null },
    ]);
    expect(server.batches).toEqual([[hashSecret(ours), hashSecret(theirs)]]);
    // Nothing that goes back to the renderer holds a secret or a hash.
    const out = JSON.stringify(result);
    for (const secret of [ours, theirs, typo]) expect(out).not.toContain(secret.slice(8, 30));
    expect(out).not.toContain(hashSecret(theirs));
  });

  it('a checksum rejection one character away from a found key names that key (its name, or null when unnamed), and shows no more of either', async () => {
    const ours = generateSecret('apiKey');
    const theirs = generateSecret('apiKey');
    const row = keyRow(ours, 'Billing export');
    const text = `ok ${ours}\ntypo ${mistype(ours)}\nother ${mistype(theirs)} ${theirs}\nfar ${mistype(mistype(generateSecret('apiKey')))}`;
    const { identify, goOffline } = service({ known: new Map([[hashSecret(ours), row]]) });
    const result = IdentifyResultSchema.parse(await identify.identifyText(text));
    expect(result.rejected.map((r) => [r.hint, r.resembles])).toEqual([
      [hintOf(ours), { ref: 'found-1', name: 'Billing export' }],
      [hintOf(theirs), { ref: 'found-2', name: null }],
      [expect.any(String), null],
    ]);
    const out = JSON.stringify(result);
    for (const secret of [ours, theirs, mistype(ours)]) expect(out).not.toContain(secret.slice(8, 30));
    goOffline();
    const offline = await identify.identifyText(text);
    expect(offline.rejected[0]?.resembles).toEqual({ ref: 'found-1', name: null });
  });

  it('asks in chunks no larger than the server takes', async () => {
    const secrets = Array.from({ length: 7 }, () => generateSecret('apiKey'));
    const { identify, server } = service({ chunkSize: 3 });
    const result = await identify.identifyText(secrets.join(' '));
    expect(server.batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(server.batches.flat()).toEqual(secrets.map(hashSecret));
    expect(result.keys.every((k) => k.match.kind === 'not-ours')).toBe(true);
  });

  it('offline: finds and counts the keys but names none, and asks nothing', async () => {
    const secret = generateSecret('apiKey');
    const { identify, server, goOffline } = service();
    goOffline();
    const result = await identify.identifyText(`${secret} ${mistype(generateSecret('apiKey'))}`);
    expect(result.lookup).toBe('offline');
    expect(result.keys.map((k) => k.match)).toEqual([{ kind: 'unnamed' }]);
    expect(result.rejectedCount).toBe(1);
    expect(server.batches).toEqual([]);
  });

  it('the server gone mid-scan: every key unnamed (never a half-named list read as "not ours")', async () => {
    const { identify, server } = service({ chunkSize: 1 });
    server.failWith(new HttpError('NETWORK', 'RakerOne cannot be reached.', { status: null, notSent: true }));
    const result = await identify.identifyText(`${generateSecret('apiKey')} ${generateSecret('apiKey')}`);
    expect(result.lookup).toBe('offline');
    expect(result.keys.map((k) => k.match.kind)).toEqual(['unnamed', 'unnamed']);
  });

  it('a refusal that is not about reachability is the error itself (rate limit, permission)', async () => {
    const { identify, server } = service();
    server.failWith(new HttpError('RATE_LIMITED', 'Too many identify requests; try again later', { status: 429, details: { retryAfterSeconds: 30 } }));
    await expect(identify.identifyText(generateSecret('apiKey'))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('text without keys asks the server nothing', async () => {
    const { identify, server } = service();
    expect(await identify.identifyText('nothing to see here')).toMatchObject({ lookup: 'nothing-to-ask', keys: [], rejectedCount: 0 });
    expect(server.batches).toEqual([]);
  });

  describe('files', () => {
    const dirs: string[] = [];
    afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const tempFile = (name: string, content: string | Buffer) => {
      const dir = mkdtempSync(join(tmpdir(), 'rakerone-identify-'));
      dirs.push(dir);
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const recordingDialog = (path: string | null) => {
      const asked: unknown[] = [];
      return { asked, port: { chooseFile: async (options: unknown) => (asked.push(options), path) } satisfies OpenFilePort };
    };

    it('opens the dialog in main, reads the chosen file there and shows only its name', async () => {
      const secret = generateSecret('apiKey');
      const path = tempFile('service.log', `line\n${secret}\n`);
      const dialog = recordingDialog(path);
      const { identify } = service({ openFile: dialog.port });
      const result = await identify.identifyFile();
      expect(dialog.asked).toEqual([{ title: 'Scan a file for API keys', buttonLabel: 'Scan' }]);
      expect(result?.source).toEqual({ kind: 'file', name: 'service.log', bytes: secret.length + 6 });
      expect(result?.keys.map((k) => k.firstSeen)).toEqual([{ line: 2, column: 1 }]);
      expect(JSON.stringify(result)).not.toContain(path);
    });

    it('a cancelled dialog is null, not an error', async () => {
      const { identify } = service({ openFile: recordingDialog(null).port });
      expect(await identify.identifyFile()).toBeNull();
    });

    it('without a dialog (no window) the channel says so', async () => {
      const { identify } = service();
      await expect(identify.identifyFile()).rejects.toThrow('Opening files is not available');
    });

    it('reads UTF-16 files (with their byte-order mark) as text', async () => {
      const secret = generateSecret('apiKey');
      const le = tempFile('le.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`x ${secret}`, 'utf16le')]));
      const be = tempFile('be.log', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`x ${secret}`, 'utf16le').swap16()]));
      for (const path of [le, be]) {
        // One byte per piece: every character is split between reads, and still decoded whole.
        const pieces: string[] = [];
        await streamTextFile(path, 1024, (piece) => pieces.push(piece), 1);
        expect(pieces.join('')).toBe(`x ${secret}`);
      }
    });

    it('refuses a file over the limit before reading it, and says which file could not be opened', async () => {
      const big = tempFile('huge.log', 'x'.repeat(2048));
      const pieces: string[] = [];
      await expect(streamTextFile(big, 1024, (piece) => pieces.push(piece))).rejects.toThrow(AppError);
      await expect(streamTextFile(big, 1024, (piece) => pieces.push(piece))).rejects.toThrow('“huge.log” is larger than');
      expect(pieces).toEqual([]);
      await expect(streamTextFile(join(tmpdir(), 'rakerone-no-such-file.log'), 1024, () => undefined)).rejects.toThrow("Couldn't open");
    });
  });
});
