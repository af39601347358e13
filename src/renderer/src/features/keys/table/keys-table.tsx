/**
 * The keys table, on the shared virtual table (components/virtual-table: fixed 48 px rows, so a filter
 * keystroke that changes the count from 10,000 to 300 re-measures nothing; the row holding keyboard
 * focus stays mounted). This file draws the header cells and the rows; the columns fold with the
 * table's own width.
 */
import { UnstyledButton } from '@mantine/core';
import { memo, useCallback, useState } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { CapabilityBadges } from '../../../components/capability-badges';
import { VirtualTable, virtualRow } from '../../../components/virtual-table/virtual-table';
import { exact, shortRelative } from '../../../lib/time';
import { useMinuteTick } from '../../../lib/use-minute-tick';
import type { SortColumn, SortOrder } from '../filters/filter-keys';
import { CancelRetirementInline } from '../retirement/cancel-retirement';
import { FlagBadge } from './flag-badge';
import { STATUS_TEXT, canRevoke, endOfLife, rowStatus, statusExplanation, type RowStatus } from './key-status';
import { SelectAllCheckbox, SelectCell, toggleOnSpace } from '../bulk/selection-cells';
import { useFocusTip } from './focus-tip';
import { RowContainmentAction } from '../suspend/containment-actions';
import type { Selection } from '../bulk/selection';

export const ROW_HEIGHT = 48;
/** Rows drawn beyond the view on either side (each one drawn costs every keystroke: a few suffice for Tab and the wheel). */
const OVERSCAN = 3;

interface Props {
  keys: KeyRow[];
  sort: SortOrder;
  onSort: (column: SortColumn) => void;
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
  selection: Selection;
}

/**
 * `className` ties a column's header and cells together. The table's own width picks its layout (see
 * `layoutOf`): in a narrow table the lifecycle folds into the Name cell and Created gives way, then
 * Last used; Name, Permissions and the row actions always stay.
 */
const COLUMNS: { id: string; label: string; className: string; sortable?: SortColumn }[] = [
  { id: 'select', label: 'Select', className: 'rk-cell rk-cell-select' },
  { id: 'name', label: 'Name', className: 'rk-cell', sortable: 'name' },
  { id: 'lifecycle', label: 'Status', className: 'rk-cell rk-col-lifecycle' },
  { id: 'permissions', label: 'Permissions', className: 'rk-cell rk-col-permissions' },
  { id: 'lastUsed', label: 'Last used', className: 'rk-cell rk-col-last-used', sortable: 'lastUsed' },
  { id: 'created', label: 'Created', className: 'rk-cell rk-col-created', sortable: 'created' },
  { id: 'actions', label: 'Actions', className: 'rk-cell rk-cell-actions' },
];

/** Table widths (px) below which the lifecycle folds into Name (and Created goes), then Last used goes. */
const FOLD_BELOW = 900;
const NO_LAST_USED_BELOW = 620;
type Layout = 'wide' | 'folded' | 'narrow';
const HIDDEN: Record<Layout, ReadonlySet<string>> = {
  wide: new Set(),
  folded: new Set(['lifecycle', 'created']),
  narrow: new Set(['lifecycle', 'created', 'lastUsed']),
};
function layoutOf(width: number | null): Layout {
  // Not measured (a test DOM without layout): every column.
  if (width === null || width >= FOLD_BELOW) return 'wide';
  return width >= NO_LAST_USED_BELOW ? 'folded' : 'narrow';
}

