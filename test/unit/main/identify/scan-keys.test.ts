import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors.js';
import { generateSecret, hintOf } from '../../../../src/shared/key-format.js';
import { runScanJob } from '../../../../src/main/identify/scan-job.js';
import { createKeyScanner, scanForKeys, type ScanOutcome } from '../../../../src/main/identify/scan-keys.js';

const OPTIONS = { maxKeys: 100, maxRejectedListed: 50 };
/** The scan's outcome without the rejected runs themselves (those never leave the scan worker: see below). */
const withoutRuns = (outcome: ScanOutcome) => ({ ...outcome, rejected: outcome.rejected.map(({ run: _run, ...candidate }) => candidate) });
const scan = (text: string, options = OPTIONS) => withoutRuns(scanForKeys(text, options));

/** The same key with one character of its random part changed: the checksum no longer matches. */
function mistype(key: string): string {
  const at = 20;
  return key.slice(0, at) + (key[at] === 'a' ? 'b' : 'a') + key.slice(at + 1);
}

describe('scanForKeys', () => {
  it('finds a key by its format and checksum, with its hint and where it first appears', () => {
    const key = generateSecret('apiKey');
    const result = scan(`first line\n  Authorization: Bearer ${key}\n`);
    expect(result.keys).toEqual([{ secret: key, hint: hintOf(key), occurrences: 1, firstSeen: { line: 2, column: 25 } }]);
    expect(result).toMatchObject({ rejected: [], rejectedCount: 0, adminTokens: 0 });
  });

  it('finds keys glued to quotes, JSON, punctuation, URLs, assignments and the end of the text', () => {
    const keys = Array.from({ length: 9 }, () => generateSecret('apiKey'));
    const text = [
      `{"apiKey":"${keys[0]}","other":1}`,
      `RAKERONE_KEY=${keys[1]};export`,
      `'${keys[2]}',(${keys[3]})`,
      `https://hooks.example.test/run?key=${keys[4]}&x=1`,
      `<${keys[5]}>`,
      `token:${keys[6]}.`,
      `xx${keys[7]}`, // glued to letters before: the prefix still starts it
      keys[8],
    ].join('\n');
    expect(scan(text).keys.map((k) => k.secret)).toEqual(keys);
  });

  it('a key glued to more letters after it is still found when its own characters check out', () => {
    const key = generateSecret('apiKey');
    const result = scan(`blob${key}ENDOFBLOB`);
    expect(result.keys.map((k) => k.secret)).toEqual([key]);
    expect(result.rejectedCount).toBe(0);
  });

  it('dedupes: a key seen many times is one key with its count and its first position', () => {
    const key = generateSecret('apiKey');
    const other = generateSecret('apiKey');
    const result = scan(`a ${key}\n${other}\n${key} ${key}`);
    expect(result.keys.map((k) => [k.secret, k.occurrences, k.firstSeen])).toEqual([
      [key, 3, { line: 1, column: 3 }],
      [other, 1, { line: 2, column: 1 }],
    ]);
  });

  it('rejects a mistyped key by its checksum, and a cut or lengthened one by its length, with hints only', () => {
    const typo = mistype(generateSecret('apiKey'));
    const cut = generateSecret('apiKey').slice(0, 30);
    const long = `${mistype(generateSecret('apiKey'))}X`;
    const result = scan(`one ${typo}\ntwo ${cut}\nthree ${long}\nagain ${typo}`);
    expect(result.keys).toEqual([]);
    expect(result.rejectedCount).toBe(3);
    expect(result.rejected).toEqual([
      { hint: hintOf(typo), reason: 'checksum', occurrences: 2, firstSeen: { line: 1, column: 5 } },
      { hint: `rkr_key_…${cut.slice(-4)}`, reason: 'length', occurrences: 1, firstSeen: { line: 2, column: 5 } },
      { hint: `rkr_key_…${long.slice(-4)}`, reason: 'length', occurrences: 1, firstSeen: { line: 3, column: 7 } },
    ]);
  });

  it('the scan job (what the worker sends back) holds no rejected candidate and no key in full: hints and hashes only', async () => {
    const key = generateSecret('apiKey');
    const typo = mistype(key);
    const result = await runScanJob({ source: { kind: 'text', text: `x ${typo} y ${key}` }, ...OPTIONS });
    const out = JSON.stringify(result);
    for (const secret of [key, typo]) expect(out).not.toContain(secret.slice('rkr_key_'.length, 30));
    expect(result.rejected[0]!.hint).toMatch(/^rkr_key_…[0-9A-Za-z]{4}$/);
    expect(result.rejected[0]!.resemblesKey).toBe(0);
  });

  it('finds the same in a text pushed in pieces of any size as in the whole text (keys, typos, tokens cut across pieces)', () => {
    const keys = Array.from({ length: 3 }, () => generateSecret('apiKey'));
    const text = [
      `start ${keys[0]} rkr_ke`,
      `y_ ${mistype(keys[1]!)},${keys[1]}\r`,
      `${generateSecret('adminToken')} ${keys[0]}${keys[2]!.slice(0, 30)}`,
      `"${keys[2]}"\t${keys[2]!.slice(0, 40)} end rkr_key_`,
    ].join('\n');
    const whole = scanForKeys(text, OPTIONS);
    expect(whole.keys.length).toBe(3);
    for (const size of [1, 2, 7, 8, 9, 45, 46, 47, 100, 1000]) {
      const scanner = createKeyScanner(OPTIONS);
      for (let at = 0; at < text.length; at += size) scanner.push(text.slice(at, at + size));
      expect(scanner.end(), `pieces of ${size}`).toEqual(whole);
    }
  });

  it('judges a run of key characters longer than any key once, at a bounded length, whatever the pieces', () => {
    const run = `rkr_key_${'a'.repeat(200_000)}`;
    const text = `before\n${run} after ${generateSecret('apiKey')}`;
    const whole = scanForKeys(text, OPTIONS);
    expect(whole.rejectedCount).toBe(1);
    expect(whole.rejected[0]!.run.length).toBeLessThanOrEqual(64 * 1024);
    const scanner = createKeyScanner(OPTIONS);
    for (let at = 0; at < text.length; at += 4096) scanner.push(text.slice(at, at + 4096));
    expect(withoutRuns(scanner.end())).toEqual(withoutRuns(whole));
  });

  it('ignores placeholders and hints that only start like a key', () => {
    const result = scan('set rkr_key_XXXX here; the table shows rkr_key_…Ab3x; docs: rkr_key_your_key_here');
    expect(result).toEqual({ keys: [], rejected: [], rejectedCount: 0, adminTokens: 0 });
  });

  it('counts admin access tokens apart (they are not API keys and are never looked up as such)', () => {
    const token = generateSecret('adminToken');
    const result = scan(`${token} ${token} ${mistype(generateSecret('adminToken'))}`);
    expect(result).toEqual({ keys: [], rejected: [], rejectedCount: 0, adminTokens: 1 });
  });

  it('lists at most maxRejectedListed rejected candidates but counts them all', () => {
    const typos = Array.from({ length: 5 }, () => mistype(generateSecret('apiKey')));
    const result = scan(typos.join(' '), { maxKeys: 10, maxRejectedListed: 2 });
    expect(result.rejected).toHaveLength(2);
    expect(result.rejectedCount).toBe(5);
  });

  it('refuses more different keys than it may name, with a clear error', () => {
    const text = Array.from({ length: 4 }, () => generateSecret('apiKey')).join('\n');
    expect(() => scan(text, { maxKeys: 3, maxRejectedListed: 10 })).toThrow(AppError);
    expect(() => scan(text, { maxKeys: 3, maxRejectedListed: 10 })).toThrow('more than 3 different API keys');
  });

  it('scans a 5 MB log, the key at its very end included, with the right line', () => {
    const key = generateSecret('apiKey');
    const line = 'INFO 2026-11-30T10:00:00Z GET /api/records 200 rkr_key_ rkr_ ab12 {"x":"y"}\n';
    const filler = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const result = scan(`${filler}${key}\n`);
    expect(result.keys.map((k) => [k.secret, k.firstSeen.line])).toEqual([[key, filler.split('\n').length]]);
  });
});
