import { describe, expect, it } from 'vitest';
import { storageErrorOf } from '../../../../src/main/store/storage-error.js';

const errno = (code: string) => Object.assign(new Error(`${code}: refused, write '/data/state/p.json.123'`), { code });

describe('storageErrorOf', () => {
  it('a full disk and a read-only folder are clear errors naming the folder in the hint, never the raw errno text', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      expect(storageErrorOf(errno(code), '/data/state/p.json')?.toDto()).toEqual({
        code: 'INTERNAL',
        message: expect.stringContaining('is full. Nothing was changed.'),
        details: { hint: 'Free some space on the disk that holds /data/state, then try again.' },
      });
    }
    for (const code of ['EROFS', 'EACCES', 'EPERM']) {
      expect(storageErrorOf(errno(code), '/data/state/p.json')?.message).toContain('read-only. Nothing was changed.');
    }
  });

  it('anything else is not the disk refusing: left to the caller', () => {
    expect(storageErrorOf(errno('EIO'), '/data/x.json')).toBeNull();
    expect(storageErrorOf(new Error('no code'), '/data/x.json')).toBeNull();
    expect(storageErrorOf(null, '/data/x.json')).toBeNull();
  });
});
