/**
 * The reachability matrix: a table with one row per client pod and one column per destination pod, each
 * cell saying whether a connection on the chosen port and protocol succeeds: the word "allowed", "blocked"
 * (by NetworkPolicy) or "refused" (no process listens in the destination pod), read by screen readers and
 * shown as ✓ or ✗ by lab.css, plus the port and protocol controls.
 * Rows are components that redraw only when their cells change, and a cell is one element, so a keystroke
 * that changes a column of a 30×30 matrix stays cheap.
 * State: the port field's draft, so a half-typed or out-of-range port does not redraw the matrix.
 */
import { Component } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { MATRIX_PROTOCOLS, isMatrixProtocol, isPort, type MatrixProtocol } from '../../../lib/lab/lab-state.ts';
import type { MatrixView } from '../../../lib/lab/view.ts';

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
}

/** Short names when every pod is in one namespace, `namespace/name` otherwise. */
function podLabels(pods: readonly string[]): string[] {
  const namespaces = new Set(pods.map((pod) => pod.split('/')[0]));
  return namespaces.size <= 1 ? pods.map((pod) => pod.split('/')[1] ?? pod) : [...pods];
}

interface RowProps {
  /** The row's pod, as shown. */
  name: string;
  /** The row's cells. */
  row: ReadonlyArray<boolean>;
  /** Per column: does the destination listen on the port? */
  listening: ReadonlyArray<boolean>;
}

/** One row; redrawn only when its cells or its pod change (the snapshot keeps unchanged rows identical). */
class MatrixRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.row !== this.props.row || next.name !== this.props.name || next.listening !== this.props.listening;
  }

  override render({ name, row, listening }: RowProps) {
    return (
      <tr>
        <th scope="row">{name}</th>
        {row.map((cell, j) => (
          <td class={cell ? 'lab-cell-yes' : 'lab-cell-no'}>
            <span class="visually-hidden">{cell ? 'allowed' : listening[j] === false ? 'refused' : 'blocked'}</span>
          </td>
        ))}
      </tr>
    );
  }
}

/** The matrix and its controls. */
export default function Matrix({ matrix, port, protocol, onPort, onProtocol, idPrefix }: Props) {
  const [draft, setDraft] = useState(String(port));
  // What the field shows: the learner's draft, unless it is a valid port other than the lab's (the lab
  // changed it: a reset, a shared link), derived rather than synced in an effect, so fast typing never races.
  const typedPort = /^\d+$/.test(draft.trim()) ? Number(draft) : Number.NaN;
  const shown = isPort(typedPort) && typedPort !== port ? String(port) : draft;
  const draftValid = /^\d+$/.test(shown.trim()) && isPort(Number(shown));
  const labels = useMemo(() => podLabels(matrix.pods), [matrix.pods]);
  const allowedCount = matrix.allowed.reduce((sum, row, i) => sum + row.filter((cell, j) => cell && i !== j).length, 0);
  const pairs = matrix.pods.length * (matrix.pods.length - 1);
  const closed = labels.filter((_, j) => matrix.listening[j] === false);

  return (
    <div class="lab-matrix">
      <div class="lab-matrix-controls">
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
      <p class="lab-matrix-caption" id={`${idPrefix}-caption`}>
        Can the pod of the row connect to the pod of the column on {matrix.protocol}/{matrix.port}? {allowedCount} of {pairs} connections between
        different pods are allowed.
        {closed.length > 0 && (
          <>
            {' '}
            Nothing listens on {matrix.protocol}/{matrix.port} in {closed.join(', ')}, so connections to {closed.length === 1 ? 'it' : 'them'} are refused
            whatever the policies say (columns marked “no listener”).
          </>
        )}
      </p>
      <div class="table-scroll lab-matrix-scroll" role="region" aria-labelledby={`${idPrefix}-caption`} tabindex={0}>
        <table class="lab-matrix-table" aria-labelledby={`${idPrefix}-caption`}>
          <thead>
            <tr>
              <th scope="col">
                <span aria-hidden="true">from ↓ to →</span>
                <span class="visually-hidden">From (rows) to (columns)</span>
              </th>
              {labels.map((name, j) => (
                <th scope="col">
                  {name}
                  {matrix.listening[j] === false && <span class="lab-col-closed"> (no listener)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.allowed.map((row, i) => (
              <MatrixRow name={labels[i] ?? ''} row={row} listening={matrix.listening} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
