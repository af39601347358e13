/**
 * A page whose data couldn't be loaded: its title, the error in the shared words (lib/report-error.ts)
 * and Try again; a refusal (FORBIDDEN) is the no-access message, as for every Admin page.
 */
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { toAppError } from '../lib/ipc';
import { describeError } from '../lib/report-error';
import { NoAccess } from './no-access';

export function PageError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const appError = toAppError(error);
  if (appError.code === 'FORBIDDEN') return <NoAccess />;
  const described = describeError(appError);
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Alert color="red" title={described.title} role="alert">
        <Text size="sm">{described.message}</Text>
        <Button mt="sm" size="xs" variant="default" onClick={onRetry}>
          Try again
        </Button>
      </Alert>
    </Stack>
  );
}
