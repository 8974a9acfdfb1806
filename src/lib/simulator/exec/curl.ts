/**
 * curl, in the two versions the modelled images ship: 7.88.1 (Debian bookworm: nginx, nginx-unprivileged, python)
 * and 8.14.1 (assumed for the Alpine-based images: curlimages/curl, netshoot, agnhost; the 8.x texts below are the
 * same in every release from 8.5 to 8.17 — 8.18 changed the progress meter, 8.21 the "Failed to connect" line).
 *
 * What a learner sees under `kubectl exec` (no -t): stdout is not a terminal, so without -s curl draws its
 * progress meter on stderr (lib/progress.c Curl_pgrsUpdate: the two header lines, then the meter line redrawn with
 * `\r`; only its final state is printed here), then `curl: (N) message` (src/tool_operate.c, hidden by -s unless -S).
 * Exit codes and messages (lib/strerror.c, lib/connect.c, lib/multi.c, lib/http.c):
 * - 6 `Could not resolve host: NAME` (7.88: the same text);
 * - 7 `Failed to connect to HOST port PORT after N ms: Couldn't connect to server` (7.88) / `…: Could not connect
 *   to server` (8.x) for a refused connection;
 * - 28 `Connection timed out after N milliseconds` when -m or --connect-timeout runs out while connecting, and
 *   `Failed to connect to … after N ms: Couldn't connect to server` with code 28 when the kernel gives up (127 s);
 * - 52 `Empty reply from server` when the server closes without a byte;
 * - 22 `The requested URL returned error: 404` with -f;
 * - 2 for bad usage: `curl: option X: is unknown` + `curl: try 'curl --help' or 'curl --manual' for more information`.
 * Verified against curl 7.88.1 run on loopback (Debian 12's package, the one nginx:1.27 installs).
 */
import { getopt, isOptError, last, count } from './getopt.ts';
import { dial, resolverGiveUpSeconds } from './network.ts';
import { serve, byteLength } from './http-server.ts';
import type { HttpResponse } from './http-server.ts';
import type { ExecContext, ExecOut } from './types.ts';
import { SYN_TIMEOUT_SECONDS, SYN_TIMEOUT_WHY, waitNote } from './notes.ts';
import { ephemeralPort } from './ports.ts';
import { evaluateHttp } from '../l7/http.ts';
import { proxyOf } from '../l7/dataplane.ts';
import { keyOf } from '../state.ts';
import { streamed, Transcript } from '../output.ts';

/** The curl builds the simulator knows. */
export type CurlVersion = '7.88.1' | '8.14.1';

const SPECS = [
  { short: 's', long: 'silent', arg: false },
  { short: 'S', long: 'show-error', arg: false },
  { short: 'v', long: 'verbose', arg: false },
  { short: 'i', long: 'include', arg: false },
  { short: 'I', long: 'head', arg: false },
  { short: 'f', long: 'fail', arg: false },
  { short: 'L', long: 'location', arg: false },
  { short: 'k', long: 'insecure', arg: false },
  { short: '4', long: 'ipv4', arg: false },
  { short: '6', long: 'ipv6', arg: false },
  { short: 'm', long: 'max-time', arg: true },
  { long: 'connect-timeout', arg: true },
  { short: 'o', long: 'output', arg: true },
  { short: 'w', long: 'write-out', arg: true },
  { short: 'H', long: 'header', arg: true },
  { short: 'X', long: 'request', arg: true },
  { short: 'A', long: 'user-agent', arg: true },
  { long: 'retry', arg: true },
  { long: 'url', arg: true },
  { short: 'd', long: 'data', arg: true },
];

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** lib/progress.c max5data: a byte count or speed in 5 characters. */
export function max5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  const mb = 1024 * 1024;
  if (n < 100 * mb) return `${String(Math.floor(n / mb)).padStart(2)}.${Math.floor((n % mb) / (mb / 10))}M`;
  return `${String(Math.floor(n / mb)).padStart(4)}M`;
}

