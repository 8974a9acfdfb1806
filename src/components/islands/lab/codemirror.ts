/**
 * The lab's CodeMirror 6 editor, loaded on demand (`import()`) once the lab is open: until it arrives the
 * editor is a plain textarea. YAML highlighting (colours from lab.css, for both themes), line numbers,
 * undo history, and the current error drawn at its line: a lint marker in the gutter, the range underlined,
 * and the message in a line of its own under the broken line.
 * The caret and the selection are the browser's own (no drawSelection layer): CodeMirror's drawn cursor cost
 * about 5 ms of main-thread work per keystroke on lesson 7's lab (its coordinates measured and its layer laid out
 * and painted again in every frame).
 * Tab is left to move focus (the usual keyboard trap of code editors is avoided); Ctrl/Cmd+] and [ indent.
 * Enter keeps the line's indentation, but only provisionally: if the learner's first key on the new line
 * is a space, they are typing their own indentation, and it replaces the carried one (so typing a line
 * dedented from the one before gives the indentation typed, not the two added up).
 * State: the EditorView, whether a change comes from outside (so it is not echoed back), and the range of
 * indentation Enter just carried over (until the next change or cursor move).
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, indentUnit, syntaxHighlighting, type StreamParser } from '@codemirror/language';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** An error to draw: its 1-based line and column (null when unknown) and message. */
export interface EditorError {
  /** 1-based line, or null when the error concerns no line. */
  readonly line: number | null;
  /** 1-based column, or null. */
  readonly column: number | null;
  /** The message. */
  readonly message: string;
}

/** Lines to highlight (an explanation's rule or isolating policy): 1-based, inclusive. */
export interface EditorHighlight {
  readonly from: number;
  readonly to: number;
  /** allowed: a rule that allowed the connection; isolates: a policy that isolates without allowing it. */
  readonly kind: 'allowed' | 'isolates';
}

/** Options of mountEditor. */
export interface MountOptions {
  /** The text to start with. */
  readonly text: string;
  /** Id of the element that names the editor. */
  readonly labelledBy: string;
  /** Ids of the elements that describe it (keys, the error). */
  readonly describedBy: string;
  /** Called with the whole text after each change the learner makes. */
  readonly onChange: (text: string) => void;
  /** Selection to start with (taken over from the textarea). */
  readonly selection?: { readonly anchor: number; readonly head: number } | undefined;
  /** Focus the editor once mounted. */
  readonly focus?: boolean | undefined;
}

/** What the lab can do with the editor. */
export interface EditorHandle {
  /** The current text. */
  text(): string;
  /** Replaces the whole text (a reset, a shared link, a kubectl change), keeping the cursor where it can. */
  setText(text: string): void;
  /** Draws `error` at its line, or clears it (null). */
  setError(error: EditorError | null): void;
  /** Moves the cursor to a line (and column) and focuses the editor. */
  goTo(line: number, column?: number | null): void;
  /**
   * Marks these lines (replacing earlier marks; [] clears them), focus unchanged; with `reveal`, scrolls the first
   * into view (a new explanation), without it leaves the scroll alone (the same one, following the learner's edits).
   */
  setHighlights(ranges: readonly EditorHighlight[], reveal: boolean): void;
  /** Focuses the editor. */
  focus(): void;
  /** Removes the editor. */
  destroy(): void;
}

/** The mode's token names, renamed to names of our own (its standard ones resolve before a token table). */
const YAML_TOKENS: Readonly<Record<string, string>> = {
  atom: 'yamlKey', // a mapping key
  def: 'yamlMarker', // --- and ...
  meta: 'yamlSeparator', // the colon after a key, a list's dash, | and > before a block literal
  variable: 'yamlAnchor', // &anchor and *alias
  number: 'yamlPlain',
  keyword: 'yamlPlain', // true, yes, on...: plain scalars, as the grammar left them
};

/**
 * YAML highlighting by CodeMirror's line-by-line YAML mode rather than the Lezer YAML grammar: both colour the
 * same things here (keys, quoted strings, comments, document markers, anchors), but the stream mode re-reads
 * only the lines from the edit to the end of the view on each keystroke, where the grammar's incremental parse
 * took about 2 ms a key on lesson 7's 196-line cluster (half the editor's share of a keystroke). Its token names
 * are mapped to the tags the grammar used, so the colours below are unchanged.
 */
const yamlLanguage = StreamLanguage.define<unknown>({
  ...(yaml as StreamParser<unknown>),
  token(stream, state) {
    const token = (yaml as StreamParser<unknown>).token(stream, state);
    return token === null ? null : (YAML_TOKENS[token] ?? token);
  },
  tokenTable: {
    yamlKey: tags.definition(tags.propertyName),
    yamlMarker: tags.meta,
    yamlSeparator: tags.separator,
    yamlAnchor: tags.labelName,
    yamlPlain: tags.content,
  },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, class: 'cm-t-key' },
  { tag: [tags.string, tags.special(tags.string)], class: 'cm-t-string' },
  { tag: tags.comment, class: 'cm-t-comment' },
  { tag: [tags.meta, tags.keyword], class: 'cm-t-meta' },
  { tag: [tags.labelName, tags.typeName], class: 'cm-t-anchor' },
]);

class ErrorWidget extends WidgetType {
  constructor(readonly message: string) {
    super();
  }
  override eq(other: ErrorWidget): boolean {
    return other.message === this.message;
  }
  override toDOM(): HTMLElement {
    const element = document.createElement('div');
    element.className = 'cm-lab-error-message';
    element.setAttribute('aria-hidden', 'true'); // the same message is in the description of the editor
    element.textContent = `▲ ${this.message}`;
    return element;
  }
}

