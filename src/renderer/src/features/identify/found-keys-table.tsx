/**
 * The keys a scan found (up to 5,000): which key each is (name, status, last used, created by) or "Not
 * one of yours", on the shared virtual table. Rows have one height (two lines each); a line too long
 * for its column ends in an ellipsis with its full text in its title.
 */
import { memo } from 'react';
import { VirtualTable, virtualRow } from '../../components/virtual-table/virtual-table';
import { When } from '../../components/when';
import { STATUS_TEXT, rowStatus, statusExplanation } from '../keys/table/key-status';
import { plural, positionText, type FoundKeyView } from './found-key-view';
import './identify-tables.css';

/** Two lines of text (the rows' CSS says the same). */
export const IDENTIFY_ROW_HEIGHT = 56;
const OVERSCAN = 4;

const NOT_OURS_EXPLANATION = 'No key of your organization has this value: it belongs to another organization, or it was never a RakerOne key.';
const OFFLINE_EXPLANATION = 'RakerOne Admin is offline: it can name this key once it reconnects.';

const COLUMNS = ['Key', 'Name', 'Status', 'Last used', 'Created by'];

export function FoundKeysTable({ views }: { views: FoundKeyView[] }) {
  return (
    <VirtualTable
      label="Keys found"
      rowCount={views.length}
      rowHeight={IDENTIFY_ROW_HEIGHT}
      overscan={OVERSCAN}
      className="rk-identify-table"
      scrollerFocusable
      headerClassName="rk-identify-found-row"
      header={COLUMNS.map((label) => (
        <div key={label} role="columnheader" className="rk-cell">
          {label}
        </div>
      ))}
      rowKey={(index) => views[index]?.found.ref}
      renderRow={(index) => {
        const view = views[index];
        return view ? <FoundKeyRow key={view.found.ref} view={view} index={index} /> : null;
      }}
    />
  );
}

const FoundKeyRow = memo(function FoundKeyRow({ view, index }: { view: FoundKeyView; index: number }) {
  const { found, row } = view;
  const where = `${positionText(found.firstSeen)}${found.occurrences > 1 ? ` · ${plural(found.occurrences, 'time')}` : ''}`;
  return (
    <div {...virtualRow(index, IDENTIFY_ROW_HEIGHT)} className="rk-row rk-identify-row rk-identify-found-row">
      <div role="rowheader" className="rk-cell">
        <span className="rk-identify-line rk-identify-mono">{found.hint}</span>
        <span className="rk-identify-line rk-identify-small rk-dimmed" title={where}>
          {where}
        </span>
      </div>
      {row ? (
        <>
          <div role="cell" className="rk-cell">
            <span className="rk-identify-line rk-identify-strong" title={row.name}>
              {row.name}
            </span>
          </div>
          <div role="cell" className="rk-cell">
            <span className={`rk-badge rk-badge-status rk-badge-${STATUS_TEXT[rowStatus(row)].color}`} title={statusExplanation(row)}>
              {STATUS_TEXT[rowStatus(row)].label}
            </span>
          </div>
          <div role="cell" className="rk-cell">
            <When iso={row.lastUsedAt} />
          </div>
          <div role="cell" className="rk-cell">
            <span className="rk-identify-line" title={row.createdBy?.name ?? 'Unknown'}>
              {row.createdBy?.name ?? 'Unknown'}
            </span>
          </div>
        </>
      ) : (
        <Unnamed
          title={found.match.kind === 'not-ours' ? 'Not one of yours' : 'Not named yet'}
          explanation={found.match.kind === 'not-ours' ? NOT_OURS_EXPLANATION : OFFLINE_EXPLANATION}
        />
      )}
    </div>
  );
});

/** A found key RakerOne did not name: one cell across the four columns. */
function Unnamed({ title, explanation }: { title: string; explanation: string }) {
  return (
    <div role="cell" aria-colspan={4} className="rk-cell rk-identify-span">
      <span className="rk-identify-line rk-identify-strong">{title}</span>
      <span className="rk-identify-line rk-identify-small rk-dimmed" title={explanation}>
        {explanation}
      </span>
    </div>
  );
}
