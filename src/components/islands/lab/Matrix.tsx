/**
 * The reachability matrix: one row per client pod, one column per destination (pods, then extra pods such as
 * CoreDNS, then hosts outside the cluster). Each cell is a button named like "frontend → backend-1, TCP 8080:
 * denied", drawn as ✓ or ✗ by lab.css, with ◆ when the last edit changed it. Arrow keys, Home and End move
 * between cells (one tab stop for the whole matrix); Enter or a click explains the cell below the table (its
 * one-sentence verdict is announced by a status region) and highlights the policies involved in the editor. Also the port picker (lab.yaml's
 * ports as buttons, any port by number) and the policy plugin in force.
 * Rows are components that redraw only when their cells, marks or focus change. While the learner types, an open
 * explanation is recomputed once typing pauses (EXPLAIN_SETTLE_MS), so a keystroke's frame holds only the matrix;
 * until then the panel is marked busy. Opening a cell or changing the port explains at once.
 * State: the port field's draft; the cell that has the tab stop; the cell explained and its explanation.
 */
import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { moveCell } from '../../../lib/lab/matrix-nav.ts';
import { MATRIX_PROTOCOLS, isMatrixProtocol, isPort, type MatrixPort, type MatrixProtocol } from '../../../lib/lab/lab-state.ts';
import type { LocatedHighlight } from '../../../lib/lab/policy-lines.ts';
import type { MatrixView } from '../../../lib/lab/view.ts';
import type { Explained } from './MatrixExplanation.tsx';

interface Props {
  /** The matrix to draw. */
  matrix: MatrixView;
  /** Port and protocol chosen (the matrix may still be for the previous ones while the simulator loads). */
  port: number;
  /** Protocol chosen. */
  protocol: MatrixProtocol;
  /** Called with a valid new port. */
  onPort: (port: number) => void;
  /** Called with a new protocol. */
  onProtocol: (protocol: MatrixProtocol) => void;
  /** Prefix for element ids. */
  idPrefix: string;
  /** Ports offered as buttons (lab.yaml `matrix.ports`). */
  ports?: readonly MatrixPort[] | undefined;
  /** Explains a cell (loads the simulator and the explanation panel if needed); its identity changes when the manifests do. */
  explain?: ((from: string, to: string) => Promise<Explained | null>) | undefined;
  /**
   * Marks an explanation's policies in the editor ([] clears); `reveal` is true for a new question (scroll them into
   * view) and false when the same explanation follows an edit (the editor stays where the learner is typing).
   */
  onHighlight?: ((highlights: readonly LocatedHighlight[], reveal: boolean) => void) | undefined;
  /** Moves the editor's cursor to a line. */
  onShowLine?: ((line: number) => void) | undefined;
}

/** How long typing must pause before an open explanation follows the edited manifests (ms). */
export const EXPLAIN_SETTLE_MS = 250;

/** How a column or row is named: short names when every pod is in one namespace, `namespace/name` otherwise. */
function labelsOf(keys: readonly string[]): string[] {
  const namespaces = new Set(keys.filter((k) => k.includes('/')).map((k) => k.split('/')[0]));
  return keys.map((k) => (!k.includes('/') ? k : namespaces.size <= 1 ? (k.split('/')[1] ?? k) : k));
}

/** The word a cell says. */
function verdictWord(cell: boolean, refused: boolean): string {
  return cell ? 'allowed' : refused ? 'refused' : 'denied';
}

interface RowProps {
  i: number;
  /** The row's pod, as shown. */
  name: string;
  row: ReadonlyArray<boolean>;
  /** The columns whose listener-less pod refuses this row's connection (the policies let it through). */
  refused: ReadonlyArray<number>;
  /** Column labels (names of the cells). */
  columns: readonly string[];
  /** Columns changed by the last edit. */
  changed: ReadonlyArray<number>;
  /** `TCP 8080`. */
  what: string;
  /** The column with the tab stop in this row, or -1. */
  active: number;
  /** The column explained in this row, or -1. */
  selected: number;
}

/** One row; redrawn only when its cells, marks, tab stop or selection change (the snapshot keeps unchanged rows identical). */
class MatrixRow extends Component<RowProps> {
  override shouldComponentUpdate(n: RowProps): boolean {
    const p = this.props;
    return n.row !== p.row || n.name !== p.name || n.refused !== p.refused || n.changed !== p.changed || n.active !== p.active || n.selected !== p.selected || n.columns !== p.columns || n.what !== p.what;
  }

