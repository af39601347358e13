/**
 * The audit events, on the shared virtual table (components/virtual-table: fixed 48 px rows, the
 * focused row kept mounted): a page of 100,000 loaded events costs what a screenful does. While more
 * pages exist the total is unknown (aria-rowcount -1). Reaching the last rows asks for the next page.
 */
import { memo, useCallback } from 'react';
import type { AuditEventDto } from '@shared/http/api-keys';
import { VirtualTable, virtualRow } from '../../components/virtual-table/virtual-table';
import { actorText } from '../../lib/actor-text';
import { exact, relative } from '../../lib/time';
import { useMinuteTick } from '../../lib/use-minute-tick';
import { ACTION_LABEL } from './action-labels';
import { targetText } from './event-text';
import './audit-log.css';

export const AUDIT_ROW_HEIGHT = 48;
/** Ask for the next page this many rows before the end, so scrolling rarely waits for it. */
const LOAD_AHEAD_ROWS = 40;
/** Rows drawn beyond the view on either side: scrolling, not typing, is what redraws this table. */
const OVERSCAN = 8;

const COLUMNS = [
  { id: 'when', label: 'When', className: 'rk-cell' },
  { id: 'action', label: 'Action', className: 'rk-cell' },
  { id: 'actor', label: 'Who', className: 'rk-cell' },
  { id: 'target', label: 'About', className: 'rk-cell rk-audit-col-target' },
];

interface Props {
  events: AuditEventDto[];
  /** More pages exist after the loaded events. */
  hasMore: boolean;
  onLoadMore: () => void;
  onOpen: (event: AuditEventDto) => void;
}

export const AuditTable = memo(function AuditTable({ events, hasMore, onLoadMore, onOpen }: Props) {
  const count = events.length;
  const onRowsDrawn = useCallback(
    (lastRow: number) => {
      if (hasMore && lastRow >= count - LOAD_AHEAD_ROWS) onLoadMore();
    },
    [hasMore, count, onLoadMore],
  );

  return (
    <VirtualTable
      label="Audit events"
      rowCount={count}
      ariaRowCount={hasMore ? -1 : count + 1}
      rowHeight={AUDIT_ROW_HEIGHT}
      overscan={OVERSCAN}
      className="rk-audit-table"
      headerClassName="rk-audit-row"
      scrollTestId="audit-table-scroll"
      onRowsDrawn={onRowsDrawn}
      header={COLUMNS.map((column) => (
        <div key={column.id} role="columnheader" className={column.className}>
          {column.label}
        </div>
      ))}
      rowKey={(index) => events[index]?.id}
      renderRow={(index) => {
        const event = events[index];
        return event ? <AuditRow key={event.id} event={event} index={index} onOpen={onOpen} /> : null;
      }}
    />
  );
});

/** Plain elements only: this renders for every visible row as the admin scrolls. */
const AuditRow = memo(function AuditRow({ event, index, onOpen }: { event: AuditEventDto; index: number; onOpen: (event: AuditEventDto) => void }) {
  useMinuteTick();
  const label = ACTION_LABEL[event.action];
  const target = targetText(event);
  return (
    <div {...virtualRow(index, AUDIT_ROW_HEIGHT)} className="rk-row rk-audit-row">
      <div role="cell" className="rk-cell">
        <time dateTime={event.occurredAt} title={exact(event.occurredAt)}>
          {relative(event.occurredAt)}
        </time>
      </div>
      <div role="cell" className="rk-cell">
        <button type="button" className="rk-name-button" onClick={() => onOpen(event)} title={label} aria-haspopup="dialog">
          {label}
        </button>
      </div>
      <div role="cell" className="rk-cell rk-audit-text" title={actorText(event)}>
        {actorText(event)}
      </div>
      <div role="cell" className="rk-cell rk-audit-text rk-audit-col-target" title={target}>
        {target}
      </div>
    </div>
  );
});