/** The table's own width, observed once for the whole table (never per row). */
function useWidth(): [(element: HTMLDivElement | null) => void, number | null] {
  const [width, setWidth] = useState<number | null>(null);
  const observe = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    const measure = () => setWidth(element.clientWidth > 0 ? element.clientWidth : null);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [observe, width];
}

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
  const [permissionsHeaderRef, badgeBudget] = useColumnWidth();
  const [tableRef, tableWidth] = useWidth();
  const layout = layoutOf(tableWidth);

  const tip = useFocusTip();

  return (
    <VirtualTable
      label="API keys"
      rowCount={keys.length}
      rowHeight={ROW_HEIGHT}
      overscan={OVERSCAN}
      tableRef={tableRef}
      className={`rk-table-${layout}`}
      scrollTestId="keys-table-scroll"
      onFocusInRows={tip.show}
      onBlur={tip.hide}
      onScroll={tip.hide}
      header={COLUMNS.filter((column) => !HIDDEN[layout].has(column.id)).map((column) => {
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
              <SelectAllCheckbox
                selected={selection.rows.length}
                selectable={selection.selectableCount}
                onSelectAll={selection.selectAll}
                onClear={selection.clear}
              />
            ) : column.id === 'actions' ? (
              <span className="rk-visually-hidden">{column.label}</span>
            ) : (
              column.label
            )}
          </div>
        );
      })}
      rowKey={(index) => keys[index]?.id}
      renderRow={(index) => {
        const key = keys[index];
        if (!key) return null;
        return (
          <KeyTableRow
            key={key.id}
            keyRow={key}
            index={index}
            badgeBudget={badgeBudget}
            onOpen={onOpen}
            onRevoke={onRevoke}
            selectable={selection.isSelectable(key)}
            selected={selection.has(key.id)}
            onToggle={selection.toggle}
            layout={layout}
          />
        );
      }}
    >
      {tip.element}
    </VirtualTable>
  );
});

interface RowProps {
  keyRow: KeyRow;
  index: number;
  badgeBudget: number | null;
  onOpen: (key: KeyRow) => void;
  onRevoke: (key: KeyRow) => void;
  selectable: boolean;
  selected: boolean;
  onToggle: Selection['toggle'];
  /** Folded or narrow: the lifecycle is drawn under the name, beside the hint, not in its own column. */
  layout: Layout;
}

/** Plain elements only: this renders for every visible row on every keystroke (see capability-badges.tsx). */
const KeyTableRow = memo(function KeyTableRow({ keyRow, index, badgeBudget, onOpen, onRevoke, selectable, selected, onToggle, layout }: RowProps) {
  const folded = layout !== 'wide';
  // One "now" for the whole row, from the minute tick: the status line and the actions agree (a key
  // that just expired shows Expired and no Revoke at the same moment).
  const now = useMinuteTick() * 60_000;
  // The row's status and end of life, worked out once and shared by the flag badge and the lifecycle.
  const status = rowStatus(keyRow, now);
  const end = endOfLife(keyRow, now);
  return (
    <div
      {...virtualRow(index, ROW_HEIGHT)}
      className={selected ? 'rk-row rk-row-selected' : 'rk-row'}
      onKeyDown={(event) => toggleOnSpace(event, index, selectable, onToggle)}
    >
      <div role="cell" className="rk-cell rk-cell-select">
        <SelectCell keyRow={keyRow} index={index} selectable={selectable} selected={selected} onToggle={onToggle} />
      </div>
      <div role="cell" className="rk-cell">
        <div className="rk-name-line">
          <KeyName name={keyRow.name} onOpen={() => onOpen(keyRow)} />
        </div>
        <div className="rk-name-line">
          <span className="rk-hint">{keyRow.hint}</span>
          <FlagBadge flags={keyRow.flags} said={said(status, end)} />
          {folded && <Lifecycle keyRow={keyRow} now={now} status={status} end={end} />}
        </div>
      </div>
      {!folded && (
        <div role="cell" className="rk-cell rk-col-lifecycle">
          <Lifecycle keyRow={keyRow} now={now} status={status} end={end} />
        </div>
      )}
      <div role="cell" className="rk-cell rk-col-permissions">
        <CapabilityBadges capabilities={keyRow.capabilities} canImpersonate={keyRow.canImpersonate} budget={badgeBudget} id={keyRow.id} />
      </div>
      {layout !== 'narrow' && (
        <div role="cell" className="rk-cell rk-col-last-used">
          <TableTime iso={keyRow.lastUsedAt} />
        </div>
      )}
      {layout === 'wide' && (
        <div role="cell" className="rk-cell rk-col-created">
          <TableTime iso={keyRow.createdAt} />
        </div>
      )}
      <div role="cell" className="rk-cell rk-cell-actions">
        <RowContainmentAction keyRow={keyRow} now={now} />
        {canRevoke(keyRow, now) && (
          <button type="button" className="rk-button" onClick={() => onRevoke(keyRow)} aria-label={`Revoke ${keyRow.name}`}>
            Revoke
          </button>
        )}
      </div>
    </div>
  );
});

