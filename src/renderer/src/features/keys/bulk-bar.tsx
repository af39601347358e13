/**
 * Above the table: "Select all N matching" (every key the current search and filters match, drawn or
 * not), and once keys are selected, how many, and "Revoke N keys". Keys that cannot be revoked
 * (revoked, expired, revocation pending) are never counted; the bar says they are skipped.
 */
import { Button, Group, Text } from '@mantine/core';
import { revokeKeysLabel } from './bulk-revoke-dialog';

interface Props {
  selected: number;
  selectable: number;
  /** Matching keys that cannot be selected (already revoked, expired, or revocation pending). */
  skipped: number;
  onSelectAll: () => void;
  onClear: () => void;
  onRevoke: () => void;
}

export function BulkBar({ selected, selectable, skipped, onSelectAll, onClear, onRevoke }: Props) {
  return (
    <Group gap="sm" justify="space-between" wrap="wrap" role="group" aria-label="Selection" mih={36}>
      <Group gap="sm" wrap="wrap">
        <Text size="sm" aria-live="polite" data-testid="selection-count">
          {selected === 0 ? 'No keys selected' : selected === 1 ? '1 key selected' : `${selected} keys selected`}
          {skipped > 0 && ` · ${skipped === 1 ? '1 matching key is' : `${skipped} matching keys are`} skipped: revoked, expired or already pending`}
        </Text>
        {selectable > 0 && selected < selectable && (
          <Button size="xs" variant="light" onClick={onSelectAll}>
            Select all {selectable} matching
          </Button>
        )}
        {selected > 0 && (
          <Button size="xs" variant="subtle" onClick={onClear}>
            Clear selection
          </Button>
        )}
      </Group>
      {selected > 0 && (
        <Button size="xs" color="red" onClick={onRevoke}>
          {revokeKeysLabel(selected)}
        </Button>
      )}
    </Group>
  );
}
