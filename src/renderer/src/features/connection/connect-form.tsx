/**
 * Server URL + admin token, or "use a local server". The token lives only in this component's state
 * while typed and is cleared as soon as it is submitted, whatever the outcome: it is deliberately not
 * sent through useMutation, whose cache would keep the variables (and so the token) around.
 */
import { Alert, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ServerUrlSchema } from '@shared/ipc/server-url';
import type { ConnectionState } from '@shared/ipc/contract';
import { call, markReady, toAppError } from '../../lib/ipc';
import { invalidate, queryKeys } from '../../lib/query-keys';
import { describeError, fieldErrors } from '../../lib/report-error';

interface Props {
  initialServerUrl?: string;
  /** Why the person is here again, e.g. the server rejected the stored token. */
  reason?: string | null;
  onConnected?: (state: ConnectionState) => void;
}

type Busy = 'connect' | 'local' | null;

export function ConnectForm({ initialServerUrl = '', reason = null, onConnected }: Props) {
  const client = useQueryClient();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [adminToken, setAdminToken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);

  useEffect(() => markReady(), []);

  const finish = async (channel: 'connection:connect' | 'connection:start-local', run: () => Promise<ConnectionState>) => {
    setBusy(channel === 'connection:connect' ? 'connect' : 'local');
    setFormError(null);
    try {
      const state = await run();
      client.setQueryData(queryKeys.connection, state);
      invalidate.session(client);
      onConnected?.(state);
    } catch (raw) {
      const error = toAppError(raw);
      if (error.code === 'VALIDATION') setErrors(fieldErrors(error));
      else if (error.code === 'UNAUTHORIZED') setErrors({ adminToken: 'The server did not accept this admin token. Check it and try again.' });
      else if (error.code === 'NETWORK' || error.code === 'TIMEOUT') setErrors({ serverUrl: `Can't reach this server: ${error.message}` });
      else {
        const { title, message } = describeError(error);
        setFormError(`${title}. ${message}`);
      }
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = ServerUrlSchema.safeParse(serverUrl);
    const next: Record<string, string> = {};
    if (!url.success) next.serverUrl = url.error.issues[0]?.message ?? 'Enter a server URL';
    if (adminToken.trim() === '') next.adminToken = 'Admin token is required';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const token = adminToken.trim();
    setAdminToken('');
    void finish('connection:connect', () => call('connection:connect', { serverUrl: url.data ?? serverUrl, adminToken: token }));
  };

  return (
    <Stack gap="md">
      {reason && (
        <Alert color="yellow" title="Sign in again">
          {reason}
        </Alert>
      )}
      {formError && (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Server URL"
            placeholder="https://rakerone.example.com"
            value={serverUrl}
            onChange={(event) => setServerUrl(event.currentTarget.value)}
            error={errors.serverUrl}
            required
            autoComplete="url"
            data-autofocus
          />
          <PasswordInput
            label="Admin token"
            description="Stored only in your system keychain, never on disk."
            value={adminToken}
            onChange={(event) => setAdminToken(event.currentTarget.value)}
            error={errors.adminToken}
            required
            autoComplete="off"
          />
          <Button type="submit" loading={busy === 'connect'} disabled={busy !== null}>
            Connect
          </Button>
        </Stack>
      </form>
      <Divider label="or" labelPosition="center" />
      <Stack gap={4}>
        <Button
          variant="default"
          loading={busy === 'local'}
          disabled={busy !== null}
          onClick={() => void finish('connection:start-local', () => call('connection:start-local', {}))}
        >
          Use a local server
        </Button>
        <Text size="sm" c="dimmed">
          Starts a RakerOne API server on this computer and connects to it.
        </Text>
      </Stack>
    </Stack>
  );
}
