/**
 * An audit event's `details` (free-form JSON from the server) as a readable table: field names in
 * words, yes/no for flags, dates in the admin's locale, permission slugs by their labels, lists and
 * nested objects indented. Nothing is dropped: an unknown shape still shows, as text.
 */
import { List, Table, Text } from '@mantine/core';
import { getCapability, isCapabilitySlug } from '@shared/capabilities';
import { exact } from '../../lib/time';
import { fieldLabel } from './event-text';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return (
      <Text size="sm" c="dimmed" component="span">
        None
      </Text>
    );
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (typeof value === 'number') return <>{value.toLocaleString()}</>;
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return <time dateTime={value}>{exact(value)}</time>;
    if (isCapabilitySlug(value)) return <>{getCapability(value).label}</>;
    return <span className="rk-audit-value">{value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0)
      return (
        <Text size="sm" c="dimmed" component="span">
          None
        </Text>
      );
    return (
      <List size="sm" spacing={2}>
        {value.map((item, index) => (
          <List.Item key={index}>
            <Value value={item} />
          </List.Item>
        ))}
      </List>
    );
  }
  if (typeof value === 'object') return <DetailsTable details={value as Record<string, unknown>} nested />;
  return <>{String(value)}</>;
}

export function DetailsTable({ details, nested = false }: { details: Record<string, unknown>; nested?: boolean }) {
  const entries = Object.entries(details);
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={!nested} aria-label={nested ? undefined : 'Event details'} fz="sm">
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w={nested ? 120 : 160}>{fieldLabel(name)}</Table.Th>
            <Table.Td>
              <Value value={value} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
