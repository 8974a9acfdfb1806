/**
 * `sh -c 'COMMAND'` (and bash/ash/zsh): the shell runs one simple command. A program the image lacks is the
 * shell's own error, exit 127: busybox ash `sh: curl: not found`, dash `sh: 1: curl: not found`, bash
 * `bash: line 1: curl: command not found` (shell.c / dash exec.c / bash execute_cmd.c). Pipes, redirections and
 * command lists are not simulated and say so. `sh` with no -c under kubectl exec without -i reads EOF from its
 * empty stdin and exits 0 at once; with -i/-t it would be an interactive session, which the simulator does not run.
 */
import { tokenize } from '../shell-words.ts';
import type { ShellKind } from '../workloads/images.ts';
import type { ExecOut } from './types.ts';

/** What the shell makes of its arguments: a command to run, or its own result. */
export type ShellPlan = { run: string[] } | { result: ExecOut };

/** The shell's message for a missing command. */
export function notFound(shell: ShellKind, name: string, bin: string): ExecOut {
  const line = shell === 'dash' ? `${name}: 1: ${bin}: not found\n` : shell === 'bash' ? `${name}: line 1: ${bin}: command not found\n` : `${name}: ${bin}: not found\n`;
  return { stdout: '', stderr: line, exitCode: 127 };
}

/** Plans `NAME ARGS` for a shell invoked under kubectl exec. */
export function planShell(name: string, args: string[], interactive: boolean): ShellPlan {
  const c = args.indexOf('-c');
  if (c < 0) {
    if (interactive) return { result: { stdout: '', stderr: '[simulator] interactive shells are not simulated; run one command, e.g. kubectl exec POD -- sh -c "wget -qO- web".\n', exitCode: 1, internal: true } };
    return { result: { stdout: '', stderr: '', exitCode: 0 } };
  }
  const script = args[c + 1];
  if (script === undefined) return { result: { stdout: '', stderr: `${name}: -c requires an argument\n`, exitCode: 2 } };
  const words = tokenize(script);
  if (words === null) return { result: { stdout: '', stderr: `${name}: syntax error: unterminated quoted string\n`, exitCode: 2 } };
  if (words.length === 0) return { result: { stdout: '', stderr: '', exitCode: 0 } };
  if (/[|;&<>`$()]/.test(script.replace(/'[^']*'|"[^"$`]*"/g, ''))) {
    return { result: { stdout: '', stderr: '[simulator] pipes, redirections, variables and command lists are not simulated; run one command at a time.\n', exitCode: 2, internal: true } };
  }
  return { run: words };
}
