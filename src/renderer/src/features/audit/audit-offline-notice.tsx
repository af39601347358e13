/**
 * Offline, the Audit log is main's cache: the notice says when it was fetched, and whether events
 * older than the cached ones exist that this computer never kept.
 */
import { Alert, Text } from '@mantine/core';
import type { AuditPage } from '@shared/ipc/audit';
import { exact, relative } from '../../lib/time';

export function AuditOfflineNotice({ page }: { page: AuditPage }) {
  if (page.fetchedAt === null) {
    return (
      <Alert color="yellow" role="note" title="You're offline">
        <Text size="sm">The audit log hasn't been loaded on this computer yet. It appears once RakerOne Admin reconnects.</Text>
      </Alert>
    );
  }
  return (
    <Alert color="yellow" role="note" title="You're offline">
      <Text size="sm">
        These are the audit events as of{' '}
        <time dateTime={page.fetchedAt} title={exact(page.fetchedAt)}>
          {relative(page.fetchedAt)}
        </time>{' '}
        ({exact(page.fetchedAt)}). Filters apply to them; newer events appear when RakerOne Admin reconnects.
      </Text>
      {page.olderNotCachedBefore && (
        <Text size="sm" mt={4}>
          Events before {exact(page.olderNotCachedBefore)} weren't kept on this computer.
        </Text>
      )}
    </Alert>
  );
}
