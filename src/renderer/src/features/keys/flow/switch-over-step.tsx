/**
 * The last step of a rotation: the new key exists, the old one still works. Shows the old key's last
 * use live (refetched while open) so the person can see the integration has moved, and asks how the
 * old key retires: when the new key is first used (plus a grace), at a time, now (a revoke, as
 * before), or not at all ("I'll revoke it myself"). It says when the live update fails or cannot run
 * (offline), and offers the choice only while the freshest row we have says the old key can still be
 * revoked.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { When } from '../../../components/when';
import { toAppError } from '../../../lib/ipc';
import { describeError } from '../../../lib/report-error';
import { useMinuteTick } from '../../../lib/use-minute-tick';
import { freshestRow } from './freshest-row';
import { useKeyDetails, useKeys, useRevokeWithNotice } from '../hooks';
import { canRevoke, rowStatus, statusExplanation } from '../table/key-status';
import {
  DEFAULT_CHOICE,
  DEFAULT_GRACE_SECONDS,
  defaultTime,
  graceWords,
  planOf,
  timeError,
  timeWords,
  type RetirementChoice,
} from '../retirement/retirement-choice';
import { RetirementFields } from '../retirement/retirement-fields';
import { useScheduleRetirement } from '../retirement/retirement-hooks';

const LIVE_REFRESH_MS = 5_000;

interface Props {
  oldKey: KeyRow;
  /** The replacement just created (its local id while its create is queued: main re-points it). */
  newKey: KeyRow;
  offline: boolean;
  onClose: () => void;
}

function ChoiceNote({
  choice,
  oldName,
  graceSeconds,
  time,
  now,
  offline,
}: {
  choice: RetirementChoice;
  oldName: string;
  graceSeconds: number;
  time: string;
  now: number;
  offline: boolean;
}) {
  const queued = offline ? ' You are offline: RakerOne gets this plan once RakerOne Admin reconnects, and until then the old key does not retire.' : '';
  switch (choice) {
    case 'now':
      return (
        <Alert color="red" variant="light">
          Revoking is immediate and permanent: any system still using “{oldName}” will immediately lose access.
          {offline && ' You are offline, so the old key keeps working until RakerOne Admin reconnects.'}
        </Alert>
      );
    case 'first-use':
      return (
        <Alert color="blue" variant="light">
          “{oldName}” stops working {graceWords(graceSeconds)} the new key is first used. Until then both keys work.{queued}
        </Alert>
      );
    case 'at':
      return (
        <Alert color="blue" variant="light">
          {timeError(time, now) === null ? `“${oldName}” stops working on ${timeWords(time)}.` : `Pick when “${oldName}” stops working.`} Until then both keys
          work.{queued}
        </Alert>
      );
    case 'myself':
      return <Text size="sm">“{oldName}” keeps working until you revoke it in API keys.</Text>;
  }
}

export function SwitchOverStep({ oldKey, newKey, offline, onClose }: Props) {
  // Offline, main answers from its cache: polling would only repeat the last known use.
  const details = useKeyDetails(oldKey.id, { refetchInterval: offline ? undefined : LIVE_REFRESH_MS });
  // The list is refreshed on its own too (and by main's events): whichever answered last is the truth.
  const list = useKeys();
  const revoke = useRevokeWithNotice(onClose);
  const schedule = useScheduleRetirement(onClose);
  const [choice, setChoice] = useState<RetirementChoice>(DEFAULT_CHOICE);
  const [graceSeconds, setGraceSeconds] = useState(DEFAULT_GRACE_SECONDS);
  const [time, setTime] = useState(() => defaultTime(Date.now()));
  // What the step shows is judged as of the minute tick; the click checks the time against the real now.
  const now = useMinuteTick() * 60_000;
  const [showTimeError, setShowTimeError] = useState(false);
  const current = freshestRow(oldKey, [
    { row: list.data?.keys.find((key) => key.id === oldKey.id), updatedAt: list.dataUpdatedAt },
    { row: details.data?.key, updatedAt: details.dataUpdatedAt },
  ]);
  const revocable = canRevoke(current);

  const confirm = () => {
    if (choice === 'now') return revoke.run(current.id);
    if (choice === 'myself') return onClose();
    // The step may have stayed open past the time picked: checked again against the real now.
    if (choice === 'at' && timeError(time) !== null) return setShowTimeError(true);
    const plan = planOf(choice, { newKeyId: newKey.id, graceSeconds, time });
    if (plan) schedule.run(current.id, plan);
  };

  const confirmLabel = choice === 'now' ? 'Revoke old key' : choice === 'myself' ? 'Done' : 'Schedule retirement';

  return (
    <Stack gap="md">
      <Text size="sm">Update every system that uses “{oldKey.name}” with the new key.</Text>
      <div aria-live="polite">
        <Text size="sm" fw={500} component="span">
          Old key last used:{' '}
        </Text>
        <When iso={current.lastUsedAt} />
        {offline ? (
          <Text size="xs" c="dimmed">
            You're offline: this is the last use known before RakerOne Admin went offline. It updates again once RakerOne Admin reconnects.
          </Text>
        ) : details.isError ? (
          <Text size="xs" c="red">
            Couldn't update the last use: {describeError(toAppError(details.error)).message} What you see may be out of date; RakerOne Admin tries again every{' '}
            {LIVE_REFRESH_MS / 1000} seconds.
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            Updates every {LIVE_REFRESH_MS / 1000} seconds while this step is open.
          </Text>
        )}
      </div>
      {revocable ? (
        <>
          <RetirementFields
            choice={choice}
            graceSeconds={graceSeconds}
            time={time}
            timeError={showTimeError ? timeError(time, now) : null}
            now={now}
            onChoice={setChoice}
            onGrace={setGraceSeconds}
            onTime={setTime}
            onTimeBlur={() => setShowTimeError(true)}
          />
          <ChoiceNote choice={choice} oldName={oldKey.name} graceSeconds={graceSeconds} time={time} now={now} offline={offline} />
        </>
      ) : (
        <Text size="sm">{rowStatus(current) === 'revoked' ? 'The old key is already revoked.' : statusExplanation(current)}</Text>
      )}
      <Group justify="flex-end">
        {(!revocable || choice !== 'myself') && (
          <Button variant="default" onClick={onClose} data-autofocus>
            {revocable ? 'Later' : 'Done'}
          </Button>
        )}
        {revocable && (
          <Button color={choice === 'now' ? 'red' : undefined} onClick={confirm} loading={revoke.isPending || schedule.isPending}>
            {confirmLabel}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
