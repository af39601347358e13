/**
 * Each profile's audit cache in its own file, userData/audit/<profileId>.json (apart from the state
 * file: the outbox's atomic writes never carry thousands of events). Versioned JSON re-validated when
 * read (cache-schema.ts); updates serialized per profile, each one atomic write.
 */
import { join } from 'node:path';
import type { FileStore, Logger } from '../ports.js';
import { serializedDocument, type SerializedDocument } from '../store/serialized-document.js';
import { versionedJson } from '../store/versioned-json.js';
import { recordPage, type FetchedPage } from './cache-merge.js';
import { AUDIT_CACHE_VERSION, AuditCacheSchema, emptyAuditCache, type AuditCache } from './cache-schema.js';
import { withoutSecrets } from './secret-free.js';

export interface AuditCacheStore {
  read(profileId: string): Promise<AuditCache>;
  /** Folds a page of the unfiltered log, just fetched, into the profile's cache. */
  record(profileId: string, page: FetchedPage): Promise<void>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A file written by an earlier version kept names as the server sent them: scrubbed as it is read, so
 * they are never shown or exported, and the next write of the cache replaces them on disk.
 */
const ScrubbedOnRead = AuditCacheSchema.transform((cache): AuditCache => ({ ...cache, events: cache.events.map(withoutSecrets) }));

export function createAuditCacheStore(options: { dir: string; files: FileStore; logger: Logger; now: () => number }): AuditCacheStore {
  const docs = new Map<string, SerializedDocument<AuditCache>>();
  const slot = (profileId: string) => {
    // Profile ids are ours, but they name a file: refuse anything path-like.
    if (!SAFE_ID.test(profileId)) throw new Error('Invalid profile id');
    let doc = docs.get(profileId);
    if (!doc) {
      doc = serializedDocument(
        versionedJson({
          files: options.files,
          path: join(options.dir, 'audit', `${profileId}.json`),
          version: AUDIT_CACHE_VERSION,
          schema: ScrubbedOnRead,
          empty: emptyAuditCache,
          logger: options.logger,
          now: options.now,
        }),
      );
      docs.set(profileId, doc);
    }
    return doc;
  };
  return {
    read: (profileId) => slot(profileId).read(),
    async record(profileId, page) {
      await slot(profileId).update((cache) => recordPage(cache, page));
    },
  };
}
