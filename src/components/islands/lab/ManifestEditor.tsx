/**
 * The lab's manifest editor. It starts as a plain textarea (in the page's HTML, usable before any script
 * runs and by keyboard alone) and becomes CodeMirror when `enhance` turns true (the learner reached for the
 * lab), the textarea is focused or lines are to be marked: the CodeMirror module (about 113 KB gzipped) is
 * fetched then, not when the lab scrolls into view, and takes over the text, the cursor, the marks and the focus.
 * State: the CodeMirror handle once mounted, and whether loading it failed (the textarea then stays).
 */
import type { Ref } from 'preact';
import { useEffect, useImperativeHandle, useRef, useState } from 'preact/hooks';
import type { LabError } from '../../../lib/lab/evaluate.ts';
import type { EditorHandle, EditorHighlight } from './codemirror.ts';

export type { EditorHighlight };

/** What the lab can ask of the editor. */
export interface EditorApi {
  /** Moves the cursor to `line` (and `column`) and focuses the editor. */
  goTo(line: number, column?: number | null): void;
  /**
   * Marks lines (a matrix explanation's rules or policies; [] clears); `reveal` scrolls the first into view (a new
   * explanation, not the same one following an edit). The plain textarea cannot mark lines and ignores it.
   */
  highlight(ranges: readonly EditorHighlight[], reveal: boolean): void;
}

interface Props {
  /** Id of the textarea. */
  id: string;
  /** The text. */
  value: string;
  /** Bumped when the text changes from outside the editor (a reset, a share link, the terminal). */
  revision: number;
  /** Called with the whole text after each change. */
  onChange: (text: string) => void;
  /** The current error, drawn at its line (CodeMirror), or null. */
  error: LabError | null;
  /** Id of the element naming the editor. */
  labelledBy: string;
  /** Ids of the elements describing the editor. */
  describedBy: string;
  /** Start loading CodeMirror now. */
  enhance: boolean;
  /** Receives the editor's API. */
  apiRef: Ref<EditorApi>;
}

/** The manifest editor. */
export default function ManifestEditor({ id, value, revision, onChange, error, labelledBy, describedBy, enhance, apiRef }: Props) {
  const [editor, setEditor] = useState<EditorHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const started = useRef(false);
  const latest = useRef({ value, onChange, error });
  latest.current = { value, onChange, error };
  const marks = useRef<readonly EditorHighlight[]>([]);

  const load = () => {
    if (started.current) return;
    started.current = true;
    import('./codemirror.ts')
      .then(({ mountEditor }) => {
        const area = textarea.current;
        const parent = host.current;
        if (!parent) return;
        const hadFocus = area !== null && document.activeElement === area;
        // Show the editor's box before mounting, so CodeMirror can measure it and take the focus.
        parent.hidden = false;
        if (area) area.hidden = true;
        const handle = mountEditor(parent, {
          text: latest.current.value,
          labelledBy,
          describedBy,
          onChange: (text) => latest.current.onChange(text),
          selection: area ? { anchor: area.selectionStart, head: area.selectionEnd } : undefined,
          focus: hadFocus,
        });
        handle.setError(latest.current.error);
        if (marks.current.length) handle.setHighlights(marks.current, true);
        setEditor(handle);
      })
      .catch(() => setFailed(true));
  };

  useEffect(() => {
    if (enhance) load();
  }, [enhance]);

  // Only changes from outside are pushed into CodeMirror. Comparing with `value` on every render would be
  // wrong: while the learner types fast, an effect from an earlier render holds an older text and would
  // undo the keystrokes CodeMirror received since.
  useEffect(() => {
    if (editor && editor.text() !== latest.current.value) editor.setText(latest.current.value);
  }, [revision, editor]);

  useEffect(() => {
    editor?.setError(error);
  }, [error, editor]);

  useEffect(() => () => editor?.destroy(), [editor]);

  useImperativeHandle(
    apiRef,
    () => ({
      highlight(ranges, reveal) {
        marks.current = ranges;
        if (editor) editor.setHighlights(ranges, reveal);
        else if (ranges.length) load();
      },
      goTo(line, column) {
        if (editor) {
          editor.goTo(line, column);
          return;
        }
        const area = textarea.current;
        if (!area) return;
        const lines = area.value.split('\n');
        let offset = 0;
        for (let i = 0; i < Math.min(line - 1, lines.length - 1); i += 1) offset += (lines[i]?.length ?? 0) + 1;
        const lineText = lines[Math.min(line - 1, lines.length - 1)] ?? '';
        area.focus();
        area.setSelectionRange(offset + Math.min(lineText.length, Math.max(0, (column ?? 1) - 1)), offset + lineText.length);
        const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
        area.scrollTop = Math.max(0, (line - 4) * lineHeight);
      },
    }),
    [editor],
  );

  return (
    <div class="lab-editor" data-editor={editor ? 'codemirror' : 'plain'}>
      {!editor && (
        <textarea
          id={id}
          ref={textarea}
          class="lab-textarea"
          value={value}
          rows={22}
          wrap="off"
          spellcheck={false}
          autocapitalize="off"
          autocomplete="off"
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
          onInput={(event) => onChange((event.currentTarget as HTMLTextAreaElement).value)}
          onFocus={load}
        />
      )}
      <div ref={host} class="lab-cm-host" hidden={!editor} />
      {failed && <p class="muted lab-editor-note">The code editor could not load, so this is a plain text box: it works the same.</p>}
    </div>
  );
}
