/**
 * Finds RakerOne API keys in any text — a log, a config file, a chat message — by their format:
 * `rkr_key_` and a run of base62 characters. A run of exactly the key's length whose checksum matches
 * is a key; one whose checksum does not is a mistyped (or altered) key; a shorter or longer run is a
 * cut or damaged one. A key glued to more letters after it (`…xyzEND` in a minified blob) is still
 * found when its first 46 characters check out: a random run passes the CRC-32 once in 4 billion.
 * Anything that is not base62 ends a run, so keys inside quotes, JSON, URLs, `KEY=…` or next to
 * punctuation are found as they are.
 *
 * Pure and linear: one pass of one regex without backtracking, newlines counted along the way. It
 * takes the text in pieces (`createKeyScanner`: push, then end), so a 50 MB file is scanned as it is
 * read, in bounded memory: only a candidate cut by a piece's end is carried into the next piece (and
 * a run of key characters is cut at MAX_RUN, which no key or honest damage comes near). The secrets
 * it returns never leave the scan worker (scan-worker.ts hashes them); rejected candidates are
 * described by a hint and their position only.
 */
import { AppError } from '../../shared/errors.js';
import { checkSecret, hintOf, SECRET_KINDS } from '../../shared/key-format.js';
import type { RejectedCandidate, TextPosition } from '../../shared/ipc/identify.js';

/** `rkr_key_` + 32 random + 6 checksum characters (key-format.ts). */
const KEY_LENGTH = 46;
/** Runs with fewer characters after the prefix are placeholders (`rkr_key_XXXX`) or hints (`rkr_key_…Ab3x`), not keys. */
const MIN_DAMAGED_BODY = 16;
const CANDIDATE = /rkr_(key|adm)_[0-9A-Za-z]*/g;
/** The longest prefix of a candidate a piece can end in without holding a match ("rkr_key" + 1). */
const PREFIX_CARRY = 'rkr_key_'.length - 1;
/** A run of key characters longer than this is judged at this length; the rest of it is skipped. */
const MAX_RUN = 64 * 1024;
const KEY_CHAR = /[0-9A-Za-z]/;

export interface ScannedKey {
  /** The whole key: main-only, hashed by the caller and then dropped. */
  secret: string;
  hint: string;
  occurrences: number;
  firstSeen: TextPosition;
}

/** A rejected candidate as the scan saw it: `run` is main-only (near-miss.ts compares it), like a key's secret. */
export type RejectedRun = Omit<RejectedCandidate, 'ref' | 'resembles'> & { run: string };

export interface ScanOutcome {
  /** Distinct valid keys, in order of first appearance. */
  keys: ScannedKey[];
  /** Distinct rejected candidates, in order of first appearance, at most `maxRejectedListed`. */
  rejected: RejectedRun[];
  rejectedCount: number;
  /** Distinct admin access tokens with a valid checksum. */
  adminTokens: number;
}

export interface ScanOptions {
  /** More distinct valid keys than this is a VALIDATION error (the caller cannot name them all). */
  maxKeys: number;
  maxRejectedListed: number;
}

export interface KeyScanner {
  /** Scans the next piece of the text. */
  push(piece: string): void;
  /** The outcome, once the whole text was pushed. */
  end(): ScanOutcome;
}

