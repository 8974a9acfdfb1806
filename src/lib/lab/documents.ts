/**
 * Splitting multi-document YAML text at its `---` markers without parsing it, so the lab can re-parse only
 * the document a keystroke changed. A line that starts with `---` followed by a space, a tab or the end of
 * the line starts a document (YAML forbids such a line inside content). Texts with directives (`%YAML`) or
 * document-end markers (`...`) are not split: the caller parses them whole.
 */

/** One slice of the text: everything from one `---` marker (or the start) up to the next. */
export interface DocumentChunk {
  /** The slice's text, newlines included; concatenating every chunk gives the whole text back. */
  readonly text: string;
  /** Offset of the slice in the whole text. */
  readonly offset: number;
  /** 1-based line of the slice's first line in the whole text. */
  readonly line: number;
}

const MARKER = /^---(?=[ \t\r]|$)/;
const UNSPLITTABLE = /^(?:%|\.\.\.(?=[ \t\r]|$))/m;

/** The chunks of `text`, or null when it uses directives or `...` markers (parse it whole). */
export function splitDocuments(text: string): DocumentChunk[] | null {
  if (UNSPLITTABLE.test(text)) return null;
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 1;
  let lineStart = 0;
  let line = 1;
  while (lineStart <= text.length) {
    const end = text.indexOf('\n', lineStart);
    const lineEnd = end < 0 ? text.length : end;
    if (lineStart > start && MARKER.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 4)))) {
      chunks.push({ text: text.slice(start, lineStart), offset: start, line: startLine });
      start = lineStart;
      startLine = line;
    }
    if (end < 0) break;
    lineStart = end + 1;
    line += 1;
  }
  chunks.push({ text: text.slice(start), offset: start, line: startLine });
  return chunks;
}

/** 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
