/**
 * Where each NetworkPolicy sits in the lab's manifest text: the lines of the whole document and of each rule
 * under `spec.ingress` and `spec.egress`, so an explanation can highlight "the rule that allowed it" or "the
 * policies that isolate the pod" in the editor. Read with the same YAML parser the simulator uses; a text that
 * does not parse gives no lines (the explanation then names the policies without highlighting them).
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { PolicyHighlight } from '../simulator/policy/explain.ts';

/** An inclusive range of 1-based lines. */
export interface LineRange {
  readonly from: number;
  readonly to: number;
}

/** The lines of one NetworkPolicy and of its rules. */
export interface PolicyLines {
  /** The whole document. */
  readonly document: LineRange;
  /** Rule N (1-based) of spec.ingress is ingress[N - 1]. */
  readonly ingress: readonly LineRange[];
  /** Rule N of spec.egress. */
  readonly egress: readonly LineRange[];
}

/** A highlight located in the text. */
export interface LocatedHighlight extends PolicyHighlight {
  /** The lines to highlight, or null when the policy is not found in the text. */
  readonly lines: LineRange | null;
}

/** The NetworkPolicies of `text` by 'namespace/name' (namespace `default` when the manifest names none). */
export function policyLines(text: string): Map<string, PolicyLines> {
  const out = new Map<string, PolicyLines>();
  const lc = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false });
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  const lines = (node: Node | null | undefined): LineRange | null => {
    const range = node?.range;
    if (!range) return null;
    const end = Math.max(range[0], range[1] - 1);
    // A block's range ends after its last newline: step back over trailing whitespace.
    let stop = end;
    while (stop > range[0] && /\s/.test(text[stop] ?? '')) stop -= 1;
    return { from: lc.linePos(range[0]).line, to: lc.linePos(stop).line };
  };
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root) || (root.get('kind') as unknown) !== 'NetworkPolicy') continue;
    const meta = root.get('metadata');
    const name: unknown = isMap(meta) ? meta.get('name') : undefined;
    if (typeof name !== 'string') continue;
    const ns: unknown = isMap(meta) ? meta.get('namespace') : undefined;
    const spec = root.get('spec');
    const rules = (field: string): LineRange[] => {
      const seq = isMap(spec) ? spec.get(field, true) : undefined;
      return isSeq(seq) ? seq.items.map((item) => lines(item as Node)).filter((r): r is LineRange => r !== null) : [];
    };
    const document = lines(root);
    if (!document) continue;
    out.set(`${typeof ns === 'string' ? ns : 'default'}/${name}`, { document, ingress: rules('ingress'), egress: rules('egress') });
  }
  return out;
}

/** The lines of each highlight in `text` (a rule's item, or the whole policy for an isolation). */
export function locateHighlights(text: string, highlights: readonly PolicyHighlight[]): LocatedHighlight[] {
  if (highlights.length === 0) return [];
  const map = policyLines(text);
  return highlights.map((h) => {
    const p = map.get(h.policy);
    const lines = !p ? null : h.rule === null ? p.document : ((h.direction === 'Ingress' ? p.ingress : p.egress)[h.rule - 1] ?? p.document);
    return { ...h, lines };
  });
}
