/**
 * The keys table, virtualized with @tanstack/react-virtual so 10,000 keys cost the same to draw as a
 * screenful. It keeps table semantics with ARIA (role=table/row/cell, aria-rowcount and aria-rowindex)
 * because a virtual list drops the rows that are off screen; rows have a fixed height so nothing needs
 * measuring. The row holding keyboard focus is always kept mounted, so scrolling never drops focus.
 */
import { UnstyledButton } from '@mantine/core';
import { defaultRangeExtractor, observeElementRect, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, useState } from 'react';
import type { KeyRow } from '../../../../shared/ipc/contract';
import { CapabilityBadges } from '../../components/capability-badges';
import { exact, relative } from '../../lib/time';
import { useMinuteTick } from '../../lib/use-minute-tick';
import type { SortColumn, SortOrder } from './filter-keys';
import { STATUS_TEXT, canRevoke, rowStatus, statusExplanation } from './key-status';

export const ROW_HEIGHT = 60;
/** Without layout (a hidden panel, a test DOM) the scroller measures 0: assume a screenful instead. */
const FALLBACK_VIEWPORT = 720;

function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 1024, height: FALLBACK_VIEWPORT }));
}

interface Props {
  keys: KeyRow[];
  sort: SortOrder;
  onSort: (column: SortColumn) => void;
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
}

const COLUMNS: { id: string; label: string; sortable?: SortColumn }[] = [
  { id: 'name', label: 'Name', sortable: 'name' },
  { id: 'permissions', label: 'Permissions' },
  { id: 'lastUsed', label: 'Last used', sortable: 'lastUsed' },
  { id: 'created', label: 'Created', sortable: 'created' },
  { id: 'actions', label: 'Actions' },
];

export const KeysTable = memo(function KeysTable({ keys, sort, onSort, onOpen, onRevoke }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedIndex, setFocusedIndex] = useState<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusedIndex !== null && focusedIndex < range.count && !indexes.includes(focusedIndex)) {
        indexes.push(focusedIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [focusedIndex],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to be used this way
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    getItemKey: (index) => keys[index]?.id ?? index,
    observeElementRect: observeRectWithFallback,
    rangeExtractor,
  });

  return (
    <div role="table" aria-label="API keys" aria-rowcount={keys.length + 1} className="rk-table">
      <div role="rowgroup" className="rk-table-head">
        <div role="row" aria-rowindex={1} className="rk-row rk-row-head">
          {COLUMNS.map((column) => {
            const sorted = column.sortable && sort.column === column.sortable ? sort.direction : undefined;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={column.sortable ? (sorted ?? 'none') : undefined}
                className={column.id === 'actions' ? 'rk-cell rk-cell-actions' : 'rk-cell'}
              >
                {column.sortable ? (
                  <UnstyledButton className="rk-sort" onClick={() => onSort(column.sortable!)}>
                    {column.label}
                    <span aria-hidden className="rk-sort-arrow">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                    </span>
                  </UnstyledButton>
                ) : column.id === 'actions' ? (
                  <span className="rk-visually-hidden">{column.label}</span>
                ) : (
                  column.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="rk-table-scroll"
        data-testid="keys-table-scroll"
        onFocus={(event) => {
          const index = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index;
          setFocusedIndex(index === undefined ? null : Number(index));
        }}
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const key = keys[item.index];
            if (!key) return null;
            return <KeyTableRow key={item.key} keyRow={key} index={item.index} top={item.start} onOpen={onOpen} onRevoke={onRevoke} />;
          })}
        </div>
      </div>
    </div>
  );
});

interface RowProps {
  keyRow: KeyRow;
  index: number;
  top: number;
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
}

/** Plain elements only: this renders for every visible row on every keystroke (see capability-badges.tsx). */
const KeyTableRow = memo(function KeyTableRow({ keyRow, index, top, onOpen, onRevoke }: RowProps) {
  const status = rowStatus(keyRow);
  return (
    <div role="row" aria-rowindex={index + 2} data-index={index} className="rk-row" style={{ transform: `translateY(${top}px)` }}>
      <div role="cell" className="rk-cell">
        <div className="rk-name-line">
          <button type="button" className="rk-name-button" onClick={() => onOpen(keyRow)} title={keyRow.name}>
            {keyRow.name}
          </button>
        </div>
        {/* The status sits beside the hint, not the name: the name keeps the whole width of the cell. */}
        <div className="rk-name-line">
          <span className="rk-hint">{keyRow.hint}</span>
          {status !== 'active' && (
            <span className={`rk-badge rk-badge-status rk-badge-${STATUS_TEXT[status].color}`} title={statusExplanation(keyRow)}>
              {STATUS_TEXT[status].label}
              <span className="rk-visually-hidden">. {statusExplanation(keyRow)}</span>
            </span>
          )}
        </div>
      </div>
      <div role="cell" className="rk-cell">
        <CapabilityBadges capabilities={keyRow.capabilities} canImpersonate={keyRow.canImpersonate} />
      </div>
      <div role="cell" className="rk-cell">
        <TableTime iso={keyRow.lastUsedAt} />
      </div>
      <div role="cell" className="rk-cell">
        <TableTime iso={keyRow.createdAt} />
      </div>
      <div role="cell" className="rk-cell rk-cell-actions">
        {canRevoke(keyRow) && (
          <button type="button" className="rk-button" onClick={() => onRevoke(keyRow)} aria-label={`Revoke ${keyRow.name}`}>
            Revoke
          </button>
        )}
      </div>
    </div>
  );
});

/**
 * Relative time with the exact time on hover (native title: cheap enough for every row). Rows are
 * memoised, so the minute tick is what redraws "2 minutes ago"; only mounted rows subscribe.
 */
function TableTime({ iso }: { iso: string | null }) {
  useMinuteTick();
  if (!iso) return <span className="rk-dimmed">Never</span>;
  return (
    <time dateTime={iso} title={exact(iso)}>
      {relative(iso)}
    </time>
  );
}
