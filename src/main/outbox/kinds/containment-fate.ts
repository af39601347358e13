/**
 * What the single-key containment kinds (suspend, resume) share: how they follow the create of the key
 * they name. Queued behind that create, they are re-pointed to the server's id when it lands; when it
 * never lands, a suspend or resume of a key that never existed has nothing to do (dropped, like a
 * revoke); when the create kept failing, the entry cannot name the key and is kept as failed, saying so.
 */
import type { AppErrorDto } from '../../../shared/errors.js';
import type { OutboxEntry } from '../schema.js';

interface ContainmentLike {
  keyId: string;
  state: 'queued' | 'failed';
}

/** Why a suspend or resume naming a key whose create kept failing was not sent. */
export function createFailing(verb: 'suspended' | 'resumed', action: 'suspend' | 'resume'): AppErrorDto {
  return {
    code: 'INTERNAL',
    message: `Not ${verb}: RakerOne kept failing to create this key. If it appears in the list after a refresh, ${action} it there.`,
  };
}

export function repointContainment<E extends ContainmentLike>(entry: E, localId: string, serverId: string): E {
  return entry.keyId === localId ? { ...entry, keyId: serverId } : entry;
}

/** The key never existed: nothing to suspend or resume. */
export function containmentWhenKeyNeverExists<E extends OutboxEntry & ContainmentLike>(entry: E, keyId: string): OutboxEntry[] {
  return entry.keyId === keyId ? [] : [entry];
}

export function containmentWhenKeyMayNotExist<E extends OutboxEntry & ContainmentLike>(
  entry: E,
  keyId: string,
  error: AppErrorDto,
): { kept: OutboxEntry[]; added: OutboxEntry[] } {
  return { kept: [entry.keyId === keyId && entry.state === 'queued' ? { ...entry, state: 'failed', error } : entry], added: [] };
}
