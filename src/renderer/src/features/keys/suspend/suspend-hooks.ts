/**
 * keys:suspend, keys:resume and keys:bulk-suspend from the renderer, and the words for their answers:
 * done, or pending until RakerOne Admin reconnects (a queued suspend does not switch the key off yet).
 * The row main answers replaces the list's copy at once; main's keys:changed refreshes the rest.
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { BulkSuspendResult, KeyRow, KeysView } from '@shared/ipc/contract';
import { call } from '../../../lib/ipc';
import { invalidate, queryKeys } from '../../../lib/query-keys';

function showRow(client: QueryClient, row: KeyRow) {
  client.setQueryData<KeysView>(queryKeys.keys, (view) => view && { ...view, keys: view.keys.map((key) => (key.id === row.id ? row : key)) });
  invalidate.key(client, row.id);
}

export function notify(message: string) {
  notifications.show({ message, closeButtonProps: { 'aria-label': 'Dismiss notification' } });
}

/** What a suspend ended in, for the notification. */
export function suspendedMessage(row: KeyRow): string {
  if (row.pending?.action === 'suspend' && row.pending.state !== 'failed')
    return `Suspension pending: “${row.name}” keeps working until RakerOne Admin reconnects.`;
  if (row.status === 'suspended') return `“${row.name}” is suspended: RakerOne refuses it until it is resumed.`;
  // An unsent resume was cancelled and the server never switched the key off: nothing changed there.
  return `“${row.name}” keeps working.`;
}

/** What a resume ended in, for the notification. */
export function resumedMessage(row: KeyRow): string {
  if (row.pending?.action === 'resume' && row.pending.state !== 'failed') return `Resume pending: “${row.name}” stays refused until RakerOne Admin reconnects.`;
  if (row.status === 'suspended') return `“${row.name}” is still suspended.`;
  return `“${row.name}” works again.`;
}

export function useSuspendKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; reason: string }) => call('keys:suspend', input),
    onSuccess: (row) => showRow(client, row),
    onSettled: () => invalidate.allKeys(client),
  });
}

export function useResumeKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('keys:resume', { id }),
    onSuccess: (row) => showRow(client, row),
    onSettled: () => invalidate.allKeys(client),
  });
}

export function useBulkSuspend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: string[]; reason: string }) => call('keys:bulk-suspend', input),
    onSettled: () => invalidate.allKeys(client),
  });
}

const keysWord = (n: number) => (n === 1 ? '1 key' : `${n} keys`);

/** One sentence per outcome, in the order an admin acts on them; never claims more than happened. */
export function bulkSuspendResultLines(result: BulkSuspendResult): string[] {
  const lines: string[] = [];
  if (result.suspended.length > 0) lines.push(`${keysWord(result.suspended.length)} suspended: refused until resumed.`);
  if (result.pending.length > 0) {
    const n = result.pending.length;
    lines.push(`Suspension pending for ${keysWord(n)}: ${n === 1 ? 'it keeps' : 'they keep'} working until RakerOne Admin reconnects.`);
  }
  if (result.alreadySuspended.length > 0)
    lines.push(`${keysWord(result.alreadySuspended.length)} ${result.alreadySuspended.length === 1 ? 'was' : 'were'} already suspended.`);
  if (result.notActive.length > 0)
    lines.push(`${keysWord(result.notActive.length)} ${result.notActive.length === 1 ? 'was' : 'were'} revoked or expired: nothing to suspend.`);
  if (result.notFound.length > 0)
    lines.push(`${keysWord(result.notFound.length)} not found on RakerOne: nothing was suspended for ${result.notFound.length === 1 ? 'it' : 'them'}.`);
  if (lines.length === 0) lines.push('Nothing to suspend.');
  return lines;
}
