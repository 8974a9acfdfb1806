/**
 * Keyboard movement in the lab's reachability matrix (one tab stop; the arrow keys, Home and End move it, as in
 * the ARIA grid pattern): where a key takes the active cell, or null for a key that does not move it.
 */

/** The cell (row, column) `key` moves to from (i, j) in a rows × cols matrix; null when the key is not a move. */
export function moveCell(key: string, i: number, j: number, rows: number, cols: number, ctrl = false): [number, number] | null {
  if (rows <= 0 || cols <= 0) return null;
  switch (key) {
    case 'ArrowUp':
      return [Math.max(0, i - 1), j];
    case 'ArrowDown':
      return [Math.min(rows - 1, i + 1), j];
    case 'ArrowLeft':
      return [i, Math.max(0, j - 1)];
    case 'ArrowRight':
      return [i, Math.min(cols - 1, j + 1)];
    case 'Home':
      return ctrl ? [0, 0] : [i, 0];
    case 'End':
      return ctrl ? [rows - 1, cols - 1] : [i, cols - 1];
    default:
      return null;
  }
}
