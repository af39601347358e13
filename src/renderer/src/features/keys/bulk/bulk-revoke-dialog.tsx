/**
 * "Revoke N API keys?": the confirmation for revoking many keys at once. It lists every key (name and
 * hint), and for more than one asks the admin to type how many, so a slip of the hand cannot revoke a
 * whole list. Exported for every page that offers "Revoke N keys" (it needs only {id, name, hint}).
 * Cancel is focused first, as in the single-key dialog. When the answer holds something the admin must
 * see (keys RakerOne does not know), the dialog stays open on it; otherwise a notification says what
 * happened and the dialog closes.
 */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BulkRevokeResult } from '@shared/ipc/bulk-revoke';
import { AppModal } from '../../../components/app-modal';
import { reportError } from '../../../lib/report-error';
import { CountConfirmationField, useCountConfirmation } from './count-confirmation';
import { KeyTargetList } from './key-target-list';
import { bulkResultLines, bulkResultNeedsReview, useBulkRevoke } from './bulk-revoke-hooks';

export interface BulkRevokeTarget {
  id: string;
  name: string;
  hint: string;
}

interface Props {
  targets: BulkRevokeTarget[];
  offline: boolean;
  onClose: () => void;
  /** Called with the answer once the keys are revoked or queued (before the dialog closes). */
  onDone?: (result: BulkRevokeResult) => void;
}

export const revokeKeysLabel = (n: number) => (n === 1 ? 'Revoke 1 key' : `Revoke ${n} keys`);

export function BulkRevokeDialog({ targets, offline, onClose, onDone }: Props) {
  const client = useQueryClient();
  const bulk = useBulkRevoke();
  const [review, setReview] = useState<BulkRevokeResult | null>(null);
  const count = targets.length;
  const countConfirmation = useCountConfirmation(count);
  const confirmed = countConfirmation.confirmed;

  const confirm = () =>
    bulk.mutate(
      targets.map((t) => t.id),
      {
        onSuccess: (result) => {
          onDone?.(result);
          if (bulkResultNeedsReview(result)) return setReview(result);
          notifications.show({ message: bulkResultLines(result).join(' '), closeButtonProps: { 'aria-label': 'Dismiss notification' } });
          onClose();
        },
        onError: (error) => void reportError(error, client),
      },
    );

  if (review) return <BulkRevokeReview result={review} targets={targets} onClose={onClose} />;

  return (
    <AppModal onClose={onClose} title={count === 1 ? 'Revoke this API key?' : `Revoke ${count} API keys?`} size="lg">
      <Stack gap="md">
        {/* Offline the revocation only waits in the queue: the alert below says when it takes effect. */}
        {!offline && (
          <Text size="sm">
            Any system using {count === 1 ? 'this key' : 'these keys'} will immediately lose access. Revoking is permanent:{' '}
            {count === 1 ? "the key can't" : "the keys can't"} be brought back.
          </Text>
        )}
        <KeyTargetList label="Keys to revoke" targets={targets} maxHeight={240} />
        {offline && (
          <Alert color="yellow" title="You're offline">
            {count === 1 ? 'The key keeps' : 'The keys keep'} working until RakerOne Admin reconnects and the revocation reaches the server. Then any system
            using {count === 1 ? 'it loses' : 'them loses'} access, for good: {count === 1 ? "the key can't" : "the keys can't"} be brought back.
          </Alert>
        )}
        <CountConfirmationField
          count={count}
          verb="revoke"
          confirmation={countConfirmation}
          onEnter={() => {
            if (confirmed && !bulk.isPending) confirm();
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} disabled={!confirmed} loading={bulk.isPending}>
            {revokeKeysLabel(count)}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** What happened, key by key, when some keys could not be revoked as asked. */
function BulkRevokeReview({ result, targets, onClose }: { result: BulkRevokeResult; targets: BulkRevokeTarget[]; onClose: () => void }) {
  // Main names only keys it has listed; the page that asked knows the rest (e.g. keys it identified).
  const asked = new Map(targets.map((target) => [target.id.toLowerCase(), target]));
  const notFound = result.notFound.map((key) => ({
    ...key,
    name: key.name ?? asked.get(key.id.toLowerCase())?.name ?? key.id,
    hint: key.hint ?? asked.get(key.id.toLowerCase())?.hint ?? null,
  }));
  return (
    <AppModal onClose={onClose} title="Bulk revoke finished" size="lg">
      <Stack gap="md">
        {bulkResultLines(result).map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        <Alert color="yellow" title="Not found on RakerOne">
          <List spacing={4} size="sm" listStyleType="none" aria-label="Keys not found">
            {notFound.map((key) => (
              <List.Item key={key.id}>
                {key.name}
                {key.hint && (
                  <Text span size="sm" c="dimmed" ff="monospace">
                    {' '}
                    {key.hint}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
