/**
 * Candidates that start like a key but are not one, shown by their hint and position only (never in
 * full): a wrong checksum (mistyped, or altered) or a wrong length (cut short, or damaged). A
 * checksum rejection one character away from a key found in the same text (main decides: `resembles`)
 * names that key — by its name when RakerOne named it, else by the hint the found keys list shows.
 */
import { Text } from '@mantine/core';
import { memo } from 'react';
import type { FoundKey, RejectedCandidate } from '@shared/ipc/identify';
import { VirtualTable, virtualRow } from '../../components/virtual-table/virtual-table';
import { IDENTIFY_ROW_HEIGHT } from './found-keys-table';
import { plural, positionText } from './found-key-view';
import './identify-tables.css';

const COLUMNS = ['Looks like', 'Why it is not a key', 'Where'];

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
      <VirtualTable
        label="Not valid keys"
        rowCount={rejected.length}
        rowHeight={IDENTIFY_ROW_HEIGHT}
        overscan={4}
        className="rk-identify-table"
        scrollerFocusable
        headerClassName="rk-identify-rejected-row"
        header={COLUMNS.map((label) => (
          <div key={label} role="columnheader" className="rk-cell">
            {label}
          </div>
        ))}
        rowKey={(index) => rejected[index]?.ref}
        renderRow={(index) => {
          const candidate = rejected[index];
          return candidate ? <RejectedRow key={candidate.ref} candidate={candidate} resemblance={resemblanceText(candidate, found)} index={index} /> : null;
        }}
      />
      {total > rejected.length && (
        <Text size="sm" c="dimmed">
          The first {rejected.length.toLocaleString('en-US')} of {plural(total, 'candidate')} are listed.
        </Text>
      )}
    </>
  );
}

const RejectedRow = memo(function RejectedRow({ candidate, resemblance, index }: { candidate: RejectedCandidate; resemblance: string | null; index: number }) {
  const where = `${positionText(candidate.firstSeen)}${candidate.occurrences > 1 ? ` · ${plural(candidate.occurrences, 'time')}` : ''}`;
  return (
    <div {...virtualRow(index, IDENTIFY_ROW_HEIGHT)} className="rk-row rk-identify-row rk-identify-rejected-row">
      <div role="rowheader" className="rk-cell">
        <span className="rk-identify-line rk-identify-mono">{candidate.hint}</span>
      </div>
      <div role="cell" className="rk-cell">
        <span className="rk-identify-line" title={REASON_TEXT[candidate.reason]}>
          {REASON_TEXT[candidate.reason]}
        </span>
        {resemblance && (
          <span className="rk-identify-line rk-identify-resemblance" title={resemblance}>
            {resemblance}
          </span>
        )}
      </div>
      <div role="cell" className="rk-cell">
        <span className="rk-identify-line" title={where}>
          {where}
        </span>
      </div>
    </div>
  );
});
