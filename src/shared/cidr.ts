/**
 * Allowed addresses: CIDR blocks in one canonical form, and whether an address falls in a list.
 *
 * Chosen rules (the same in the create dialog, in main and on the server):
 * - a bare address is a single-host block (`203.0.113.7` → `203.0.113.7/32`, `2001:db8::1` → `/128`);
 * - a block with host bits set (`203.0.113.7/24`) is refused, never silently widened or narrowed: the
 *   message names the network the person probably meant, so a typo cannot open a key to 256 addresses;
 * - an IPv4-mapped IPv6 block (`::ffff:203.0.113.0/120`) is written as the IPv4 block it covers, so the
 *   list matches a dual-stack socket's peer, which `normalizeIpAddress` reports as IPv4;
 * - IPv4 in four decimal parts only, IPv6 in RFC 5952's compact lower-case form.
 */
import ipaddr from 'ipaddr.js';
import { normalizeIpAddress } from './ip-address.js';

/** A key's allowed list holds 1–50 blocks. */
export const ALLOWED_ADDRESSES_MAX = 50;

export type CidrParse = { ok: true; block: string } | { ok: false; message: string };

function parseAddress(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const normalized = normalizeIpAddress(raw);
  return normalized === null ? null : ipaddr.parse(normalized);
}

/** One block in canonical form, or the reason it is not one (a sentence for a field message). */
export function parseCidr(input: string): CidrParse {
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, message: 'Enter an address or a CIDR block' };
  if (raw.length > 64) return { ok: false, message: `${raw.slice(0, 20)}… is not an IP address or CIDR block` };
  const slash = raw.indexOf('/');
  const addressPart = slash === -1 ? raw : raw.slice(0, slash);
  const prefixPart = slash === -1 ? null : raw.slice(slash + 1);
  const address = parseAddress(addressPart);
  if (address === null) return { ok: false, message: `${raw} is not an IP address or CIDR block` };
  const wasMapped = address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(addressPart);
  const max = address.kind() === 'ipv4' ? 32 : 128;
  let prefix = max;
  if (prefixPart !== null) {
    if (!/^\d{1,3}$/.test(prefixPart)) return { ok: false, message: `${raw}: the prefix length after / must be a number` };
    prefix = Number(prefixPart);
    // `::ffff:a.b.c.d/n` was read as IPv4 by normalizeIpAddress: its prefix counts 96 bits more.
    if (wasMapped) {
      if (prefix < 96 || prefix > 128) return { ok: false, message: `${raw}: an IPv4-mapped block needs a prefix length from 96 to 128` };
      prefix -= 96;
    }
    if (prefix > max) return { ok: false, message: `${raw}: the prefix length must be at most ${max}` };
  }
  const network = networkOf(address, prefix);
  if (network.toString() !== address.toString()) {
    return { ok: false, message: `${raw} has host bits set; did you mean ${network.toString()}/${prefix}?` };
  }
  return { ok: true, block: `${network.toString()}/${prefix}` };
}

function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = address.toByteArray();
  for (let bit = prefix; bit < bytes.length * 8; bit++) bytes[bit >> 3]! &= ~(0x80 >> (bit & 7));
  return ipaddr.fromByteArray(bytes);
}

/**
 * Whether `address` (any form a socket or proxy reports) lies in one of the canonical `blocks`.
 * An address that does not parse is in no block.
 */
export function addressAllowed(address: string, blocks: readonly string[]): boolean {
  const parsed = parseAddress(address);
  if (parsed === null) return false;
  for (const block of blocks) {
    const [network, prefix] = ipaddr.parseCIDR(block);
    if (network.kind() === parsed.kind() && parsed.match([network, prefix] as never)) return true;
  }
  return false;
}
