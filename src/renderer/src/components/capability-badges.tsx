/**
 * A key's permissions as small badges with the catalog's labels. Rows have a fixed height (the table
 * is virtualized), so at most MAX_SHOWN badges are drawn and the rest are summarised as "+N more";
 * the full list is in the row's tooltip and its details drawer.
 */
import { Badge, Group, Tooltip } from '@mantine/core';
import { getCapability, sortCapabilities, type CapabilitySlug } from '../../../shared/capabilities';

const MAX_SHOWN = 2;

export function CapabilityBadges({ capabilities, canImpersonate }: { capabilities: readonly CapabilitySlug[]; canImpersonate: boolean }) {
  const labels = sortCapabilities(capabilities).map((slug) => getCapability(slug).label);
  const shown = labels.slice(0, MAX_SHOWN);
  const hidden = labels.slice(MAX_SHOWN);
  return (
    <Group gap={4} wrap="nowrap" className="rk-badges">
      {canImpersonate && (
        <Badge color="orange" variant="light" size="sm">
          Can impersonate
        </Badge>
      )}
      {labels.length === 0 && (
        <Badge color="gray" variant="outline" size="sm">
          No permissions
        </Badge>
      )}
      {shown.map((label) => (
        <Badge key={label} variant="light" size="sm" tt="none">
          {label}
        </Badge>
      ))}
      {hidden.length > 0 && (
        <Tooltip label={hidden.join(', ')} multiline maw={320}>
          <Badge variant="default" size="sm" tt="none">
            +{hidden.length} more
            <span className="rk-visually-hidden">: {hidden.join(', ')}</span>
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