/** The meter line (lib/progress.c progress_meter) for a transfer of `got` of `total` bytes in `ms` milliseconds. */
export function meterLine(total: number, got: number, ms: number): string {
  const pct = (a: number, b: number) => String(b > 0 ? Math.floor((a * 100) / b) : 0).padStart(3);
  const speed = got > 0 ? Math.floor((got * 1000) / Math.max(ms, 1)) : 0;
  return `${pct(got, total)} ${max5(total)}  ${pct(got, total)} ${max5(got)}  ${pct(0, 0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

interface Url {
  scheme: string;
  host: string;
  port: number;
  /** Path and query as sent, starting with '/'. */
  path: string;
  /** The Host header curl sends. */
  hostHeader: string;
}

function parseUrl(raw: string): Url | { code: number; msg: string } {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#]*)(.*)$/.exec(raw);
  if (!m) return { code: 3, msg: 'URL using bad/illegal format or missing URL' };
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { code: 1, msg: `Protocol "${scheme}" not supported` };
  const authority = (m[2] ?? '').replace(/^.*@/, '');
  const hp = /^([^:]*)(?::(\d*))?$/.exec(authority);
  if (!hp || !hp[1]) return { code: 3, msg: 'URL using bad/illegal format or missing URL' };
  const port = hp[2] ? Number(hp[2]) : scheme === 'https' ? 443 : 80;
  if (port > 65535) return { code: 3, msg: 'URL using bad/illegal format or missing URL' };
  let path = (m[3] ?? '').split('#')[0] ?? '';
  if (!path.startsWith('/')) path = `/${path}`;
  const host = hp[1];
  const hostHeader = hp[2] && port !== (scheme === 'https' ? 443 : 80) ? `${host}:${port}` : host;
  return { scheme, host, port, path, hostHeader };
}

/** --write-out: the variables a lesson uses (src/tool_writeout.c), `\n` and `%%`. */
function writeOut(format: string, vars: Record<string, string>): string {
  return format
    .replace(/%\{([a-z_]+)\}/g, (_all, name: string) => vars[name] ?? '')
    .replace(/%%/g, '%')
    .replace(/\\n/g, '\n')
    .replace(/\\r/g, '\r')
    .replace(/\\t/g, '\t');
}

/**
 * Runs curl of the given version. `terminal`: its stdout is a terminal (a shell on a host), not kubectl exec's pipe.
 * Into a pipe, stdio buffers stdout until curl exits, so everything on stderr (meter, `-v` lines, errors) shows
 * first; on a terminal, stdout is written as it comes and curl hides the meter when the body goes there
 * (curl(1), PROGRESS METER: it "disables the progress meter as otherwise it would mess up the output").
 */
export function curl(ctx: ExecContext, args: string[], version: CurlVersion, terminal = false): ExecOut {
  const result = curlRun(ctx, args, version, terminal);
  return terminal ? result : { ...streamed([{ stream: 'stderr', text: result.stderr }, { stream: 'stdout', text: result.stdout }], result.exitCode), ...(result.internal && { internal: true }) };
}

function curlRun(ctx: ExecContext, args: string[], version: CurlVersion, terminal: boolean): ExecOut {
  const p = getopt('curl', args, SPECS);
  if (isOptError(p)) {
    const m = /'(-[^']*)'|-- '(.)'/.exec(p.error);
    const opt = m?.[1] ?? (m?.[2] ? `-${m[2]}` : '');
    const requires = /requires an argument/.test(p.error);
    return { stdout: '', stderr: `curl: option ${opt}: ${requires ? 'requires parameter' : 'is unknown'}\n${TRY}`, exitCode: 2 };
  }
  const urls = [...(p.opts.get('url') ?? []), ...p.operands];
  if (urls.length === 0) return { stdout: '', stderr: TRY, exitCode: 2 };
  const silent = p.opts.has('silent');
  const showError = !silent || p.opts.has('show-error');
  const verbose = count(p, 'verbose') > 0;
  const head = p.opts.has('head');
  const include = p.opts.has('include') || head;
  const failOnError = p.opts.has('fail');
  const output = last(p, 'output');
  const wfmt = last(p, 'write-out');
  const numberOpt = (key: string): number | null | 'bad' => {
    const v = last(p, key);
    if (v === undefined) return null;
    return /^\d+(\.\d+)?$/.test(v) ? Number(v) : 'bad';
  };
  const maxTime = numberOpt('max-time');
  const connectTimeout = numberOpt('connect-timeout');
  if (maxTime === 'bad' || connectTimeout === 'bad') return { stdout: '', stderr: `curl: option ${maxTime === 'bad' ? '-m' : '--connect-timeout'}: expected a proper numerical parameter\n${TRY}`, exitCode: 2 };
  const toStdout = output === undefined || output === '-';
  const meter = !silent && !(terminal && toStdout) ? METER_HEAD : '';
  const headers = p.opts.get('header') ?? [];
  const hostOverride = headers.find((h) => /^host:/i.test(h))?.replace(/^host:\s*/i, '');

  const raw = urls[0] as string;
  const u = parseUrl(raw);
  const ua = last(p, 'user-agent') ?? `curl/${version}`;
  const vars: Record<string, string> = { http_code: '000', response_code: '000', remote_ip: '', remote_port: '', size_download: '0', url_effective: raw, exitcode: '0' };
  const finish = (code: number, msg: string, extraErr = '', newline = true, verboseLines = ''): ExecOut => {
    vars.exitcode = String(code);
    // The meter's first line is drawn before connecting; verbose lines follow it on the same terminal line.
    const first = meter ? `${meter}${meterLine(0, 0, 0)}` : '';
    const closing = verbose && verboseLines ? `${version === '7.88.1' ? '* Closing connection 0\n' : ''}` : '';
    const redraw = meter && verboseLines ? meterLine(0, 0, 0) : '';
    const stderr = `${first}${verboseLines}${verbose && verboseLines ? `* ${msg}\n` : ''}${redraw}${meter && newline ? '\n' : ''}${closing}${showError ? `curl: (${code}) ${msg}\n` : ''}${extraErr}`;
    return { stdout: wfmt ? writeOut(wfmt, vars) : '', stderr, exitCode: code };
  };
  if ('code' in u) return finish(u.code, u.msg, '', false);
  const ms = (s: number) => Math.round(s * 1000);
  const d = dial(ctx, u.host, u.port, 'TCP');
  const libc = version === '7.88.1' ? 'glibc' : 'musl';
  if (d.kind === 'nxdomain') return finish(6, `Could not resolve host: ${u.host}`, '', false);
  if (d.kind === 'dns-timeout') {
    const giveUp = resolverGiveUpSeconds(u.host, ctx.pod.namespace, libc);
    const limit = [maxTime, connectTimeout].filter((x): x is number => typeof x === 'number' && x > 0);
    const first = limit.length ? Math.min(...limit) : Infinity;
    if (first < giveUp) return finish(28, `Resolving timed out after ${ms(first)} milliseconds`, waitNote(first, 'the DNS server never answers; curl gives up at its timeout'), false);
    return finish(6, `Could not resolve host: ${u.host}`, waitNote(giveUp, 'the DNS server never answers; the resolver gives up after its timeouts'), false);
  }
  vars.remote_ip = d.ip;
  vars.remote_port = String(u.port);
  const resolved = version === '8.14.1' && !/^\d+\.\d+\.\d+\.\d+$/.test(u.host) ? `* Host ${u.host}:${u.port} was resolved.\n* IPv6: (none)\n* IPv4: ${d.ip}\n` : '';
  const trying = verbose ? `${resolved}*   Trying ${d.ip}:${u.port}...\n` : '';
  const sameNode = d.kind === 'connected' && d.pod?.nodeName === ctx.pod.nodeName;
  const rttMs = sameNode || d.kind !== 'connected' ? 0 : 1;
  const connectWord = version === '7.88.1' ? "Couldn't connect to server" : 'Could not connect to server';
  if (d.kind === 'refused') {
    const v = verbose ? `${trying}* connect to ${d.ip} port ${u.port} failed: Connection refused\n` : '';
    return finish(7, `Failed to connect to ${u.host} port ${u.port} after ${rttMs} ms: ${connectWord}`, '', true, v);
  }
  if (d.kind === 'timeout') {
    const limit = [maxTime, connectTimeout].filter((x): x is number => typeof x === 'number' && x > 0);
    const first = limit.length ? Math.min(...limit) : Infinity;
    if (first < SYN_TIMEOUT_SECONDS) return finish(28, `Connection timed out after ${ms(first) + 1} milliseconds`, waitNote(first, `curl gives up after ${first} s`), true, trying);
    const v = verbose ? `${trying}* connect to ${d.ip} port ${u.port} failed: Connection timed out\n` : '';
    return finish(28, `Failed to connect to ${u.host} port ${u.port} after ${SYN_TIMEOUT_SECONDS * 1000 + 3} ms: ${connectWord}`, waitNote(SYN_TIMEOUT_SECONDS, SYN_TIMEOUT_WHY), true, v);
  }
  if (u.scheme === 'https') return { stdout: '', stderr: `${meter}[simulator] TLS is not simulated: the simulated servers speak plain HTTP.\n`, exitCode: 35 };
  const requested = last(p, 'request');
  const method = requested ?? (head ? 'HEAD' : p.opts.has('data') ? 'POST' : 'GET');
  const reqHeaders = [`${method} ${u.path} HTTP/1.1`, `Host: ${hostOverride ?? u.hostHeader}`, `User-Agent: ${ua}`, 'Accept: */*', ...headers.filter((h) => !/^host:/i.test(h))];
  const connected = verbose ? `${trying}* Connected to ${u.host} (${d.ip}) port ${u.port}${version === '7.88.1' ? ' (#0)' : ''}\n${version === '8.14.1' ? '* using HTTP/1.x\n' : ''}${reqHeaders.map((h) => `> ${h}\n`).join('')}> \n${version === '8.14.1' ? '* Request completely sent off\n' : ''}` : '';
  // A Gateway's or an Ingress controller's proxy pod answers what its routes say (l7/http.ts), not what its image serves.
  const viaProxy = d.pod !== undefined && proxyOf(d.pod) !== null;
  const l7 = viaProxy
    ? evaluateHttp(ctx.host.state(), { from: ctx.client ?? keyOf(ctx.pod), url: raw, method, request: ctx.host.nextRequest?.(`${ctx.client ?? keyOf(ctx.pod)} ${method} ${raw} ${hostOverride ?? ''}`) ?? 0, ...(d.pod ? { proxy: keyOf(d.pod) } : {}), headers: Object.fromEntries(headers.filter((h) => h.includes(':')).map((h) => [h.slice(0, h.indexOf(':')).trim(), h.slice(h.indexOf(':') + 1).trim()])) })
    : null;
  const reply = l7
    ? (l7.response ?? { kind: 'unknown' as const, why: l7.reason.replace(/\.$/, '') })
    : method === 'GET' || method === 'HEAD'
      ? serve(d.listener, d.pod, { method, path: u.path, host: hostOverride ?? u.hostHeader, close: false }, `${ctx.pod.ip}:${ephemeralPort(ctx.pod, d.ip, u.port)}`)
      : { kind: 'unknown' as const, why: `what the server answers to ${method} is not modelled` };
  if (reply.kind === 'closed') return finish(52, 'Empty reply from server', '', true, connected);
  if (reply.kind === 'unknown') return { stdout: '', stderr: `${connected}[simulator] the connection is open, but ${reply.why}.\n`, exitCode: 0 };
  return httpResult(reply, { meter, verbose, connected, include, head, output, failOnError, showError, wfmt, vars, rttMs, host: u.host, version });
}

interface Presentation {
  meter: string;
  verbose: boolean;
  connected: string;
  include: boolean;
  head: boolean;
  output: string | undefined;
  failOnError: boolean;
  showError: boolean;
  wfmt: string | undefined;
  vars: Record<string, string>;
  rttMs: number;
  host: string;
  version: CurlVersion;
}

function httpResult(r: HttpResponse, o: Presentation): ExecOut {
  const statusLine = `${r.version} ${r.status} ${r.reason}`;
  const headerBlock = `${statusLine}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const size = byteLength(r.body);
  o.vars.http_code = String(r.status).padStart(3, '0');
  o.vars.response_code = o.vars.http_code;
  o.vars.size_download = String(size);
  const keepAlive = !r.headers.some(([k, v]) => k.toLowerCase() === 'connection' && v.toLowerCase() === 'close') && r.version === 'HTTP/1.1';
  // In the order curl writes (a terminal on stdout shows it so; buffered into a pipe, stdout comes last: see curl()).
  const t = new Transcript();
  if (o.meter) t.err(`${o.meter}${o.verbose ? meterLine(0, 0, 0) : ''}`);
  if (o.verbose) t.err(`${o.connected}${headerBlock.split('\r\n').slice(0, -1).map((l) => `< ${l}\n`).join('')}`);
  if (o.failOnError && r.status >= 400) {
    const msg = `The requested URL returned error: ${r.status}`;
    if (o.meter) t.err(`${meterLine(0, 0, 0)}\n`);
    if (o.verbose) t.err(`* ${msg}\n${o.version === '7.88.1' ? '* Closing connection 0\n' : ''}`);
    if (o.showError) t.err(`curl: (22) ${msg}\n`);
    o.vars.exitcode = '22';
    if (o.wfmt) t.out(writeOut(o.wfmt, o.vars));
    return t.result(22);
  }
  if (o.include) t.out(headerBlock);
  const discard = o.output !== undefined && o.output !== '-';
  if (o.verbose && size > 0 && !o.head) t.err(`{ [${size} bytes data]\n`);
  if (!o.head && !discard) t.out(r.body);
  if (o.meter) t.err(`${meterLine(o.head ? 0 : size, o.head ? 0 : size, o.rttMs + 1)}\n`);
  if (o.verbose) t.err(keepAlive ? `* Connection #0 to host ${o.host} left intact\n` : o.version === '7.88.1' ? '* Closing connection 0\n' : '');
  if (o.wfmt) t.out(writeOut(o.wfmt, o.vars));
  return t.result(0);
}
