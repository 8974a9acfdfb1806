/**
 * From the editor's text to a running cluster, on every keystroke.
 *
 * `evaluateManifests(text)` is the reference: the simulator's createCluster on the whole text, with a
 * failure turned into a LabError that names its line (found from the document and field path when the
 * simulator gives none, e.g. for a duplicate object).
 *
 * `createEvaluator()` is what the lab runs while the learner types. It is stateful: it caches the parsed
 * YAML of each `---` document by its text, so a keystroke re-parses only the document it changed and then
 * builds the cluster from plain objects (YAML parsing is most of the cost: about 10× the build for the lab's
 * texts). A manifest error is located by re-parsing only its document; a YAML syntax error, whose position
 * depends on the rest of the text, by parsing the whole text. Its answers are the reference's answers (same cluster, same error, same line), which the tests
 * check on random edits. It also keeps the **last valid cluster**: while the text has an error, the lab
 * keeps showing (and the terminal keeps talking to) the cluster the last valid text built.
 */
import { isMap, isNode, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { createCluster, isTooComplex, MANIFEST_YAML_OPTIONS, ManifestError, parseManifests, readYamlDocuments, type Cluster } from '../simulator/core.ts';
import { lineAt, splitDocuments, type DocumentChunk } from './documents.ts';
import { DEFAULT_LAB_NETWORK, MAX_LAB_YAML_BYTES, utf8Length } from './lab-state.ts';
import type { LabNetwork } from './lab-state.ts';

/** Why the text does not build a cluster, located in the text where possible. */
export interface LabError {
  /** The simulator's message (names the object, document, line and field where it knows them). */
  readonly message: string;
  /** 1-based line the error is on, or null when it concerns no particular line. */
  readonly line: number | null;
  /** 1-based column, or null. */
  readonly column: number | null;
  /** 1-based document number, or null. */
  readonly documentIndex: number | null;
  /** Field path such as `spec.ingress[0].from`, or null. */
  readonly path: string | null;
}

/** The result of evaluating a text: a cluster, or the first error. */
export type Evaluation = { readonly ok: true; readonly cluster: Cluster } | { readonly ok: false; readonly error: LabError };

/** What the lab shows after an edit: this text's evaluation and the cluster that keeps running. */
export interface EvaluatorResult {
  /** The evaluation of the text just given. */
  readonly evaluation: Evaluation;
  /** The cluster of the last valid text (this one when it is valid); null until a text has been valid. */
  readonly running: Cluster | null;
  /** True when `running` comes from an earlier text because this one has an error. */
  readonly stale: boolean;
}

/** A stateful evaluator: incremental parsing plus the last-valid-cluster policy. */
export interface Evaluator {
  /** Evaluates `text` (re-parsing only changed documents) with the given network settings and updates the running cluster when it is valid. */
  update(text: string, network?: LabNetwork): EvaluatorResult;
  /** The cluster of the last valid text, or null. */
  running(): Cluster | null;
}

/** Options of createEvaluator. */
export interface EvaluatorOptions {
  /** The cluster to keep running until a text is valid (e.g. the starting scenario's). */
  readonly initial?: Cluster | null;
}

type ChunkParse = { readonly ok: true; readonly values: readonly unknown[] } | { readonly ok: false };

// The simulator's own YAML reading (kubectl's scalars, bounded time), so chunks read as the whole text does.
const YAML_OPTIONS = MANIFEST_YAML_OPTIONS;

function parseChunk(text: string): ChunkParse {
  try {
    return { ok: true, values: readYamlDocuments(text).map((doc) => doc.value) };
  } catch {
    return { ok: false };
  }
}

/** `spec.ingress[0].from` → ['spec', 'ingress', 0, 'from']. */
function pathSegments(path: string): Array<string | number> {
  return (path.match(/\[\d+\]|[^.[\]]+/g) ?? []).map((segment) => (segment.startsWith('[') ? Number(segment.slice(1, -1)) : segment));
}

/** Line and column of a field of document `documentIndex` (1-based) in `text`, or of the document's start. */
function locateField(text: string, documentIndex: number, path: string | null): { line: number; column: number } | null {
  const lc = new LineCounter();
  let docs;
  try {
    docs = Array.from(parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: lc }));
  } catch {
    return null;
  }
  const doc = docs[documentIndex - 1];
  if (!doc) return null;
  let node: unknown = doc.contents;
  let best: unknown = node;
  const segments = path ? pathSegments(path) : [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (!isNode(item)) break;
      best = item;
      node = item;
      continue;
    }
    if (!isMap(node) || typeof segment !== 'string') break;
    const map = node;
    // Label keys contain dots (kubernetes.io/metadata.name): try the longest run of segments that is a key.
    let found = false;
    for (let j = segments.length; j > i && !found; j -= 1) {
      const run = segments.slice(i, j);
      if (run.some((part) => typeof part !== 'string')) continue;
      const key = run.join('.');
      const pair = map.items.find((item) => (isNode(item.key) ? (item.key as { value?: unknown }).value === key : item.key === key));
      if (pair) {
        if (isNode(pair.key)) best = pair.key;
        node = pair.value;
        i = j - 1;
        found = true;
      }
    }
    if (!found) break;
  }
  const range = isNode(best) && best.range ? best.range : doc.range;
  const pos = lc.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

