/**
 * A simulated terminal for kubectl, reused by the Lab and the lesson pages inside their islands (its `run`
 * prop is a function, so it is a component of an island, not an island of its own).
 * Type a command after the `$` prompt (with or without the leading `kubectl`) and press Enter; ↑ and ↓ walk
 * through the commands run so far. Output is appended to a log (role="log", read out politely by screen
 * readers) that scrolls both ways: kubectl tables never wrap. Each entry has one Copy button, on its
 * command line, so it covers no output. Clear empties the log.
 * The form works before the island does: it never submits to the server (method="dialog"), so Enter
 * before hydration cannot reload the page; a command typed then is kept, and one submitted then (the
 * page's wrapper marks the form `data-pending`) runs as soon as the island is live.
 * State: the log, the command line and its history, whether a command is running, and the copy status.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { cleanCommand, createHistory, historyNext, historyPrevious, pushHistory } from '../../lib/lab/terminal-history.ts';
import { terminalChunks } from '../../lib/terminal-order.ts';
import type { OutputChunk } from '../../lib/simulator/types.ts';

/** What one command printed. */
export interface TerminalOutput {
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Exit code (0 is success). */
  exitCode: number;
  /** Both streams in terminal order, when stderr came first. */
  chunks?: readonly OutputChunk[] | undefined;
  /** A remark of the host about the command (not kubectl output), shown apart. */
  note?: string | undefined;
}

/** One entry of the log: a command and what it printed. */
export interface TerminalEntry extends TerminalOutput {
  /** The command as typed. */
  command: string;
}

interface Props {
  /** Accessible name of the terminal, e.g. "Lab terminal". */
  label: string;
  /** Entries shown before anything is typed (from the build). */
  initial?: TerminalEntry[] | undefined;
  /** Runs a command (as typed) and resolves with its output; a rejection is shown as an error. */
  run: (command: string) => Promise<TerminalOutput>;
  /** A command suggested in the empty command line. */
  placeholder?: string | undefined;
  /** Called when the learner starts using the command line (focus or typing), to get the cluster ready. */
  onWarm?: (() => void) | undefined;
  /** Called with the log after every change (a caller that swaps scenarios keeps each one's log). */
  onEntries?: ((entries: TerminalEntry[]) => void) | undefined;
  /** A line above the log, e.g. which scenario the terminal runs on. */
  banner?: string | undefined;
}

