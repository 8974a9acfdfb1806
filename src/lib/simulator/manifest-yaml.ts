/**
 * Manifest text → plain documents, read as kubectl reads them, in bounded time.
 *
 * - YAML 1.1 scalars, as kubectl's YAML-to-JSON conversion (sigs.k8s.io/yaml on go-yaml v2) resolves them:
 *   `yes`/`no`/`on`/`off` are booleans, `0777` is octal, `<<` merges maps; timestamps stay strings and there
 *   are no base-60 numbers (go-yaml v2 resolve.go and decode.go).
 * - Duplicate keys are refused as go-yaml does (`key "kind" already set in map`), found with one hash set
 *   per map (the `yaml` library's own `uniqueKeys` check compares every key with every other one).
 * - Before parsing, one pass over the text estimates how many YAML nodes it holds; text whose estimate is
 *   over MAX_YAML_NODES is refused, so that every input under the size limit parses in well under a second.
 * - Aliases may be expanded at most MAX_ALIAS_COUNT times per document ("billion laughs" are refused).
 */
import { Composer, LineCounter, Parser, isAlias, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { CST, Document, Node as YamlNode, ParsedNode, Tags } from 'yaml';
import { ManifestError } from './manifest-error.ts';

/** A path into a document: map keys and list indices. */
export type FieldPath = Array<string | number>;

/** Finds the line and column of the node at a path (the key of a map entry), or of its deepest existing ancestor. */
export type Locator = (path: FieldPath) => { line: number; column: number } | null;

/** One YAML document of a manifest text, as plain data. */
export interface YamlDocument {
  /** 1-based position among the documents of the text (empty documents count). */
  index: number;
  value: unknown;
  locate: Locator;
}

/** Most YAML nodes (estimated by `estimateNodes`) a manifest text may hold. */
export const MAX_YAML_NODES = 40_000;
/** Most alias expansions per document. */
export const MAX_ALIAS_COUNT = 100;
/** Deepest nesting of collections a document may have. */
export const MAX_NESTING = 100;

/**
 * An upper estimate of the YAML nodes in `text`, counted in one pass without parsing: one per line, per
 * flow indicator (`[`, `]`, `{`, `}`, `,`), per `: ` or `- ` indicator, and ten per document marker (a new
 * document costs the parser about as much as ten nodes).
 */
export function estimateNodes(text: string): number {
  let n = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      n += 1;
      lineStart = true;
      continue;
    }
    if (c === 91 || c === 93 || c === 123 || c === 125 || c === 44) n += 1; // [ ] { } ,
    else if (c === 58 || c === 45) {
      // ':' or '-' followed by a space, a newline or the end
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === 32 || next === 10 || next === 13 || next === 9) n += 1;
      if (c === 45 && lineStart && text.startsWith('---', i)) n += 10;
    }
    if (c !== 32 && c !== 9) lineStart = false;
  }
  return n;
}

// kubectl resolves plain scalars as go-yaml v2 does: YAML 1.1 without timestamps and base-60 numbers.
const customTags = (tags: Tags): Tags =>
  tags.filter((t) => {
    const tag = typeof t === 'object' && t !== null && 'tag' in t ? t : null;
    if (!tag) return true;
    return tag.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in tag && tag.format === 'TIME');
  });

/** The options every parse of manifest text uses (the simulator's and the lab's): kubectl's scalars, no quadratic key check. */
export const MANIFEST_YAML_OPTIONS = { version: '1.1' as const, customTags, uniqueKeys: false, prettyErrors: false };

/** True when readYamlDocuments would refuse `text` as too complex (the same estimate, without parsing). */
export function isTooComplex(text: string): boolean {
  return estimateNodes(text) > MAX_YAML_NODES;
}

function goKey(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return '<nil>';
  return String(value);
}

function syntaxError(detail: string, documentIndex: number, pos: { line: number; col: number } | null): ManifestError {
  return new ManifestError(`invalid YAML: ${detail}`, { documentIndex, line: pos?.line ?? null, column: pos?.col ?? null, reason: 'Syntax' });
}

