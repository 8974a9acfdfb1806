/**
 * The terminal's command line, as pure functions: the history the arrow keys walk through (with the
 * unfinished line kept as a draft, as shells do), and the normalisation of a typed command (a pasted
 * `$ ` prompt and a leading `kubectl` or `k` are optional).
 */

/** Commands run so far and where ↑/↓ currently point. */
export interface CommandHistory {
  /** Commands, oldest first. */
  readonly entries: readonly string[];
  /** Index into entries; entries.length means "the line being typed". */
  readonly index: number;
  /** The line being typed before ↑ was first pressed. */
  readonly draft: string;
}

/** Most commands the history keeps. */
export const HISTORY_LIMIT = 100;

/** A history with the given commands, pointing at a fresh line. */
export function createHistory(entries: readonly string[] = []): CommandHistory {
  const kept = entries.filter((entry) => entry.trim() !== '').slice(-HISTORY_LIMIT);
  return { entries: kept, index: kept.length, draft: '' };
}

/** Adds a command that was run (not blank ones, nor a repeat of the last) and points at a fresh line. */
export function pushHistory(history: CommandHistory, command: string): CommandHistory {
  const trimmed = command.trim();
  const entries = trimmed === '' || history.entries.at(-1) === trimmed ? history.entries : [...history.entries, trimmed].slice(-HISTORY_LIMIT);
  return { entries, index: entries.length, draft: '' };
}

/** ↑: the previous command, or null at the oldest. `current` is the line as it is now (kept as the draft). */
export function historyPrevious(history: CommandHistory, current: string): { history: CommandHistory; value: string } | null {
  if (history.index === 0 || history.entries.length === 0) return null;
  const index = history.index - 1;
  const draft = history.index === history.entries.length ? current : history.draft;
  return { history: { ...history, index, draft }, value: history.entries[index] ?? '' };
}

/** ↓: the next command, the draft after the newest, or null when already on the fresh line. */
export function historyNext(history: CommandHistory): { history: CommandHistory; value: string } | null {
  if (history.index >= history.entries.length) return null;
  const index = history.index + 1;
  const value = index === history.entries.length ? history.draft : (history.entries[index] ?? '');
  return { history: { ...history, index }, value };
}

/** The command as typed, without a pasted `$ ` prompt and surrounding blanks. */
export function cleanCommand(input: string): string {
  return input.trim().replace(/^\$\s+/, '');
}

/** The kubectl arguments of a command line: `kubectl get pods`, `k get pods` and `get pods` all give `get pods`. */
export function kubectlArguments(input: string): string {
  return cleanCommand(input).replace(/^(?:kubectl|k)(?=\s|$)\s*/, '');
}

/** The kubectl verb of a command line (`get`, `label`, …), or '' when there is none. */
export function kubectlVerb(input: string): string {
  return kubectlArguments(input).split(/\s+/)[0] ?? '';
}
