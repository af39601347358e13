/**
 * Always-visible, honest connection state for the header: online, offline since the last sync,
 * syncing with progress, a failed sync and when it is retried, or waiting changes. Announced politely
 * so screen-reader users hear changes.
 */
import { Badge, Button, Group, Progress, Text, Tooltip } from '@mantine/core';
import type { ConnectionState, SyncState } from '@shared/ipc/contract';
import { ariaKeyShortcut, shortcutLabel } from '../../lib/shortcuts';
import { exact, relative } from '../../lib/time';
import { useMinuteTick } from '../../lib/use-minute-tick';
import { useSyncNow } from './hooks';

function lastSyncedText(at: string | null): string {
  return at ? `last synced ${relative(at)}` : 'not synced yet';
}

/** "Retrying in 2 minutes." A retry whose time has come is running now: "Retrying a few seconds ago" would misread. */
function retryText(at: string): string {
  return Date.parse(at) > Date.now() ? `Retrying ${relative(at)}.` : 'Retrying now.';
}

function waitingText(sync: SyncState | undefined): string {
  return sync && sync.pending > 0 ? ` ${sync.pending} ${sync.pending === 1 ? 'change waits' : 'changes wait'} to be sent.` : '';
}

export function connectionSummary(connection: ConnectionState, sync: SyncState | undefined): { label: string; detail: string; color: string } {
  const lastSyncedAt = sync?.lastSyncedAt ?? connection.lastSyncedAt;
  if (connection.status === 'unauthorized' || connection.status === 'disconnected') {
    return { label: 'Signed out', detail: 'The server no longer accepts your admin token. Finish here, then sign in again.', color: 'red' };
  }
  if (connection.status === 'offline') {
    return { label: 'Offline', detail: `Offline, ${lastSyncedText(lastSyncedAt)}.${waitingText(sync)}`, color: 'gray' };
  }
  if (sync?.status === 'syncing') {
    const progress = sync.progress ? ` ${sync.progress.done} of ${sync.progress.total}` : '';
    return { label: 'Syncing', detail: `Syncing${progress}…`, color: 'blue' };
  }
  if (sync?.status === 'error') {
    // The last drain stopped on a server error: online, yet changes are not getting through.
    const retry = sync.nextRetryAt ? retryText(sync.nextRetryAt) : 'Use Sync now to try again.';
    return { label: 'Sync failed', detail: `Sync failed, ${lastSyncedText(lastSyncedAt)}.${waitingText(sync)} ${retry}`, color: 'red' };
  }
  if (sync && sync.pending > 0) {
    return { label: 'Online', detail: `Online, ${sync.pending} ${sync.pending === 1 ? 'change' : 'changes'} waiting to sync.`, color: 'green' };
  }
  return { label: 'Online', detail: `Online, ${lastSyncedText(lastSyncedAt)}.`, color: 'green' };
}

export function ConnectionStatus({ connection, sync }: { connection: ConnectionState; sync: SyncState | undefined }) {
  const syncNow = useSyncNow();
  // "last synced 5 minutes ago" and "Retrying in a minute" must move on their own, not only when main pushes a change.
  useMinuteTick();
  const summary = connectionSummary(connection, sync);
  const lastSyncedAt = sync?.lastSyncedAt ?? connection.lastSyncedAt;
  const progress = sync?.status === 'syncing' && sync.progress && sync.progress.total > 0 ? sync.progress : null;
  const canSync = connection.status === 'offline' || sync?.status === 'error' || (sync?.pending ?? 0) > 0;

  return (
    <Group gap="sm" wrap="nowrap">
      <Group gap="xs" wrap="nowrap" role="status" aria-live="polite" data-testid="connection-status">
        <Badge color={summary.color} variant="dot" size="lg" tt="none" aria-hidden>
          {summary.label}
        </Badge>
        <Tooltip label={lastSyncedAt ? `Last synced ${exact(lastSyncedAt)}` : 'Not synced yet'} disabled={!lastSyncedAt}>
          <Text size="sm">{summary.detail}</Text>
        </Tooltip>
        {progress && (
          <Progress.Root w={120}>
            <Progress.Section value={(progress.done / progress.total) * 100} aria-label={`Sync progress: ${progress.done} of ${progress.total}`} />
          </Progress.Root>
        )}
        {connection.status === 'offline' && sync?.nextRetryAt && (
          <Text size="sm" c="dimmed">
            {retryText(sync.nextRetryAt)}
          </Text>
        )}
      </Group>
      {canSync && (
        <Tooltip label={`Sync now (${shortcutLabel('syncNow')})`}>
          <Button
            size="xs"
            variant="default"
            loading={syncNow.isPending || sync?.status === 'syncing'}
            onClick={() => syncNow.mutate()}
            aria-keyshortcuts={ariaKeyShortcut('syncNow')}
          >
            Sync now
          </Button>
        </Tooltip>
      )}
    </Group>
  );
}
