/** A queued create landing, as the sync's send step records it: the entry's own record, then every other entry re-pointed. */
import { keyLanded } from '../../src/main/outbox/fate.js';
import { recordCreated, type CreateEntry } from '../../src/main/outbox/kinds/create.js';
import type { ProfileState } from '../../src/main/store/profile-state.js';
import type { ApiKeyDto } from '../../src/shared/http/index.js';

export function applyCreated(state: ProfileState, entry: CreateEntry, key: ApiKeyDto): ProfileState {
  return keyLanded(recordCreated(state, entry, key), entry.localKeyId, key.id);
}
