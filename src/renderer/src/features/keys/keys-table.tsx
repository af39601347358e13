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
import { CancelRetirementInline } from './cancel-retirement';
import { FlagBadge } from './flag-badge';
import { STATUS_TEXT, canRevoke, endOfLife, rowStatus, statusExplanation } from './key-status';
import { SelectAllCheckbox, SelectCell, toggleOnSpace } from './selection-cells';
import type { Selection } from './selection';

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
  selection: Selection;
}

/**
 * `className` ties a column's header and cells together: in a narrow table (app.css container queries)
 * Created, then Last used, give way, while Name (with the status), Permissions and the row actions stay.
 */
const COLUMNS: { id: string; label: string; className: string; sortable?: SortColumn }[] = [
  { id: 'select', label: 'Select', className: 'rk-cell rk-cell-select' },
  { id: 'name', label: 'Name', className: 'rk-cell', sortable: 'name' },
  { id: 'permissions', label: 'Permissions', className: 'rk-cell rk-col-permissions' },
  { id: 'lastUsed', label: 'Last used', className: 'rk-cell rk-col-last-used', sortable: 'lastUsed' },
  { id: 'created', label: 'Created', className: 'rk-cell rk-col-created', sortable: 'created' },
  { id: 'actions', label: 'Actions', className: 'rk-cell rk-cell-actions' },
];

/**
 * The content width of the Permissions column, measured on its header cell once and again only when
 * it resizes (one observer for the whole table, never a row): rows fit their badges to it.
 */
