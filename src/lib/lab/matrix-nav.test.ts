import { describe, expect, it } from 'vitest';
import { moveCell } from './matrix-nav.ts';

// The ARIA Authoring Practices grid pattern (https://www.w3.org/WAI/ARIA/apg/patterns/grid/): arrows move one
// cell and stop at the edges; Home/End go to the row's first/last cell; Ctrl+Home/End to the grid's first/last.
describe('moveCell', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveCell('ArrowRight', 0, 0, 3, 4)).toEqual([0, 1]);
    expect(moveCell('ArrowRight', 0, 3, 3, 4)).toEqual([0, 3]);
    expect(moveCell('ArrowDown', 2, 1, 3, 4)).toEqual([2, 1]);
    expect(moveCell('ArrowUp', 0, 1, 3, 4)).toEqual([0, 1]);
    expect(moveCell('ArrowLeft', 1, 0, 3, 4)).toEqual([1, 0]);
  });

  it('Home/End go along the row; with Ctrl to the corners', () => {
    expect(moveCell('Home', 1, 2, 3, 4)).toEqual([1, 0]);
    expect(moveCell('End', 1, 2, 3, 4)).toEqual([1, 3]);
    expect(moveCell('Home', 1, 2, 3, 4, true)).toEqual([0, 0]);
    expect(moveCell('End', 1, 2, 3, 4, true)).toEqual([2, 3]);
  });

  it('other keys, or an empty matrix, do not move', () => {
    expect(moveCell('Enter', 1, 1, 3, 4)).toBeNull();
    expect(moveCell('ArrowDown', 0, 0, 0, 0)).toBeNull();
  });
});
