import { describe, expect, it } from 'vitest';
import { createRedactingLogger, redact } from '../../../src/main/logger.js';

describe('logger', () => {
  it('masks secrets wherever they appear and drops credential fields', () => {
    const lines: string[] = [];
    const logger = createRedactingLogger((_level, line) => void lines.push(line));
    logger.warn('failed with rkr_adm_0123456789abcdefghijABCDEFGHIJ012345', {
      headers: { Authorization: 'Bearer abc' },
      adminToken: 'x',
      nested: [{ note: 'rkr_key_0123456789abcdefghijABCDEF' }],
    });
    expect(lines[0]).not.toMatch(/rkr_adm_0|rkr_key_0|Bearer abc|"x"/);
    expect(redact(new Error('Bearer zzz'))).toEqual({ name: 'Error', message: '[redacted]' });
  });
});
