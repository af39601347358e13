/**
 * The format of RakerOne secrets: API keys and admin access tokens.
 *
 *   rkr_key_<32 base62 chars: ~190 bits from the CSPRNG><6 base62 chars: CRC-32 of everything before>
 *
 * - The prefix is fixed per kind, so secret scanners find leaked values and nobody confuses the two.
 * - Base62 has no punctuation, so a double-click selects the whole value in any text field.
 * - The CRC-32 checksum rejects typos and truncated pastes without a database read: any single
 *   changed character changes the CRC (CRC-32 detects every burst of ≤32 bits), and the 6-digit
 *   base62 encoding is injective on 32-bit values.
 * - Only SHA-256 of the whole value is ever stored; the hint is the prefix and the last four random
 *   characters, enough to recognise a key and far too little to guess it.
 *
 * Node-only (node:crypto, node:zlib): used by the server and the main process, never the renderer.
 */
import { hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { SECRET_KINDS, type SecretKind } from './key-shape.js';

export { SECRET_KINDS, SECRET_HASH_PATTERN, API_KEY_HINT_PATTERN, type SecretKind } from './key-shape.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const SECRET_LENGTH = SECRET_KINDS.apiKey.length + BODY_LENGTH + CHECKSUM_LENGTH;
const BASE62_BODY = /^[0-9A-Za-z]+$/;

/** Bits of entropy in the random body: 32 × log2(62) ≈ 190.5. */
export const SECRET_ENTROPY_BITS = BODY_LENGTH * Math.log2(ALPHABET.length);

/** A new secret of the given kind, from the operating system's CSPRNG. */
export function generateSecret(kind: SecretKind): string {
  const prefix = SECRET_KINDS[kind];
  const body = randomBase62(BODY_LENGTH);
  return prefix + body + checksumOf(prefix + body);
}

/** Which kind of secret `value` is, or null if it is malformed or its checksum does not match. */
export function checkSecret(value: string): SecretKind | null {
  if (typeof value !== 'string' || value.length !== SECRET_LENGTH) return null;
  const kind = kindOfPrefix(value);
  if (!kind) return null;
  const payload = value.slice(0, SECRET_LENGTH - CHECKSUM_LENGTH);
  const checksum = value.slice(SECRET_LENGTH - CHECKSUM_LENGTH);
  if (!BASE62_BODY.test(payload.slice(SECRET_KINDS[kind].length)) || !BASE62_BODY.test(checksum)) return null;
  return checksumOf(payload) === checksum ? kind : null;
}

/** SHA-256 of the whole secret, lowercase hex: the only form that is ever stored or sent. */
export function hashSecret(value: string): string {
  // One-shot hash: no Hash object per call (this runs on every authenticated request of the server).
  return hash('sha256', value, 'hex');
}

/** A non-secret hint to recognise a key in a list: `rkr_key_…Ab3x`. */
export function hintOf(value: string): string {
  const kind = kindOfPrefix(value);
  const prefix = kind ? SECRET_KINDS[kind] : '';
  const body = value.slice(0, value.length - CHECKSUM_LENGTH);
  return `${prefix}…${body.slice(-4)}`;
}

function kindOfPrefix(value: string): SecretKind | null {
  for (const kind of Object.keys(SECRET_KINDS) as SecretKind[]) {
    if (value.startsWith(SECRET_KINDS[kind])) return kind;
  }
  return null;
}

function checksumOf(payload: string): string {
  let n = crc32(payload);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** Uniform base62 by rejection sampling: bytes ≥ 248 (= 4 × 62) are dropped to avoid modulo bias. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
