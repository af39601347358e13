/**
 * The FileStore port on the real disk. write-file-atomic writes a temp file, fsyncs it and renames it
 * over the target, so a crash at any point leaves the old file or the new one, never a torn one.
 * Files are created 0600: the cache holds no secret, but key names and hints are nobody else's business.
 * A disk that refuses the write (full, read-only) is a clear error (storage-error.ts); write-file-atomic
 * removes its temp file, so nothing half-written is left beside the old file.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { FileStore } from '../ports.js';
import { storageErrorOf } from './storage-error.js';

export function createAtomicFileStore(): FileStore {
  return {
    async read(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(path, content) {
      try {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        await writeFileAtomic(path, content, { mode: 0o600, fsync: true });
      } catch (error) {
        throw storageErrorOf(error, path) ?? error;
      }
    },
    async rename(from, to) {
      await rename(from, to);
    },
    async remove(path) {
      await rm(path, { force: true });
    },
    async list(dir) {
      try {
        return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}
