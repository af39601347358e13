/** "Where from": every (address, user agent) pair the key was used from in the window, most recently seen first. */
import { Table, Text } from '@mantine/core';
import { ACTIVITY_SOURCES_SHOWN, type ActivitySource } from '@shared/http/activity';
import { When } from '../../components/when';

export function WhereFrom({ sources, dayCount }: { sources: readonly ActivitySource[]; dayCount: number }) {
  if (sources.length === 0) {
    return <Text size="sm">No addresses: no request with this key was let in during these {dayCount} days.</Text>;
  }
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table withTableBorder fz="sm" aria-label="Where from" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Address</Table.Th>
              <Table.Th scope="col">User agent</Table.Th>
              <Table.Th scope="col">First seen</Table.Th>
              <Table.Th scope="col">Last seen</Table.Th>
              <Table.Th scope="col" ta="right">
                Requests
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.map((source) => (
              <Table.Tr key={`${source.address} ${source.userAgent ?? ''}`}>
                <Table.Th scope="row" fw="normal" ff="monospace">
                  {source.address}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {source.userAgent ?? (
                    <Text size="sm" c="dimmed" component="span">
                      None sent
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <When iso={source.firstSeenAt} />
                </Table.Td>
                <Table.Td>
                  <When iso={source.lastSeenAt} />
                </Table.Td>
                <Table.Td ta="right">{source.requests.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sources.length >= ACTIVITY_SOURCES_SHOWN && (
        <Text size="sm" c="dimmed" mt={4}>
          The {ACTIVITY_SOURCES_SHOWN} most recently seen are shown.
        </Text>
      )}
    </>
  );
}
