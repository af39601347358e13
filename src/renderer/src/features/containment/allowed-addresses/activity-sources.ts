/**
 * The addresses a key was used from, for the allowed-addresses editor: keys:activity (main fetches the
 * key's activity, or answers the copy it kept when offline), asked only while the editor is open.
 */
import { useQuery } from '@tanstack/react-query';
import { ACTIVITY_VIEW_DAYS } from '@shared/ipc/activity';
import { call } from '../../../lib/ipc';
import { queryKeys } from '../../../lib/query-keys';
import type { SourcesState } from './addresses-editor';

export function useActivitySources(keyId: string, enabled: boolean): SourcesState {
  const activity = useQuery({ queryKey: queryKeys.keyActivity(keyId), queryFn: () => call('keys:activity', { id: keyId }), enabled });
  return { sources: activity.data?.activity?.sources ?? null, days: ACTIVITY_VIEW_DAYS, loading: enabled && activity.isPending };
}
