/** "Revoke this API key?": the page's exact wording, Cancel focused first so Enter never revokes by accident. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { KeyRow } from '@shared/ipc/contract';
import { AppModal } from '../../../components/app-modal';
import { useRevokeWithNotice } from '../hooks';

export function RevokeDialog({ target, offline, onClose }: { target: KeyRow; offline: boolean; onClose: () => void }) {
  const revoke = useRevokeWithNotice(onClose);
  const confirm = () => revoke.run(target.id);

  return (
    <AppModal onClose={onClose} title="Revoke this API key?">
      <Stack gap="md">
        {/* Offline the revocation only waits in the queue: saying "immediately" there would be untrue. */}
        {offline ? (
          <Alert color="yellow" title="You're offline">
            The key keeps working until RakerOne Admin reconnects and the revocation reaches the server. Then any system using “{target.name}” loses access, for
            good: the key can't be brought back.
          </Alert>
        ) : (
          <Text size="sm">Any system using “{target.name}” will immediately lose access. Revoking is permanent: the key can't be brought back.</Text>
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
