/**
 * The virtual table's engine (virtual-table.tsx): which rows of a fixed-height list to draw: the ones in the scroller's view, a few more either side,
 * and one pinned row (the one holding keyboard focus). With one row height for every row this is
 * arithmetic on the scroll position: nothing is measured per row and nothing grows with the list, so
 * a search keystroke that changes the count from 10,000 to 300 costs the same as any other render
 * (a general virtualizer rebuilds a measurement for every row whenever the count changes).
 *
 * The scroll position is kept in state as a row index only: scrolling within a row draws nothing.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** Without layout (a hidden panel, a test DOM) the scroller measures 0: assume a screenful instead. */
export const FALLBACK_VIEWPORT = 720;

export interface View {
  /** The first row at least partly in view (scrollTop ÷ row height). */
  firstRow: number;
  /** The scroller's height in px. */
  height: number;
}

export interface RowWindow {
  /** Row indexes to draw, ascending. */
  indexes: number[];
  /** The height of every row together (the scroller's content). */
  totalHeight: number;
  /** The last row of the window itself (the pinned row aside), -1 for an empty list: how far the admin has scrolled. */
  lastInWindow: number;
}

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number, pinned: number | null): RowWindow {
  const [view, setView] = useState<View>({ firstRow: 0, height: FALLBACK_VIEWPORT });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const read = () => {
      const height = element.clientHeight > 0 ? element.clientHeight : FALLBACK_VIEWPORT;
      const firstRow = Math.max(0, Math.floor(element.scrollTop / rowHeight));
      setView((previous) => (previous.firstRow === firstRow && previous.height === height ? previous : { firstRow, height }));
    };
    read();
    element.addEventListener('scroll', read, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      observer?.disconnect();
    };
  }, [scrollRef, rowHeight]);

  return {
    indexes: rowsToDraw(view, count, rowHeight, overscan, pinned),
    totalHeight: count * rowHeight,
    lastInWindow: windowOf(view, count, rowHeight, overscan).end,
  };
}

/** The first and last row of the window for a view (overscan included; end is -1 for an empty list). */
export function windowOf(view: View, count: number, rowHeight: number, overscan: number): { start: number; end: number } {
  const inView = Math.ceil(view.height / rowHeight) + 1;
  // A shorter list than the scroll position allows: the browser clamps scrollTop to the end (and says
  // so with a scroll event); draw those rows at once, never a blank frame in between.
  const first = Math.max(0, Math.min(view.firstRow, count - inView + 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count - 1, first + inView - 1 + overscan) };
}

/** The row indexes to draw for a view (pure: see useRowWindow), ascending, the pinned row included. */
export function rowsToDraw(view: View, count: number, rowHeight: number, overscan: number, pinned: number | null): number[] {
  const { start, end } = windowOf(view, count, rowHeight, overscan);
  const indexes: number[] = [];
  if (pinned !== null && pinned < count && pinned < start) indexes.push(pinned);
  for (let index = start; index <= end; index++) indexes.push(index);
  if (pinned !== null && pinned < count && pinned > end) indexes.push(pinned);
  return indexes;
}
