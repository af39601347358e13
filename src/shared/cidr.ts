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

/** Only these characters make an IPv4 or IPv6 address (no zone index: `fe80::1%eth0` names no block). */
const ADDRESS_CHARACTERS = /^[0-9a-fA-F:.]+$/;

/**
 * An address as a block's network: IPv6 text read by the WHATWG URL parser first, because ipaddr.js
 * reads every IPv6 address with a dotted tail as IPv4-mapped — `::1.2.3.4` (IPv4-compatible,
 * `::102:304`) would otherwise become the IPv4 address `1.2.3.4`.
 */
function parseAddress(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ADDRESS_CHARACTERS.test(raw)) return null;
  let text = raw;
  if (raw.includes(':')) {
    try {
      text = new URL(`http://[${raw}]/`).hostname.slice(1, -1);
    } catch {
      return null;
    }
  }
  const normalized = normalizeIpAddress(text);
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
 * A matcher for canonical `blocks`, parsed once: whether an address (normalized as
 * `normalizeIpAddress` does, so an IPv4-mapped peer reads as IPv4) lies in one of them. An address
 * that does not parse is in no block; a stored block that does not parse (never written by the
 * server) matches nothing.
 */
export function blocksMatcher(blocks: readonly string[]): (address: string) => boolean {
  const compiled: { bytes: number[]; prefix: number }[] = [];
  for (const block of blocks) {
    const parsed = parseCidr(block);
    if (!parsed.ok) continue;
    const [network, prefix] = ipaddr.parseCIDR(parsed.block);
    compiled.push({ bytes: network.toByteArray(), prefix });
  }
  return (address) => {
    const normalized = normalizeIpAddress(address);
    if (normalized === null) return false;
    const bytes = ipaddr.parse(normalized).toByteArray();
    return compiled.some((block) => block.bytes.length === bytes.length && inNetwork(bytes, block.bytes, block.prefix));
  };
}

function inNetwork(address: readonly number[], network: readonly number[], prefix: number): boolean {
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== network[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff00 >> rest) & 0xff;
  return (address[whole]! & mask) === network[whole];
}

/** Whether `address` (any form a socket or proxy reports) lies in one of the canonical `blocks`. */
export function addressAllowed(address: string, blocks: readonly string[]): boolean {
  return blocksMatcher(blocks)(address);
}
