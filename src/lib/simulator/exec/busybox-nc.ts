/**
 * busybox 1.36.1 `nc` as busybox:1.36 builds it: CONFIG_NC_110_COMPAT=y, so networking/nc_bloaty.c (the netcat 1.10
 * port), with NC_SERVER and NC_EXTRA. Options "np:s:ubvw:+lki:o:z", at most 2 operands, -v counted (nc_main).
 *
 * Outbound connect (nc_main, after connect_w_timeout):
 * - open: with -v, `HOST (IP:PORT) open` on stderr; with -z nothing is sent and nc exits 0, otherwise it shovels
 *   stdin (empty under kubectl exec without -i) to the socket and what comes back to stdout;
 * - refused: a single -v prints nothing ("if we're scanning at a "one -v" verbosity level, don't print refusals"),
 *   -vv prints `nc: HOST (IP:PORT): Connection refused`; exit 1;
 * - no answer: -w SEC arms alarm(SEC) around connect(), errno faked to ETIMEDOUT: `nc: HOST (IP:PORT): Connection
 *   timed out` after SEC s; without -w the kernel's SYN timeout (127 s) gives the same line; exit 1;
 * - a name that does not resolve: `nc: bad address 'HOST'` (xhost2sockaddr), exit 1;
 * - -vv adds `sent N, rcvd M` at the end.
 * UDP (-u) "connects" without a handshake; with -z, udptest() writes and waits: the simulator reports it as open
 * when the packet is delivered, as nc_bloaty does when no ICMP unreachable comes back.
 */
import { getopt, isOptError, count, last } from './getopt.ts';
import { NC_USAGE } from './busybox-usage.ts';
import { dial, resolverGiveUpSeconds } from './network.ts';
import type { ExecContext, ExecOut } from './types.ts';
import { SYN_TIMEOUT_SECONDS, SYN_TIMEOUT_WHY, waitNote } from './notes.ts';
import { serve } from './http-server.ts';

const SPECS = [
  { short: 'n', arg: false },
  { short: 'p', arg: true },
  { short: 's', arg: true },
  { short: 'u', arg: false },
  { short: 'b', arg: false },
  { short: 'v', arg: false },
  { short: 'w', arg: true },
  { short: 'l', arg: false },
  { short: 'k', arg: false },
  { short: 'i', arg: true },
  { short: 'o', arg: true },
  { short: 'z', arg: false },
  { short: 'e', arg: true },
];

const fail = (stderr: string): ExecOut => ({ stdout: '', stderr, exitCode: 1 });

/** Runs busybox nc (client side; listening inside `kubectl exec` would block until a peer connects). */
export function busyboxNc(ctx: ExecContext, args: string[]): ExecOut {
  const p = getopt('nc', args, SPECS);
  if (isOptError(p)) return fail(`${p.error}\n${NC_USAGE}`);
  if (p.operands.length > 2) return fail(NC_USAGE);
  const verbose = count(p, 'v');
  const zero = p.opts.has('z');
  const udp = p.opts.has('u');
  const waitText = last(p, 'w');
  let wait = 0;
  if (waitText !== undefined) {
    if (!/^\d+$/.test(waitText)) return fail(`nc: invalid number '${waitText}'\n`);
    wait = Number(waitText);
  }
  if (p.opts.has('l')) {
    return { stdout: '', stderr: '[simulator] nc -l inside kubectl exec waits for a peer that never comes in the simulator; run the listener as the container\'s command instead.\n', exitCode: 1 };
  }
  const [host, portText] = p.operands;
  if (host === undefined) return fail(NC_USAGE);
  if (portText === undefined) return fail(NC_USAGE);
  // bb_lookup_port: a number 0..65535, or a service name from /etc/services (busybox:1.36 has none).
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) return fail(`nc: bad port '${portText}'\n`);
  const port = Number(portText);
  const d = dial(ctx, host, port, udp ? 'UDP' : 'TCP');
  if (d.kind === 'nxdomain') return fail(`nc: bad address '${host}'\n`);
  if (d.kind === 'dns-timeout') return fail(`nc: bad address '${host}'\n${waitNote(resolverGiveUpSeconds(host, ctx.pod.namespace, ctx.profile?.id === 'busybox' ? 'glibc' : 'musl'), 'the DNS server never answers; the resolver gives up after its timeouts')}`);
  const who = `${host} (${d.ip}:${port})`;
  const tail = verbose > 1 ? 'sent 0, rcvd 0\n' : '';
  if (d.kind === 'refused') {
    if (udp && !zero) return { stdout: '', stderr: tail, exitCode: 0 };
    return fail(`${verbose > 1 ? `nc: ${who}: Connection refused\n` : ''}${tail}`);
  }
  if (d.kind === 'timeout') {
    if (udp) {
      // UDP has no handshake: the "connect" succeeds; -z's udptest() sees no ICMP error and calls it open.
      return { stdout: '', stderr: `${verbose ? `${who} open\n` : ''}${tail}`, exitCode: 0 };
    }
    const seconds = wait > 0 && wait < SYN_TIMEOUT_SECONDS ? wait : SYN_TIMEOUT_SECONDS;
    const why = seconds === wait ? `-w ${wait}: nc's alarm fires after ${wait} s` : SYN_TIMEOUT_WHY;
    return fail(`${verbose ? `nc: ${who}: Connection timed out\n` : ''}${tail}${waitNote(seconds, why)}`);
  }
  const open = verbose ? `${who} open\n` : '';
  if (zero || udp) return { stdout: '', stderr: `${open}${tail}`, exitCode: 0 };
  // Without -z: stdin is empty (no -i), so nc shuts its side down and prints what the server sends before closing.
  const reply = serve(d.listener, d.pod, { method: 'GET', path: '/', host, close: true }, `${ctx.pod.ip}:0`);
  if (reply.kind === 'http' || reply.kind === 'closed') {
    // An HTTP server reads no request before the client's FIN and closes without answering.
    return { stdout: '', stderr: `${open}${tail}`, exitCode: 0 };
  }
  return { stdout: '', stderr: `${open}${tail}[simulator] the connection is open, but ${reply.why}.\n`, exitCode: 0 };
}
