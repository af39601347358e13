/**
 * Scheduling and cancelling a key's retirement (keys:schedule-retirement, keys:cancel-retirement),
 * each followed by a notification that says what happened — done, or pending until RakerOne Admin
 * reconnects. The row main answers replaces the list's copy at once; main's keys:changed refreshes the rest.
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { KeyRow, KeysView, RetirementPlanInput } from '@shared/ipc/contract';
import { call } from '../../../lib/ipc';
import { invalidate, queryKeys } from '../../../lib/query-keys';
import { reportError } from '../../../lib/report-error';
import { endOfLife } from '../table/key-status';

function showRow(client: QueryClient, row: KeyRow) {
  client.setQueryData<KeysView>(queryKeys.keys, (view) => view && { ...view, keys: view.keys.map((key) => (key.id === row.id ? row : key)) });
  invalidate.key(client, row.id);
}

function notify(message: string) {
  notifications.show({ message, closeButtonProps: { 'aria-label': 'Dismiss notification' } });
}

/** What a scheduled retirement now says, for the notification. */
function scheduledMessage(row: KeyRow): string {
  if (row.pending?.action === 'schedule-retirement') return `Retirement pending: “${row.name}” retires as planned once RakerOne Admin reconnects.`;
  const end = endOfLife(row);
  return end ? `“${row.name}”: ${end.text.charAt(0).toLowerCase()}${end.text.slice(1)}.` : `“${row.name}” is scheduled to retire.`;
}

export function useScheduleRetirement(onDone: () => void) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: { id: string; plan: RetirementPlanInput }) => call('keys:schedule-retirement', input),
    onSuccess: (row) => showRow(client, row),
  });
  const run = (id: string, plan: RetirementPlanInput) =>
    mutation.mutate(
      { id, plan },
      {
        onSuccess: (row) => {
          notify(scheduledMessage(row));
          onDone();
        },
        onError: (error) => reportError(error, client),
      },
    );
  return { run, isPending: mutation.isPending };
}

export function useCancelRetirement() {
  const client = useQueryClient();
  // Said in the mutation's own callbacks: the button that asked is gone once the plan is (its row
  // redraws without it), and per-call callbacks do not run for an unmounted caller.
  const mutation = useMutation({
    mutationFn: (id: string) => call('keys:cancel-retirement', { id }),
    onSuccess: (row) => {
      showRow(client, row);
      notify(
        row.pending?.action === 'cancel-retirement'
          ? `Cancellation pending: “${row.name}” still retires as planned until RakerOne Admin reconnects.`
          : `“${row.name}” no longer retires on its own.`,
      );
    },
    onError: (error) => reportError(error, client),
  });
  const run = (id: string) => mutation.mutate(id);
  return { run, isPending: mutation.isPending };
}
