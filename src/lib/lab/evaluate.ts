/**
 * From the editor's text to a running cluster, on every keystroke.
 *
 * `evaluateManifests(text)` is the reference: the simulator's createCluster on the whole text, with a
 * failure turned into a LabError that names its line (found from the document and field path when the
 * simulator gives none, e.g. for a duplicate object).
 *
 * `createEvaluator()` is what the lab runs while the learner types. It is stateful: it splits the text at its
 * `---` lines and caches each piece's reading (YAML parse, structure checks, plain values and the parsed YAML)
 * by the piece's text, with lines and document numbers counted from the piece's start. A keystroke so re-reads
 * only the piece it changed; the others are placed where they now are (a piece that moved down because an
 * earlier one gained lines keeps its reading, with its lines shifted). The cluster is then built from the read
 * documents, without reading text again. A broken piece gives the error the whole text's reading gives (the
 * first broken document, numbered and lined in the whole text); a validation error is located in its piece's
 * parsed YAML. Its answers are the reference's answers (same cluster, same error, same line), which the tests
 * check on random edits. It also keeps the **last valid cluster**: while the text has an error, the lab keeps
 * showing (and the terminal keeps talking to) the cluster the last valid text built.
 */
import { isMap, isNode, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { createCluster, isTooComplex, MANIFEST_YAML_OPTIONS, ManifestError, type Cluster } from '../simulator/core.ts';
import { isStreamFailure, readYamlStream, YamlDocuments, type Locator, type YamlDocument, type YamlStream } from '../simulator/manifest-yaml.ts';
import { splitDocuments, type DocumentChunk } from './documents.ts';
import { DEFAULT_LAB_NETWORK, MAX_LAB_YAML_BYTES, utf8Length } from './lab-state.ts';
import type { LabNetwork } from './lab-state.ts';

/** Why the text does not build a cluster, located in the text where possible. */
export interface LabError {
  /** The simulator's message (names the object, document and field where it knows them); the line and column are `line` and `column`, not repeated in it. */
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
  /** How many `---` pieces it has read from text so far (the others came from its cache). */
  reads(): number;
}

/** Options of createEvaluator. */
export interface EvaluatorOptions {
  /** The cluster to keep running until a text is valid (e.g. the starting scenario's). */
  readonly initial?: Cluster | null;
}

// The simulator's own YAML reading (kubectl's scalars, bounded time), so chunks read as the whole text does.
const YAML_OPTIONS = MANIFEST_YAML_OPTIONS;

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
  return doc ? locateIn(doc, lc, path) : null;
}

/** Line and column of a field (`spec.ingress[0].from`) of a parsed document, or of the document's start. */
function locateIn(doc: Document, lc: LineCounter, path: string | null): { line: number; column: number } {
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
  const pos = lc.linePos(range?.[0] ?? 0);
  return { line: pos.line, column: pos.col };
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
  return { message: error.messageWithoutPosition, line, column, documentIndex: error.documentIndex, path: error.path };
}

/** Evaluates the whole text at once (the reference the incremental evaluator must agree with). */
export function evaluateManifests(text: string, network: LabNetwork = DEFAULT_LAB_NETWORK): Evaluation {
  try {
    return { ok: true, cluster: createCluster(text, { ...network }) };
  } catch (error) {
    return { ok: false, error: labError(text, error) };
  }
}

/** One `---` piece of the text read on its own (lines and document numbers counted from the piece's start). */
type ChunkRead = { readonly ok: true; readonly stream: YamlStream } | { readonly ok: false; readonly error: ManifestError };

/** What a piece that another follows is read with: the next piece's `---` line, which ends whatever the piece leaves open. */
const NEXT_MARKER = '---\n';

/**
 * Reads a piece as the whole text's reading sees it: one that another piece follows is read with a `---` line
 * after it (which ends whatever it leaves open, as in the whole text), and the empty document that line starts
 * is dropped. Whether a piece reads without error depends on nothing else; where a broken one's error is can
 * (an unclosed quote is looked for in the rest of the text): see brokenChunk.
 */
function readChunk(text: string, followed: boolean): ChunkRead {
  try {
    if (!followed) return { ok: true, stream: readYamlStream(text) };
    const stream = readYamlStream(text + NEXT_MARKER);
    return { ok: true, stream: { documents: stream.documents.slice(0, -1), parsed: stream.parsed.slice(0, -1), lineCounter: stream.lineCounter } };
  } catch (error) {
    if (error instanceof ManifestError) return { ok: false, error };
    throw error;
  }
}

/**
 * The error of a broken piece as the whole text's reading gives it: read from the start of the piece before it
 * (the parser gives a stray token at a document's start to the document before) to the end of the text (it
 * looks for an unclosed quote's end there), two documents at most. Numbered from `before`'s first document.
 */
