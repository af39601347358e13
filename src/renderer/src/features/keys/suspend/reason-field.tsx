/**
 * Why a key is switched off: 1–200 characters on one line, checked as the admin types with the very
 * schema main and the server parse the reason with (SuspensionReasonSchema), said in the app's words.
 */
import { TextInput } from '@mantine/core';
import { SUSPENSION_REASON_MAX_LENGTH, SuspensionReasonSchema } from '@shared/http/containment';

/** What is wrong with `value` as a reason, or null when the server will take it. */
export function reasonIssue(value: string): string | null {
  if (SuspensionReasonSchema.safeParse(value).success) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0) return 'Enter a reason';
  if (trimmed.length > SUSPENSION_REASON_MAX_LENGTH) return `At most ${SUSPENSION_REASON_MAX_LENGTH} characters (${trimmed.length} now)`;
  return 'Keep the reason on one line, without control characters';
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Show the issue only once the admin has typed, or tried to confirm. */
  touched: boolean;
  onSubmit: () => void;
}

export function ReasonField({ value, onChange, touched, onSubmit }: Props) {
  const issue = reasonIssue(value);
  return (
    <TextInput
      label="Reason"
      description={`Why it is switched off, for the audit log and other admins (up to ${SUSPENSION_REASON_MAX_LENGTH} characters).`}
      placeholder="e.g. Seen in a public repository, under investigation"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={touched ? issue : null}
      required
      autoComplete="off"
      maxLength={SUSPENSION_REASON_MAX_LENGTH + 50}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSubmit();
      }}
    />
  );
}
