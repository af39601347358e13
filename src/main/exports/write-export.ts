/**
 * Writes an export where the person chose, atomically and as it is produced: the content arrives in
 * chunks (an audit export of a million events is never one string) and is streamed, with backpressure,
 * into a temporary file beside the target (`<name>.<random>.partial`), flushed to the disk, then
 * renamed over the target. So an existing file is replaced whole or left as it was, never
 * half-written, and memory holds a few chunks at most. On any failure — the disk, or the content's
 * source (the server going away mid-export) — the temporary file is removed.
 *
 * Unlike the app's own state files it creates no folder (the dialog chose an existing one) and keeps
 * the usual permissions (an export is meant to be opened and handed on; a file it replaces keeps its
 * own). A disk failure becomes one clear error naming the file and the reason; a failure of the
 * source is passed on as it is.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors.js';

/** An export's text in order, as chunks (a whole small file may be one). */
export type ExportContent = AsyncIterable<string> | Iterable<string>;
export type WriteExport = (path: string, content: ExportContent) => Promise<void>;

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'the folder does not exist',
  EISDIR: 'a folder has that name',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
};

export function exportWriteError(path: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new AppError('INTERNAL', `Couldn't save ${basename(path)}: ${reason}. Nothing was written; choose another place and try again.`);
}

/** The permission bits of the file being replaced, if there is one. */
async function modeOf(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mode & 0o7777 : null;
  } catch {
    return null;
  }
}

export const writeExportFile: WriteExport = async (path, content) => {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
  let sourceFailure: { error: unknown } | null = null;
  // Pulls the content one chunk at a time, telling a failure of the source (kept, passed on as it is)
  // from one of the disk (which the stream throws back in at the `yield`).
  async function* fromSource(): AsyncGenerator<string, void, undefined> {
    const chunks = Symbol.asyncIterator in content ? content[Symbol.asyncIterator]() : content[Symbol.iterator]();
    try {
      for (;;) {
        let next: IteratorResult<string>;
        try {
          next = await chunks.next();
        } catch (error) {
          sourceFailure = { error };
          throw error;
        }
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Stopped early (the disk failed): the source stops too (for the audit log, the server's paging).
      await chunks.return?.();
    }
  }
  try {
    const mode = await modeOf(path);
    // `wx`: never follows or reuses anything already at the temporary name. `flush`: fsync before close.
    await pipeline(Readable.from(fromSource()), createWriteStream(temporary, { flags: 'wx', flush: true }));
    if (mode !== null) await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (sourceFailure) throw (sourceFailure as { error: unknown }).error;
    throw exportWriteError(path, error);
  }
};
