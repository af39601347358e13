/** "Revoke this API key?": the page's exact wording, Cancel focused first so Enter never revokes by accident. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { KeyRow } from '../../../../shared/ipc/contract';
import { AppModal } from '../../components/app-modal';
import { reportError } from '../../lib/report-error';
import { useRevokeKey } from './hooks';

export function RevokeDialog({ target, offline, onClose }: { target: KeyRow; offline: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const revoke = useRevokeKey();

  const confirm = () =>
    revoke.mutate(target.id, {
      onSuccess: (row) => {
        notifications.show({
          message: row.pending ? `Revocation pending: “${row.name}” still works until RakerOne Admin reconnects.` : `“${row.name}” is revoked.`,
          closeButtonProps: { 'aria-label': 'Dismiss notification' },
        });
        onClose();
      },
      onError: (error) => reportError(error, client),
    });

  return (
    <AppModal onClose={onClose} title="Revoke this API key?">
      <Stack gap="md">
        <Text size="sm">
          Any system using “{target.name}” will immediately lose access. Revoking is permanent: the key can't be brought back.
        </Text>
        {offline && (
          <Alert color="yellow" title="You're offline">
            The key keeps working until RakerOne Admin reconnects and the revocation reaches the server.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            Revoke key
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
