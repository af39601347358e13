/** Queries over the connection, sync and session channels, kept fresh by main's events. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, subscribe } from '../../lib/ipc';
import { invalidate, queryKeys } from '../../lib/query-keys';
import { reportError } from '../../lib/report-error';

export function useConnection() {
  return useQuery({ queryKey: queryKeys.connection, queryFn: () => call('connection:state', {}), staleTime: Infinity });
}

export function useSyncState() {
  return useQuery({ queryKey: queryKeys.sync, queryFn: () => call('sync:state', {}), staleTime: Infinity });
}

export function useMe(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => call('session:me', {}), enabled });
}

export function useProfiles() {
  return useQuery({ queryKey: queryKeys.profiles, queryFn: () => call('profiles:list', {}) });
}

/**
 * Main pushes state changes; the renderer never polls for them. Mounted once, at the root.
 */
export function useBridgeEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const offConnection = subscribe('connection:changed', (state) => {
      const previous = client.getQueryData<typeof state>(queryKeys.connection);
      client.setQueryData(queryKeys.connection, state);
      // A new profile or a fresh sign-in changes who we are and what we may see.
      if (previous?.status !== state.status || previous?.profile?.id !== state.profile?.id) {
        invalidate.session(client);
      }
    });
    const offSync = subscribe('sync:changed', (state) => client.setQueryData(queryKeys.sync, state));
    const offKeys = subscribe('keys:changed', () => invalidate.allKeys(client));
    return () => {
      offConnection();
      offSync();
      offKeys();
    };
  }, [client]);
}

/** A parameterless sync action whose answer is the new SyncState. */
function useSyncAction(channel: 'sync:now' | 'outbox:dismiss-unreadable') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(channel, {}),
    onSuccess: (state) => client.setQueryData(queryKeys.sync, state),
    onError: (error) => reportError(error, client),
  });
}

export const useSyncNow = () => useSyncAction('sync:now');

export function useDismissFailed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (outboxId: string) => call('outbox:dismiss', { outboxId }),
    onSuccess: (state) => {
      client.setQueryData(queryKeys.sync, state);
      invalidate.keysList(client);
    },
    onError: (error) => reportError(error, client),
  });
}

export const useDismissUnreadable = () => useSyncAction('outbox:dismiss-unreadable');

export function useSwitchProfile() {
  const client = useQueryClient();
  return useMutation({
    // Main reloads the window after switching so nothing from one organization carries into another.
    mutationFn: (profileId: string) => call('profiles:switch', { profileId }),
    onSuccess: (state) => client.setQueryData(queryKeys.connection, state),
    onError: (error) => reportError(error, client),
  });
}

export function useDisconnect() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('connection:disconnect', {}),
    onSuccess: (state) => {
      client.setQueryData(queryKeys.connection, state);
      client.removeQueries({ queryKey: queryKeys.keys });
      client.removeQueries({ queryKey: queryKeys.me });
    },
    onError: (error) => reportError(error, client),
  });
}