/** What the row's own lifecycle text already says, so the "Needs attention" badge does not repeat it. */
function said(status: RowStatus, end: EndOfLife): { expired: boolean; expiresSoon: boolean } {
  return { expired: status === 'expired', expiresSoon: end !== null && end.text.startsWith('Expires') };
}

type EndOfLife = ReturnType<typeof endOfLife>;

/**
 * Where the key is in its life: its status when it is not plain Active (a badge, never cut: in its
 * column it wraps to a second line, folded beside the hint it ends in an ellipsis with its explanation
 * in its title and hidden text), or when an active key ends on its own ("Expires in 3 months", "Retires after the new key's first use"; a
 * warning within 7 days; up to two lines, then an ellipsis with the full text in its title), or
 * "Active". `now` is the row's minute tick (its start: at worst a minute late to say Expired, never
 * early — the server refuses the key on time, and the list refreshed every 20 s brings its status), so
 * a key that expires while a cached list is shown offline turns Expired without a refresh.
 */
function Lifecycle({ keyRow, now, status, end }: { keyRow: KeyRow; now: number; status: RowStatus; end: EndOfLife }) {
  // The end-of-life text says "Expires in …" more precisely than the flag would ("in 3 hours"): it
  // stands for the "Expires in N days" flag, in the warning colour.
  const expiresSoon = end !== null && end.text.startsWith('Expires') && keyRow.flags.some((flag) => flag.kind === 'expires-soon');
  return (
    <span className="rk-lifecycle">
      {status !== 'active' ? <StatusBadge keyRow={keyRow} status={status} /> : end === null && <span className="rk-end">Active</span>}
      {/* Beside a status badge there is no room for both: the badge (whose title and hidden text explain
          it) wins; the details drawer still says when the key ends. */}
      {end && status === 'active' && (
        <span className={end.soon || expiresSoon ? 'rk-end rk-end-soon' : 'rk-end'} title={end.text}>
          {end.text}
        </span>
      )}
      <CancelRetirementInline keyRow={keyRow} now={now} />
    </span>
  );
}

/** A status other than Active: the badge, its explanation in its title and as hidden text. */
function StatusBadge({ keyRow, status }: { keyRow: KeyRow; status: Exclude<RowStatus, 'active'> }) {
  const explanation = statusExplanation(keyRow);
  return (
    <span className={`rk-badge rk-badge-status rk-badge-${STATUS_TEXT[status].color}`} title={explanation}>
      {STATUS_TEXT[status].label}
      <span className="rk-visually-hidden">. {explanation}</span>
    </span>
  );
}

/**
 * The key's name, cut with an ellipsis when too long for the column: the full name shows on hover (its
 * title) and on keyboard focus (the table's focus tip, drawn only while the name is really cut). The
 * button's accessible name is always the full name, so the tip is for the eyes only.
 */
function KeyName({ name, onOpen }: { name: string; onOpen: () => void }) {
  return (
    <button type="button" className="rk-name-button" onClick={onOpen} title={name} data-tip={name} data-tip-when-cut="">
      {name}
    </button>
  );
}

/**
 * A short relative time ("5 min ago") with the exact time on hover (native title: cheap enough for
 * every row) and on keyboard focus (the table's focus tip; the title is also its accessible
 * description). Rows are memoised, so the minute tick is what redraws it: the row's own subscription
 * (one per mounted row) redraws it with the row, so the times do not each subscribe too.
 */
function TableTime({ iso }: { iso: string | null }) {
  if (!iso) return <span className="rk-dimmed">Never</span>;
  const full = exact(iso);
  return (
    <time dateTime={iso} title={full} data-tip={full} tabIndex={0} className="rk-time">
      {shortRelative(iso)}
    </time>
  );
}
