/**
 * The rotation's "How should the old key retire?" fields: four radios, and under the one chosen its
 * detail (the grace period, or the time). Controlled by the switch-over step; the choices, bounds and
 * checks come from retirement-choice.ts.
 */
import { NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { GRACE_OPTIONS, RETIREMENT_CHOICES, earliestTime, type RetirementChoice } from './retirement-choice';

interface Props {
  choice: RetirementChoice;
  graceSeconds: number;
  time: string;
  timeError: string | null;
  now: number;
  onChoice: (choice: RetirementChoice) => void;
  onGrace: (seconds: number) => void;
  onTime: (time: string) => void;
  onTimeBlur: () => void;
}

export function RetirementFields({ choice, graceSeconds, time, timeError, now, onChoice, onGrace, onTime, onTimeBlur }: Props) {
  return (
    <Stack gap="xs">
      <Radio.Group label="How should the old key retire?" value={choice} onChange={(value) => onChoice(value as RetirementChoice)}>
        <Stack gap="xs" mt="xs">
          {RETIREMENT_CHOICES.map((option) => (
            <Radio key={option.value} value={option.value} label={option.label} />
          ))}
        </Stack>
      </Radio.Group>
      {choice === 'first-use' && (
        <NativeSelect
          label="Grace period"
          description="How long the old key keeps working after the new key's first use."
          data={GRACE_OPTIONS.map((option) => ({ value: option.value, label: option.label }))}
          value={String(graceSeconds)}
          onChange={(event) => onGrace(Number(event.currentTarget.value))}
        />
      )}
      {choice === 'at' && (
        <TextInput
          type="datetime-local"
          label="Retire at"
          description="Your local time. The old key stops working from this moment."
          required
          min={earliestTime(now)}
          value={time}
          onChange={(event) => onTime(event.currentTarget.value)}
          onBlur={onTimeBlur}
          error={timeError}
        />
      )}
    </Stack>
  );
}
