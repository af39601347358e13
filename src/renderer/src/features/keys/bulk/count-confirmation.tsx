/**
 * "Type N to confirm": what a change to several keys at once (bulk revoke, bulk suspend) asks before
 * it can be confirmed, so a slip of the hand cannot reach a whole list. One key needs no typing.
 */
import { TextInput } from '@mantine/core';
import { useState } from 'react';

export interface CountConfirmation {
  /** More than one key: the field is shown and must hold the count. */
  needed: boolean;
  typed: string;
  setTyped(value: string): void;
  /** The count is typed, or none was needed. */
  confirmed: boolean;
}

export function useCountConfirmation(count: number): CountConfirmation {
  const [typed, setTyped] = useState('');
  const needed = count > 1;
  return { needed, typed, setTyped, confirmed: !needed || typed.trim() === String(count) };
}

/** The field itself (nothing for one key); Enter in it calls `onEnter`. */
export function CountConfirmationField({
  count,
  verb,
  confirmation,
  onEnter,
}: {
  count: number;
  /** What is about to happen to the keys: "revoke", "suspend". */
  verb: string;
  confirmation: CountConfirmation;
  onEnter: () => void;
}) {
  if (!confirmation.needed) return null;
  return (
    <TextInput
      label={`Type ${count} to confirm`}
      description={`The number of keys you are about to ${verb}.`}
      value={confirmation.typed}
      onChange={(event) => confirmation.setTyped(event.currentTarget.value)}
      inputMode="numeric"
      autoComplete="off"
      onKeyDown={(event) => {
        if (event.key === 'Enter') onEnter();
      }}
    />
  );
}