function brokenChunk(text: string, before: Placed | undefined, chunk: DocumentChunk): ManifestError | null {
  try {
    readYamlStream(text.slice(before ? before.chunk.offset : chunk.offset), { documents: before ? 2 : 1 });
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  return null;
}

/** The cache key of piece `n`: its text, and whether another follows it (the only context its reading depends on). */
function readKey(chunks: readonly DocumentChunk[], n: number): string {
  const text = chunks[n]?.text ?? '';
  return n < chunks.length - 1 ? `${text}${NEXT_MARKER}` : text;
}

/** A piece read on its own, placed in the whole text. */
interface Placed {
  readonly chunk: DocumentChunk;
  readonly read: ChunkRead;
  /** Number, in the whole text, of the piece's first document. */
  readonly firstDocument: number;
}

/** A locator of a piece's document that answers in the whole text's lines. */
function shiftLocator(locate: Locator, lines: number): Locator {
  if (lines === 0) return locate;
  return (path) => {
    const at = locate(path);
    return at && { line: at.line + lines, column: at.column };
  };
}

/** A piece's error as the whole text's reading reports it: the same error, numbered and lined in the whole text. */
function placedError(placed: Placed, error: ManifestError): ManifestError {
  const shift = placed.firstDocument - 1;
  return new ManifestError(error.detail, {
    documentIndex: error.documentIndex === null ? null : error.documentIndex + shift,
    line: error.line === null ? null : error.line + placed.chunk.line - 1,
    column: error.column,
    path: error.path,
    kind: error.kind,
    group: error.group,
    name: error.objectName,
    reason: error.reason,
  });
}

/** The LabError of an error of createCluster on the pieces: a field without a line is found in its piece's parsed YAML. */
function placedLabError(pieces: readonly Placed[], text: string, error: unknown): LabError {
  if (!(error instanceof ManifestError) || error.line !== null || error.documentIndex === null) return labError(text, error);
  const index = error.documentIndex;
  const placed = pieces.findLast((piece) => piece.firstDocument <= index);
  const doc = placed?.read.ok ? placed.read.stream.parsed[index - placed.firstDocument] : undefined;
  if (!placed?.read.ok || !doc) return labError(text, error);
  const at = locateIn(doc, placed.read.stream.lineCounter, error.path);
  return { message: error.messageWithoutPosition, line: at.line + placed.chunk.line - 1, column: error.path ? at.column : null, documentIndex: index, path: error.path };
}

/** A stateful, incremental evaluator (see the module comment). */
export function createEvaluator(options: EvaluatorOptions = {}): Evaluator {
  let cache = new Map<string, ChunkRead>();
  let running: Cluster | null = options.initial ?? null;
  let reads = 0;

  const evaluate = (text: string, network: LabNetwork): Evaluation => {
    // Text over the limits is refused at once by the whole-text reading (its size and node estimate come first).
    const chunks = utf8Length(text) > MAX_LAB_YAML_BYTES || isTooComplex(text) ? null : splitDocuments(text);
    if (!chunks) {
      cache = new Map();
      return evaluateManifests(text, network);
    }
    const next = new Map<string, ChunkRead>();
    const pieces: Placed[] = [];
    const documents: YamlDocument[] = [];
    let failed: { readonly error: ManifestError; readonly from: Placed } | null = null;
    for (const [n, chunk] of chunks.entries()) {
      const key = readKey(chunks, n);
      let read = next.get(key) ?? cache.get(key);
      if (!read) {
        read = readChunk(chunk.text, n < chunks.length - 1);
        reads += 1;
      }
      next.set(key, read);
      const placed: Placed = { chunk, read, firstDocument: documents.length + 1 };
      if (!read.ok) {
        const before = pieces[pieces.length - 1];
        const error = brokenChunk(text, before, chunk);
        if (!error) return evaluateManifests(text, network); // not expected: the pieces disagree with the whole text
        failed = { error, from: before ?? placed };
        // The documents after it are not read now, but their readings stay for when it is fixed.
        for (let m = n + 1; m < chunks.length; m += 1) {
          const kept = cache.get(readKey(chunks, m));
          if (kept) next.set(readKey(chunks, m), kept);
        }
        break;
      }
      pieces.push(placed);
      const lines = chunk.line - 1;
      for (const doc of read.stream.documents) documents.push({ index: doc.index + placed.firstDocument - 1, value: doc.value, locate: shiftLocator(doc.locate, lines) });
    }
    cache = next;
    if (failed) {
      // The first broken piece holds the whole text's first error (the pieces before it read the same in the
      // whole text: a `---` line ends whatever is open). An error without a line (the parser failed as a whole,
      // an alias expansion limit) is answered by the whole text, as its place may depend on the rest.
      if (failed.error.line === null || isStreamFailure(failed.error)) return evaluateManifests(text, network);
      return { ok: false, error: labError(text, placedError(failed.from, failed.error)) };
    }
    try {
      return { ok: true, cluster: createCluster(new YamlDocuments(documents), { ...network }) };
    } catch (error) {
      return { ok: false, error: placedLabError(pieces, text, error) };
    }
  };

  return {
    update(text, network = DEFAULT_LAB_NETWORK) {
      const evaluation = evaluate(text, network);
      if (evaluation.ok) running = evaluation.cluster;
      return { evaluation, running, stale: !evaluation.ok && running !== null };
    },
    running: () => running,
    reads: () => reads,
  };
}
