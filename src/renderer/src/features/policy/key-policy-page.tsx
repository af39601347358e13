/**
 * Admin → Key policy: read and set what every new key must satisfy (a maximum lifetime, "Require an
 * expiry date"). The policy shown is main's (policy:get: the server's, or offline its last known copy,
 * said with its age). Saving needs the server; offline the form stays as typed and the save says so.
 * Anyone who is not an Admin never reaches this page (app.tsx shows the no-access message, as for
 * every Admin page, and the server refuses them the policy); if the server refuses a save anyway
 * (the person's role changed since sign-in), the form turns read-only with the server's reason.
 */
import { Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AppErrorDto } from '@shared/errors';
import type { KeyPolicy } from '@shared/http/api-keys';
import { PageError } from '../../components/page-error';
import { markReady, toAppError } from '../../lib/ipc';
import { reportError } from '../../lib/report-error';
import { relative } from '../../lib/time';
import { useMinuteTick } from '../../lib/use-minute-tick';
import { usePolicy } from '../keys/hooks';
import { useSetKeyPolicy } from './hooks';
import { KeyPolicyForm } from './key-policy-form';

export function KeyPolicyPage({ offline }: { offline: boolean }) {
  useMinuteTick();
  const client = useQueryClient();
  const policyQuery = usePolicy();
  const setPolicy = useSetKeyPolicy();
  const [saveError, setSaveError] = useState<AppErrorDto | null>(null);
  const [readOnlyReason, setReadOnlyReason] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const view = policyQuery.data;

  useEffect(() => {
    if (view || policyQuery.isError) markReady();
  }, [view, policyQuery.isError]);

  const save = (policy: KeyPolicy) => {
    setSaveError(null);
    setSaved(false);
    setPolicy.mutate(policy, {
      onSuccess: () => setSaved(true),
      onError: (raw) => {
        const error = toAppError(raw);
        if (error.code === 'UNAUTHORIZED') return void reportError(error, client);
        if (error.code === 'FORBIDDEN') return setReadOnlyReason(`Only an Admin can change the key policy. RakerOne said: ${error.message}`);
        setSaveError(error);
      },
    });
  };

  if (policyQuery.isError) return <PageError title="Key policy" error={policyQuery.error} onRetry={() => void policyQuery.refetch()} />;

  return (
    <Stack gap="md" className="rk-page-scroll">
      <div>
        <Title order={1}>Key policy</Title>
        <Text size="sm" c="dimmed" maw={640}>
          Rules every new API key must follow. They apply when a key is created or rotated; keys that already exist keep their expiry.
        </Text>
      </div>
      {!view ? (
        <Group p="xl">
          <Loader aria-label="Loading the key policy" />
        </Group>
      ) : (
        <>
          {(offline || view.source === 'cache') && (
            <Text size="sm" role="note" maw={640}>
              {view.fetchedAt
                ? `You're offline: this is the key policy as of ${relative(view.fetchedAt)}. Changing it needs the server.`
                : "You're offline and RakerOne Admin hasn't read the key policy yet. Reading or changing it needs the server."}
            </Text>
          )}
          {view.policy && (
            <KeyPolicyForm
              policy={view.policy}
              saving={setPolicy.isPending}
              readOnlyReason={readOnlyReason}
              saveError={saveError}
              saved={saved}
              onSave={save}
              onEdit={() => setSaved(false)}
            />
          )}
        </>
      )}
    </Stack>
  );
}
