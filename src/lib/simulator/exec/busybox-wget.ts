/**
 * busybox 1.36.1 `wget` (networking/wget.c, FEATURE_WGET_TIMEOUT/STATUSBAR/LONG_OPTIONS on, as in defconfig).
 *
 * - `Connecting to HOST[:PORT] (IP:PORT)` on stderr before connecting (wget_main, unless -q); HOST keeps the URL's
 *   `:PORT` because it is the URL's host part as typed;
 * - a name that does not resolve: `wget: bad address 'HOST[:PORT]'` (libbb/xconnect.c str2sockaddr), exit 1;
 * - refused: `wget: can't connect to remote host (IP): Connection refused` (libbb/xconnect.c xconnect), exit 1;
 * - no answer: the connect runs under alarm(-T SEC, default 900): `wget: download timed out` (alarm_handler) when
 *   SEC comes first, else the kernel's SYN timeout (127 s) ends it as `can't connect … Connection timed out`;
 * - an HTTP status outside 2xx: `wget: server returned error: HTTP/1.1 404 Not Found`, exit 1;
 * - a server that closes without a byte: `wget: error getting response` (fgets_trim_sanitize), exit 1;
 * - -S prints the response headers, each indented by two spaces; --spider prints `remote file exists`;
 * - the body goes to -O FILE (`-` = stdout) or to the URL's last path component (`index.html` for `/`), with
 *   `writing to stdout` / `saving to 'F'`, the status bar and `written to stdout` / `'F' saved` on stderr.
 * The status bar is what bb_progress_update prints when stderr is not a terminal (kubectl exec without -t): no `\r`,
 * a 32-star bar (terminal width 80 - 48) and `  0:00:00 ETA` for a transfer that completes at once.
 */
import { getopt, isOptError, last } from './getopt.ts';
import { WGET_USAGE } from './busybox-usage.ts';
import { dial } from './network.ts';
import { serve } from './http-server.ts';
import type { ExecContext, ExecOut } from './types.ts';
import { Transcript } from '../output.ts';
import { SYN_TIMEOUT_SECONDS, SYN_TIMEOUT_WHY, waitNote } from './notes.ts';
import { resolverGiveUpSeconds } from './network.ts';

const SPECS = [
  { short: 'c', long: 'continue', arg: false },
  { short: 'q', long: 'quiet', arg: false },
  { short: 'S', long: 'server-response', arg: false },
  { short: 'O', long: 'output-document', arg: true },
  { short: 'o', long: 'output-file', arg: true },
  { short: 'P', long: 'directory-prefix', arg: true },
  { short: 'Y', long: 'proxy', arg: true },
  { short: 'U', long: 'user-agent', arg: true },
  { short: 'T', long: 'timeout', arg: true },
  { short: 't', long: 'tries', arg: true },
  { short: 'n', arg: false },
  { long: 'header', arg: true },
  { long: 'post-data', arg: true },
  { long: 'spider', arg: false },
  { long: 'no-check-certificate', arg: false },
  { long: 'post-file', arg: true },
  { long: 'passive-ftp', arg: false },
  { long: 'no-cache', arg: false },
  { long: 'no-verbose', arg: false },
  { long: 'no-clobber', arg: false },
  { long: 'no-host-directories', arg: false },
  { long: 'no-parent', arg: false },
] as const;

const fail = (stderr: string, stdout = ''): ExecOut => ({ stdout, stderr, exitCode: 1 });

/** busybox's status bar line for a file name and a completed size (libbb/progress.c, stderr not a tty). */
export function busyboxStatusBar(name: string, size: number): string {
  const label = name.length >= 20 ? name.slice(0, 20) : name.padEnd(20);
  const num = size < 100000 ? String(size).padStart(5) : smartUlltoa5(size);
  return `${label} 100% |${'*'.repeat(32)}| ${num}  0:00:00 ETA\n`;
}

/** libbb/xfuncs.c smart_ulltoa5: a size in at most 5 characters with a k/M/G suffix. */
function smartUlltoa5(n: number): string {
  const units = ' kMGTPEZY';
  let idx = 0;
  let v = n;
  while (v >= 100000) {
    v = v / 1024;
    idx++;
  }
  if (v >= 1000 || idx === 0) return `${String(Math.floor(v)).padStart(4)}${units[idx]}`;
  // 3 digits or fewer: one decimal
  return `${String(Math.floor(v)).padStart(3)}.${Math.floor((v * 10) % 10)}${units[idx]}`.slice(-5);
}

interface WgetUrl {
  scheme: string;
  /** Host as typed, with `:PORT` if given. */
  hostPort: string;
  host: string;
  port: number;
  /** Path without the leading '/'. */
  path: string;
}

