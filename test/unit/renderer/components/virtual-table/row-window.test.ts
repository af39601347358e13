import { describe, expect, it } from 'vitest';
import { rowsToDraw } from '../../../../../src/renderer/src/components/virtual-table/row-window';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('rowsToDraw (the virtual table’s fixed-height row window)', () => {
  it('draws the rows in view and the overscan on either side', () => {
    // 480 px of 48 px rows: 10 in view, plus one partly shown.
    expect(rowsToDraw({ firstRow: 0, height: 480 }, 10_000, 48, 3, null)).toEqual(range(0, 13));
    expect(rowsToDraw({ firstRow: 100, height: 480 }, 10_000, 48, 3, null)).toEqual(range(97, 113));
  });

  it('draws the end of a list shorter than the scroll position (the browser clamps scrollTop)', () => {
    // 30 rows, 10 in view: scrollTop clamps to row 20, so rows 20–29 show, 17–19 as overscan.
    expect(rowsToDraw({ firstRow: 5_000, height: 480 }, 30, 48, 3, null)).toEqual(range(17, 29));
    expect(rowsToDraw({ firstRow: 5_000, height: 480 }, 4, 48, 3, null)).toEqual(range(0, 3));
    expect(rowsToDraw({ firstRow: 0, height: 480 }, 0, 48, 3, null)).toEqual([]);
  });

  it('keeps the focused row drawn wherever it is, in order, and only while it exists', () => {
    expect(rowsToDraw({ firstRow: 100, height: 480 }, 10_000, 48, 3, 2)).toEqual([2, ...range(97, 113)]);
    expect(rowsToDraw({ firstRow: 0, height: 480 }, 10_000, 48, 3, 500)).toEqual([...range(0, 13), 500]);
    expect(rowsToDraw({ firstRow: 0, height: 480 }, 10_000, 48, 3, 5)).toEqual(range(0, 13));
    expect(rowsToDraw({ firstRow: 0, height: 480 }, 20, 48, 3, 500)).toEqual(range(0, 13));
  });
});
