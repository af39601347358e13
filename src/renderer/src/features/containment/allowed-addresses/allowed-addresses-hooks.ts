/**
 * Setting a key's allowed addresses (keys:set-allowed-addresses), followed by a notification that says
 * what happened — in effect, or pending until RakerOne Admin reconnects. The row main answers replaces
 * the list's copy at once; main's keys:changed refreshes the rest.
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KeyRow, KeysView } from '@shared/ipc/contract';
import { call } from '../../../lib/ipc';
import { invalidate, queryKeys } from '../../../lib/query-keys';
import { reportError } from '../../../lib/report-error';

/** What the notification says once main answered. */
export function savedMessage(row: KeyRow, allowedAddresses: string[] | null): string {
  if (row.allowedAddressesPending) return `Allowed addresses pending: “${row.name}” keeps the addresses it allowed before until RakerOne Admin reconnects.`;
  if (allowedAddresses === null) return `“${row.name}” can be used from any address.`;
  const count = allowedAddresses.length;
  return `“${row.name}” can be used only from ${count === 1 ? allowedAddresses[0] : `${count} addresses or blocks`}.`;
}

export function useSetAllowedAddresses(onDone: () => void) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: { id: string; allowedAddresses: string[] | null }) => call('keys:set-allowed-addresses', input),
    onSuccess: (row) => {
      client.setQueryData<KeysView>(queryKeys.keys, (view) => view && { ...view, keys: view.keys.map((key) => (key.id === row.id ? row : key)) });
      invalidate.key(client, row.id);
    },
  });
  const run = (id: string, allowedAddresses: string[] | null) =>
    mutation.mutate(
      { id, allowedAddresses },
      {
        onSuccess: (row) => {
          notifications.show({ message: savedMessage(row, allowedAddresses), closeButtonProps: { 'aria-label': 'Dismiss notification' } });
          onDone();
        },
        onError: (error) => reportError(error, client),
      },
    );
  return { run, isPending: mutation.isPending };
}
