/**
 * The addresses a key was used from, for the allowed-addresses editor: the same keys:activity query as
 * the drawer's activity section (features/activity), so the editor asks main nothing more.
 */
import { ACTIVITY_VIEW_DAYS } from '@shared/ipc/activity';
import type { KeyRow } from '@shared/ipc/contract';
import { useKeyActivity } from '../../activity/use-key-activity';
import type { SourcesState } from './addresses-editor';

export function useActivitySources(key: Pick<KeyRow, 'id' | 'lastUsedAt'>): SourcesState {
  const activity = useKeyActivity(key.id, key.lastUsedAt);
  return { sources: activity.data?.activity?.sources ?? null, days: ACTIVITY_VIEW_DAYS, loading: activity.isPending };
}