export function createKeyScanner(options: ScanOptions): KeyScanner {
  const keys = new Map<string, ScannedKey>();
  const rejected = new Map<string, RejectedRun>();
  const adminTokens = new Set<string>();
  const position = positionCounter();
  /** Text not yet judged (a candidate a piece ended in), and where it starts in the whole text. */
  let carry = '';
  let carryAt = 0;
  /** True while the rest of an over-long run (already judged at MAX_RUN) is being skipped. */
  let skipping = false;

  function judge(run: string, offset: number): void {
    const isKey = run.startsWith('rkr_key_');
    const head = run.slice(0, KEY_LENGTH);
    const kind = run.length >= KEY_LENGTH ? checkSecret(head) : null;
    if (!isKey) {
      if (kind === 'adminToken') adminTokens.add(head);
      return;
    }
    if (kind === 'apiKey') {
      const seen = keys.get(head);
      if (seen) {
        seen.occurrences += 1;
        return;
      }
      if (keys.size >= options.maxKeys) {
        throw new AppError('VALIDATION', `This text holds more than ${options.maxKeys.toLocaleString('en-US')} different API keys. Scan it in parts.`);
      }
      keys.set(head, { secret: head, hint: hintOf(head), occurrences: 1, firstSeen: position.at(offset) });
      return;
    }
    if (run.length - SECRET_KINDS.apiKey.length < MIN_DAMAGED_BODY) return;
    const seen = rejected.get(run);
    if (seen) {
      seen.occurrences += 1;
      return;
    }
    const reason = run.length === KEY_LENGTH ? 'checksum' : 'length';
    rejected.set(run, {
      run,
      hint: reason === 'checksum' ? hintOf(run) : `${SECRET_KINDS.apiKey}…${run.slice(-4)}`,
      reason,
      occurrences: 1,
      firstSeen: position.at(offset),
    });
  }

  function scan(text: string, textAt: number, final: boolean): void {
    position.enter(text, textAt);
    let from = 0;
    if (skipping) {
      while (from < text.length && KEY_CHAR.test(text[from]!)) from += 1;
      skipping = from === text.length && !final;
    }
    /** Where the text not yet judged starts: the end of the last judged run, or a run cut by the piece's end. */
    let cut = from;
    let pending = false;
    CANDIDATE.lastIndex = from;
    for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
      const run = match[0];
      const end = match.index + run.length;
      if (end === text.length && !final && run.length <= MAX_RUN) {
        // The run may go on in the next piece: judge it then.
        cut = match.index;
        pending = true;
        break;
      }
      if (run.length > MAX_RUN) {
        judge(run.slice(0, MAX_RUN), textAt + match.index);
        skipping = end === text.length && !final;
      } else {
        judge(run, textAt + match.index);
      }
      cut = end;
    }
    // A piece may end inside "rkr_key": keep those few characters for the next one.
    if (!pending && !final && !skipping) cut = Math.max(cut, text.length - PREFIX_CARRY);
    if (final || skipping) cut = text.length;
    position.advance(textAt + cut);
    carry = text.slice(cut);
    carryAt = textAt + cut;
  }

  return {
    push(piece) {
      if (piece.length > 0) scan(carry + piece, carryAt, false);
    },
    end() {
      scan(carry, carryAt, true);
      return {
        keys: [...keys.values()],
        rejected: [...rejected.values()].slice(0, options.maxRejectedListed),
        rejectedCount: rejected.size,
        adminTokens: adminTokens.size,
      };
    },
  };
}

/** The whole text at once (pasted text, tests). */
export function scanForKeys(text: string, options: ScanOptions): ScanOutcome {
  const scanner = createKeyScanner(options);
  scanner.push(text);
  return scanner.end();
}

/**
 * Line and column of increasing offsets in a text that arrives in pieces: newlines are counted once,
 * as the scan moves past them, so pieces already scanned can be dropped.
 */
function positionCounter() {
  let line = 1;
  let lineStart = 0;
  /** Offset in the whole text up to which newlines were counted. */
  let counted = 0;
  /** The piece being scanned (offsets passed in fall inside it). */
  let piece = '';
  let pieceAt = 0;
  const countTo = (offset: number) => {
    for (let at = piece.indexOf('\n', counted - pieceAt); at !== -1 && pieceAt + at < offset; at = piece.indexOf('\n', at + 1)) {
      line += 1;
      lineStart = pieceAt + at + 1;
    }
    counted = Math.max(counted, offset);
  };
  return {
    enter(text: string, textAt: number) {
      piece = text;
      pieceAt = textAt;
    },
    at(offset: number) {
      countTo(offset);
      return { line, column: offset - lineStart + 1 };
    },
    /** Counts the newlines before `offset`: the text before it is then no longer needed. */
    advance: countTo,
  };
}
