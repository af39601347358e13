/**
 * A key's first use is recorded once: a conditional write the request waits for, so a key retiring
 * "after the first use of" this one gets its time before this request is answered. This process
 * remembers the keys it has recorded (or seen recorded): one write per key, ever.
 */
import type { ApiKeyAuthRow } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';

/** Keys remembered before the memo starts over (a forgotten key costs one more conditional write). */
const MEMO_LIMIT = 100_000;

export interface FirstUse {
  /** The write to wait for when this key's first use is not recorded yet; null when it is. */
  record(row: ApiKeyAuthRow): Promise<unknown> | null;
}

export function createFirstUse(deps: { clock: Clock; recordFirstUse(apiKeyId: string, at: string): Promise<unknown> }): FirstUse {
  const { clock, recordFirstUse } = deps;
  const firstUseRecorded = new Set<string>();
  return {
    record(row) {
      if (row.first_used_at !== null || firstUseRecorded.has(row.id)) return null;
      if (firstUseRecorded.size >= MEMO_LIMIT) firstUseRecorded.clear();
      firstUseRecorded.add(row.id);
      return recordFirstUse(row.id, new Date(clock.now()).toISOString()).catch((error: unknown) => {
        firstUseRecorded.delete(row.id);
        throw error;
      });
    },
  };
}
