/**
 * What the list says instead of rows while the "Used from" filter has no answer from the server: looking
 * it up, it needs the server (offline), or the lookup failed. Never an empty table, which would read as
 * "no key was used from there".
 */
import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { describeError } from '../../../lib/report-error';
import { toAppError } from '../../../lib/ipc';

export type UsedFromState = { kind: 'loading' } | { kind: 'offline' } | { kind: 'failed'; error: unknown };

export function UsedFromNotice({ address, state, onRetry, onClear }: { address: string; state: UsedFromState; onRetry: () => void; onClear: () => void }) {
  if (state.kind === 'loading')
    return (
      <Group gap="xs" role="status" data-testid="used-from-notice">
        <Loader size="xs" />
        <Text size="sm">Looking up the keys used from {address}…</Text>
      </Group>
    );
  const { title, message } =
    state.kind === 'offline'
      ? {
          title: `Finding the keys used from ${address} needs the server`,
          message: 'RakerOne Admin is offline, and only RakerOne knows which addresses each key was used from. Try again once it reconnects.',
        }
      : describeError(toAppError(state.error));
  return (
    <Paper withBorder p="xl" radius="md" role="status" data-testid="used-from-notice">
      <Stack align="center" gap="sm">
        <Text fw={500} ta="center">
          {title}
        </Text>
        <Text size="sm" c="dimmed" ta="center" maw={460}>
          {message}
        </Text>
        <Group gap="xs">
          {state.kind === 'failed' && (
            <Button variant="light" onClick={onRetry}>
              Try again
            </Button>
          )}
          <Button variant="default" onClick={onClear}>
            Remove the Used from filter
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