/** wget.c parse_url: `[scheme://]host[:port][/path]`; no scheme means http. */
function parseUrl(url: string): WgetUrl | { error: string } {
  let rest = url;
  let scheme = 'http';
  const sep = url.indexOf('://');
  if (sep >= 0) {
    scheme = url.slice(0, sep).toLowerCase();
    rest = url.slice(sep + 3);
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ftp' && scheme !== 'ftps') return { error: `wget: not an http or ftp url: ${url}\n` };
  }
  const slash = rest.search(/[/?#]/);
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  let path = slash >= 0 ? rest.slice(slash) : '';
  if (path.startsWith('/')) path = path.slice(1);
  else if (path.startsWith('?')) path = `${path}`;
  const at = hostPort.lastIndexOf('@');
  const hp = at >= 0 ? hostPort.slice(at + 1) : hostPort;
  const m = /^(.*?)(?::(\d*))?$/.exec(hp);
  const host = m?.[1] ?? hp;
  const defaultPort = scheme === 'https' ? 443 : scheme === 'ftp' ? 21 : 80;
  const port = m?.[2] ? Number(m[2]) : defaultPort;
  return { scheme, hostPort: hp, host, port, path: path.split('#')[0] ?? '' };
}

/** Runs busybox wget. */
export function busyboxWget(ctx: ExecContext, args: string[]): ExecOut {
  const p = getopt('wget', args, SPECS);
  if (isOptError(p)) return fail(`${p.error}\n${WGET_USAGE}`);
  if (p.operands.length === 0) return fail(WGET_USAGE);
  const quiet = p.opts.has('quiet');
  const showHeaders = p.opts.has('server-response');
  const spider = p.opts.has('spider');
  const out = last(p, 'output-document');
  const timeoutText = last(p, 'timeout');
  let timeout = 900;
  if (timeoutText !== undefined) {
    if (!/^\d+$/.test(timeoutText) || Number(timeoutText) > 0x7fffffff) return fail(`wget: invalid number '${timeoutText}'\n`);
    timeout = Number(timeoutText);
  }
  // Written in order: the terminal shows `Connecting to` and `writing to stdout` above the page itself.
  const t = new Transcript();
  for (const url of p.operands) {
    const u = parseUrl(url);
    if ('error' in u) return t.err(u.error).result(1);
    if (u.scheme !== 'http') return t.err(`[simulator] wget over ${u.scheme} is not simulated: the simulated servers speak plain HTTP.\n`).result(1);
    const d = dial(ctx, u.host, u.port, 'TCP');
    if (d.kind === 'nxdomain') return t.err(`wget: bad address '${u.hostPort}'\n`).result(1);
    if (d.kind === 'dns-timeout') {
      const wait = resolverGiveUpSeconds(u.host, ctx.pod.namespace, ctx.profile?.id === 'busybox' ? 'glibc' : 'musl');
      return t.err(`wget: bad address '${u.hostPort}'\n${waitNote(wait, 'the DNS server never answers; the resolver gives up after its timeouts')}`).result(1);
    }
    if (!quiet) t.err(`Connecting to ${u.hostPort} (${d.ip}:${u.port})\n`);
    if (d.kind === 'refused') return t.err(`wget: can't connect to remote host (${d.ip}): Connection refused\n`).result(1);
    if (d.kind === 'timeout') {
      if (timeout > 0 && timeout < SYN_TIMEOUT_SECONDS) return t.err(`wget: download timed out\n${waitNote(timeout, `-T ${timeout}: wget's alarm fires after ${timeout} s`)}`).result(1);
      return t.err(`wget: can't connect to remote host (${d.ip}): Connection timed out\n${waitNote(SYN_TIMEOUT_SECONDS, SYN_TIMEOUT_WHY)}`).result(1);
    }
    const reply = serve(d.listener, d.pod, { method: 'GET', path: `/${u.path}`, host: u.hostPort, close: true }, `${ctx.pod.ip}:${0}`);
    if (reply.kind === 'closed') return t.err('wget: error getting response\n').result(1);
    if (reply.kind === 'unknown') return t.err(`[simulator] the connection is open, but ${reply.why}.\n`).result(0);
    const statusLine = `${reply.version} ${reply.status} ${reply.reason}`;
    if (showHeaders) t.err(`  ${statusLine}\n${reply.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}  \n`);
    if (reply.status < 200 || reply.status > 299) return t.err(`wget: server returned error: ${statusLine}\n`).result(1);
    if (spider) {
      if (!quiet) t.err('remote file exists\n');
      continue;
    }
    const body = reply.body;
    const size = new TextEncoder().encode(body).length;
    if (out === '-') {
      if (!quiet) t.err('writing to stdout\n');
      t.out(body);
      if (!quiet) t.err(`${busyboxStatusBar('-', size)}written to stdout\n`);
    } else {
      const file = out ?? (u.path.split('?')[0]?.split('/').pop() || 'index.html');
      if (!quiet) t.err(`saving to '${file}'\n${busyboxStatusBar(file.split('/').pop() ?? file, size)}'${file}' saved\n`);
    }
  }
  return t.result(0);
}
