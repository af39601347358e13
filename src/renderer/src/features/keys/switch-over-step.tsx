/**
 * The last step of a rotation: the new key exists, the old one still works. Shows the old key's last
 * use live (refetched while open) so the person can see the integration has moved before revoking.
 * It says when that live update fails or cannot run (offline), and offers "Revoke old key" only while
 * the freshest row we have says the old key can still be revoked.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { KeyRow } from '../../../../shared/ipc/contract';
import { When } from '../../components/when';
import { toAppError } from '../../lib/ipc';
import { describeError } from '../../lib/report-error';
import { freshestRow } from './freshest-row';
import { useKeyDetails, useKeys, useRevokeWithNotice } from './hooks';
import { canRevoke, rowStatus, statusExplanation } from './key-status';

const LIVE_REFRESH_MS = 5_000;

export function SwitchOverStep({ oldKey, offline, onClose }: { oldKey: KeyRow; offline: boolean; onClose: () => void }) {
  // Offline, main answers from its cache: polling would only repeat the last known use.
  const details = useKeyDetails(oldKey.id, { refetchInterval: offline ? undefined : LIVE_REFRESH_MS });
  // The list is refreshed on its own too (and by main's events): whichever answered last is the truth.
  const list = useKeys();
  const revoke = useRevokeWithNotice(onClose);
  const current = freshestRow(oldKey, [
    { row: list.data?.keys.find((key) => key.id === oldKey.id), updatedAt: list.dataUpdatedAt },
    { row: details.data?.key, updatedAt: details.dataUpdatedAt },
  ]);
  const revocable = canRevoke(current);

  return (
    <Stack gap="md">
      <Text size="sm">
        Update every system that uses “{oldKey.name}” with the new key.{revocable && ' Once nothing uses the old key any more, revoke it.'}
      </Text>
      <div aria-live="polite">
        <Text size="sm" fw={500} component="span">
          Old key last used:{' '}
        </Text>
        <When iso={current.lastUsedAt} />
        {offline ? (
          <Text size="xs" c="dimmed">
            You're offline: this is the last use known before RakerOne Admin went offline. It updates again once RakerOne Admin reconnects.
          </Text>
        ) : details.isError ? (
          <Text size="xs" c="red">
            Couldn't update the last use: {describeError(toAppError(details.error)).message} What you see may be out of date; RakerOne Admin tries
            again every {LIVE_REFRESH_MS / 1000} seconds.
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            Updates every {LIVE_REFRESH_MS / 1000} seconds while this step is open.
          </Text>
        )}
      </div>
      {revocable ? (
        <Alert color="red" variant="light">
          Revoking is immediate and permanent: any system still using “{oldKey.name}” will immediately lose access.
          {offline && ' You are offline, so the old key keeps working until RakerOne Admin reconnects.'}
        </Alert>
      ) : (
        <Text size="sm">
          {rowStatus(current) === 'revoked' ? 'The old key is already revoked.' : statusExplanation(current)}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {revocable ? 'Later' : 'Done'}
        </Button>
        {revocable && (
          <Button color="red" onClick={() => revoke.run(current.id)} loading={revoke.isPending}>
            Revoke old key
          </Button>
        )}
      </Group>
    </Stack>
  );
}
