/**
 * Which ports a pod answers on, derived from what its containers run: a port is open only when a process
 * listens there. The process is the container's argv (spec command/args over the image's ENTRYPOINT/CMD);
 * shell scripts (`sh -c "… && exec httpd -f -p 9090 -h /www"`) are read command by command.
 *
 * Servers modelled (defaults from each program's own flags):
 * - nginx: 80 (`nginxinc/nginx-unprivileged`: 8080), whatever the command, as long as it runs nginx;
 * - busybox `httpd [-f] [-p [IP:]PORT] [-h DIR]`: PORT (default 80), serving DIR's files;
 * - `nc -l [-k] [-u] -p PORT` (also `-lp PORT`, `-lk -p`): PORT, TCP or UDP;
 * - agnhost `netexec [--http-port N] [--udp-port N] [--sctp-port N]`: TCP 8080, UDP 8081 (SCTP off);
 *   agnhost `serve-hostname [--port N] [--tcp] [--udp] [--http]`: 9376, HTTP by default;
 * - `python[3] -m http.server [PORT]`: 8000;
 * - `hashicorp/http-echo -listen=[HOST]:PORT -text=…`: 5678 by default;
 * - CoreDNS: 53/UDP and 53/TCP, metrics 9153, health 8080, ready 8181.
 * `sleep`, `tail -f /dev/null`, a shell with no script, or an image's default CMD that exits: nothing listens.
 * An image the simulator does not model (see images.ts) and that runs no program it recognises listens on its
 * declared containerPorts: that is the only case where containerPort opens a port.
 */
import { tokenize } from '../shell-words.ts';
import type { ContainerModel, PodModel, Protocol } from '../types.ts';
import { effectiveArgv, imageProfile } from './images.ts';
import type { ImageProfile } from './images.ts';

/** The kind of server behind a listening port (what an HTTP client or nc would talk to). */
export type ServerKind =
  | 'nginx'
  | 'busybox-httpd'
  | 'netcat'
  | 'agnhost-netexec'
  | 'agnhost-serve-hostname'
  | 'python-http-server'
  | 'http-echo'
  | 'coredns'
  | 'declared-port';

/** One listening socket of a pod. */
export interface Listener {
  port: number;
  protocol: Protocol;
  /** Name of the container whose process listens. */
  container: string;
  /** The program listening (the first word of its command, e.g. `httpd`, `nginx`, `nc`). */
  program: string;
  server: ServerKind;
  /** True when the server speaks HTTP on this port. */
  http: boolean;
  /** busybox httpd / python http.server: the directory served. */
  docRoot?: string;
  /** Files the container's script wrote before starting the server (`echo TEXT > FILE`), path → content. */
  files?: Record<string, string>;
  /** http-echo: the -text it answers with. */
  text?: string;
}

const SEPARATORS = new Set(['&&', '||', ';', '&', '|']);

/** Splits a shell script into simple commands (words), following `&&`, `||`, `;`, `&`, `|` and newlines. */
export function simpleCommands(script: string): string[][] {
  const out: string[][] = [];
  for (const line of script.split('\n')) {
    // Put spaces around operators outside quotes so the word splitter sees them as words.
    let spaced = '';
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      if (quote) {
        if (ch === quote) quote = null;
        spaced += ch;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        spaced += ch;
      } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) {
        break;
      } else if (ch === ';' || ch === '|' || ch === '&') {
        const two = line.slice(i, i + 2);
        if (two === '&&' || two === '||') {
          spaced += ` ${two} `;
          i++;
        } else spaced += ` ${ch} `;
      } else spaced += ch;
    }
    const words = tokenize(spaced);
    if (!words) continue;
    let cur: string[] = [];
    for (const w of words) {
      if (SEPARATORS.has(w)) {
        if (cur.length) out.push(cur);
        cur = [];
      } else cur.push(w);
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

/** Drops the shell keywords and wrappers in front of a command (`exec`, `then`, `do`, `busybox`, `env`). */
function unwrap(words: string[]): string[] {
  let w = words;
  for (;;) {
    const head = w[0];
    if (head === undefined) return w;
    if (['exec', 'then', 'do', 'else', 'nohup', 'command'].includes(head)) w = w.slice(1);
    else if (head === 'busybox' || head.endsWith('/busybox')) w = w.slice(1);
    else if (head === 'env' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(head)) w = w.slice(1);
    else return w;
  }
}

const base = (program: string) => program.split('/').pop() ?? program;

function intArg(v: string | undefined): number | null {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 65535 ? n : null;
}

/** Reads a `--name value` / `--name=value` / `-name=value` flag from Go-style or GNU-style arguments. */
function flagValue(args: readonly string[], ...names: string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    for (const n of names) {
      if (a === n) found = args[i + 1];
      else if (a.startsWith(`${n}=`)) found = a.slice(n.length + 1);
    }
  }
  return found;
}

