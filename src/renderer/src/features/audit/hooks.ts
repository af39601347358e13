/**
 * The audit log as TanStack Query pages: one infinite query per filter, each page asked of main
 * (`audit:list`), which answers from the server or, offline, from its cache. Changes made in this app
 * (main's keys:changed) and a change between online and offline load the log again.
 */
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { AuditCursor, AuditFilterInput } from '@shared/ipc/audit';
import { call, subscribe } from '../../lib/ipc';
import { invalidate, queryKeys } from '../../lib/query-keys';

export function useAuditLog(filter: AuditFilterInput, offline: boolean) {
  const client = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    queryFn: ({ pageParam }) => call('audit:list', { filter, cursor: pageParam }),
    initialPageParam: null as AuditCursor | null,
    getNextPageParam: (last) => last.nextCursor,
    // Reloading every loaded page on a window focus would be costly deep in the log; events arrive
    // with the admin's own changes (keys:changed) or a reconnect below.
    refetchOnWindowFocus: false,
  });

  useEffect(() => subscribe('keys:changed', () => invalidate.audit(client)), [client]);
  const wasOffline = useRef(offline);
  useEffect(() => {
    if (wasOffline.current === offline) return;
    wasOffline.current = offline;
    invalidate.audit(client);
  }, [offline, client]);

  const events = useMemo(() => query.data?.pages.flatMap((page) => page.events) ?? [], [query.data]);
  // A page main answered from its cache: what the offline notice describes.
  const cachedPage = query.data?.pages.find((page) => page.source === 'cache') ?? null;
  return { query, events, cachedPage };
}
