/**
 * Credentials recently proven on this process, each proven current again on every request.
 *
 * "No cache may serve a revoked key": an entry is used only while the revocation epoch read by the
 * current request equals the epoch read in the same statement as the entry's row. The database bumps
 * the epoch in the same transaction as every revocation, role change or deletion (triggers,
 * db/migration-auth-state.ts), so once a revoke has committed — before its response is sent — every
 * later request on every process and node reads the new epoch, misses the cache and does the full
 * lookup, which no longer finds the credential. Reading the epoch is one read of a one-row table;
 * the full lookup is four B-tree descents and building the principal.
 *
 * Time-bounded validity needs no lookup: an entry carries the bounds its row had (`validUntil`, in
 * ms; Infinity while keys have no expiry) and is refused once the clock passes them, even while the
 * epoch is unchanged. Expiry is then exact without any write happening when a key expires.
 */
import { LRUCache } from 'lru-cache';

export interface CachedCredential<Row> {
  row: Row;
  /** The epoch read together with the row: the entry is current while the database's epoch equals it. */
  epoch: number;
  /** The credential is refused from this instant on (ms since 1970); Infinity when it has no end. */
  validUntil: number;
}

export interface CredentialCache<Row> {
  /** The entry for this secret hash if it is proven current by `epoch` and valid at `nowMs`. */
  current(secretHash: string, epoch: number, nowMs: number): CachedCredential<Row> | undefined;
  remember(secretHash: string, entry: CachedCredential<Row>): void;
  readonly size: number;
}

/** `max` 0: a cache that remembers nothing (see HotQueries.readsCommittedOnly). */
export function createCredentialCache<Row extends object>(max: number): CredentialCache<Row> {
  if (max === 0) return { current: () => undefined, remember: () => {}, size: 0 };
  const entries = new LRUCache<string, CachedCredential<Row>>({ max });
  /** The newest epoch seen: entries of older epochs can never be current again, so they are dropped. */
  let newest = -Infinity;

  return {
    current(secretHash, epoch, nowMs) {
      // Committed epochs only grow; one that went back (a database restored from a backup) could
      // later climb to an epoch an entry was proven under while meaning other revocations: start over.
      if (epoch !== newest) {
        newest = epoch;
        entries.clear();
        return undefined;
      }
      const entry = entries.get(secretHash);
      if (entry === undefined || entry.epoch !== epoch) return undefined;
      if (nowMs >= entry.validUntil) {
        entries.delete(secretHash);
        return undefined;
      }
      return entry;
    },
    remember(secretHash, entry) {
      // A row read before a newer epoch was seen is already out of date: not worth keeping.
      if (entry.epoch < newest) return;
      if (entry.epoch > newest) {
        newest = entry.epoch;
        entries.clear();
      }
      entries.set(secretHash, entry);
    },
    get size() {
      return entries.size;
    },
  };
}