function boolFlag(args: readonly string[], name: string, fallback: boolean): boolean {
  let v = fallback;
  for (const a of args) {
    if (a === name || a === `${name}=true`) v = true;
    else if (a === `${name}=false`) v = false;
  }
  return v;
}

/** The port part of `[HOST]:PORT` or `PORT`. */
function portOfAddress(v: string | undefined): number | null {
  if (v === undefined) return null;
  const m = /(?:^|:)(\d+)$/.exec(v);
  return m ? intArg(m[1]) : null;
}

interface Found {
  port: number;
  protocol: Protocol;
  program: string;
  server: ServerKind;
  http: boolean;
  docRoot?: string;
  text?: string;
}

/** The sockets one simple command opens (empty for programs that serve nothing). */
function serversOf(words: string[], profile: ImageProfile | null): Found[] {
  const w = unwrap(words);
  const program = w[0];
  if (program === undefined) return [];
  const name = base(program);
  const args = w.slice(1);
  switch (name) {
    case 'nginx':
      return [{ port: profile?.id === 'nginx-unprivileged' ? 8080 : 80, protocol: 'TCP', program: 'nginx', server: 'nginx', http: true }];
    case 'httpd': {
      // busybox httpd: -p [IP:]PORT (default 80), -h HOME (default .)
      let port = 80;
      let docRoot = '.';
      for (let i = 0; i < args.length; i++) {
        const a = args[i] as string;
        if (a === '-p') port = portOfAddress(args[++i]) ?? port;
        else if (a.startsWith('-p') && a.length > 2) port = portOfAddress(a.slice(2)) ?? port;
        else if (a === '-h') docRoot = args[++i] ?? docRoot;
        else if (/^-[fvi]*p$/.test(a)) port = portOfAddress(args[++i]) ?? port;
      }
      return [{ port, protocol: 'TCP', program: 'httpd', server: 'busybox-httpd', http: true, docRoot }];
    }
    case 'nc':
    case 'netcat': {
      let listen = false;
      let udp = false;
      let port: number | null = null;
      const positional: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i] as string;
        if (/^-[a-zA-Z]+$/.test(a)) {
          if (a.includes('l')) listen = true;
          if (a.includes('u')) udp = true;
          if (a.endsWith('p')) port = intArg(args[++i]) ?? port;
          else if (a.endsWith('w') || a.endsWith('e') || a.endsWith('s')) i++;
        } else positional.push(a);
      }
      if (!listen) return [];
      port ??= intArg(positional[positional.length - 1]);
      return port === null ? [] : [{ port, protocol: udp ? 'UDP' : 'TCP', program: name, server: 'netcat', http: false }];
    }
    case 'agnhost': {
      const sub = args[0];
      const rest = args.slice(1);
      if (sub === 'netexec') {
        const out: Found[] = [];
        const http = intArg(flagValue(rest, '--http-port', '-http-port') ?? '8080');
        const udp = flagValue(rest, '--udp-port', '-udp-port') ?? '8081';
        const sctp = flagValue(rest, '--sctp-port', '-sctp-port') ?? '-1';
        if (http !== null) out.push({ port: http, protocol: 'TCP', program: 'agnhost', server: 'agnhost-netexec', http: true });
        if (intArg(udp) !== null) out.push({ port: Number(udp), protocol: 'UDP', program: 'agnhost', server: 'agnhost-netexec', http: false });
        if (intArg(sctp) !== null) out.push({ port: Number(sctp), protocol: 'SCTP', program: 'agnhost', server: 'agnhost-netexec', http: false });
        return out;
      }
      if (sub === 'serve-hostname') {
        const port = intArg(flagValue(rest, '--port', '-port') ?? '9376');
        if (port === null) return [];
        const tcp = boolFlag(rest, '--tcp', false);
        const udp = boolFlag(rest, '--udp', false);
        const http = boolFlag(rest, '--http', !tcp && !udp);
        const out: Found[] = [];
        if (http || tcp) out.push({ port, protocol: 'TCP', program: 'agnhost', server: 'agnhost-serve-hostname', http });
        if (udp) out.push({ port, protocol: 'UDP', program: 'agnhost', server: 'agnhost-serve-hostname', http: false });
        return out;
      }
      return [];
    }
    case 'python':
    case 'python3': {
      const m = args.indexOf('-m');
      if (m < 0 || args[m + 1] !== 'http.server') return [];
      const after = args.slice(m + 2);
      const port = intArg(after.find((a) => /^\d+$/.test(a))) ?? 8000;
      const dir = flagValue(after, '--directory', '-d') ?? '.';
      return [{ port, protocol: 'TCP', program: name, server: 'python-http-server', http: true, docRoot: dir }];
    }
    case 'http-echo': {
      const port = portOfAddress(flagValue(args, '-listen', '--listen') ?? ':5678');
      const text = flagValue(args, '-text', '--text');
      return port === null ? [] : [{ port, protocol: 'TCP', program: 'http-echo', server: 'http-echo', http: true, ...(text !== undefined ? { text } : {}) }];
    }
    case 'coredns':
      return [
        { port: 53, protocol: 'UDP', program: 'coredns', server: 'coredns', http: false },
        { port: 53, protocol: 'TCP', program: 'coredns', server: 'coredns', http: false },
        { port: 8080, protocol: 'TCP', program: 'coredns', server: 'coredns', http: true },
        { port: 8181, protocol: 'TCP', program: 'coredns', server: 'coredns', http: true },
        { port: 9153, protocol: 'TCP', program: 'coredns', server: 'coredns', http: true },
      ];
    case 'docker-entrypoint.sh':
      return serversOf(args, profile);
    default:
      return [];
  }
}

