/** The keys a scan found: which key each is (name, status, last used, created by) or "Not one of yours". */
import { Table, Text } from '@mantine/core';
import { When } from '../../components/when';
import { STATUS_TEXT, rowStatus, statusExplanation } from '../keys/table/key-status';
import { plural, positionText, type FoundKeyView } from './found-key-view';

const NOT_OURS_EXPLANATION = 'No key of your organization has this value: it belongs to another organization, or it was never a RakerOne key.';

export function FoundKeysTable({ views }: { views: FoundKeyView[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder verticalSpacing="xs" aria-label="Keys found">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Key</Table.Th>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">Created by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {views.map((view) => (
            <FoundKeyRow key={view.found.ref} view={view} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FoundKeyRow({ view }: { view: FoundKeyView }) {
  const { found, row } = view;
  const where = `${positionText(found.firstSeen)}${found.occurrences > 1 ? ` · ${plural(found.occurrences, 'time')}` : ''}`;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Text size="sm" ff="monospace" component="div">
          {found.hint}
        </Text>
        <Text size="xs" c="dimmed" component="div">
          {where}
        </Text>
      </Table.Th>
      {row ? (
        <>
          <Table.Td>
            <Text size="sm" fw={500}>
              {row.name}
            </Text>
          </Table.Td>
          <Table.Td>
            <span className={`rk-badge rk-badge-status rk-badge-${STATUS_TEXT[rowStatus(row)].color}`} title={statusExplanation(row)}>
              {STATUS_TEXT[rowStatus(row)].label}
            </span>
          </Table.Td>
          <Table.Td>
            <When iso={row.lastUsedAt} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{row.createdBy?.name ?? 'Unknown'}</Text>
          </Table.Td>
        </>
      ) : found.match.kind === 'not-ours' ? (
        <Table.Td colSpan={4}>
          <Text size="sm" fw={500}>
            Not one of yours
          </Text>
          <Text size="xs" c="dimmed">
            {NOT_OURS_EXPLANATION}
          </Text>
        </Table.Td>
      ) : (
        <Table.Td colSpan={4}>
          <Text size="sm" fw={500}>
            Not named yet
          </Text>
          <Text size="xs" c="dimmed">
            RakerOne Admin is offline: it can name this key once it reconnects.
          </Text>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
