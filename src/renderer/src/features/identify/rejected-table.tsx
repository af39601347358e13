/**
 * Candidates that start like a key but are not one, shown by their hint and position only (never in
 * full): a wrong checksum (mistyped, or altered) or a wrong length (cut short, or damaged).
 */
import { Table, Text } from '@mantine/core';
import type { RejectedCandidate } from '../../../../shared/ipc/identify';
import { plural, positionText } from './found-key-view';

const REASON_TEXT: Record<RejectedCandidate['reason'], string> = {
  checksum: 'Rejected by its checksum: a character is wrong (mistyped or altered)',
  length: 'Wrong length: cut short, or characters missing or added',
};

export function RejectedTable({ rejected, total }: { rejected: RejectedCandidate[]; total: number }) {
  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder verticalSpacing="xs" aria-label="Not valid keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Looks like</Table.Th>
              <Table.Th scope="col">Why it is not a key</Table.Th>
              <Table.Th scope="col">Where</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rejected.map((candidate) => (
              <Table.Tr key={candidate.ref}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" ff="monospace">
                    {candidate.hint}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{REASON_TEXT[candidate.reason]}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {positionText(candidate.firstSeen)}
                    {candidate.occurrences > 1 ? ` · ${plural(candidate.occurrences, 'time')}` : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > rejected.length && (
        <Text size="sm" c="dimmed">
          The first {rejected.length.toLocaleString('en-US')} of {plural(total, 'candidate')} are listed.
        </Text>
      )}
    </>
  );
}