function whereText(documentIndex: number | null, line: number | null, column: number | null): string {
  const parts: string[] = [];
  if (documentIndex !== null) parts.push(`document ${documentIndex}`);
  if (line !== null) parts.push(`line ${line}`);
  if (column !== null) parts.push(`column ${column}`);
  return parts.join(', ');
}

/** A LabError for an error thrown while evaluating `text` (the whole text). */
export function labError(text: string, error: unknown): LabError {
  if (!(error instanceof ManifestError)) {
    return { message: `The simulator could not read the manifests: ${error instanceof Error ? error.message : String(error)}`, line: null, column: null, documentIndex: null, path: null };
  }
  let line = error.line;
  let column = error.column;
  if (line === null && error.documentIndex !== null) {
    const at = locateField(text, error.documentIndex, error.path);
    if (at) {
      line = at.line;
      column = error.path ? at.column : null;
    }
  }
  return { message: error.message, line, column, documentIndex: error.documentIndex, path: error.path };
}

/** Evaluates the whole text at once (the reference the incremental evaluator must agree with). */
export function evaluateManifests(text: string, network: LabNetwork = DEFAULT_LAB_NETWORK): Evaluation {
  try {
    return { ok: true, cluster: createCluster(text, { ...network }) };
  } catch (error) {
    return { ok: false, error: labError(text, error) };
  }
}

interface Chunked {
  readonly chunk: DocumentChunk;
  readonly parse: ChunkParse;
  /** Global 1-based number of the chunk's first document. */
  readonly firstDocument: number;
}

/** The error of one chunk, re-based to the whole text; null when the chunk alone has no error. */
function chunkError(entry: Chunked, text: string): LabError | null {
  try {
    parseManifests(entry.chunk.text);
    return null;
  } catch (error) {
    if (!(error instanceof ManifestError)) return labError(text, error);
    const local = labError(entry.chunk.text, error);
    const documentIndex = local.documentIndex === null ? null : local.documentIndex + entry.firstDocument - 1;
    const line = local.line === null ? null : local.line + entry.chunk.line - 1;
    const oldWhere = whereText(error.documentIndex, error.line, error.column);
    const newWhere = whereText(documentIndex, error.line === null ? null : line, error.column);
    const message = oldWhere ? error.message.replace(oldWhere, newWhere) : error.message;
    return { message, line, column: local.column, documentIndex, path: local.path };
  }
}

/** Locates an error thrown by createCluster/parseManifests on the chunked documents. */
function locateChunked(chunks: readonly Chunked[], text: string, error: unknown): LabError {
  if (error instanceof ManifestError && error.documentIndex !== null) {
    const index = error.documentIndex;
    const entry = [...chunks].reverse().find((candidate) => candidate.firstDocument <= index);
    if (entry) {
      const own = chunkError(entry, text);
      if (own && own.documentIndex === index && own.message.endsWith(error.detail)) return own;
      // An error between documents (a duplicate object, an IP already taken): point at the document or field.
      const at = locateField(entry.chunk.text, index - entry.firstDocument + 1, error.path);
      const line = at ? at.line + entry.chunk.line - 1 : lineAt(text, entry.chunk.offset);
      return { message: error.message, line, column: at && error.path ? at.column : null, documentIndex: index, path: error.path };
    }
  }
  return labError(text, error);
}

/** The evaluation for an error thrown on the chunked documents; errors tied to no document are re-checked on the whole text. */
function fromChunked(chunks: readonly Chunked[], text: string, error: unknown, network: LabNetwork): Evaluation {
  if (!(error instanceof ManifestError) || error.documentIndex === null) return evaluateManifests(text, network);
  return { ok: false, error: locateChunked(chunks, text, error) };
}

/** A stateful, incremental evaluator (see the module comment). */
export function createEvaluator(options: EvaluatorOptions = {}): Evaluator {
  let cache = new Map<string, ChunkParse>();
  let running: Cluster | null = options.initial ?? null;

  const evaluate = (text: string, network: LabNetwork): Evaluation => {
    const chunks = utf8Length(text) > MAX_LAB_YAML_BYTES || isTooComplex(text) ? null : splitDocuments(text);
    if (!chunks) {
      cache = new Map();
      return evaluateManifests(text, network);
    }
    const next = new Map<string, ChunkParse>();
    const entries: Chunked[] = [];
    let documents = 1;
    for (const chunk of chunks) {
      const parse = next.get(chunk.text) ?? cache.get(chunk.text) ?? parseChunk(chunk.text);
      next.set(chunk.text, parse);
      entries.push({ chunk, parse, firstDocument: documents });
      if (parse.ok) documents += parse.values.length;
      else break;
    }
    cache = next;
    // A YAML syntax error: the parser's position depends on what follows the broken document (the next
    // `---` or the end of the text), so ask the whole text, as the reference does.
    if (entries.some((entry) => !entry.parse.ok)) return evaluateManifests(text, network);
    const values = entries.flatMap((entry) => (entry.parse.ok ? entry.parse.values : []));
    try {
      return { ok: true, cluster: createCluster(values, { ...network }) };
    } catch (error) {
      return fromChunked(entries, text, error, network);
    }
  };

  return {
    update(text, network = DEFAULT_LAB_NETWORK) {
      const evaluation = evaluate(text, network);
      if (evaluation.ok) running = evaluation.cluster;
      return { evaluation, running, stale: !evaluation.ok && running !== null };
    },
    running: () => running,
  };
}
