/**
 * The saved key list and offline queue could not be read (a corrupt file, or one from a newer
 * version of the app): main kept the file aside and started from the server's list. Actions queued
 * offline before then may never have reached RakerOne — a revocation among them would leave a key
 * working — so the admin is told plainly, with where the file is, until they dismiss it.
 */
import { Alert, Button, Code, Text } from '@mantine/core';
import type { SyncState } from '@shared/ipc/contract';
import { exact } from '../../lib/time';
import { useDismissUnreadable } from './hooks';

export function UnreadableNotice({ sync }: { sync: SyncState | undefined }) {
  const dismiss = useDismissUnreadable();
  const unreadable = sync?.unreadable;
  if (!unreadable) return null;
  return (
    <Alert color="orange" title="Saved offline changes couldn't be read" mb="md">
      <Text size="sm">
        On {exact(unreadable.at)}, RakerOne Admin couldn't read the key list and offline queue it saved on this computer, so it started again from the server's
        list. Changes you made offline before then may not have reached RakerOne: check the list, and revoke or create keys again where needed.
      </Text>
      <Text size="sm" mt="xs">
        The unreadable file was kept at <Code>{unreadable.keptAs}</Code>.
      </Text>
      <Button mt="sm" size="xs" variant="default" onClick={() => dismiss.mutate()} loading={dismiss.isPending}>
        Dismiss
      </Button>
    </Alert>
  );
}
