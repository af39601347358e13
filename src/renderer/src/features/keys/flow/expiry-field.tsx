/**
 * The create dialog's "Expires" field: a preset lifetime, a date, or Never (when the key policy
 * allows it), with the policy said in its description and how fresh it is when main answered from
 * its cache. Controlled by the form; the choices and bounds come from expiry-choice.ts.
 */
import { NativeSelect, Stack, TextInput } from '@mantine/core';
import type { PolicyView } from '@shared/ipc/contract';
import { relative } from '../../../lib/time';
import { earliestDate, expiryOptions, latestDate, policySentence, type ExpiryChoice } from './expiry-choice';

interface Props {
  /** Undefined while main has not answered yet. */
  policyView: PolicyView | undefined;
  choice: ExpiryChoice;
  date: string;
  now: number;
  /** A refusal from the server (e.g. the key policy), shown on the choice. */
  choiceError: string | null;
  /** Why the date cannot be used, shown on the date input. */
  dateError: string | null;
  onChoice: (choice: ExpiryChoice) => void;
  onDate: (date: string) => void;
  onDateBlur: () => void;
}

function descriptionOf(view: PolicyView | undefined): string | undefined {
  const policy = view?.policy ?? null;
  const parts = [policySentence(policy)];
  if (view?.source === 'cache') {
    parts.push(
      view.fetchedAt ? `Key policy as of ${relative(view.fetchedAt)}.` : "The key policy couldn't be checked offline: RakerOne checks it when the key syncs.",
    );
  }
  const text = parts.filter((part) => part !== null).join(' ');
  return text === '' ? undefined : text;
}

export function ExpiryField({ policyView, choice, date, now, choiceError, dateError, onChoice, onDate, onDateBlur }: Props) {
  const policy = policyView?.policy ?? null;
  return (
    <Stack gap="xs">
      <NativeSelect
        label="Expires"
        description={descriptionOf(policyView)}
        data={expiryOptions(policy)}
        value={choice}
        onChange={(event) => onChoice(event.currentTarget.value as ExpiryChoice)}
        error={choiceError}
      />
      {choice === 'date' && (
        <TextInput
          type="date"
          label="Expiry date"
          description="The key stops working at the start of this day, your local time."
          required
          min={earliestDate(now)}
          max={latestDate(policy, now)}
          value={date}
          onChange={(event) => onDate(event.currentTarget.value)}
          onBlur={onDateBlur}
          error={dateError}
        />
      )}
    </Stack>
  );
}
