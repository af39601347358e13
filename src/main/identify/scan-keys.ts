/**
 * Finds RakerOne API keys in any text — a log, a config file, a chat message — by their format:
 * `rkr_key_` and a run of base62 characters. A run of exactly the key's length whose checksum matches
 * is a key; one whose checksum does not is a mistyped (or altered) key; a shorter or longer run is a
 * cut or damaged one. A key glued to more letters after it (`…xyzEND` in a minified blob) is still
 * found when its first 46 characters check out: a random run passes the CRC-32 once in 4 billion.
 * Anything that is not base62 ends a run, so keys inside quotes, JSON, URLs, `KEY=…` or next to
 * punctuation are found as they are.
 *
 * Pure and linear: one pass of one regex without backtracking, newlines counted along the way. The
 * secrets it returns never leave main (the service hashes them); rejected candidates are described
 * by a hint and their position only.
 */
import { AppError } from '../../shared/errors.js';
import { checkSecret, hintOf, SECRET_KINDS } from '../../shared/key-format.js';
import type { RejectedCandidate, TextPosition } from '../../shared/ipc/identify.js';

/** `rkr_key_` + 32 random + 6 checksum characters (key-format.ts). */
const KEY_LENGTH = 46;
/** Runs with fewer characters after the prefix are placeholders (`rkr_key_XXXX`) or hints (`rkr_key_…Ab3x`), not keys. */
const MIN_DAMAGED_BODY = 16;
const CANDIDATE = /rkr_(key|adm)_[0-9A-Za-z]*/g;

export interface ScannedKey {
  /** The whole key: main-only, hashed by the caller and then dropped. */
  secret: string;
  hint: string;
  occurrences: number;
  firstSeen: TextPosition;
}

export interface ScanOutcome {
  /** Distinct valid keys, in order of first appearance. */
  keys: ScannedKey[];
  /** Distinct rejected candidates, in order of first appearance, at most `maxRejectedListed`. */
  rejected: Omit<RejectedCandidate, 'ref'>[];
  rejectedCount: number;
  /** Distinct admin access tokens with a valid checksum. */
  adminTokens: number;
}

export interface ScanOptions {
  /** More distinct valid keys than this is a VALIDATION error (the caller cannot name them all). */
  maxKeys: number;
  maxRejectedListed: number;
}

export function scanForKeys(text: string, options: ScanOptions): ScanOutcome {
  const keys = new Map<string, ScannedKey>();
  const rejected = new Map<string, Omit<RejectedCandidate, 'ref'>>();
  const adminTokens = new Set<string>();
  const position = positionCounter(text);

  for (const match of text.matchAll(CANDIDATE)) {
    const run = match[0];
    const isKey = match[1] === 'key';
    const head = run.slice(0, KEY_LENGTH);
    const kind = run.length >= KEY_LENGTH ? checkSecret(head) : null;
    if (!isKey) {
      if (kind === 'adminToken') adminTokens.add(head);
      continue;
    }
    if (kind === 'apiKey') {
      const seen = keys.get(head);
      if (seen) {
        seen.occurrences += 1;
        continue;
      }
      if (keys.size >= options.maxKeys) {
        throw new AppError('VALIDATION', `This text holds more than ${options.maxKeys.toLocaleString('en-US')} different API keys. Scan it in parts.`);
      }
      keys.set(head, { secret: head, hint: hintOf(head), occurrences: 1, firstSeen: position(match.index) });
      continue;
    }
    if (run.length - SECRET_KINDS.apiKey.length < MIN_DAMAGED_BODY) continue;
    const seen = rejected.get(run);
    if (seen) {
      seen.occurrences += 1;
      continue;
    }
    const reason = run.length === KEY_LENGTH ? 'checksum' : 'length';
    rejected.set(run, { hint: reason === 'checksum' ? hintOf(run) : `${SECRET_KINDS.apiKey}…${run.slice(-4)}`, reason, occurrences: 1, firstSeen: position(match.index) });
  }

  return {
    keys: [...keys.values()],
    rejected: [...rejected.values()].slice(0, options.maxRejectedListed),
    rejectedCount: rejected.size,
    adminTokens: adminTokens.size,
  };
}

/** Line and column of increasing offsets, counting newlines once over the whole text. */
function positionCounter(text: string): (offset: number) => TextPosition {
  let scanned = 0;
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    for (let at = text.indexOf('\n', scanned); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
      line += 1;
      lineStart = at + 1;
    }
    scanned = offset;
    return { line, column: offset - lineStart + 1 };
  };
}
