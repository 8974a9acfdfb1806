/**
 * A lab's reference solution applied to its starting scenario: the text a learner's editor would hold
 * after solving the lab. Documents of `apply` replace the scenario's object of the same kind, namespace
 * and name in place (as `kubectl apply -f` updates it) or are appended; `delete` removes objects first.
 */
import { parseAllDocuments } from 'yaml';
import { splitDocuments } from './documents.ts';
import type { LabSolution } from './lab-schema.ts';

/** What identifies an object across manifests: kind, namespace and name. */
interface Identity {
  kind: string;
  namespace: string;
  name: string;
}

const keyOf = (id: Identity): string => `${id.kind.toLowerCase()}/${id.namespace}/${id.name}`;

/** The identity of one YAML document's object, or undefined for an empty or comment-only document. */
function identityOf(documentText: string): Identity | undefined {
  const [document] = parseAllDocuments(documentText);
  const value: unknown = document?.toJS();
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, metadata } = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof kind !== 'string' || typeof metadata?.name !== 'string') return undefined;
  return { kind, name: metadata.name, namespace: typeof metadata.namespace === 'string' ? metadata.namespace : 'default' };
}

/** Splits text into its documents (falls back to one chunk when it cannot be split). */
function documentsOf(text: string): string[] {
  return (splitDocuments(text) ?? [{ text }]).map((chunk) => chunk.text);
}

const withNewline = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
/** A chunk that does not start with a marker gets one, so documents stay apart when moved. */
const marked = (text: string): string => (/^---(?=[ \t\r\n]|$)/.test(text) ? text : `---\n${text}`);

/** The scenario's manifests with the solution applied. */
export function applySolution(scenario: string, solution: LabSolution): string {
  const removed = new Set((solution.delete ?? []).map((item) => keyOf({ kind: item.kind, name: item.name, namespace: item.namespace ?? 'default' })));
  const applied = documentsOf(solution.apply ?? '')
    .map((text) => ({ text, identity: identityOf(text) }))
    .filter((document) => document.identity !== undefined || document.text.trim() !== '');
  const replaced = new Set<string>();
  const kept: string[] = [];
  for (const text of documentsOf(scenario)) {
    const identity = identityOf(text);
    const key = identity ? keyOf(identity) : undefined;
    if (key !== undefined && removed.has(key)) continue;
    const replacement = key === undefined ? undefined : applied.find((document) => document.identity && keyOf(document.identity) === key);
    if (replacement && key !== undefined) {
      replaced.add(key);
      kept.push(withNewline(kept.length === 0 ? replacement.text.replace(/^---[^\n]*\n/, '') : marked(replacement.text)));
    } else {
      kept.push(withNewline(text));
    }
  }
  for (const document of applied) {
    if (document.identity && replaced.has(keyOf(document.identity))) continue;
    if (!document.identity && !/\S/.test(document.text.replace(/#[^\n]*/g, ''))) continue;
    kept.push(withNewline(marked(document.text)));
  }
  return kept.join('');
}
