/**
 * The last step of a rotation: the new key exists, the old one still works. Shows the old key's last
 * use live (refetched while open) so the person can see the integration has moved before revoking.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { KeyRow } from '../../../../shared/ipc/contract';
import { When } from '../../components/when';
import { useKeyDetails, useRevokeWithNotice } from './hooks';

const LIVE_REFRESH_MS = 5_000;

export function SwitchOverStep({ oldKey, offline, onClose }: { oldKey: KeyRow; offline: boolean; onClose: () => void }) {
  const details = useKeyDetails(oldKey.id, { refetchInterval: LIVE_REFRESH_MS });
  const revoke = useRevokeWithNotice(onClose);
  const current = details.data?.key ?? oldKey;

  const revokeOld = () => revoke.run(oldKey.id);

  return (
    <Stack gap="md">
      <Text size="sm">
        Update every system that uses “{oldKey.name}” with the new key. Once nothing uses the old key any more, revoke it.
      </Text>
      <div aria-live="polite">
        <Text size="sm" fw={500} component="span">
          Old key last used:{' '}
        </Text>
        <When iso={current.lastUsedAt} />
        <Text size="xs" c="dimmed">
          Updates every {LIVE_REFRESH_MS / 1000} seconds while this step is open.
        </Text>
      </div>
      <Alert color="red" variant="light">
        Revoking is immediate and permanent: any system still using “{oldKey.name}” will immediately lose access.
        {offline && ' You are offline, so the old key keeps working until RakerOne Admin reconnects.'}
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          Later
        </Button>
        <Button color="red" onClick={revokeOld} loading={revoke.isPending}>
          Revoke old key
        </Button>
      </Group>
    </Stack>
  );
}