/**
 * Refuses duplicate keys, collections nested deeper than MAX_NESTING, and documents that hold more than
 * MAX_YAML_NODES nodes once their aliases are expanded (a small anchor aliased many times multiplies the
 * work of everything after parsing). One walk in document order, without recursion: an alias stands for the
 * last node anchored with its name before it (the library's `Alias.resolve` walks the whole document for
 * every alias). Anchors met inside an expansion are not recorded again.
 */
function checkStructure(doc: Document.Parsed, lc: LineCounter, index: number): void {
  const anchors = new Map<string, unknown>();
  const stack: Array<{ node: unknown; depth: number; expanded: boolean }> = [{ node: doc.contents, depth: 0, expanded: false }];
  let visited = 0;
  while (stack.length > 0) {
    const entry = stack.pop() as { node: unknown; depth: number; expanded: boolean };
    let { node, expanded } = entry;
    const { depth } = entry;
    if (isAlias(node)) {
      node = anchors.get(node.source);
      expanded = true;
    } else if (!expanded && isNode(node) && node.anchor) anchors.set(node.anchor, node);
    visited += 1;
    if (visited > MAX_YAML_NODES) {
      throw syntaxError(`the document holds more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML nodes once its aliases are expanded`, index, null);
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_NESTING) {
      throw syntaxError(`the document nests collections deeper than ${MAX_NESTING} levels`, index, node.range ? lc.linePos(node.range[0]) : null);
    }
    const next = depth + 1;
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i -= 1) stack.push({ node: node.items[i], depth: next, expanded });
      continue;
    }
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key: unknown = pair.key;
      if (!isScalar(key) || key.value === '<<') continue;
      const id = `${typeof key.value}:${String(key.value)}`;
      if (seen.has(id)) throw syntaxError(`key ${goKey(key.value)} already set in map`, index, key.range ? lc.linePos(key.range[0]) : null);
      seen.add(id);
    }
    for (let i = node.items.length - 1; i >= 0; i -= 1) {
      const pair = node.items[i];
      if (!pair) continue;
      stack.push({ node: pair.value, depth: next, expanded });
      if (isNode(pair.key) && !isScalar(pair.key)) stack.push({ node: pair.key, depth: next, expanded });
    }
  }
}

function locatorFor(doc: Document.Parsed, lc: LineCounter): Locator {
  return (path) => {
    // Point at the deepest existing node along the path (the key of a map entry, so the line names the field).
    let node: unknown = doc.contents;
    let best: unknown = node;
    for (const key of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((it) => (isScalar(it.key) ? it.key.value === key || String(it.key.value) === String(key) : it.key === key));
        if (!pair) break;
        if (isNode(pair.key)) best = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item: unknown = node.items[key];
        if (!isNode(item)) break;
        best = item;
        node = item;
      } else break;
    }
    const range = isNode(best) ? (best as YamlNode).range : undefined;
    if (!range) return null;
    const pos = lc.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
}

/** Errors that concern the text as a whole (the parser itself failed), not one of its documents. */
const streamFailures = new WeakSet<ManifestError>();

/**
 * True when `error` (thrown by readYamlStream) comes from the parser failing on the text as a whole rather than
 * from one document: it is reported as document 1 wherever it happened, so it cannot be moved to another position.
 */
export function isStreamFailure(error: unknown): boolean {
  return error instanceof ManifestError && streamFailures.has(error);
}

/** A manifest text read by readYamlStream: its documents, and the parsed YAML behind them (to find fields later). */
export interface YamlStream {
  /** The documents, as plain data. */
  readonly documents: readonly YamlDocument[];
  /** The YAML library's document of each entry of `documents` (same order). */
  readonly parsed: ReadonlyArray<Document.Parsed<ParsedNode, true>>;
  /** Line and column of an offset in the text. */
  readonly lineCounter: LineCounter;
}

/** The parser's own recursion limit, whose depth depends on the JavaScript engine and its state. */
const STACK_OVERFLOW = /Maximum call stack size exceeded|too much recursion/i;

/**
 * The first collection (in document order) nested MAX_NESTING deep in `text`, from document `from` on: its
 * document's index and offset, read from the parser's tokens without recursion; null when there is none.
 */
