/**
 * A per-node connection-tracking table, filled by connections through the simulator (connect()), and
 * `conntrack -L` of it in conntrack-tools' format.
 *
 * Each connection that passes a node leaves one entry there: the original tuple as the client sent it and the
 * reply tuple as the kernel expects the answer — after kube-proxy's DNAT (and masquerade) the reply tuple names the
 * endpoint and the translated address, which is how the reply is un-NATed. Entries of completed exchanges are
 * listed as the kernel would just after them: TCP in TIME_WAIT (timeout 120 s, nf_conntrack_tcp_timeout_time_wait)
 * and [ASSURED]; UDP with a reply (timeout 30 s, nf_conntrack_udp_timeout) without [ASSURED] (one packet each way);
 * ICMP echo with its type/code/id (timeout 30 s). The simulator's clock does not move, so timeouts never run down
 * and entries never expire. The table also keeps sessionAffinity's per-node "recent" lists (client IP → endpoint).
 *
 * Printed like conntrack-tools 1.4.7 (`conntrack -L`, src/conntrack.c) through libnetfilter_conntrack's default
 * output (src/conntrack/snprintf_default.c: "%-8s %u " protocol name and number, timeout, TCP state, the two
 * tuples "src=%s dst=%s sport=%u dport=%u ", "[UNREPLIED] ", "[ASSURED] ", "mark=%u ", "use=%u") and the summary
 * "conntrack v1.4.7 (conntrack-tools): %d flow entries have been shown." on stderr.
 * Stateful: one table per cluster; a fresh cluster starts empty.
 */

/** One direction of a tracked connection. */
export interface ConntrackTuple {
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
}

/** One conntrack entry. */
export interface ConntrackEntry {
  protocol: 'tcp' | 'udp' | 'sctp' | 'icmp';
  orig: ConntrackTuple;
  reply: ConntrackTuple;
  /** ICMP echo id (the request's; the reply carries the same). */
  icmpId?: number;
}

const PROTO_NUM: Record<ConntrackEntry['protocol'], number> = { tcp: 6, udp: 17, sctp: 132, icmp: 1 };

/** The conntrack tables of a cluster's nodes, and sessionAffinity's recent lists. */
export class ConntrackTable {
  private readonly byNode = new Map<string, ConntrackEntry[]>();
  private readonly affinity = new Map<string, string>();
  private readonly connections = new Map<string, number>();

  /** Adds an entry on a node (replacing an entry with the same original tuple, as a new connection would). */
  add(node: string, entry: ConntrackEntry): void {
    const list = this.byNode.get(node) ?? [];
    const key = tupleKey(entry);
    const i = list.findIndex((e) => tupleKey(e) === key);
    if (i >= 0) list.splice(i, 1);
    list.push(entry);
    this.byNode.set(node, list);
  }

  /** The entries of a node, oldest first. */
  list(node: string): readonly ConntrackEntry[] {
    return this.byNode.get(node) ?? [];
  }

  /** How many connections a client has opened to a destination so far, then counts this one (varies the source port). */
  nextConnection(key: string): number {
    const n = this.connections.get(key) ?? 0;
    this.connections.set(key, n + 1);
    return n;
  }

  /** The endpoint a client is pinned to for a Service port on a node (sessionAffinity ClientIP), if any. */
  affinityOf(node: string, servicePort: string, clientIP: string): string | undefined {
    return this.affinity.get(`${node}|${servicePort}|${clientIP}`);
  }

  /** Records the endpoint a client was sent to (the `recent --set` / `update @affinity` of the endpoint chain). */
  setAffinity(node: string, servicePort: string, clientIP: string, endpoint: string): void {
    this.affinity.set(`${node}|${servicePort}|${clientIP}`, endpoint);
  }
}

function tupleKey(e: ConntrackEntry): string {
  return `${e.protocol} ${e.orig.src}:${e.orig.sport ?? e.icmpId ?? ''} ${e.orig.dst}:${e.orig.dport ?? ''}`;
}

