/**
 * The renderer's TanStack Query client. The main process owns retries, backoff and offline queueing,
 * so queries here never retry on their own and never pause on `navigator.onLine` (Electron can be
 * "offline" while main still serves the cached list).
 */
import { QueryCache, QueryClient } from '@tanstack/react-query';
import type { ConnectionState } from '@shared/ipc/contract';
import { toAppError } from './ipc';
import { queryKeys } from './query-keys';

/** Any call answered UNAUTHORIZED means the stored admin token is gone: show the sign-in screen. */
export function markSignInRequired(client: QueryClient): void {
  client.setQueryData<ConnectionState>(queryKeys.connection, (previous) => (previous ? { ...previous, status: 'unauthorized' } : previous));
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (toAppError(error).code === 'UNAUTHORIZED') markSignInRequired(client);
      },
    }),
    defaultOptions: {
      queries: { retry: false, networkMode: 'always', refetchOnWindowFocus: true, staleTime: 30_000 },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  return client;
}