/** Most entries the log keeps (older ones are dropped). */
const LOG_LIMIT = 200;

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** The terminal. */
export default function KubectlTerminal({ label, initial, run, placeholder, onWarm, onEntries, banner }: Props) {
  const [entries, setEntries] = useState<TerminalEntry[]>(initial ?? []);
  const [line, setLine] = useState('');
  const [history, setHistory] = useState(() => createHistory((initial ?? []).map((entry) => entry.command)));
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<{ index: number; message: string } | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const mounted = useRef(false);
  const id = useId();

  useEffect(() => {
    const log = logRef.current;
    if (log && mounted.current) log.scrollTop = log.scrollHeight;
    if (mounted.current) onEntries?.(entries);
    mounted.current = true;
  }, [entries]);

  // Type-ahead, as in a shell: a command entered while another is still running waits its turn (the terminal's
  // first command may be fetching the simulator's terminal part), instead of being lost. queued[0] is running.
  const queued = useRef<string[]>([]);

  const runCommand = async (typed: string) => {
    const command = cleanCommand(typed);
    if (command === '') return;
    setHistory((previous) => pushHistory(previous, command));
    setLine('');
    if (inputRef.current) inputRef.current.value = '';
    if (queued.current.push(command) > 1) return;
    setBusy(true);
    for (let next; (next = queued.current[0]); queued.current.shift()) {
      let output: TerminalOutput;
      try {
        output = await run(next);
      } catch (error) {
        output = { stdout: '', stderr: `error: ${error instanceof Error ? error.message : String(error)}`, exitCode: 1 };
      }
      setEntries((previous) => [...previous, { command: next, ...output }].slice(-LOG_LIMIT));
    }
    setBusy(false);
    inputRef.current?.focus();
  };

  // Whatever was typed before the island came alive is kept, and a command already submitted runs now.
  useEffect(() => {
    const typed = inputRef.current?.value ?? '';
    const form = formRef.current;
    if (form?.dataset.pending !== undefined) {
      delete form.dataset.pending;
      if (typed.trim()) {
        void runCommand(typed);
        return;
      }
    }
    if (typed) {
      setLine(typed);
      onWarm?.();
    }
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    // The field's own value: a submit replayed right after hydration (client:interaction) can come before
    // the state update from the text typed while the island was not live yet.
    void runCommand(inputRef.current?.value ?? line);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowUp') {
      const step = historyPrevious(history, line);
      if (step) {
        event.preventDefault();
        setHistory(step.history);
        setLine(step.value);
      }
    } else if (event.key === 'ArrowDown') {
      const step = historyNext(history);
      if (step) {
        event.preventDefault();
        setHistory(step.history);
        setLine(step.value);
      }
    }
  };

  const copy = async (index: number, command: string) => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied({ index, message: `Copied: ${command}` });
    } catch {
      setCopied({ index, message: 'Could not copy: select the command and copy it by hand.' });
    }
  };

  return (
    <section class="kterm" aria-label={label}>
      {banner && <p class="kterm-banner">{banner}</p>}
      <div class="kterm-log" ref={logRef} role="log" aria-live="polite" aria-label={`${label}: output`} tabindex={0}>
        {entries.length === 0 ? (
          <p class="kterm-empty">No commands yet. Type one below, for example <code>kubectl get pods -o wide</code>.</p>
        ) : (
          entries.map((entry, index) => (
            <div class="kterm-entry" key={`${index}-${entry.command}`}>
              <div class="kterm-command-row">
                <pre class="kterm-command" data-no-copy="">
                  <span class="kterm-prompt" aria-hidden="true">
                    ${' '}
                  </span>
                  {entry.command}
                </pre>
                <button type="button" class="kterm-copy" aria-label={`Copy the command ${entry.command}`} onClick={() => void copy(index, entry.command)}>
                  {copied?.index === index && copied.message.startsWith('Copied') ? 'Copied' : 'Copy'}
                </button>
              </div>
              {terminalChunks(entry).map((chunk) => (
                <pre class={`kterm-${chunk.stream}`} data-no-copy="">
                  {withNewline(chunk.text)}
                </pre>
              ))}
              {entry.note && <p class="kterm-note">{entry.note}</p>}
            </div>
          ))
        )}
        {busy && <p class="kterm-busy">Running…</p>}
      </div>
      <p class="visually-hidden" role="status">
        {copied?.message ?? ''}
      </p>
      <form class="kterm-form" method="dialog" data-kterm-form="" ref={formRef} onSubmit={submit}>
        <label for={`${id}-command`} class="kterm-prompt-label">
          <span aria-hidden="true">$</span>
          <span class="visually-hidden">kubectl command</span>
        </label>
        <input
          id={`${id}-command`}
          ref={inputRef}
          class="kterm-input"
          type="text"
          value={line}
          placeholder={placeholder ?? 'kubectl get pods -o wide'}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          enterkeyhint="send"
          aria-describedby={`${id}-keys`}
          onInput={(event) => {
            setLine((event.currentTarget as HTMLInputElement).value);
            onWarm?.();
          }}
          onFocus={() => onWarm?.()}
          onKeyDown={onKeyDown}
        />
        <button type="submit">
          Run
        </button>
        <button type="button" onClick={() => setEntries([])} disabled={entries.length === 0}>
          Clear
        </button>
      </form>
      <p class="kterm-keys" id={`${id}-keys`}>
        Enter runs the command; ↑ and ↓ recall earlier ones. The leading <code>kubectl</code> is optional.
      </p>
    </section>
  );
}
