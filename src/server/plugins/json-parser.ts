import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';

/** Deeper than any body of ours; far below what overflows the stack in JSON.stringify or a fingerprint. */
export const MAX_JSON_DEPTH = 64;

/** True if `text` nests objects or arrays deeper than `max` (a scan without recursion, strings skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Fastify's JSON parser (with its prototype-poisoning protection), except that an empty body with a
 * JSON content type is accepted as "no body": clients commonly send that for body-less POSTs such as
 * revoke, and it should not be a 400. Bodies nested deeper than MAX_JSON_DEPTH are refused with a 400
 * before parsing: free-form fields (record fields, run start data) would otherwise reach recursive
 * code and end as a 500.
 */
export function installJsonParser(app: FastifyInstance, bodyLimit: number): void {
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const message = `The body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`;
      done(new AppError('VALIDATION', message, { issues: [{ path: 'body', message }] }), undefined);
      return;
    }
    defaultParser(request, text, done);
  });
}
