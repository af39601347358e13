import { describe, expect, it } from 'vitest';
import { nearMisses } from '../../../../src/main/identify/near-miss.js';
import { scanForKeys } from '../../../../src/main/identify/scan-keys.js';
import { generateSecret } from '../../../../src/shared/key-format.js';

/** The key with the character at `at` replaced by another base62 character. */
const changeAt = (key: string, at: number) => key.slice(0, at) + (key[at] === 'a' ? 'b' : 'a') + key.slice(at + 1);

describe('nearMisses', () => {
  it('links a checksum rejection to the found key it differs from by exactly one character, anywhere in the key', () => {
    const keys = [generateSecret('apiKey'), generateSecret('apiKey')];
    for (const at of [8, 20, 39, 40, 45]) {
      const scan = scanForKeys(`${keys[0]} ${keys[1]} ${changeAt(keys[1]!, at)}`, { maxKeys: 10, maxRejectedListed: 10 });
      expect(
        scan.rejected.map((r) => r.reason),
        `changed at ${at}`,
      ).toEqual(['checksum']);
      expect(nearMisses(scan.rejected, scan.keys), `changed at ${at}`).toEqual([1]);
    }
  });

  it('links nothing two characters away, to another key, or for a length rejection', () => {
    const key = generateSecret('apiKey');
    const scan = scanForKeys(`${key} ${changeAt(changeAt(key, 20), 30)} ${changeAt(generateSecret('apiKey'), 20)} ${key.slice(0, 40)}`, {
      maxKeys: 10,
      maxRejectedListed: 10,
    });
    expect(scan.rejected.map((r) => r.reason)).toEqual(['checksum', 'checksum', 'length']);
    expect(nearMisses(scan.rejected, scan.keys)).toEqual([null, null, null]);
  });
});
