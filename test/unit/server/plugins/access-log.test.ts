/**
 * The access line is written by hand for speed; it must be exactly the line pino wrote for the
 * same fields (what log shippers and `workers.test.ts` parse), escaping included.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { type AccessLineFields, accessLine } from '../../../../src/server/plugins/access-log.js';

function pinoLine(timeMs: number, fields: AccessLineFields): string {
  let out = '';
  pino({ level: 'info', timestamp: () => `,"time":${timeMs}` }, { write: (line: string) => void (out += line) }).info(fields, 'request');
  return out;
}

describe('accessLine', () => {
  const cases: [string, AccessLineFields][] = [
    ['an API key', { reqId: '0b5e6f2e-6d3b-4a53-a0a3-1c2d3e4f5a6b', method: 'GET', route: '/api/me', status: 200, ms: 0.42, apiKeyId: '01JKEY' }],
    ['a key acting as a person', { reqId: 'trace-1', method: 'GET', route: '/api/me', status: 200, ms: 1, apiKeyId: '01JKEY', personId: '01JPERSON' }],
    ['a person', { reqId: 'r', method: 'POST', route: '/api/admin/api-keys/:id/revoke', status: 409, ms: 12.5, personId: '01JPERSON' }],
    ['no route and no caller', { reqId: 'r.2:x', method: 'DELETE', route: null, status: 404, ms: 0, apiKeyId: undefined, personId: undefined }],
    ['strings that need escaping', { reqId: 'a"b\\c', method: 'GET', route: '/api/"odd"\u2028/\u0001', status: 500, ms: 3.14 }],
  ];
  for (const [name, fields] of cases) {
    it(`writes pino's line for ${name}`, () => {
      const line = accessLine(1_796_000_000_123, fields);
      expect(line).toBe(pinoLine(1_796_000_000_123, fields));
      expect(JSON.parse(line)).toMatchObject({ level: 30, time: 1_796_000_000_123, pid: process.pid, msg: 'request', route: fields.route });
    });
  }
});
