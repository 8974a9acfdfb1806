/**
 * Go's text/tabwriter, as kubectl uses it: text whose cells end in `\t` is laid out in columns. A column
 * block is a run of consecutive lines that all have a cell in that column; each cell of a block is padded
 * with spaces to the widest cell of the block plus `padding` (at least `minwidth`). The text after a line's
 * last tab is not part of any column and is written as is, so lines keep any trailing padding of their
 * tab-terminated cells, exactly like Go. Widths count code points, like Go's utf8.RuneCountInString.
 *
 * kubectl sets it up twice: `kubectl get` tables use minwidth 6, padding 3 (cli-runtime
 * pkg/printers/tabwriter.go GetNewTabWriter); `kubectl describe` uses minwidth 0, padding 2
 * (kubectl pkg/describe/describe.go tabbedString).
 */

/** The two numbers of a tabwriter that matter when the pad character is a space. */
export interface TabwriterOptions {
  /** Minimal width of a column cell, padding included. */
  minwidth: number;
  /** Spaces added to the widest cell of a column block. */
  padding: number;
}

/** `kubectl get` tables (printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, ' '). */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };

/** `kubectl describe` text (describe.tabbedString: minwidth 0, tabwidth 8, padding 2, ' '). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

/**
 * Lays out `text` (lines split on `\n`, cells on `\t`) as one Flush of a Go tabwriter would.
 * Runs in time linear in the size of the text, whatever the number of columns.
 */
export function alignTabs(text: string, options: TabwriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[][] = lines.map((cells) => new Array<number>(Math.max(cells.length - 1, 0)).fill(0));
  const cellWidths = lines.map((cells) => cells.map(runeCount));
  let maxColumns = 0;
  for (const cells of lines) maxColumns = Math.max(maxColumns, cells.length - 1);
  // Per column, lines that hold a cell in it are sorted by index; walk them and cut a block at every gap.
  const byColumn: number[][] = Array.from({ length: maxColumns }, () => []);
  lines.forEach((cells, i) => {
    for (let c = 0; c < cells.length - 1; c++) byColumn[c]?.push(i);
  });
  for (let c = 0; c < maxColumns; c++) {
    const rows = byColumn[c] ?? [];
    let start = 0;
    while (start < rows.length) {
      let end = start;
      while (end + 1 < rows.length && (rows[end + 1] as number) === (rows[end] as number) + 1) end++;
      let width = options.minwidth;
      for (let k = start; k <= end; k++) width = Math.max(width, (cellWidths[rows[k] as number]?.[c] ?? 0) + options.padding);
      for (let k = start; k <= end; k++) (widths[rows[k] as number] as number[])[c] = width;
      start = end + 1;
    }
  }
  return lines
    .map((cells, i) => {
      let out = '';
      const w = widths[i] as number[];
      const cw = cellWidths[i] as number[];
      for (let c = 0; c < cells.length; c++) {
        out += cells[c] as string;
        if (c < cells.length - 1) out += ' '.repeat(Math.max((w[c] ?? 0) - (cw[c] ?? 0), 0));
      }
      return out;
    })
    .join('\n');
}
