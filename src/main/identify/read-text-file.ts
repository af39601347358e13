/**
 * Reads a file chosen for a scan as text, piece by piece (so a 50 MB file never sits in memory whole),
 * refusing anything over `maxBytes` before reading it (and stopping at the limit if it grows
 * meanwhile). Keys are ASCII, so any decoding that keeps ASCII finds them: UTF-8 by default (invalid
 * bytes become U+FFFD), UTF-16 when the file starts with its byte-order mark (Windows tools write logs
 * that way). The decoder is a streaming one, so a character split between two pieces is kept whole.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { TextDecoder } from 'node:util';
import { AppError } from '../../shared/errors.js';

export interface TextFileInfo {
  /** The file's name without its folder: what the screen may show. */
  name: string;
  bytes: number;
}

const MEGABYTE = 1024 * 1024;
/** Bytes read at a time: large enough to keep the disk busy, small enough to bound memory. */
export const PIECE_BYTES = MEGABYTE;

export async function streamTextFile(path: string, maxBytes: number, onText: (piece: string) => void, pieceBytes = PIECE_BYTES): Promise<TextFileInfo> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new AppError('NOT_FOUND', `Couldn't open “${name}”: ${reasonOf(error)}.`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('VALIDATION', `“${name}” is not a file.`);
    if (info.size > maxBytes) throw tooLarge(name, maxBytes);
    const buffer = Buffer.alloc(Math.max(pieceBytes, 2));
    let decoder: TextDecoder | null = null;
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(name, maxBytes);
      const bytes = buffer.subarray(0, bytesRead);
      // The decoder drops the byte-order mark itself.
      decoder ??= new TextDecoder(encodingOf(bytes));
      onText(decoder.decode(bytes, { stream: true }));
    }
    if (decoder) onText(decoder.decode());
    return { name, bytes: total };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INTERNAL', `Couldn't read “${name}”: ${reasonOf(error)}.`);
  } finally {
    await handle.close();
  }
}

/** By the byte-order mark of the first piece. */
function encodingOf(first: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function tooLarge(name: string, maxBytes: number): AppError {
  return new AppError(
    'VALIDATION',
    `“${name}” is larger than ${Math.round(maxBytes / MEGABYTE)} MB. Scan a part of it (for example the lines around the incident).`,
  );
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code ?? 'unknown error';
}
