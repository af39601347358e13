/**
 * What a scan found: a summary (announced to screen readers), the offline notice, the keys with the
 * actions on them ("Suspend N keys", reversible, beside "Revoke N keys"), the candidates rejected by their checksum or length, and
 * admin tokens, which are not API keys and are only counted.
 */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { KeyRow } from '@shared/ipc/contract';
import type { IdentifyResult } from '@shared/ipc/identify';
import { revokeKeysLabel } from '../keys/bulk/bulk-revoke-dialog';
import { BulkSuspendButton } from '../keys/suspend/containment-actions';
import { FoundKeysTable } from './found-keys-table';
import { plural, revocableKeys, type FoundKeyView } from './found-key-view';
import { RejectedTable } from './rejected-table';

interface Props {
  result: IdentifyResult;
  views: FoundKeyView[];
  /** "Revoke N keys": our keys among the found ones that still work (the bulk revoke's dialog). */
  onRevoke: (keys: KeyRow[]) => void;
}

function whereText(source: IdentifyResult['source']): string {
  return source.kind === 'text' ? 'the pasted text' : `“${source.name}”`;
}

export function summaryText(result: IdentifyResult, views: FoundKeyView[]): string {
  const where = whereText(result.source);
  if (result.keys.length === 0 && result.rejectedCount === 0) return `No API keys found in ${where}.`;
  const parts: string[] = [];
  if (result.keys.length > 0) {
    const found = `Found ${plural(result.keys.length, 'API key')} in ${where}`;
    if (result.lookup === 'offline') {
      parts.push(`${found}: not named yet.`);
    } else {
      const ours = views.filter((view) => view.row !== null).length;
      const notOurs = result.keys.length - ours;
      const split = [ours > 0 ? `${ours.toLocaleString('en-US')} of yours` : null, notOurs > 0 ? `${notOurs.toLocaleString('en-US')} not one of yours` : null];
      parts.push(`${found}: ${split.filter(Boolean).join(', ')}.`);
    }
  } else {
    parts.push(`No valid API keys found in ${where}.`);
  }
  if (result.rejectedCount > 0) parts.push(`${plural(result.rejectedCount, 'candidate')} rejected as not a valid key.`);
  return parts.join(' ');
}

export function ScanResults({ result, views, onRevoke }: Props) {
  const revocable = revocableKeys(views);
  return (
    <Stack gap="md" component="section" aria-labelledby="identify-results">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="identify-results">
            Results
          </Title>
          <Text size="sm" role="status">
            {summaryText(result, views)}
          </Text>
        </div>
        {/* Not sure it leaked yet? Suspend is reversible; Revoke is final. */}
        <Group gap="sm">
          <BulkSuspendButton keys={revocable} size="sm" />
          {revocable.length > 0 && (
            <Button color="red" onClick={() => onRevoke(revocable)}>
              {revokeKeysLabel(revocable.length)}
            </Button>
          )}
        </Group>
      </Group>

      {result.lookup === 'offline' && (
        <Alert color="yellow" title="You're offline">
          RakerOne Admin found {plural(result.keys.length, 'key')} but can't name them until it reconnects. Scan again then: the text stays in the box until the
          keys are named.
        </Alert>
      )}

      {result.keys.length > 0 && <FoundKeysTable views={views} />}

      {result.rejectedCount > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            Not valid keys
          </Title>
          <RejectedTable rejected={result.rejected} total={result.rejectedCount} found={result.keys} />
        </Stack>
      )}

      {result.adminTokens > 0 && (
        <Alert color="red" title={`${plural(result.adminTokens, 'admin access token')} found`}>
          The text also holds {result.adminTokens === 1 ? 'an admin access token' : 'admin access tokens'} (rkr_adm_…). They are not API keys and can't be named
          here: ask the operator of your RakerOne server to revoke them.
        </Alert>
      )}

      {result.keys.length === 0 && result.rejectedCount === 0 && result.adminTokens === 0 && (
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" ta="center">
            Nothing in {whereText(result.source)} looks like a RakerOne API key (rkr_key_…).
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