/** `echo TEXT > FILE` / `echo TEXT >> FILE` in a script: the file's content (busybox echo appends a newline). */
function fileWrite(words: string[]): [string, string, boolean] | null {
  const w = unwrap(words);
  if (w[0] !== 'echo' && w[0] !== 'printf') return null;
  const idx = w.findIndex((x) => x === '>' || x === '>>' || x.startsWith('>'));
  if (idx < 0) return null;
  const op = w[idx] as string;
  const append = op.startsWith('>>');
  const inline = op.replace(/^>>?/, '');
  const target = inline || w[idx + 1];
  if (!target) return null;
  const text = w.slice(1, idx).join(' ');
  return [target, w[0] === 'echo' ? `${text}\n` : text.replace(/\\n/g, '\n'), append];
}

/** Whether the container runs a program the simulator recognises (a server or a known idle command). */
function listenersOfContainer(c: ContainerModel): { found: Found[]; files: Record<string, string>; recognised: boolean } {
  const profile = imageProfile(c.image);
  const argv = effectiveArgv(profile, c.command, c.args);
  const files: Record<string, string> = {};
  const found: Found[] = [];
  let recognised = profile !== null;
  const run = (words: string[]) => {
    const w = unwrap(words);
    const head = w[0] ? base(w[0]) : '';
    if ((head === 'sh' || head === 'ash' || head === 'bash' || head === 'zsh') && w[1] === '-c' && w[2] !== undefined) {
      recognised = true;
      for (const cmd of simpleCommands(w[2])) {
        const write = fileWrite(cmd);
        if (write) {
          const [path, text, append] = write;
          files[path] = append ? (files[path] ?? '') + text : text;
          continue;
        }
        run(cmd);
      }
      return;
    }
    const s = serversOf(w, profile);
    if (s.length) recognised = true;
    if (['sleep', 'tail', 'true', 'false', 'echo', 'sh', 'ash', 'bash', 'zsh'].includes(head)) recognised = true;
    found.push(...s);
  };
  if (argv.length) run(argv);
  return { found, files, recognised };
}

/** Every socket the pod listens on, container by container, in port order (TCP before UDP before SCTP). */
export function podListeners(pod: PodModel): Listener[] {
  const out: Listener[] = [];
  for (const c of pod.containers) {
    const { found, files, recognised } = listenersOfContainer(c);
    if (!recognised) {
      for (const p of c.ports) out.push({ port: p.containerPort, protocol: p.protocol, container: c.name, program: base(c.image.split(':')[0] ?? c.image), server: 'declared-port', http: p.protocol === 'TCP' });
      continue;
    }
    for (const f of found) {
      const l: Listener = { ...f, container: c.name };
      if (f.docRoot !== undefined) {
        const root = f.docRoot.replace(/\/+$/, '');
        const served: Record<string, string> = {};
        for (const [path, text] of Object.entries(files)) if (path.startsWith(`${root}/`)) served[path.slice(root.length)] = text;
        l.files = served;
      }
      out.push(l);
    }
  }
  const order: Record<Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };
  return out.sort((a, b) => a.port - b.port || order[a.protocol] - order[b.protocol]);
}

const cache = new WeakMap<PodModel, Listener[]>();

/** The listener on (port, protocol) of a pod, or undefined when nothing listens there (a TCP RST / ICMP port unreachable). */
export function listenerOn(pod: PodModel, port: number, protocol: Protocol): Listener | undefined {
  let list = cache.get(pod);
  if (!list) cache.set(pod, (list = podListeners(pod)));
  return list.find((l) => l.port === port && l.protocol === protocol);
}
