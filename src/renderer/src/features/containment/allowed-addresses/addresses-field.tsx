/**
 * The allowed-addresses text box, the same in the create dialog and the drawer's editor: one IPv4 or
 * IPv6 address or CIDR block per line, each line checked as it is typed (address-list.ts), its issues
 * listed under the box with their line numbers, and how many blocks it holds of the 50 allowed.
 */
import { List, Stack, Text, Textarea } from '@mantine/core';
import { useId } from 'react';
import { ALLOWED_ADDRESSES_MAX } from '@shared/cidr';
import type { AddressListCheck } from './address-list';

interface Props {
  label: string;
  description: string;
  text: string;
  check: AddressListCheck;
  required: boolean;
  /** Issues are said once the person has typed (or tried to save): an empty box at first is no error. */
  showIssues: boolean;
  /** A refusal from main or the server, until the box is edited. */
  serverError?: string | null;
  onChange: (text: string) => void;
  onBlur?: () => void;
}

export function AddressesField({ label, description, text, check, required, showIssues, serverError, onChange, onBlur }: Props) {
  const issuesId = useId();
  const hasIssues = showIssues && (check.issues.length > 0 || check.listError !== null);
  const invalid = hasIssues || Boolean(serverError);
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={description}
        placeholder={'203.0.113.7\n198.51.100.0/24\n2001:db8::/48'}
        required={required}
        rows={4}
        resize="vertical"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={onBlur}
        error={invalid ? (serverError ?? true) : undefined}
        aria-describedby={hasIssues ? issuesId : undefined}
      />
      {hasIssues && (
        <div id={issuesId} aria-live="polite">
          {check.listError && (
            <Text size="sm" c="var(--mantine-color-error)">
              {check.listError}
            </Text>
          )}
          {check.issues.length > 0 && (
            <List size="sm" c="var(--mantine-color-error)" spacing={2} aria-label="Lines to fix">
              {check.issues.map((issue) => (
                <List.Item key={issue.line}>
                  Line {issue.line}: {issue.message}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      )}
      {check.blocks.length > 0 && (
        <Text size="xs" c="dimmed">
          {check.blocks.length} of at most {ALLOWED_ADDRESSES_MAX} blocks
        </Text>
      )}
    </Stack>
  );
}