function useColumnWidth(): [(element: HTMLDivElement | null) => void, number | null] {
  const [width, setWidth] = useState<number | null>(null);
  const observe = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    const measure = () => {
      const style = getComputedStyle(element);
      const content = element.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0');
      // A test DOM has no layout: keep "not measured" rather than fit badges into 0 px.
      setWidth(element.clientWidth > 0 ? Math.floor(content) : null);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [observe, width];
}

export const KeysTable = memo(function KeysTable({ keys, sort, onSort, onOpen, onRevoke, selection }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedIndex, setFocusedIndex] = useState<number | null>(null);
  const [permissionsHeaderRef, badgeBudget] = useColumnWidth();
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
                ref={column.id === 'permissions' ? permissionsHeaderRef : undefined}
                role="columnheader"
                aria-sort={column.sortable ? (sorted ?? 'none') : undefined}
                className={column.className}
              >
                {column.sortable ? (
                  <UnstyledButton className="rk-sort" onClick={() => onSort(column.sortable!)}>
                    {column.label}
                    <span aria-hidden className="rk-sort-arrow">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                    </span>
                  </UnstyledButton>
                ) : column.id === 'select' ? (
                  <SelectAllCheckbox selected={selection.rows.length} selectable={selection.selectableCount} onSelectAll={selection.selectAll} onClear={selection.clear} />
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
            return <KeyTableRow
                key={item.key}
                keyRow={key}
                index={item.index}
                top={item.start}
                badgeBudget={badgeBudget}
                onOpen={onOpen}
                onRevoke={onRevoke}
                selectable={selection.isSelectable(key)}
                selected={selection.has(key.id)}
                onToggle={selection.toggle}
              />;
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
  badgeBudget: number | null;
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
  selectable: boolean;
  selected: boolean;
  onToggle: Selection['toggle'];
}

/** Plain elements only: this renders for every visible row on every keystroke (see capability-badges.tsx). */
const KeyTableRow = memo(function KeyTableRow({ keyRow, index, top, badgeBudget, onOpen, onRevoke, selectable, selected, onToggle }: RowProps) {
  // One "now" for the whole row, from the minute tick: the status line and the actions agree (a key
  // that just expired shows Expired and no Revoke at the same moment).
  const now = useMinuteTick() * 60_000;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      className={selected ? 'rk-row rk-row-selected' : 'rk-row'}
      style={{ transform: `translateY(${top}px)` }}
      onKeyDown={(event) => toggleOnSpace(event, index, selectable, onToggle)}
    >
      <div role="cell" className="rk-cell rk-cell-select">
        <SelectCell keyRow={keyRow} index={index} selectable={selectable} selected={selected} onToggle={onToggle} />
      </div>
      <div role="cell" className="rk-cell">
        <div className="rk-name-line">
          <KeyName name={keyRow.name} id={keyRow.id} onOpen={() => onOpen(keyRow)} />
        </div>
        {/* The status sits beside the hint, not the name: the name keeps the whole width of the cell. */}
        <StatusLine keyRow={keyRow} now={now} />
      </div>
      <div role="cell" className="rk-cell rk-col-permissions">
        <CapabilityBadges capabilities={keyRow.capabilities} canImpersonate={keyRow.canImpersonate} budget={badgeBudget} id={keyRow.id} />
      </div>
      <div role="cell" className="rk-cell rk-col-last-used">
        <TableTime iso={keyRow.lastUsedAt} />
      </div>
      <div role="cell" className="rk-cell rk-col-created">
        <TableTime iso={keyRow.createdAt} />
      </div>
      <div role="cell" className="rk-cell rk-cell-actions">
        {canRevoke(keyRow, now) && (
          <button type="button" className="rk-button" onClick={() => onRevoke(keyRow)} aria-label={`Revoke ${keyRow.name}`}>
            Revoke
          </button>
        )}
      </div>
    </div>
  );
});

/**
 * The hint, the status when it is not plain Active, and when the key ends on its own ("Expires in 5
 * days", "Retires after the new key's first use"; a warning within 7 days). `now` is the row's minute
 * tick (its start: at worst a minute late to say Expired, never early — the server refuses the key on
 * time, and the list refreshed every 20 s brings its status), so a key that expires while a cached list
 * is shown offline turns Expired without a refresh.
 */
function StatusLine({ keyRow, now }: { keyRow: KeyRow; now: number }) {
  const status = rowStatus(keyRow, now);
  const end = endOfLife(keyRow, now);
  // The end-of-life text says "Expires in …" more precisely than the flag would ("in 3 hours"): it
  // stands for the "Expires in N days" flag, in the warning colour.
  const endIsExpiry = end !== null && end.text.startsWith('Expires');
  const expiresSoon = endIsExpiry && keyRow.flags.some((flag) => flag.kind === 'expires-soon');
  return (
    <div className="rk-name-line">
      <span className="rk-hint">{keyRow.hint}</span>
      {status !== 'active' && (
        <span className={`rk-badge rk-badge-status rk-badge-${STATUS_TEXT[status].color}`} title={statusExplanation(keyRow)}>
          {STATUS_TEXT[status].label}
          <span className="rk-visually-hidden">. {statusExplanation(keyRow)}</span>
        </span>
      )}
      <FlagBadge flags={keyRow.flags} said={{ expired: status === 'expired', expiresSoon: endIsExpiry }} />
      {end && (
        <span className={end.soon || expiresSoon ? 'rk-end rk-end-soon' : 'rk-end'} title={end.text}>
          {end.text}
        </span>
      )}
      <CancelRetirementInline keyRow={keyRow} now={now} />
    </div>
  );
}

/**
 * The key's name, cut with an ellipsis when too long for the column: the full name shows on hover (its
 * title) and on keyboard focus (a native popover under it, drawn only while the name is really cut).
 * The button's accessible name is always the full name, so the popover is for the eyes only.
 */
function KeyName({ name, id, onOpen }: { name: string; id: string; onOpen: () => void }) {
  const popoverRef = useRef<HTMLSpanElement>(null);
  const anchor = `--rk-name-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const popover = () => popoverRef.current;
  return (
    <>
      <button
        type="button"
        className="rk-name-button"
        onClick={onOpen}
        title={name}
        style={{ anchorName: anchor }}
        onFocus={(event) => {
          const button = event.currentTarget;
          const cut = button.scrollWidth > button.clientWidth;
          if (cut && button.matches(':focus-visible')) popover()?.showPopover?.();
        }}
        onBlur={() => {
          if (popover()?.matches?.(':popover-open')) popover()?.hidePopover?.();
        }}
      >
        {name}
      </button>
      <span ref={popoverRef} popover="manual" aria-hidden className="rk-name-popover" style={{ positionAnchor: anchor }}>
        {name}
      </span>
    </>
  );
}

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
