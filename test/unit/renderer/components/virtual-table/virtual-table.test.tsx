import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { VirtualTable, virtualRow } from '../../../../../src/renderer/src/components/virtual-table/virtual-table';

const ROW_HEIGHT = 40;

/** Things 0 … count-1, or the names given (each name its row's identity). */
function Table({ count, names, onRowsDrawn, ariaRowCount }: { count?: number; names?: string[]; onRowsDrawn?: (last: number) => void; ariaRowCount?: number }) {
  const nameOf = (index: number) => names?.[index] ?? `Thing ${index}`;
  return (
    <VirtualTable
      label="Things"
      rowCount={names?.length ?? count ?? 0}
      ariaRowCount={ariaRowCount}
      rowHeight={ROW_HEIGHT}
      overscan={2}
      scrollTestId="things-scroll"
      onRowsDrawn={onRowsDrawn}
      header={
        <div role="columnheader" className="rk-cell">
          Thing
        </div>
      }
      rowKey={nameOf}
      renderRow={(index) => (
        <div key={nameOf(index)} {...virtualRow(index, ROW_HEIGHT)} className="rk-row">
          <div role="cell" className="rk-cell">
            <button type="button">{nameOf(index)}</button>
          </div>
        </div>
      )}
    />
  );
}

function scrollTo(firstRow: number) {
  const scroller = screen.getByTestId('things-scroll');
  scroller.scrollTop = firstRow * ROW_HEIGHT;
  fireEvent.scroll(scroller);
}

describe('VirtualTable', () => {
  it('draws the header and a window of rows (a screenful when the DOM has no layout), and announces every row', () => {
    render(<Table count={10_000} />);
    const table = screen.getByRole('table', { name: 'Things' });
    expect(table).toHaveAttribute('aria-rowcount', '10001');
    const rows = within(table).getAllByRole('row');
    expect(rows[0]).toHaveAttribute('aria-rowindex', '1');
    expect(within(rows[0]!).getByRole('columnheader', { name: 'Thing' })).toBeInTheDocument();
    // 720 px of 40 px rows: 18 in view, one partly, two of overscan below.
    expect(rows.slice(1).map((row) => row.getAttribute('aria-rowindex'))).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 2)));
    expect(rows[5]).toHaveStyle({ transform: 'translateY(160px)' });
  });

  it('gives the rows a Tab stop (their row group, inside the scroller) only when they hold nothing to focus', () => {
    const { unmount } = render(<Table count={50} />);
    expect(screen.getByTestId('things-scroll').querySelector('[tabindex]')).toBeNull();
    unmount();
    render(
      <VirtualTable
        label="Text only"
        rowCount={50}
        rowHeight={ROW_HEIGHT}
        overscan={2}
        scrollTestId="text-scroll"
        scrollerFocusable
        header={<div role="columnheader">Text</div>}
        rowKey={String}
        renderRow={(index) => (
          <div key={index} {...virtualRow(index, ROW_HEIGHT)}>
            <div role="cell">Text {index}</div>
          </div>
        )}
      />,
    );
    expect(screen.getByTestId('text-scroll')).not.toHaveAttribute('tabindex');
    expect(within(screen.getByTestId('text-scroll')).getByRole('rowgroup')).toHaveAttribute('tabindex', '0');
  });

  it('says -1 rows when the caller does not know the total yet', () => {
    render(<Table count={200} ariaRowCount={-1} />);
    expect(screen.getByRole('table', { name: 'Things' })).toHaveAttribute('aria-rowcount', '-1');
  });

  it('keeps the row holding keyboard focus mounted when it scrolls out of the window', () => {
    render(<Table count={10_000} />);
    const button = screen.getByRole('button', { name: 'Thing 3' });
    button.focus();
    expect(button).toHaveFocus();
    scrollTo(5_000);
    expect(screen.getByRole('button', { name: 'Thing 5000' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Thing 10' })).not.toBeInTheDocument();
    expect(button).toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('follows the focused row, not its position, when rows are added or removed above it out of view', () => {
    const things = Array.from({ length: 10_000 }, (_, i) => `Thing ${i}`);
    const { rerender } = render(<Table names={things} />);
    const button = screen.getByRole('button', { name: 'Thing 3' });
    button.focus();
    scrollTo(5_000);
    // A refresh brings 10 new rows above it: "Thing 3" is row 13 now, far from the window.
    const refreshed = [...Array.from({ length: 10 }, (_, i) => `New ${i}`), ...things];
    rerender(<Table names={refreshed} />);
    expect(screen.getByRole('button', { name: 'Thing 3' })).toBe(button);
    expect(button).toHaveFocus();
    expect(button.closest('[role="row"]')).toHaveAttribute('aria-rowindex', String(13 + 2));
    // Whatever now sits at its old position is not kept drawn for it.
    expect(screen.queryByRole('button', { name: 'New 3' })).not.toBeInTheDocument();
    // And when rows above it go, it is followed back up.
    rerender(<Table names={things.slice(2)} />);
    expect(button).toHaveFocus();
    expect(button.closest('[role="row"]')).toHaveAttribute('aria-rowindex', String(1 + 2));
  });

  it('tells the caller the last row of its window as the admin scrolls', () => {
    const onRowsDrawn = vi.fn();
    render(<Table count={500} onRowsDrawn={onRowsDrawn} />);
    expect(onRowsDrawn).toHaveBeenLastCalledWith(20);
    scrollTo(490);
    expect(onRowsDrawn).toHaveBeenLastCalledWith(499);
  });
});
