/**
 * Where a request came from, in the form activity stores: the client's address normalized
 * (shared/ip-address.ts) and its user agent made safe to show. `request.ip` is already the client's
 * address as Fastify's trustProxy (proxy-addr) decides it: the socket's peer, or — only when the peer
 * is one of the proxies `serve --trust-proxy` names — the rightmost X-Forwarded-For entry that is not.
 * Issue-20-style checks that need the caller's address should use `clientAddressOf` too.
 */
import type { FastifyRequest } from 'fastify';
import { USER_AGENT_MAX_LENGTH } from '../../../shared/http/activity.js';
import { normalizeIpAddress } from '../../../shared/ip-address.js';

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The request's client address, normalized; null when there is none (a closed socket) or it is not an address. */
export function clientAddressOf(request: Pick<FastifyRequest, 'ip'>): string | null {
  const raw = request.ip as string | undefined;
  return raw === undefined ? null : normalizeIpAddress(raw);
}

/** A user agent without control characters, cut to 200 characters (not splitting a surrogate pair); null when empty. */
export function cleanUserAgent(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const cleaned = raw.replace(CONTROL_CHARACTERS, '');
  if (cleaned.length === 0) return null;
  if (cleaned.length <= USER_AGENT_MAX_LENGTH) return cleaned;
  return Array.from(cleaned).slice(0, USER_AGENT_MAX_LENGTH).join('');
}
