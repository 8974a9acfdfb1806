/**
 * How a connection or request ended, as troubleshooting names it (lesson 9's symptom classes), which trace step
 * failed, and how long the client waits before it reports it. One place for these rules: ConnectResult and
 * HttpResult carry `verdict` and `failingStep` from here, and `clientWaitSeconds` turns a verdict and a command's
 * flags into the wait.
 *
 * Waits, from the tools' sources:
 * - busybox 1.36 networking/wget.c: `-T SEC` (FEATURE_WGET_TIMEOUT), default `G.timeout_seconds = 900`, armed
 *   with alarm() around the connect and every read ("download timed out" when it fires).
 * - curl 8.x: `--max-time` / `-m` bounds the whole transfer, `--connect-timeout` the connect
 *   (docs/cmdline-opts/max-time.md, connect-timeout.md); without either the connect phase is bounded by
 *   lib/connect.h `DEFAULT_CONNECT_TIMEOUT` (300000 ms).
 * - busybox networking/nc.c: `-w SEC` bounds the connect (and the final read); without it, no limit of its own.
 * A refused connection (RST, ICMP port unreachable, kube-proxy's REJECT) returns at once (0 s); an HTTP status
 * comes back at once. Without a tool limit, a dropped SYN waits for the kernel's retransmissions
 * (net.ipv4.tcp_syn_retries), which depend on the kernel's version and settings: `null` (not modelled), as is a
 * DNS timeout (the resolver's `options timeout:`/`attempts:` and the libc's defaults).
 */
import type { ConnectStatus, TraceStep } from './types.ts';

/** How a connection or request ended, as the client sees it. */
export type Verdict = 'ok' | 'nxdomain' | 'dns-timeout' | 'refused' | 'timeout' | 'http-404' | 'http-500' | 'http-503';

/** The verdict of a connect() status: a policy drop is silent, so the client sees a timeout. Undefined for 'error' (nothing attempted). */
export function connectVerdict(status: ConnectStatus): Verdict | undefined {
  switch (status) {
    case 'connected':
      return 'ok';
    case 'policy-denied':
    case 'timeout':
      return 'timeout';
    case 'refused':
      return 'refused';
    case 'nxdomain':
      return 'nxdomain';
    case 'dns-timeout':
      return 'dns-timeout';
    case 'error':
      return undefined;
  }
}

/** The verdict of an HTTP request: its status (below 400: ok; 404, 500, 503) or how its connection failed. Undefined otherwise. */
export function httpVerdict(status: number | null, failure: string | undefined): Verdict | undefined {
  if (status !== null) {
    if (status < 400) return 'ok';
    return status === 404 ? 'http-404' : status === 500 ? 'http-500' : status === 503 ? 'http-503' : undefined;
  }
  return failure === 'nxdomain' || failure === 'dns-timeout' || failure === 'refused' || failure === 'timeout' ? failure : undefined;
}

/** The index of the first step that did not go through (outcome denied or error), or undefined when none failed. */
export function failingStep(steps: readonly Pick<TraceStep, 'outcome'>[]): number | undefined {
  const index = steps.findIndex((step) => step.outcome !== 'ok');
  return index < 0 ? undefined : index;
}

/** A client's wait: seconds (null when it is not the tool's to decide, see the module comment) and why. */
export interface ClientWait {
  readonly seconds: number | null;
  readonly why: string;
}

/** The value of the last `-X N` / `-XN` / `--long N` / `--long=N` among `args`, or undefined. */
function flagValue(args: readonly string[], short: string | null, long: readonly string[]): number | undefined {
  let found: number | undefined;
  args.forEach((arg, i) => {
    let text: string | undefined;
    if (short && arg === short) text = args[i + 1];
    else if (short && arg.startsWith(short) && !arg.startsWith('--')) text = arg.slice(short.length);
    for (const name of long) {
      if (arg === name) text = args[i + 1];
      else if (arg.startsWith(`${name}=`)) text = arg.slice(name.length + 1);
    }
    if (text !== undefined && /^\d+(\.\d+)?$/.test(text)) found = Number(text);
  });
  return found;
}

/**
 * How long `argv` (a client command: `wget …`, `curl …`, `nc …`) waits before it reports `verdict`.
 * Refused and HTTP answers: 0. A timeout: the tool's limit (its flag, else its default), or null without one.
 */
export function clientWaitSeconds(argv: readonly string[], verdict: Verdict): ClientWait {
  const tool = (argv[0] ?? '').split('/').pop() ?? '';
  const args = argv.slice(1);
  if (verdict === 'ok' || verdict === 'refused' || verdict === 'nxdomain' || verdict.startsWith('http-')) {
    return { seconds: 0, why: verdict === 'refused' ? 'the RST (or ICMP port unreachable) comes back at once' : 'the answer comes back at once' };
  }
  if (verdict === 'dns-timeout') return { seconds: null, why: "the resolver's timeout and attempts (resolv.conf options, libc defaults) decide, not the tool" };
  if (tool === 'wget') {
    const t = flagValue(args, '-T', ['--timeout']);
    return t !== undefined ? { seconds: t, why: `wget -T ${t}` } : { seconds: 900, why: "busybox wget's default timeout (900 s)" };
  }
  if (tool === 'curl') {
    const max = flagValue(args, '-m', ['--max-time']);
    const connect = flagValue(args, null, ['--connect-timeout']);
    const limits = [max, connect].filter((n): n is number => n !== undefined);
    if (limits.length) return { seconds: Math.min(...limits), why: max !== undefined && (connect === undefined || max <= connect) ? `curl --max-time ${max}` : `curl --connect-timeout ${connect}` };
    return { seconds: 300, why: "curl's default connect timeout (300 s)" };
  }
  if (tool === 'nc') {
    const w = flagValue(args, '-w', []);
    return w !== undefined ? { seconds: w, why: `nc -w ${w}` } : { seconds: null, why: 'nc has no limit of its own: the kernel gives up after its SYN retries' };
  }
  return { seconds: null, why: `the wait of ${tool || 'this client'} is not modelled` };
}
