/**
 * Versioned JSON documents on a FileStore. Every file carries `{ version, data }`; a file that does not
 * parse or has an unknown version is moved aside (`<name>.unreadable-<time>`) rather than overwritten,
 * so nothing is silently destroyed, and the caller starts from its empty value.
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
        const aside = `${path}.unreadable-${options.now()}`;
        logger.warn('A stored file could not be read; it was moved aside', { path, aside, reason: (error as Error).message });
        await files.rename(path, aside).catch(() => undefined);
        return empty();
      }
    },
    async write(data) {
      await files.write(path, JSON.stringify({ version, data }));
    },
  };
}
