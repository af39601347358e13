/**
 * A key's activity from main (`keys:activity`). Asked each time the drawer opens (staleTime 0: a
 * refused request does not move `lastUsedAt`, so only a fresh ask shows it) and again whenever the
 * key's `lastUsedAt` moves (it is part of the query key). While a new answer is on its way the last
 * one of the same key stays on screen, so the chart does not blink on every use.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/ipc';
import { queryKeys } from '../../lib/query-keys';

export function useKeyActivity(id: string, lastUsedAt: string | null) {
  return useQuery({
    queryKey: queryKeys.keyActivity(id, lastUsedAt),
    queryFn: () => call('keys:activity', { id }),
    staleTime: 0,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === id ? previous : undefined),
  });
}
