/**
 * "Resume this API key?": switching a suspended key on again is as consequential as switching it off
 * (a leaked key would work again), so it asks first, showing why the key was suspended. Cancel is
 * focused first. A suspend still queued here is simply cancelled: the server never hears of it.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { KeyRow } from '@shared/ipc/contract';
import { AppModal } from '../../../components/app-modal';
import { reportError } from '../../../lib/report-error';
import { notify, resumedMessage, useResumeKey } from './suspend-hooks';
import { suspensionText } from './suspension-status';

export function ResumeDialog({ target, offline, onClose }: { target: KeyRow; offline: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const resume = useResumeKey();
  const confirm = () =>
    resume.mutate(target.id, {
      onSuccess: (row) => {
        notify(resumedMessage(row));
        onClose();
      },
      onError: (error) => void reportError(error, client),
    });
  const queuedSuspend = target.pending?.action === 'suspend' && target.pending.state !== 'failed';
  return (
    <AppModal onClose={onClose} title="Resume this API key?">
      <Stack gap="md">
        {target.suspension && <Text size="sm">{suspensionText(target.suspension)}</Text>}
        {queuedSuspend ? (
          <Text size="sm">The suspension of “{target.name}” has not reached RakerOne yet: resuming cancels it, and the key keeps working.</Text>
        ) : offline ? (
          <Alert color="yellow" title="You're offline">
            “{target.name}” stays refused until RakerOne Admin reconnects and the resume reaches the server. Then any system using it has access again.
          </Alert>
        ) : (
          <Text size="sm">Any system using “{target.name}” has access again at once, with all its permissions.</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button onClick={confirm} loading={resume.isPending}>
            Resume key
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
