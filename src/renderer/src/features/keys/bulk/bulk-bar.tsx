/**
 * Drawn once keys are selected (the header's checkbox or a row's): how many, "Select all N matching"
 * (every key the current search and filters match, drawn or not), Clear selection and "Revoke N
 * keys". Keys that cannot be revoked (revoked, expired, revocation pending) are never counted; the bar
 * says they are skipped.
 */
import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { revokeKeysLabel } from './bulk-revoke-dialog';

interface Props {
  selected: number;
  selectable: number;
  /** Matching keys that cannot be selected (already revoked, expired, or revocation pending). */
  skipped: number;
  onSelectAll: () => void;
  onClear: () => void;
  onRevoke: () => void;
  /** Other actions on the selection, drawn before Revoke (e.g. "Suspend N keys"). */
  actions?: ReactNode;
}

export function BulkBar({ selected, selectable, skipped, onSelectAll, onClear, onRevoke, actions }: Props) {
  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label="Selection" className="rk-bulk-bar">
      <Text size="sm" fw={500} data-testid="selection-count">
        {selected === 1 ? '1 key selected' : `${selected} keys selected`}
        {skipped > 0 && ` · ${skipped === 1 ? '1 matching key is' : `${skipped} matching keys are`} skipped: revoked, expired or already pending`}
      </Text>
      {selected < selectable && (
        <Button size="compact-sm" variant="light" onClick={onSelectAll}>
          Select all {selectable} matching
        </Button>
      )}
      <Button size="compact-sm" variant="subtle" onClick={onClear}>
        Clear selection
      </Button>
      {actions}
      <Button size="compact-sm" color="red" onClick={onRevoke}>
        {revokeKeysLabel(selected)}
      </Button>
    </Group>
  );
}
