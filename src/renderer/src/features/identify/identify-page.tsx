/**
 * Admin → Identify leaked keys: paste text or open a file; main finds every API key in it by format
 * and checksum, hashes each one and asks RakerOne which keys they are. The page lists them (name,
 * status, last used, created by, or "Not one of yours") with one action on the keys of ours that still
 * work. Offline the scan still finds and counts the keys, and says it cannot name them yet.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppErrorDto } from '@shared/errors';
import type { KeyRow } from '@shared/ipc/contract';
import { call, markReady } from '../../lib/ipc';
import { describeError } from '../../lib/report-error';
import { BulkRevokeDialog } from '../keys/bulk/bulk-revoke-dialog';
import { ContainmentDialogs } from '../keys/suspend/containment-dialogs';
import { useKeys } from '../keys/hooks';
import { foundKeyViews } from './found-key-view';
import { ScanForm } from './scan-form';
import { ScanResults } from './scan-results';
import { useScan } from './use-scan';

export function IdentifyPage({ offline }: { offline: boolean }) {
  const { outcome, scanning, run } = useScan();
  const keys = useKeys();
  const [revoking, setRevoking] = useState<KeyRow[] | null>(null);

  useEffect(() => {
    markReady();
  }, []);

  const views = outcome.status === 'done' ? foundKeyViews(outcome.result, keys.data?.keys) : [];

  return (
    <Stack gap="lg" className="rk-page-scroll">
      <div>
        <Title order={1}>Identify leaked keys</Title>
        <Text size="sm" c="dimmed" maw={720}>
          Found an API key in a log, a config file or a chat message? Paste the text or open the file to see which of your keys it is, who made it and when it
          was last used, and revoke it.
        </Text>
      </div>

      {offline && (
        <Text size="sm" role="note">
          You're offline: a scan still finds and counts keys, but RakerOne Admin can name them only once it reconnects.
        </Text>
      )}

      <ScanForm
        scanning={scanning}
        // The text stays in the box while the keys could not be named (offline), to scan again later.
        onScanText={async (text) => {
          const result = await run(() => call('keys:identify', { text }));
          return result !== null && result.lookup !== 'offline';
        }}
        onOpenFile={() => void run(() => call('keys:identify-file', {}))}
      />

      {outcome.status === 'failed' && <ScanFailed error={outcome.error} />}
      {outcome.status === 'done' && <ScanResults result={outcome.result} views={views} onRevoke={setRevoking} />}
      {revoking && (
        // The bulk revoke's own dialog: lists the keys, asks to type how many for more than one.
        // Once done, the keys list refreshes and the results show each key's new status.
        <BulkRevokeDialog targets={revoking.map(({ id, name, hint }) => ({ id, name, hint }))} offline={offline} onClose={() => setRevoking(null)} />
      )}
      <ContainmentDialogs offline={offline} />
    </Stack>
  );
}

function ScanFailed({ error }: { error: AppErrorDto }) {
  // A refused text or file (too large, unreadable) is about the input, not a form field.
  const { title, message } =
    error.code === 'VALIDATION' || error.code === 'NOT_FOUND' ? { title: "Couldn't scan this", message: error.message } : describeError(error);
  return (
    <Alert color="red" title={title} role="alert">
      {message}
    </Alert>
  );
}
