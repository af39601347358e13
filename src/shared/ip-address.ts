/**
 * Client addresses in one form everywhere (activity sources, the `usedFrom` filter): IPv4 in
 * dotted-quad, IPv6 in RFC 5952's compact lower-case form, and an IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`, what a dual-stack socket reports for an IPv4 peer) as the IPv4 address it
 * carries — so one client reads as one address whichever way it arrived.
 */
import ipaddr from 'ipaddr.js';

/**
 * The normalized address, or null when `raw` is not one. Strict: IPv4 only as four decimal parts
 * (ipaddr.js also reads `1.2.3` or `0x7f.1` as IPv4, which no socket or proxy reports).
 */
export function normalizeIpAddress(raw: string): string | null {
  if (raw.length === 0 || raw.length > 64) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(raw)) return ipaddr.IPv4.parse(raw).toString();
  if (!ipaddr.IPv6.isValid(raw)) return null;
  return ipaddr.process(raw).toString();
}
