/** First run (no profile) and "sign in again" (the server rejected the stored token). */
import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ConnectionState } from '@shared/ipc/contract';
import { ConnectForm } from './connect-form';

export function ConnectScreen({ connection }: { connection: ConnectionState | undefined }) {
  const unauthorized = connection?.status === 'unauthorized';
  return (
    <Center component="main" mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={460} role="region" aria-labelledby="connect-title">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2" id="connect-title">
              Connect to RakerOne
            </Title>
            <Text c="dimmed" size="sm">
              Enter your RakerOne server and an admin token, or run a server on this computer.
            </Text>
          </div>
          <ConnectForm
            initialServerUrl={connection?.profile?.isLocal ? '' : (connection?.profile?.serverUrl ?? '')}
            reason={
              // VALIDATION: main refused a stored profile or token (edited outside the app) and says why.
              connection?.error?.code === 'VALIDATION'
                ? connection.error.message
                : unauthorized
                  ? `The server at ${connection?.profile?.serverUrl ?? 'this address'} no longer accepts your admin token (it may have been revoked). Enter a new one.`
                  : null
            }
          />
        </Stack>
      </Paper>
    </Center>
  );
}
