/** Queued actions the server refused for good (403, 404…): shown with their reason until dismissed. */
import { Alert, Button, Group, List, Text } from '@mantine/core';
import type { SyncState } from '@shared/ipc/contract';
import { useDismissFailed } from './hooks';

const VERB = {
  create: 'create',
  revoke: 'revoke',
  'schedule-retirement': 'schedule the retirement of',
  'cancel-retirement': 'cancel the retirement of',
  suspend: 'suspend',
  resume: 'resume',
  'set-allowed-addresses': 'change the allowed addresses of',
} as const satisfies Record<SyncState['failed'][number]['action'], string>;

export function FailedActions({ sync }: { sync: SyncState | undefined }) {
  const dismiss = useDismissFailed();
  if (!sync || sync.failed.length === 0) return null;
  return (
    <Alert
      color="red"
      title={sync.failed.length === 1 ? "A queued change couldn't be applied" : `${sync.failed.length} queued changes couldn't be applied`}
      mb="md"
    >
      <List spacing="xs" listStyleType="none">
        {sync.failed.map((item) => (
          <List.Item key={item.outboxId}>
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Text size="sm">
                Couldn't {VERB[item.action]} “{item.keyName}”: {item.error?.message ?? 'the server refused it.'}
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={() => dismiss.mutate(item.outboxId)}
                loading={dismiss.isPending && dismiss.variables === item.outboxId}
                aria-label={`Dismiss: couldn't ${VERB[item.action]} “${item.keyName}”`}
              >
                Dismiss
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
