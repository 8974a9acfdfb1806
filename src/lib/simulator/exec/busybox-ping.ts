/**
 * busybox 1.36.1 `ping` with FEATURE_FANCY_PING (networking/ping.c), options "qvAc:+s:t:+w:+W:+I:np:i:46".
 *
 * - `PING HOST (IP): 56 data bytes`, then per reply `64 bytes from IP: seq=N ttl=T time=X.XXX ms` (unpack_tail);
 * - the summary (print_stats_and_exit): `--- HOST ping statistics ---`, `N packets transmitted, M packets received,
 *   L% packet loss`, and `round-trip min/avg/max = a/b/c ms` when a reply came; exit 1 when nothing came back
 *   (or fewer than -c replies before -w's deadline), else 0;
 * - one request per second (-i 1); -c CNT stops after CNT; after the last request it waits -W SEC (default 10)
 *   when nothing has come back; -w SEC ends the run after SEC seconds; without -c and -w it never ends.
 * TTL: 64 from a pod on the same node (the bridge switches the packet), 62 across nodes (each node routes it once:
 * two decrements). Round-trip times are the simulator's, fixed per source/destination pair.
 */
import { getopt, isOptError, last } from './getopt.ts';
import { PING_USAGE } from './busybox-usage.ts';
import { dial, resolverGiveUpSeconds } from './network.ts';
import { fnv1a } from '../ipam.ts';
import { keyOf } from '../state.ts';
import type { ExecContext, ExecOut } from './types.ts';
import { neverEndsNote, waitNote } from './notes.ts';

const SPECS = ['q', 'v', 'A', 'n', '4', '6'].map((c) => ({ short: c, arg: false })).concat(['c', 's', 't', 'w', 'W', 'I', 'p', 'i'].map((c) => ({ short: c, arg: true })));

/** Replies shown for a ping that would run until stopped. */
const ENDLESS_SHOWN = 4;

const fail = (stderr: string, stdout = ''): ExecOut => ({ stdout, stderr, exitCode: 1 });

function uint(p: ReturnType<typeof getopt>, key: string): number | string | undefined {
  if (isOptError(p)) return undefined;
  const v = last(p, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 0x7fffffff) return `ping: invalid number '${v}'\n`;
  return Number(v);
}

/** Runs busybox ping. */
export function busyboxPing(ctx: ExecContext, args: string[]): ExecOut {
  const p = getopt('ping', args, SPECS);
  if (isOptError(p)) return fail(`${p.error}\n${PING_USAGE}`);
  if (p.operands.length !== 1) return fail(PING_USAGE);
  const nums: Record<string, number | undefined> = {};
  for (const k of ['c', 'w', 'W', 's']) {
    const v = uint(p, k);
    if (typeof v === 'string') return fail(v);
    nums[k] = v;
  }
  const count = nums.c ?? 0;
  const deadline = nums.w ?? 0;
  const wait = nums.W ?? 10;
  const datalen = nums.s ?? 56;
  const quiet = p.opts.has('q');
  const host = p.operands[0] as string;
  const d = dial(ctx, host, 0, 'ICMP');
  if (d.kind === 'nxdomain') return fail(`ping: bad address '${host}'\n`);
  if (d.kind === 'dns-timeout') return fail(`ping: bad address '${host}'\n${waitNote(resolverGiveUpSeconds(host, ctx.pod.namespace, ctx.profile?.id === 'busybox' ? 'glibc' : 'musl'), 'the DNS server never answers; the resolver gives up after its timeouts')}`);
  let out = `PING ${host} (${d.ip}): ${datalen} data bytes\n`;
  const answered = d.kind === 'connected';
  if (answered && !d.pod && !/^127\./.test(d.ip)) {
    return { stdout: out, stderr: `[simulator] ${d.ip} is outside the simulated cluster; whether it answers ping is not known.\n`, exitCode: 1 };
  }
  // How many requests go out before the run ends, and how long it takes.
  const endless = count === 0 && deadline === 0;
  let sent: number;
  let seconds: number;
  if (answered) {
    sent = endless ? ENDLESS_SHOWN : count && deadline ? Math.min(count, deadline) : count || deadline;
    seconds = Math.max(0, sent - 1);
  } else {
    sent = endless ? 0 : count && deadline ? Math.min(count, deadline) : count || deadline;
    seconds = deadline && (!count || deadline <= count - 1 + wait) ? deadline : count - 1 + wait;
  }
  const sameNode = d.kind === 'connected' && d.pod !== undefined && d.pod.nodeName === ctx.pod.nodeName;
  const ttl = sameNode ? 64 : 62;
  const base = sameNode ? 70 : 350; // microseconds
  const times: number[] = [];
  if (answered) {
    for (let i = 0; i < sent; i++) {
      const us = base + (fnv1a(`${keyOf(ctx.pod)}>${d.ip}#${i}`) % 60);
      times.push(us);
      if (!quiet) out += `${datalen + 8} bytes from ${d.ip}: seq=${i} ttl=${ttl} time=${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')} ms\n`;
    }
  }
  if (endless) {
    const why = answered
      ? `ping sends one request a second until it is stopped; the simulator stopped after ${ENDLESS_SHOWN}. Under kubectl exec (no -t) Ctrl+C stops kubectl, so ping's summary never reaches you: use -c ${ENDLESS_SHOWN}`
      : 'no reply ever comes and ping keeps waiting until it is stopped (Ctrl+C stops kubectl, exit 130); use -c 3 -W 2 to get a summary';
    return { stdout: out, stderr: neverEndsNote(why), exitCode: 130, internal: true };
  }
  const received = times.length;
  const loss = sent ? Math.floor(((sent - received) * 100) / sent) : 0;
  out += `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
  if (received) {
    const fmt = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
    const avg = Math.floor(times.reduce((a, b) => a + b, 0) / received);
    out += `round-trip min/avg/max = ${fmt(Math.min(...times))}/${fmt(avg)}/${fmt(Math.max(...times))} ms\n`;
  }
  const failed = received === 0 || (deadline > 0 && count > 0 && received < count);
  const note = waitNote(seconds, answered ? `one request a second, ${sent} requests` : `nothing comes back: ${sent} requests a second apart, then ping waits ${deadline ? `for the -w ${deadline} deadline` : `-W ${wait} s for a reply`}`);
  return { stdout: out, stderr: note, exitCode: failed ? 1 : 0 };
}
