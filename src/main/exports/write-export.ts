/**
 * Writes an export where the person chose, atomically (write-file-atomic: a temporary file beside it,
 * fsynced, renamed over): an existing file is replaced whole or left as it was, never half-written.
 * Unlike the app's own state files it creates no folder (the dialog chose an existing one) and keeps
 * the usual permissions (an export is meant to be opened and handed on). A failure becomes one clear
 * error naming the file and the reason.
 */
import { basename } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../../shared/errors.js';

export type WriteExport = (path: string, content: string) => Promise<void>;

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

export const writeExportFile: WriteExport = async (path, content) => {
  try {
    await writeFileAtomic(path, content, { encoding: 'utf8', fsync: true });
  } catch (error) {
    throw exportWriteError(path, error);
  }
};