const setErrorEffect = StateEffect.define<EditorError | null>();

/** The indentation Enter carried onto a new line, while the learner has not typed or moved since. */
const setCarried = StateEffect.define<{ from: number; to: number } | null>();
const carriedField = StateField.define<{ from: number; to: number } | null>({
  create: () => null,
  update(value, transaction) {
    for (const effect of transaction.effects) if (effect.is(setCarried)) return effect.value;
    return transaction.docChanged || transaction.selection ? null : value;
  },
});

/** Enter: a new line with the current line's indentation (up to the cursor), marked as carried. */
function newlineKeepingIndent(view: EditorView): boolean {
  const { state } = view;
  const range = state.selection.main;
  const line = state.doc.lineAt(range.from);
  const indent = (/^[ \t]*/.exec(line.text)?.[0] ?? '').slice(0, range.from - line.from);
  const insert = `\n${indent}`;
  const start = range.from + 1;
  view.dispatch({
    changes: { from: range.from, to: range.to, insert },
    selection: { anchor: range.from + insert.length },
    effects: setCarried.of(indent ? { from: start, to: start + indent.length } : null),
    scrollIntoView: true,
    userEvent: 'input',
  });
  return true;
}

/** A space typed right after Enter replaces the carried indentation: the learner indents the line themselves. */
const ownIndentation = EditorView.inputHandler.of((view, from, to, text) => {
  const carried = view.state.field(carriedField, false);
  if (!carried || from !== carried.to || to !== carried.to || !/^[ \t]+$/.test(text)) return false;
  view.dispatch({ changes: { from: carried.from, to: carried.to, insert: text }, selection: { anchor: carried.from + text.length }, userEvent: 'input.type' });
  return true;
});

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorEffect)) continue;
      const error = effect.value;
      if (!error || error.line === null || error.line < 1 || error.line > transaction.state.doc.lines) {
        next = Decoration.none;
        continue;
      }
      const line = transaction.state.doc.line(error.line);
      next = Decoration.set([
        Decoration.line({ class: 'cm-lab-error-line' }).range(line.from),
        Decoration.widget({ widget: new ErrorWidget(error.message), block: true, side: 1 }).range(line.to),
      ]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const setHighlightsEffect = StateEffect.define<readonly EditorHighlight[]>();

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setHighlightsEffect)) continue;
      const doc = transaction.state.doc;
      const marks = [];
      for (const range of effect.value) {
        for (let n = Math.max(1, range.from); n <= Math.min(doc.lines, range.to); n += 1) marks.push(Decoration.line({ class: `cm-lab-hl cm-lab-hl-${range.kind}` }).range(doc.line(n).from));
      }
      next = Decoration.set(marks, true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Creates the editor inside `parent`. */
export function mountEditor(parent: HTMLElement, options: MountOptions): EditorHandle {
  let external = false;
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    highlightActiveLine(),
    indentUnit.of('  '),
    EditorState.tabSize.of(2),
    yamlLanguage,
    syntaxHighlighting(highlight),
    lintGutter(),
    errorField,
    highlightField,
    carriedField,
    ownIndentation,
    keymap.of([{ key: 'Enter', run: newlineKeepingIndent }, ...defaultKeymap, ...historyKeymap]),
    EditorView.contentAttributes.of({
      'aria-labelledby': options.labelledBy,
      'aria-describedby': options.describedBy,
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
      translate: 'no',
      // Already focusable (contenteditable); the explicit tabindex tells checkers such as axe that the
      // scrolling box around it can be reached by keyboard.
      tabindex: '0',
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !external) options.onChange(update.state.doc.toString());
    }),
  ];
  const length = options.text.length;
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions,
      ...(options.selection ? { selection: { anchor: clamp(options.selection.anchor), head: clamp(options.selection.head) } } : {}),
    }),
  });
  if (options.focus) view.focus();

  const goTo = (lineNumber: number, column?: number | null) => {
    const doc = view.state.doc;
    const line = doc.line(Math.max(1, Math.min(doc.lines, lineNumber)));
    const at = Math.min(line.to, line.from + Math.max(0, (column ?? 1) - 1));
    view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    view.focus();
  };

  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      const head = Math.min(view.state.selection.main.head, text.length);
      external = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: head } });
      } finally {
        external = false;
      }
    },
    setError(error) {
      const doc = view.state.doc;
      const diagnostics = [];
      if (error && error.line !== null && error.line >= 1 && error.line <= doc.lines) {
        const line = doc.line(error.line);
        const from = Math.min(line.to, line.from + Math.max(0, (error.column ?? 1) - 1));
        diagnostics.push({ from, to: from < line.to ? line.to : Math.min(doc.length, from + 1), severity: 'error' as const, message: error.message });
      }
      view.dispatch(setDiagnostics(view.state, diagnostics), { effects: setErrorEffect.of(error) });
    },
    goTo,
    setHighlights(ranges, reveal) {
      const first = ranges[0];
      const doc = view.state.doc;
      const at = reveal && first && first.from >= 1 && first.from <= doc.lines ? doc.line(first.from).from : null;
      view.dispatch({ effects: [setHighlightsEffect.of(ranges), ...(at === null ? [] : [EditorView.scrollIntoView(at, { y: 'nearest' })])] });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
