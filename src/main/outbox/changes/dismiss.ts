/** sync:dismiss: an action RakerOne refused leaves the failed list (a queued one is still on its way and cannot). */
import { AppError } from '../../../shared/errors.js';
import { removeEntry } from '../lifecycle.js';
import type { ProfileState } from '../schema.js';

export function dismissFailed(state: ProfileState, entryId: string): ProfileState {
  const entry = state.outbox.find((e) => e.id === entryId);
  if (!entry) throw new AppError('NOT_FOUND', 'This queued action no longer exists.');
  if (entry.state !== 'failed') throw new AppError('CONFLICT', 'Only actions RakerOne refused can be dismissed.');
  return removeEntry(state, entryId);
}
