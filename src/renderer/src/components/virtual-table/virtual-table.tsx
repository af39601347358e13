/**
 * The one virtualized table (keys, audit log, identify): a `role=table` of `div`s whose rows all have
 * one height, so which rows to draw is arithmetic on the scroll position (row-window.ts) and a list of
 * 10,000 rows costs what a screenful does. It owns the windowing, the focus keeping and the header;
 * what a row shows stays in its feature, which draws each row with `virtualRow(index, rowHeight)`.
 *
 * - Table semantics through ARIA, because a virtual list drops the rows off screen: `aria-rowcount`
 *   (rows + the header, or -1 while the total is unknown) and each row's `aria-rowindex`.
 * - The header sits outside the scroller, so it stays put (sticky) while the rows scroll.
 * - The row holding keyboard focus stays mounted wherever the admin scrolls, so focus is never dropped.
 *   It is followed by its identity (`rowKey`), not its position: a list refresh that adds or removes
 *   rows above it moves it to another index, and the table pins it there.
 * - Without layout (a test DOM, a hidden panel) the scroller measures 0: the window assumes a screenful.
 */
import { useEffect, useRef, useState, type CSSProperties, type FocusEvent, type ReactNode, type Ref } from 'react';
import { useRowWindow } from './row-window';

interface Props {
  /** The table's accessible name. */
  label: string;
  rowCount: number;
  /** `aria-rowcount`: the rows and the header row by default; -1 while more rows exist than are loaded. */
  ariaRowCount?: number;
  /** Every row's height in px (the rows' CSS must say the same). */
  rowHeight: number;
  /** Rows drawn beyond the view on either side: each costs a render whenever the rows change. */
  overscan: number;
  /** The column header cells (`role=columnheader`), drawn in the header row. */
  header: ReactNode;
  /** Classes of the header row (the feature's grid template), after `rk-row rk-row-head`. */
  headerClassName?: string;
  /** Classes of the table, after `rk-table`. */
  className?: string;
  /** The table element (a feature that observes its width). */
  tableRef?: Ref<HTMLDivElement>;
  scrollTestId?: string;
  /**
   * Rows hold nothing to focus (text only): their row group takes a Tab stop, so the keyboard can
   * scroll the table (arrows, Page Up/Down) once it has more rows than it shows.
   */
  scrollerFocusable?: boolean;
  /** Draws row `index`: an element spreading `virtualRow(index, rowHeight)`, keyed by the row's identity. */
  renderRow: (index: number) => ReactNode;
  /** Row `index`'s identity, the same as its element's React key (how the focused row is followed). */
  rowKey: (index: number) => string | undefined;
  /** Told the last row of the window whenever it changes (load the next page near the end). */
  onRowsDrawn?: (lastRow: number) => void;
  /** Focus moved to an element inside the rows (after the table noted which row holds it). */
  onFocusInRows?: (target: HTMLElement) => void;
  onBlur?: () => void;
  onScroll?: () => void;
  /** Drawn after the rows, inside the table (a focus tip). */
  children?: ReactNode;
}

/** A row's ARIA position, its index for the focus keeping and its place in the window. */
export function virtualRow(index: number, rowHeight: number): { role: 'row'; 'aria-rowindex': number; 'data-index': number; style: CSSProperties } {
  return { role: 'row', 'aria-rowindex': index + 2, 'data-index': index, style: { transform: `translateY(${index * rowHeight}px)` } };
}

/** Where the focused row is now: where it was last seen if it is still there (rows rarely move), else found by its key. */
function indexOf(focused: { key: string; index: number } | null, rowCount: number, rowKey: (index: number) => string | undefined): number | null {
  if (focused === null) return null;
  if (focused.index < rowCount && rowKey(focused.index) === focused.key) return focused.index;
  for (let index = 0; index < rowCount; index++) if (rowKey(index) === focused.key) return index;
  return null;
}

export function VirtualTable({
  label,
  rowCount,
  ariaRowCount = rowCount + 1,
  rowHeight,
  overscan,
  header,
  headerClassName,
  className,
  tableRef,
  scrollTestId,
  scrollerFocusable = false,
  renderRow,
  rowKey,
  onRowsDrawn,
  onFocusInRows,
  onBlur,
  onScroll,
  children,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The focused row's identity and where it was last seen. */
  const [focused, setFocused] = useState<{ key: string; index: number } | null>(null);
  const rows = useRowWindow(scrollRef, rowCount, rowHeight, overscan, indexOf(focused, rowCount, rowKey));
  const lastInWindow = rows.lastInWindow;
  useEffect(() => {
    if (lastInWindow >= 0) onRowsDrawn?.(lastInWindow);
  }, [lastInWindow, onRowsDrawn]);

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const attribute = target.closest<HTMLElement>('[data-index]')?.dataset.index;
    const index = attribute === undefined ? null : Number(attribute);
    const key = index === null ? undefined : rowKey(index);
    setFocused(index === null || key === undefined ? null : { key, index });
    onFocusInRows?.(target);
  };

  return (
    <div ref={tableRef} role="table" aria-label={label} aria-rowcount={ariaRowCount} className={className ? `rk-table ${className}` : 'rk-table'}>
      <div role="rowgroup" className="rk-table-head">
        <div role="row" aria-rowindex={1} className={headerClassName ? `rk-row rk-row-head ${headerClassName}` : 'rk-row rk-row-head'}>
          {header}
        </div>
      </div>
      <div ref={scrollRef} className="rk-table-scroll" data-testid={scrollTestId} onFocus={onFocus} onBlur={onBlur} onScroll={onScroll}>
        {/* The Tab stop is the row group, not the scroller: a focusable element between the table and
            its rows would break the table's structure for assistive tech; arrows scroll its scroller. */}
        <div role="rowgroup" tabIndex={scrollerFocusable ? 0 : undefined} style={{ height: rows.totalHeight, position: 'relative' }}>
          {rows.indexes.map((index) => renderRow(index))}
        </div>
      </div>
      {children}
    </div>
  );
}
