/**
 * Versioned JSON documents on a FileStore. Every file carries `{ version, data }`; a file that does not
 * parse or has an unknown version is moved aside (`<name>.unreadable-<time>`) rather than overwritten
 * (if it cannot be moved, a copy is written there; if not even that, the read fails rather than let
 * the file be overwritten), logged at error level, and the caller starts from its `recover` value
 * (by default the empty one), which is written at once so a notice it carries survives a restart.
 */
import type { z } from 'zod';
import type { FileStore, Logger } from '../ports.js';

export interface VersionedDocument<T> {
  read(): Promise<T>;
  write(data: T): Promise<void>;
}

export function versionedJson<S extends z.ZodType>(options: {
  files: FileStore;
  path: string;
  version: number;
  schema: S;
  empty: () => z.output<S>;
  /** What to start from after an unreadable file was kept aside as `keptAs` (default: `empty()`). */
  recover?: (unreadable: { keptAs: string; at: string }) => z.output<S>;
  logger: Logger;
  now: () => number;
}): VersionedDocument<z.output<S>> {
  const { files, path, version, schema, empty, logger } = options;
  return {
    async read() {
      const text = await files.read(path);
      if (text === null) return empty();
      try {
        const parsed = JSON.parse(text) as { version?: unknown; data?: unknown };
        if (parsed.version !== version) throw new Error(`unsupported version ${String(parsed.version)}`);
        return schema.parse(parsed.data);
      } catch (error) {
        const reason = (error as Error).message;
        const aside = `${path}.unreadable-${options.now()}`;
        try {
          await files.rename(path, aside);
        } catch (renameError) {
          // It cannot be moved: keep a copy of what was read, before the next write replaces the file.
          try {
            await files.write(aside, text);
          } catch (copyError) {
            // No copy can be kept: refuse to start over it (the caller fails) rather than destroy it.
            logger.error('A stored file could not be read, and could not be kept aside: refusing to overwrite it', {
              path,
              reason,
              renameError,
              copyError,
            });
            throw new Error(`Unreadable file ${path} could not be kept aside`, { cause: error });
          }
        }
        // Error level: for a profile's state this may be its offline queue (admin actions not yet sent).
        // The app starts empty; the copy stays until someone looks at it (nothing ever deletes it).
        logger.error('A stored file could not be read; it was kept aside and the app started without it', { path, aside, reason });
        const fresh = options.recover ? options.recover({ keptAs: aside, at: new Date(options.now()).toISOString() }) : empty();
        try {
          await files.write(path, JSON.stringify({ version, data: fresh }));
        } catch (writeError) {
          // The next update writes it again; meanwhile the fresh value still serves this run.
          logger.warn('The fresh copy of an unreadable file could not be written yet', { path, writeError });
        }
        return fresh;
      }
    },
    async write(data) {
      await files.write(path, JSON.stringify({ version, data }));
    },
  };
}
