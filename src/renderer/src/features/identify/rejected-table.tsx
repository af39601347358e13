/**
 * Candidates that start like a key but are not one, shown by their hint and position only (never in
 * full): a wrong checksum (mistyped, or altered) or a wrong length (cut short, or damaged). A
 * checksum rejection one character away from a key found in the same text (main decides: `resembles`)
 * names that key — by its name when RakerOne named it, else by the hint the found keys list shows.
 */
import { Table, Text } from '@mantine/core';
import type { FoundKey, RejectedCandidate } from '@shared/ipc/identify';
import { plural, positionText } from './found-key-view';

const REASON_TEXT: Record<RejectedCandidate['reason'], string> = {
  checksum: 'Rejected by its checksum: a character is wrong (mistyped or altered)',
  length: 'Wrong length: cut short, or characters missing or added',
};

/** "looks like a mistyped copy of Billing export", or null when it resembles no found key. */
export function resemblanceText(candidate: RejectedCandidate, found: readonly FoundKey[]): string | null {
  if (!candidate.resembles) return null;
  const label = candidate.resembles.name ?? found.find((key) => key.ref === candidate.resembles?.ref)?.hint;
  return label ? `looks like a mistyped copy of ${label}` : null;
}

export function RejectedTable({ rejected, total, found }: { rejected: RejectedCandidate[]; total: number; found: readonly FoundKey[] }) {
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
                  {resemblanceText(candidate, found) && (
                    <Text size="sm" fw={600}>
                      {resemblanceText(candidate, found)}
                    </Text>
                  )}
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