/** One entry as `conntrack -L` prints it. */
export function conntrackLine(e: ConntrackEntry): string {
  const tuple = (t: ConntrackTuple, icmpType?: number) =>
    e.protocol === 'icmp' ? `src=${t.src} dst=${t.dst} type=${icmpType} code=0 id=${e.icmpId ?? 0} ` : `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport} `;
  const head = `${e.protocol.padEnd(8)} ${PROTO_NUM[e.protocol]} `;
  if (e.protocol === 'tcp') return `${head}120 TIME_WAIT ${tuple(e.orig)}${tuple(e.reply)}[ASSURED] mark=0 use=1`;
  if (e.protocol === 'sctp') return `${head}210 ESTABLISHED ${tuple(e.orig)}${tuple(e.reply)}[ASSURED] mark=0 use=1`;
  if (e.protocol === 'icmp') return `${head}30 ${tuple(e.orig, 8)}${tuple(e.reply, 0)}mark=0 use=1`;
  return `${head}30 ${tuple(e.orig)}${tuple(e.reply)}mark=0 use=1`;
}

const VERSION = 'conntrack v1.4.7 (conntrack-tools)';

/** `conntrack -L [filters]` / `conntrack -C` on a node: stdout, the summary on stderr. */
export function conntrackCommand(table: ConntrackTable | undefined, node: string, args: string[]): { stdout: string; stderr: string; exitCode: number } {
  const entries = table?.list(node) ?? [];
  let list = false;
  let count = false;
  const filters: Array<(e: ConntrackEntry) => boolean> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    const need = (): string | null => (v === undefined ? null : (i++, v));
    if (a === '-L' || a === '--dump') list = true;
    else if (a === '-C' || a === '--count') count = true;
    else if (a === '-n' || a === '--src-nat') filters.push((e) => e.reply.dst !== e.orig.src);
    else if (a === '-g' || a === '--dst-nat') filters.push((e) => e.reply.src !== e.orig.dst);
    else if (['-s', '--orig-src', '--src', '-d', '--orig-dst', '--dst', '-r', '--reply-src', '-q', '--reply-dst', '-p', '--proto', '--dport', '--orig-port-dst', '--sport', '--orig-port-src'].includes(a)) {
      const val = need();
      if (val === null) return { stdout: '', stderr: `${VERSION}: option \`${a}' requires an argument\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`, exitCode: 2 };
      if (a === '-s' || a === '--orig-src' || a === '--src') filters.push((e) => e.orig.src === val);
      else if (a === '-d' || a === '--orig-dst' || a === '--dst') filters.push((e) => e.orig.dst === val);
      else if (a === '-r' || a === '--reply-src') filters.push((e) => e.reply.src === val);
      else if (a === '-q' || a === '--reply-dst') filters.push((e) => e.reply.dst === val);
      else if (a === '-p' || a === '--proto') filters.push((e) => e.protocol === val.toLowerCase());
      else if (a === '--dport' || a === '--orig-port-dst') filters.push((e) => String(e.orig.dport) === val);
      else filters.push((e) => String(e.orig.sport) === val);
    } else return { stdout: '', stderr: `[simulator] conntrack: only -L/-C with -s, -d, -r, -q, -p, --sport, --dport, -n and -g are modelled, not "${a}"\n`, exitCode: 1 };
  }
  const shown = entries.filter((e) => filters.every((f) => f(e)));
  if (count && !list) return { stdout: `${entries.length}\n`, stderr: '', exitCode: 0 };
  if (!list) return { stdout: '', stderr: '[simulator] conntrack: only `conntrack -L [filters]` and `conntrack -C` are modelled\n', exitCode: 1 };
  return { stdout: shown.map((e) => `${conntrackLine(e)}\n`).join(''), stderr: `${VERSION}: ${shown.length} flow entries have been shown.\n`, exitCode: 0 };
}
