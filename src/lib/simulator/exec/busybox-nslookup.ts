/**
 * busybox 1.36.1 `nslookup` (networking/nslookup.c with FEATURE_NSLOOKUP_BIG: its own resolver, not libc's).
 *
 * - parse_resolvconf reads /etc/resolv.conf (the pod's, from its dnsPolicy/dnsConfig): every `nameserver`, and the
 *   `search` line (or `domain` without one) as the domain list; no nameserver → 127.0.0.1. ndots is not read.
 * - add_query_with_search: a PTR query, or a name WITH a dot, is queried once exactly as typed; a name without a dot
 *   is queried once per search domain (NAME.DOMAIN, never bare NAME). So `nslookup backend.shop` asks for
 *   `backend.shop.` only, and `nslookup api.payments.example` costs one query, not four.
 * - With no -type, an IP address becomes a PTR query of its in-addr.arpa name (make_ptr); anything else gets an A
 *   query for each name, then an AAAA query for each. With -type=T the name is queried as given (so `-type=PTR
 *   10.96.0.10` asks for a PTR of the name "10.96.0.10", not its in-addr.arpa name).
 * - Servers are tried in order until one replies; the first reply prints `Server:\t\tNAME` and `Address:\tIP:53`.
 * - Each reply (the simulator prints them in the order sent): rcode != 0 → `** server can't find NAME: RCODE` and exit
 *   status 1; otherwise parse_reply prints `Non-authoritative answer:` unless the AA bit is set (CoreDNS's kubernetes
 *   plugin sets it; a forwarded answer does not), then per record: A/AAAA `Name:\tNAME` + `Address: IP`; CNAME
 *   `NAME\tcanonical name = TARGET`; PTR `NAME\tname = TARGET`; SRV `NAME\tservice = PRIO WEIGHT PORT TARGET`. An
 *   empty NOERROR answer (NODATA, e.g. AAAA in an IPv4 cluster) prints nothing. Every reply ends with an empty line.
 * - No reply from any server: `;; connection timed out; no servers could be reached` + empty line, exit 1.
 */
import { ask, isNoData, pickServer, podResolver, QTYPES } from '../dns/index.ts';
import type { DnsResponse, QType, ResolverConfig } from '../dns/index.ts';
import { intToIp, ipToInt } from '../ipam.ts';
import { NSLOOKUP_USAGE } from './busybox-usage.ts';
import type { ExecContext, ExecOut } from './types.ts';

/** The in-addr.arpa name of an IPv4 address. */
export const arpaName = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;

const fail = (stdout: string, stderr = ''): ExecOut => ({ stdout, stderr, exitCode: 1 });
const BUSYBOX_TYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];

/** parse_reply's lines for one NOERROR response. */
export function replyLines(r: DnsResponse): string {
  let out = r.authoritative ? '' : 'Non-authoritative answer:\n';
  for (const rr of r.answer) {
    if (rr.type === 'A' || rr.type === 'AAAA') out += `Name:\t${rr.name}\nAddress: ${rr.data}\n`;
    else if (rr.type === 'CNAME') out += `${rr.name}\tcanonical name = ${rr.data}\n`;
    else if (rr.type === 'PTR') out += `${rr.name}\tname = ${rr.data}\n`;
    else if (rr.type === 'SRV' && rr.srv) out += `${rr.name}\tservice = ${rr.srv.priority} ${rr.srv.weight} ${rr.srv.port} ${rr.data}\n`;
  }
  return out;
}

/** The queries add_query_with_search makes for a name and type with the resolver's search list. */
export function nslookupQueries(name: string, type: QType, resolver: Pick<ResolverConfig, 'searches'>): string[] {
  if (type === 'PTR' || resolver.searches.length === 0 || name.includes('.')) return [name];
  return resolver.searches.map((d) => `${name}.${d}`);
}

/** Runs busybox nslookup. */
export function busyboxNslookup(ctx: ExecContext, args: string[]): ExecOut {
  const state = ctx.host.state();
  let type: QType | null = null;
  const operands: string[] = [];
  for (const a of args) {
    // nslookup_main reads "-opt[=val]" words itself: -type/-query, -debug, -retry, -timeout, -port, -class.
    if (a.startsWith('-') && a.length > 1) {
      const [opt = '', val = ''] = a.slice(1).split('=', 2);
      if (opt === 'type' || opt === 'query' || opt === 'q' || opt === 't') {
        const t = val.toUpperCase();
        if ((QTYPES as readonly string[]).includes(t)) type = t as QType;
        else if (BUSYBOX_TYPES.includes(t)) return { stdout: '', stderr: `[simulator] nslookup -type=${val} is not simulated (A, AAAA, CNAME, SRV and PTR are).\n`, exitCode: 1, internal: true };
        else return fail('', NSLOOKUP_USAGE);
      } else if (['debug', 'd', 'retry', 'timeout', 'port', 'class', 'nodebug'].includes(opt)) continue;
      else return fail('', NSLOOKUP_USAGE);
    } else operands.push(a);
  }
  const [name, server] = operands;
  if (name === undefined || operands.length > 2) return fail('', NSLOOKUP_USAGE);

  const resolver = podResolver(state, ctx.pod);
  let servers = resolver.nameservers.length ? resolver.nameservers : ['127.0.0.1'];
  if (server !== undefined) {
    if (ipToInt(server) === null) return { stdout: '', stderr: '[simulator] a DNS server given by name is not simulated; give its IP.\n', exitCode: 1, internal: true };
    servers = [intToIp(ipToInt(server) as number)];
  }
  const target = pickServer(state, ctx.pod, { ...resolver, nameservers: servers });
  if (target.kind === 'unreachable') return fail(';; connection timed out; no servers could be reached\n\n');

  const queries: Array<{ name: string; type: QType }> = [];
  const add = (t: QType) => {
    for (const n of nslookupQueries(name, t, resolver)) queries.push({ name: n, type: t });
  };
  if (type === null) {
    if (ipToInt(name) !== null) queries.push({ name: arpaName(name), type: 'PTR' });
    else {
      add('A');
      add('AAAA');
    }
  } else add(type);

  let out = `Server:\t\t${server ?? target.ip}\nAddress:\t${target.ip}:53\n\n`;
  let exit = 0;
  for (const q of queries) {
    const r = ask(state, target, q.name, q.type) as DnsResponse;
    if (r.rcode !== 'NOERROR') {
      out += `** server can't find ${q.name}: ${r.rcode}\n`;
      exit = 1;
    } else if (!isNoData(r) || !r.authoritative) out += replyLines(r);
    out += '\n';
  }
  return { stdout: out, stderr: '', exitCode: exit };
}
