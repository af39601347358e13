/**
 * Reads a file chosen for a scan as text, in main, refusing anything over `maxBytes` before reading
 * it (and stopping at the limit if it grows meanwhile). Keys are ASCII, so any decoding that keeps
 * ASCII finds them: UTF-8 by default (invalid bytes become U+FFFD), UTF-16 when the file starts with
 * its byte-order mark (Windows tools write logs that way).
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../shared/errors.js';

export interface TextFile {
  /** The file's name without its folder: what the screen may show. */
  name: string;
  bytes: number;
  text: string;
}

const MEGABYTE = 1024 * 1024;

export async function readTextFile(path: string, maxBytes: number): Promise<TextFile> {
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
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > maxBytes) throw tooLarge(name, maxBytes);
      if (filled === buffer.length) break;
    }
    return { name, bytes: filled, text: decode(buffer.subarray(0, filled)) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INTERNAL', `Couldn't read “${name}”: ${reasonOf(error)}.`);
  } finally {
    await handle.close();
  }
}

function tooLarge(name: string, maxBytes: number): AppError {
  return new AppError('VALIDATION', `“${name}” is larger than ${Math.round(maxBytes / MEGABYTE)} MB. Scan a part of it (for example the lines around the incident).`);
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code ?? 'unknown error';
}
