/**
 * Admin → Audit log: every event of the organization, newest first, in pages loaded as the admin
 * scrolls; filters (action, who, key, dates) that main passes to the server, or applies to its cache
 * offline; an event's details in a drawer; offline, a notice saying how fresh the cached log is.
 */
import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEventDto } from '@shared/http/api-keys';
import { PageError } from '../../components/page-error';
import { markReady, toAppError } from '../../lib/ipc';
import { describeError } from '../../lib/report-error';
import { useMe } from '../connection/hooks';
import { useKeys } from '../keys/hooks';
import { keyChoices, peopleChoices } from './audit-choices';
import { NO_FILTERS, dateRangeError, filtersActive, toAuditFilter, type AuditFilters } from './audit-filters';
import { AuditEventDrawer } from './audit-event-drawer';
import { AuditOfflineNotice } from './audit-offline-notice';
import { AuditTable } from './audit-table';
import { AuditExportMenu } from '../export/audit-export-menu';
import { AuditToolbar } from './audit-toolbar';
import { useAuditLog } from './hooks';

export function AuditPage({ offline }: { offline: boolean }) {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // A backwards range is said on the field; the last valid filter stays on screen meanwhile.
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  if (filters !== applied && dateRangeError(filters) === null) setApplied(filters);
  const filter = useMemo(() => toAuditFilter(applied), [applied]);
  const { query, events, cachedPage } = useAuditLog(filter, offline);
  const [open, setOpen] = useState<AuditEventDto | null>(null);

  const keysQuery = useKeys();
  const me = useMe(true);
  const keys = keysQuery.data?.keys;
  const keyOptions = useMemo(() => keyChoices(keys ?? []), [keys]);
  const person = me.data?.kind === 'person' ? me.data.person : null;
  const peopleOptions = useMemo(() => peopleChoices(person, keys ?? [], events), [person, keys, events]);

  useEffect(() => {
    if (query.data) markReady();
  }, [query.data]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const clear = useCallback(() => setFilters(NO_FILTERS), []);
  const active = filtersActive(filters);

  if (query.isError && !query.data) return <PageError title="Audit log" error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <Stack gap="md" className="rk-page">
      <div>
        <Title order={1}>Audit log</Title>
        <Text size="sm" c="dimmed" maw={640}>
          Who did what in your organization, newest first: keys created and revoked, key policy changes, admin access tokens, and what keys did.
        </Text>
      </div>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <AuditToolbar filters={filters} onFilters={setFilters} people={peopleOptions} keys={keyOptions} onClear={active ? clear : null} />
        <AuditExportMenu filter={filter} filtered={filtersActive(applied)} />
      </Group>
      {cachedPage && <AuditOfflineNotice page={cachedPage} />}
      {!query.data ? (
        <Group justify="center" p="xl">
          <Loader aria-label="Loading audit events" />
        </Group>
      ) : events.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{filtersActive(applied) ? 'No events match these filters.' : 'No audit events yet.'}</Text>
          {active && (
            <Button variant="default" size="xs" onClick={clear}>
              Clear filters
            </Button>
          )}
        </Stack>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="audit-count">
            {countText(events.length, hasNextPage)}
          </Text>
          <AuditTable events={events} hasMore={hasNextPage} onLoadMore={loadMore} onOpen={setOpen} />
          {isFetchingNextPage && <Loader size="sm" aria-label="Loading more audit events" />}
        </>
      )}
      {query.isError && query.data && (
        <Alert color="red" role="alert" title={describeError(toAppError(query.error)).title}>
          <Text size="sm">{toAppError(query.error).message}</Text>
        </Alert>
      )}
      {open && <AuditEventDrawer event={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function countText(loaded: number, more: boolean): string {
  const events = `${loaded.toLocaleString()} ${loaded === 1 ? 'event' : 'events'}`;
  return more ? `${events} loaded; scroll for older ones` : events;
}
