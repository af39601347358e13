/**
 * One scan, as the scan worker runs it (scan-worker.ts): the text (pasted, or a file read piece by
 * piece) through the key scanner, each valid key hashed, each listed checksum rejection compared with
 * the keys found. What it returns holds hashes, hints and positions only: the secrets stay in the
 * worker, and die with it.
 */
import type { TextPosition } from '../../shared/ipc/identify.js';
import { hashSecret } from '../../shared/key-format.js';
import { nearMisses } from './near-miss.js';
import { streamTextFile, type TextFileInfo } from './read-text-file.js';
import { createKeyScanner, type RejectedRun, type ScanOptions } from './scan-keys.js';

export type ScanSource = { kind: 'text'; text: string } | { kind: 'file'; path: string; maxBytes: number };

export interface ScanRequest extends ScanOptions {
  source: ScanSource;
}

export interface HashedKey {
  secretHash: string;
  hint: string;
  occurrences: number;
  firstSeen: TextPosition;
}

export interface ScanJobResult {
  /** The file's name and size; null for pasted text. */
  file: TextFileInfo | null;
  keys: HashedKey[];
  /** Listed rejections; `resemblesKey` indexes `keys`. */
  rejected: (Omit<RejectedRun, 'run'> & { resemblesKey: number | null })[];
  rejectedCount: number;
  adminTokens: number;
}

export async function runScanJob(request: ScanRequest): Promise<ScanJobResult> {
  const scanner = createKeyScanner(request);
  let file: TextFileInfo | null = null;
  if (request.source.kind === 'text') scanner.push(request.source.text);
  else file = await streamTextFile(request.source.path, request.source.maxBytes, (piece) => scanner.push(piece));
  const outcome = scanner.end();
  const resembles = nearMisses(outcome.rejected, outcome.keys);
  return {
    file,
    keys: outcome.keys.map(({ secret, hint, occurrences, firstSeen }) => ({ secretHash: hashSecret(secret), hint, occurrences, firstSeen })),
    rejected: outcome.rejected.map(({ run: _run, ...candidate }, index) => ({ ...candidate, resemblesKey: resembles[index] ?? null })),
    rejectedCount: outcome.rejectedCount,
    adminTokens: outcome.adminTokens,
  };
}
