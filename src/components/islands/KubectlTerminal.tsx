/**
 * A simulated terminal for kubectl, reused by the Lab and the Visualize page inside their islands (its `run`
 * prop is a function, so it is a component of an island, not an island of its own).
 * Type a command after the `$` prompt (with or without the leading `kubectl`) and press Enter; ↑ and ↓ walk
 * through the commands run so far. Output is appended to a scrollable log (role="log", read out politely by
 * screen readers); Clear empties it. State: the log, the command line and its history, and whether a
 * command is running.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { cleanCommand, createHistory, historyNext, historyPrevious, pushHistory } from '../../lib/lab/terminal-history.ts';

/** What one command printed. */
export interface TerminalOutput {
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Exit code (0 is success). */
  exitCode: number;
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
}

/** Most entries the log keeps (older ones are dropped). */
const LOG_LIMIT = 200;

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** The terminal. */
export default function KubectlTerminal({ label, initial, run, placeholder }: Props) {
  const [entries, setEntries] = useState<TerminalEntry[]>(initial ?? []);
  const [line, setLine] = useState('');
  const [history, setHistory] = useState(() => createHistory((initial ?? []).map((entry) => entry.command)));
  const [busy, setBusy] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const command = cleanCommand(line);
    if (command === '' || busy) return;
    setHistory((previous) => pushHistory(previous, command));
    setLine('');
    setBusy(true);
    let output: TerminalOutput;
    try {
      output = await run(command);
    } catch (error) {
      output = { stdout: '', stderr: `error: ${error instanceof Error ? error.message : String(error)}`, exitCode: 1 };
    }
    setEntries((previous) => [...previous, { command, ...output }].slice(-LOG_LIMIT));
    setBusy(false);
    inputRef.current?.focus();
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

  return (
    <section class="kterm" aria-label={label}>
      <div
        class="kterm-log"
        ref={logRef}
        role="log"
        aria-live="polite"
        aria-label={`${label}: output`}
        tabindex={0}
      >
        {entries.length === 0 ? (
          <p class="kterm-empty">No commands yet. Type one below, for example <code>kubectl get pods -o wide</code>.</p>
        ) : (
          entries.map((entry, index) => (
            <div class="kterm-entry" key={index}>
              <pre class="kterm-command"><span class="kterm-prompt" aria-hidden="true">$ </span>{entry.command}</pre>
              {entry.stdout && <pre class="kterm-stdout">{withNewline(entry.stdout)}</pre>}
              {entry.stderr && <pre class="kterm-stderr">{withNewline(entry.stderr)}</pre>}
              {entry.note && <p class="kterm-note">{entry.note}</p>}
            </div>
          ))
        )}
        {busy && <p class="kterm-busy">Running…</p>}
      </div>
      <form class="kterm-form" onSubmit={submit}>
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
          aria-describedby={`${id}-keys`}
          onInput={(event) => setLine((event.currentTarget as HTMLInputElement).value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" disabled={busy}>
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
