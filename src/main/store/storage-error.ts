/**
 * A write of the data folder that the disk refuses — full (ENOSPC, EDQUOT) or read-only / not writable
 * (EROFS, EACCES, EPERM) — becomes one clear error the renderer shows as it is (its message: the page
 * shows an INTERNAL error's message, the hint names the folder for support): what happened, that
 * nothing was changed (the write is atomic: the file on disk is the one from before, and the change
 * was not applied in memory either), and what to do. The action can simply be tried again once the
 * disk takes writes; the queue already on disk is untouched and syncs as before.
 */
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors.js';

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/** The clear error for a refused write of `path`, or null when `error` is not the disk refusing. */
export function storageErrorOf(error: unknown, path: string): AppError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code) return null;
  const folder = dirname(path);
  if (FULL.has(code)) {
    return new AppError(
      'INTERNAL',
      "RakerOne Admin couldn't save this change: the disk that holds its data folder is full. Nothing was changed. Free some space, then try again.",
      {
        hint: `Free some space on the disk that holds ${folder}, then try again.`,
      },
    );
  }
  if (READ_ONLY.has(code)) {
    return new AppError(
      'INTERNAL',
      "RakerOne Admin couldn't save this change: its data folder is read-only. Nothing was changed. Make it writable, then try again.",
      {
        hint: `Make ${folder} writable for your account, then try again.`,
      },
    );
  }
  return null;
}
