/**
 * "Suspend this API key?" / "Suspend N API keys?": the confirmation for switching keys off, from a row,
 * the drawer, the selection bar or Identify leaked keys. It lists the keys, asks why (ReasonField:
 * checked as you type), and for more than one asks the admin to type how many, like a bulk revoke.
 * Cancel is focused first. One key goes through keys:suspend, several through keys:bulk-suspend (one
 * request, or one queued action offline). Offline it says the truth: the keys keep working until
 * RakerOne Admin reconnects.
 */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BulkSuspendResult } from '@shared/ipc/contract';
import { AppModal } from '../../../components/app-modal';
import { reportError } from '../../../lib/report-error';
import { CountConfirmationField, useCountConfirmation } from '../bulk/count-confirmation';
import { KeyTargetList } from '../bulk/key-target-list';
import { ReasonField, reasonIssue } from './reason-field';
import { bulkSuspendResultLines, notify, suspendedMessage, useBulkSuspend, useSuspendKey } from './suspend-hooks';

export interface SuspendTarget {
  id: string;
  name: string;
  hint: string;
}

interface Props {
  targets: SuspendTarget[];
  offline: boolean;
  onClose: () => void;
  /** Called once the keys are suspended or queued (before the dialog closes). */
  onDone?: () => void;
}

export const suspendKeysLabel = (n: number) => (n === 1 ? 'Suspend 1 key' : `Suspend ${n} keys`);

export function SuspendDialog({ targets, offline, onClose, onDone }: Props) {
  const client = useQueryClient();
  const single = useSuspendKey();
  const bulk = useBulkSuspend();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [review, setReview] = useState<BulkSuspendResult | null>(null);
  const count = targets.length;
  const countConfirmation = useCountConfirmation(count);
  const countConfirmed = countConfirmation.confirmed;
  const pending = single.isPending || bulk.isPending;
  const onError = (error: unknown) => void reportError(error, client);

  const confirm = () => {
    setTouched(true);
    if (reasonIssue(reason) !== null || !countConfirmed || pending) return;
    const [only] = targets;
    if (count === 1 && only) {
      single.mutate(
        { id: only.id, reason },
        {
          onSuccess: (row) => {
            notify(suspendedMessage(row));
            onDone?.();
            onClose();
          },
          onError,
        },
      );
      return;
    }
    bulk.mutate(
      { ids: targets.map((t) => t.id), reason },
      {
        onSuccess: (result) => {
          onDone?.();
          if (result.notFound.length > 0) return setReview(result);
          notify(bulkSuspendResultLines(result).join(' '));
          onClose();
        },
        onError,
      },
    );
  };

  if (review) return <BulkSuspendReview result={review} onClose={onClose} />;

  return (
    <AppModal onClose={onClose} title={count === 1 ? 'Suspend this API key?' : `Suspend ${count} API keys?`} size="lg">
      <Stack gap="md">
        {!offline && (
          <Text size="sm">
            Any system using {count === 1 ? 'this key' : 'these keys'} loses access at once, until an admin resumes {count === 1 ? 'it' : 'them'}. Nothing else
            changes: {count === 1 ? 'the key keeps its' : 'the keys keep their'} permissions and can be resumed at any time.
          </Text>
        )}
        <KeyTargetList label="Keys to suspend" targets={targets} maxHeight={200} />
        {offline && (
          <Alert color="yellow" title="You're offline">
            {count === 1 ? 'The key keeps' : 'The keys keep'} working until RakerOne Admin reconnects and the suspension reaches the server. Then any system
            using {count === 1 ? 'it loses' : 'them loses'} access until an admin resumes {count === 1 ? 'it' : 'them'}.
          </Alert>
        )}
        <ReasonField
          value={reason}
          onChange={(value) => {
            setReason(value);
            setTouched(true);
          }}
          touched={touched}
          onSubmit={confirm}
        />
        <CountConfirmationField count={count} verb="suspend" confirmation={countConfirmation} onEnter={confirm} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="grape" onClick={confirm} disabled={!countConfirmed || (touched && reasonIssue(reason) !== null)} loading={pending}>
            {count === 1 ? 'Suspend key' : suspendKeysLabel(count)}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** What happened, key by key, when some keys are unknown to RakerOne. */
function BulkSuspendReview({ result, onClose }: { result: BulkSuspendResult; onClose: () => void }) {
  return (
    <AppModal onClose={onClose} title="Bulk suspend finished" size="lg">
      <Stack gap="md">
        {bulkSuspendResultLines(result).map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        <Alert color="yellow" title="Not found on RakerOne">
          <List spacing={4} size="sm" listStyleType="none" aria-label="Keys not found">
            {result.notFound.map((key) => (
              <List.Item key={key.id}>{key.name ?? key.id}</List.Item>
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