function firstTooDeep(text: string, from = 1): { index: number; offset: number } | null {
  let index = 0;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    index += 1;
    if (index < from) continue;
    const stack: Array<{ token: CST.Token | null | undefined; depth: number }> = [{ token: token.value, depth: 0 }];
    while (stack.length > 0) {
      const { token: node, depth } = stack.pop() as { token: CST.Token | null | undefined; depth: number };
      if (!node || (node.type !== 'block-map' && node.type !== 'block-seq' && node.type !== 'flow-collection')) continue;
      if (depth >= MAX_NESTING) return { index, offset: node.offset };
      const children: Array<CST.Token | null | undefined> = node.items.flatMap((item) => ('key' in item ? [item.key, item.value] : [item.value]));
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ token: children[i], depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The error for a stack that ran out while composing: where it ran out depends on the engine's state (optimised
 * frames are smaller), so it names the first collection too deep, as checkStructure would, from document `from` on.
 */
function tooDeepError(text: string, from: number, fallback: string): ManifestError {
  const tooDeep = firstTooDeep(text, from);
  if (!tooDeep) return new ManifestError(`invalid YAML: ${fallback}`, { documentIndex: from, reason: 'Syntax' });
  // The composer's LineCounter may not have reached the offset yet: count the lines here.
  const before = text.slice(0, tooDeep.offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const pos = { line: before.split('\n').length, col: tooDeep.offset - lineStart + 1 };
  return syntaxError(`the document nests collections deeper than ${MAX_NESTING} levels`, tooDeep.index, pos);
}

/**
 * Reads every document of a manifest text and keeps the parsed YAML; throws ManifestError (reason `Syntax`) on
 * unreadable or oversize-complexity text, as readYamlDocuments does. With `documents`, reads that many documents
 * only, as the whole text's reading reads them (what follows is not parsed, only looked ahead into as the parser does).
 */
export function readYamlStream(text: string, read: { documents?: number } = {}): YamlStream {
  const nodes = estimateNodes(text);
  if (nodes > MAX_YAML_NODES) {
    throw new ManifestError(
      `Manifest input is too complex: it holds about ${nodes.toLocaleString('en-US')} YAML nodes; the limit is ${MAX_YAML_NODES.toLocaleString('en-US')}`,
      { reason: 'Syntax' },
    );
  }
  const lc = new LineCounter();
  const options = { ...MANIFEST_YAML_OPTIONS, lineCounter: lc };
  const docs: Array<Document.Parsed<ParsedNode, true>> = [];
  try {
    const parser = new Parser(lc.addNewLine);
    const composer = new Composer(options);
    for (const doc of composer.compose(parser.parse(text))) {
      docs.push(doc as Document.Parsed<ParsedNode, true>);
      if (docs.length === read.documents) break; // the generators stop here: the rest of the text is not parsed
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const failure = STACK_OVERFLOW.test(message) ? tooDeepError(text, docs.length + 1, message) : new ManifestError(`invalid YAML: ${message}`, { documentIndex: 1, reason: 'Syntax' });
    streamFailures.add(failure);
    throw failure;
  }
  const out: YamlDocument[] = [];
  docs.forEach((doc, i) => {
    const index = i + 1;
    const err = doc.errors[0];
    if (err) {
      let msg = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
      // The parser's own recursion limit, whose depth depends on the JavaScript engine: say what it means.
      if (STACK_OVERFLOW.test(msg)) throw tooDeepError(text, index, msg);
      throw syntaxError(msg, index, lc.linePos(err.pos[0]));
    }
    checkStructure(doc, lc, index);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw syntaxError(e instanceof Error ? e.message : String(e), index, null);
    }
    out.push({ index, value, locate: locatorFor(doc, lc) });
  });
  return { documents: out, parsed: docs, lineCounter: lc };
}

/** Reads every document of a manifest text; throws ManifestError (reason `Syntax`) on unreadable or oversize-complexity text. */
export function readYamlDocuments(text: string): YamlDocument[] {
  return [...readYamlStream(text).documents];
}

/**
 * Documents already read (by readYamlStream, possibly a piece of a text at a time, with their indices and
 * locators moved to the whole text's positions): parseManifests takes them as it takes text, without reading again.
 */
export class YamlDocuments {
  /** The documents, in order, numbered as in the whole text. */
  readonly documents: readonly YamlDocument[];
  constructor(documents: readonly YamlDocument[]) {
    this.documents = documents;
  }
}