  override render({ i, name, row, refused, columns, changed, what, active, selected }: RowProps) {
    return (
      <tr>
        <th scope="row">{name}</th>
        {row.map((cell, j) => {
          const word = verdictWord(cell, refused.includes(j));
          const isChanged = changed.includes(j);
          return (
            <td class={`${cell ? 'lab-cell-yes' : 'lab-cell-no'}${isChanged ? ' lab-cell-changed' : ''}`}>
              <button
                type="button"
                data-cell={`${i}:${j}`}
                tabIndex={active === j ? 0 : -1}
                aria-pressed={selected === j}
                aria-label={`${name} → ${columns[j] ?? ''}, ${what}: ${word}${isChanged ? `, changed by your last edit (was ${cell ? 'not allowed' : 'allowed'})` : ''}`}
              >
                <span class="visually-hidden">{word}</span>
                {isChanged && (
                  <span class="lab-cell-mark" aria-hidden="true">
                    ◆
                  </span>
                )}
              </button>
            </td>
          );
        })}
      </tr>
    );
  }
}

/** The matrix and its controls. */
export default function Matrix({ matrix, port, protocol, onPort, onProtocol, idPrefix, ports = [], explain, onHighlight, onShowLine }: Props) {
  const [draft, setDraft] = useState(String(port));
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const [selected, setSelected] = useState<{ from: string; to: string } | null>(null);
  const [explained, setExplained] = useState<Explained | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const request = useRef(0);
  /** The explain function (so the manifests) and the question the shown explanation answers. */
  const explainedBy = useRef<{ explain: Props['explain']; key: string } | null>(null);
  // What the field shows: the learner's draft, unless it is a valid port other than the lab's (the lab
  // changed it: a reset, a shared link), derived rather than synced in an effect, so fast typing never races.
  const typedPort = /^\d+$/.test(draft.trim()) ? Number(draft) : Number.NaN;
  const shown = isPort(typedPort) && typedPort !== port ? String(port) : draft;
  const draftValid = /^\d+$/.test(shown.trim()) && isPort(Number(shown));
  const rowLabels = useMemo(() => labelsOf(matrix.pods), [matrix.pods]);
  const colLabels = useMemo(() => labelsOf(matrix.columns), [matrix.columns]);
  const external = matrix.columns.filter((c) => !c.includes('/')).length;
  const podColumns = matrix.columns.length - external;
  const allowedCount = matrix.allowed.reduce((sum, row, i) => sum + row.filter((cell, j) => cell && matrix.columns[j] !== matrix.pods[i]).length, 0);
  const pairs = matrix.pods.length * matrix.columns.length - matrix.pods.filter((p) => matrix.columns.includes(p)).length;
  const changedCount = matrix.changed.reduce((sum, row) => sum + row.length, 0);
  const closed = colLabels.filter((_, j) => matrix.listening[j] === false);
  const what = `${matrix.protocol} ${matrix.port}`;
  const rows = matrix.pods.length;
  const cols = matrix.columns.length;
  const [ai, aj] = [Math.min(active[0], Math.max(0, rows - 1)), Math.min(active[1], Math.max(0, cols - 1))];
  const si = selected ? matrix.pods.indexOf(selected.from) : -1;
  const sj = selected ? matrix.columns.indexOf(selected.to) : -1;

  // The explanation follows the cell as the manifests change (its identity changes with them) and as the port does:
  // at once for a new cell, port or protocol; after a pause in typing when only the manifests changed.
  const question = selected ? `${selected.from}>${selected.to}|${matrix.port}/${matrix.protocol}` : '';
  useEffect(() => {
    if (!selected || !explain) return undefined;
    const n = ++request.current;
    const fresh = explainedBy.current?.key !== question;
    const run = () =>
      void explain(selected.from, selected.to).then(
        (result) => {
          if (n !== request.current) return;
          explainedBy.current = { explain, key: question };
          setExplained(result);
          onHighlight?.(result ? result.view.highlights : [], fresh);
        },
        () => n === request.current && setExplained(null),
      );
    if (fresh) {
      run();
      return undefined;
    }
    const timer = window.setTimeout(run, EXPLAIN_SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [question, explain]);
  const explanationStale = explained !== null && explainedBy.current !== null && explainedBy.current.explain !== explain;

  const focusCell = (i: number, j: number) => {
    setActive([i, j]);
    requestAnimationFrame(() => table.current?.querySelector<HTMLButtonElement>(`[data-cell="${i}:${j}"]`)?.focus());
  };
  const close = () => {
    request.current += 1;
    explainedBy.current = null;
    setSelected(null);
    setExplained(null);
    onHighlight?.([], false);
    focusCell(ai, aj);
  };
  const cellOf = (target: EventTarget | null): [number, number] | null => {
    const cell = (target as HTMLElement | null)?.closest?.('[data-cell]')?.getAttribute('data-cell');
    if (!cell) return null;
    const [i, j] = cell.split(':').map(Number);
    return i === undefined || j === undefined ? null : [i, j];
  };
  const onClick = (event: MouseEvent) => {
    const at = cellOf(event.target);
    if (!at) return;
    const [i, j] = at;
    setActive([i, j]);
    const from = matrix.pods[i];
    const to = matrix.columns[j];
    if (from === undefined || to === undefined) return;
    if (selected && selected.from === from && selected.to === to) close();
    else setSelected({ from, to });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = cellOf(event.target);
    if (!at) return;
    const [i, j] = at;
    const to = moveCell(event.key, i, j, rows, cols, event.ctrlKey || event.metaKey);
    if (to) {
      event.preventDefault();
      focusCell(to[0], to[1]);
    } else if (event.key === 'Escape' && selected) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div class="lab-matrix">
      <div class="lab-matrix-controls">
        {ports.length > 0 && (
          <div class="lab-port-picker" role="group" aria-label="Matrix port">
            {ports.map((p) => (
              <button
                type="button"
                aria-pressed={p.port === port && p.protocol === protocol}
                onClick={() => {
                  setDraft(String(p.port));
                  if (p.protocol !== protocol) onProtocol(p.protocol);
                  if (p.port !== port) onPort(p.port);
                }}
              >
                {p.protocol} {p.port}
              </button>
            ))}
          </div>
        )}
        <label>
          Port{' '}
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={65535}
            value={shown}
            aria-invalid={draftValid ? undefined : 'true'}
            aria-describedby={`${idPrefix}-port-hint`}
            onInput={(event) => {
              const text = (event.currentTarget as HTMLInputElement).value;
              setDraft(text);
              const value = Number(text);
              if (/^\d+$/.test(text.trim()) && isPort(value)) onPort(value);
            }}
          />
        </label>
        <label>
          Protocol{' '}
          <select
            value={protocol}
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              if (isMatrixProtocol(value)) onProtocol(value);
            }}
          >
            {MATRIX_PROTOCOLS.map((p) => (
              <option value={p}>{p}</option>
            ))}
          </select>
        </label>
        <span id={`${idPrefix}-port-hint`} class={draftValid ? 'visually-hidden' : 'lab-field-error'}>
          {draftValid ? 'A port from 1 to 65535.' : `Enter a port from 1 to 65535; the matrix shows ${protocol}/${port}.`}
        </span>
      </div>
      <p class="lab-matrix-plugin">
        Policy plugin in force: <strong>{matrix.plugin}</strong>. {matrix.pluginNote}
      </p>
      <p class="lab-matrix-caption" id={`${idPrefix}-caption`}>
        Can the pod of the row connect to the {external ? 'destination' : 'pod'} of the column on {matrix.protocol}/{matrix.port}? {allowedCount} of {pairs} connections
        {podColumns > 0 && external > 0 ? ' (to other pods and to hosts outside the cluster)' : ' between different pods'} are allowed.
        {closed.length > 0 && (
          <>
            {' '}
            Nothing listens on {matrix.protocol}/{matrix.port} in {closed.join(', ')}, so a connection the policies let through is refused there; one they drop is still denied on
            the way (columns marked “no listener”).
          </>
        )}
      </p>
      <p class="lab-matrix-keys muted" id={`${idPrefix}-keys`}>
        Select a cell (arrow keys move, Enter explains) to see which policies decide it.{' '}
        {changedCount > 0 ? (
          <strong>
            <span aria-hidden="true">◆ </span>
            {changedCount} cell{changedCount === 1 ? '' : 's'} changed with your last edit.
          </strong>
        ) : (
          'Cells your next edit changes are marked ◆.'
        )}
      </p>
      <div class="table-scroll lab-matrix-scroll" role="region" aria-labelledby={`${idPrefix}-caption`} tabindex={-1}>
        <table class="lab-matrix-table" ref={table} aria-labelledby={`${idPrefix}-caption`} aria-describedby={`${idPrefix}-keys`}>
          <thead>
            <tr>
              <th scope="col">
                <span aria-hidden="true">from ↓ to →</span>
                <span class="visually-hidden">From (rows) to (columns)</span>
              </th>
              {colLabels.map((name, j) => (
                <th scope="col">
                  {name}
                  {!matrix.columns[j]?.includes('/') && <span class="lab-col-closed"> (external)</span>}
                  {matrix.listening[j] === false && <span class="lab-col-closed"> (no listener)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onClick={onClick} onKeyDown={onKeyDown}>
            {matrix.allowed.map((row, i) => (
              <MatrixRow
                i={i}
                name={rowLabels[i] ?? ''}
                row={row}
                refused={matrix.refused[i] ?? []}
                columns={colLabels}
                changed={matrix.changed[i] ?? []}
                what={what}
                active={i === ai ? aj : -1}
                selected={i === si ? sj : -1}
              />
            ))}
          </tbody>
        </table>
      </div>
      {/* Only the one-sentence verdict is announced (when it changes); the details are there to read. */}
      <p class="visually-hidden" role="status">
        {selected && explained ? explained.view.explanation.summary : ''}
      </p>
      <div class="lab-explain-slot" aria-busy={explanationStale ? 'true' : undefined} data-stale={explanationStale ? '' : undefined}>
        {selected && explained && <explained.Panel view={explained.view} idPrefix={idPrefix} onShowLine={onShowLine} onClose={close} />}
        {selected && !explained && <p class="muted">Loading the simulator to explain this cell…</p>}
      </div>
    </div>
  );
}
