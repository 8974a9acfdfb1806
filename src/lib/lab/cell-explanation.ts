/**
 * The explanation the lab shows for one matrix cell: the simulator's CellExplanation (verdicts, selecting
 * policies, rules, concept-page sections) with its highlights located in the manifest text the learner edits.
 */
import type { Cluster } from '../simulator/index.ts';
import { explainCell, type CellExplanation } from '../simulator/policy/explain.ts';
import type { MatrixProtocol } from './lab-state.ts';
import { locateHighlights, type LocatedHighlight } from './policy-lines.ts';

/** What the matrix's explanation panel draws. */
export interface CellExplanationView {
  /** The simulator's explanation. */
  readonly explanation: CellExplanation;
  /** Its highlights with their lines in `text`. */
  readonly highlights: readonly LocatedHighlight[];
}

/** Explains the cell (from → to) of `cluster`'s matrix on port/protocol, locating policies in `text`; null for an unknown cell. */
export function explainLabCell(cluster: Cluster, text: string, from: string, to: string, port: number, protocol: MatrixProtocol): CellExplanationView | null {
  const explanation = explainCell(cluster.state, from, to, port, protocol);
  if (!explanation) return null;
  return { explanation, highlights: locateHighlights(text, explanation.highlights) };
}
