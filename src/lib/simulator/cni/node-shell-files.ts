/**
 * busybox 1.36's `ls` and `cat` over a node's CNI files, for a node shell: `/etc/cni/net.d`, `/opt/cni/bin` and
 * host-local's `/var/lib/cni/networks/<network>` (node-files.ts), seen at `/host/…` in a `kubectl debug node/…`
 * container (or at their own path after `chroot /host`). Only these trees are modelled; any other path gets a
 * simulator note instead of an invented answer. Output follows coreutils/ls.c and libbb/bb_cat.c at tag 1_36_1:
 * `ls` prints one name per line when stdout is not a terminal (display_files with OPT_1) and, on a terminal, in
 * columns coloured by type, which is not modelled (`ls -1 --color=never` or a shell without -t gives the plain
 * list); a missing path is `ls: PATH: No such file or directory`; `cat` of a missing file is
 * `cat: can't open 'PATH': No such file or directory`, of a directory `cat: read error: Is a directory`. Pure.
 */
import { CNI_BIN_DIR, CNI_CONF_DIR, HOST_LOCAL_DATA_DIR } from './conflist.ts';
import { cniFiles } from './node-files.ts';
import type { NodeCniState } from './node-state.ts';

/** What a command printed. */
export interface FileToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const ROOTS = [CNI_CONF_DIR, CNI_BIN_DIR, HOST_LOCAL_DATA_DIR];
const note = (text: string): FileToolResult => ({ stdout: '', stderr: `[simulator] ${text}\n`, exitCode: 1 });

/** The node path a shell argument names (prefix `/host` when the node's root is mounted there), or null outside it. */
function nodePath(arg: string, prefix: string): string | null {
  const clean = arg.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  if (prefix === '') return clean;
  if (clean === prefix) return '/';
  return clean.startsWith(`${prefix}/`) ? clean.slice(prefix.length) : null;
}

/** True when the path is one of the modelled CNI trees (or inside one). */
function modelled(path: string): boolean {
  return ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
}

/**
 * A path outside the node's modelled trees. The debugging container's own busybox image has none of the node's
 * directories, so a node path given without the /host prefix is missing there; anything else is not modelled.
 */
function outside(tool: 'ls' | 'cat', arg: string, prefix: string): FileToolResult {
  const clean = arg.replace(/\/+/g, '/');
  if (prefix !== '' && (modelled(clean) || clean.startsWith('/run/flannel/'))) {
    return { stdout: '', stderr: tool === 'cat' ? `cat: can't open '${arg}': No such file or directory\n` : `ls: ${arg}: No such file or directory\n`, exitCode: 1 };
  }
  return note(`only the node's CNI files are modelled: ${ROOTS.map((r) => `${prefix}${r}`).join(', ')} (not ${arg})`);
}

/** `ls [-1] [--color=never] PATH` on the node's CNI files; `tty` is whether stdout is a terminal (kubectl debug -t). */
export function busyboxLs(state: NodeCniState | undefined, args: readonly string[], prefix: string, tty: boolean): FileToolResult {
  const flags = args.filter((a) => a.startsWith('-'));
  const paths = args.filter((a) => !a.startsWith('-'));
  const oneColumn = flags.includes('-1');
  const noColor = flags.includes('--color=never');
  const unknown = flags.filter((f) => f !== '-1' && f !== '--color=never');
  if (unknown.length > 0) return note(`ls ${unknown.join(' ')} is not modelled; the simulator runs ls [-1] [--color=never] DIR`);
  if (paths.length !== 1) return note('the simulator runs ls on one path at a time, e.g. ls /host/etc/cni/net.d');
  const arg = paths[0] as string;
  if (tty && !(oneColumn && noColor)) {
    return note('on a terminal (-t) busybox ls prints coloured columns sized to your window, which is not modelled: run the shell with -i only, or use ls -1 --color=never');
  }
  const path = nodePath(arg, prefix);
  if (path === null || !modelled(path)) return outside('ls', arg, prefix);
  if (!state) return note('this node has no CNI state in the model');
  const entry = cniFiles(state).get(path);
  if (!entry) return { stdout: '', stderr: `ls: ${arg}: No such file or directory\n`, exitCode: 1 };
  if (entry.kind === 'file') return { stdout: `${arg}\n`, stderr: '', exitCode: 0 };
  return { stdout: entry.entries.map((name) => `${name}\n`).join(''), stderr: '', exitCode: 0 };
}

/** `cat FILE…` on the node's CNI files. */
export function busyboxCat(state: NodeCniState | undefined, args: readonly string[], prefix: string): FileToolResult {
  if (args.length === 0 || args.some((a) => a.startsWith('-'))) return note('the simulator runs cat FILE… (no options, no stdin)');
  let stdout = '';
  let stderr = '';
  for (const arg of args) {
    const path = nodePath(arg, prefix);
    if (path === null || !modelled(path)) return outside('cat', arg, prefix);
    if (!state) return note('this node has no CNI state in the model');
    const entry = cniFiles(state).get(path);
    if (!entry) stderr += `cat: can't open '${arg}': No such file or directory\n`;
    else if (entry.kind === 'dir') stderr += 'cat: read error: Is a directory\n';
    else if (entry.content === null) return note(`${arg} is a plugin binary (an executable): its bytes are not modelled`);
    else stdout += entry.content;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
