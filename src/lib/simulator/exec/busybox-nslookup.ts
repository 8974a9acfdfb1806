/**
 * busybox 1.36.1 `nslookup` (networking/nslookup.c with FEATURE_NSLOOKUP_BIG: its own resolver, not libc's).
 *
 * - It reads /etc/resolv.conf (parse_resolvconf): the nameserver, and `search` as the domain list.
 * - add_query_with_search: a name WITHOUT a dot is queried once per search domain (NAME.DOMAIN, never bare NAME);
 *   a name with a dot is queried exactly as typed (no search list, ndots is not read). So from a pod,
 *   `nslookup web.prod` asks for `web.prod.` only, which CoreDNS answers NXDOMAIN.
 * - With no -type, an IP address becomes a PTR query; anything else gets an A query for each name, then an AAAA
 *   query for each name (both lists sent at once; the simulator prints replies in the order sent).
 * - The first reply prints `Server:\t\tNAME` and `Address:\tIP:53` (xmalloc_sockaddr2dotted: IP:PORT, not #53).
 * - Each reply: rcode != 0 prints `** server can't find NAME: NXDOMAIN` and sets exit status 1; an answer prints
 *   `Name:\tNAME` / `Address: IP` per A/AAAA record (`Non-authoritative answer:` first unless the AA bit is set:
 *   CoreDNS is authoritative for cluster.local); an empty NOERROR answer (AAAA of an IPv4-only name) prints
 *   nothing; every reply is followed by an empty line.
 * - So `nslookup pod-b` prints the answer AND the NXDOMAINs of the other search domains, and exits 1.
 * - No reply within -timeout (5 s, -retry 2): `;; connection timed out; no servers could be reached` + empty line,
 *   exit 1.
 */
import { dnsPath } from '../connect.ts';
import { lookupFqdn, searchPath, NAMESERVER } from '../dns.ts';
import { intToIp, ipToInt } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import { headlessIPs } from '../dns.ts';
import { NSLOOKUP_USAGE } from './busybox-usage.ts';
import type { ExecContext, ExecOut } from './types.ts';

type QType = 'A' | 'AAAA' | 'PTR';

/** One DNS answer as CoreDNS (kubernetes plugin) gives it: rcode and records. */
export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN';
  records: string[];
}

/** The in-addr.arpa name of an IPv4 address. */
export const arpaName = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;

/**
 * CoreDNS's reverse answer for an IPv4 address: a Service's ClusterIP → its name; an endpoint of a headless Service
 * → `<a-b-c-d>.<svc>.<ns>.svc.cluster.local` (or its hostname); anything else NXDOMAIN (plugin/kubernetes reverse.go).
 */
export function reverseLookup(state: ClusterState, ip: string): string[] {
  const svc = state.servicesByIP.get(ip);
  if (svc && !svc.headless) return [`${svc.name}.${svc.namespace}.svc.cluster.local`];
  const out: string[] = [];
  for (const s of state.model.services) {
    if (!s.headless) continue;
    if (!headlessIPs(state, s).includes(ip)) continue;
    const pod = state.podsByIP.get(ip);
    const label = pod?.hostname && pod.subdomain === s.name ? pod.hostname : ip.replace(/\./g, '-');
    out.push(`${label}.${s.name}.${s.namespace}.svc.cluster.local`);
  }
  return out;
}

/** What CoreDNS answers for one question. */
export function answer(state: ClusterState, name: string, type: QType): DnsReply {
  if (type === 'PTR') {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
    const ip = m ? `${m[4]}.${m[3]}.${m[2]}.${m[1]}` : '';
    const names = ip && ipToInt(ip) !== null ? reverseLookup(state, ip) : [];
    return names.length ? { rcode: 'NOERROR', records: names } : { rcode: 'NXDOMAIN', records: [] };
  }
  const a = lookupFqdn(state, name);
  if (!a) return { rcode: 'NXDOMAIN', records: [] };
  return { rcode: 'NOERROR', records: type === 'A' ? a.ips : [] };
}

const fail = (stdout: string, stderr = ''): ExecOut => ({ stdout, stderr, exitCode: 1 });

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
        if (t === 'A' || t === 'AAAA' || t === 'PTR') type = t;
        else if (['SOA', 'NS', 'CNAME', 'MX', 'TXT', 'SRV', 'ANY'].includes(t)) return { stdout: '', stderr: `[simulator] nslookup -type=${val} is not simulated (only A, AAAA and PTR are).\n`, exitCode: 1 };
        else return fail('', `nslookup: invalid query type "${val}"\n`);
      } else if (['debug', 'd', 'retry', 'timeout', 'port', 'class', 'nodebug'].includes(opt)) continue;
      else return fail('', NSLOOKUP_USAGE);
    } else operands.push(a);
  }
  const [name, server] = operands;
  if (name === undefined || operands.length > 2) return fail('', NSLOOKUP_USAGE);

  // The server: resolv.conf's nameserver (the kube-dns ClusterIP), or the one given.
  const coreDns = new Set(state.model.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns').map((p) => p.ip));
  let serverIP = NAMESERVER;
  if (server !== undefined) {
    if (ipToInt(server) === null) return { stdout: '', stderr: '[simulator] a DNS server given by name is not simulated; give its IP.\n', exitCode: 1 };
    serverIP = intToIp(ipToInt(server) as number);
  }
  const reachable = (serverIP === NAMESERVER || coreDns.has(serverIP)) && dnsPath(state, ctx.pod).ok;
  if (!reachable) return fail(';; connection timed out; no servers could be reached\n\n');

  // make_ptr: an IP literal becomes a PTR query (when no -type was given).
  const queries: Array<{ name: string; type: QType }> = [];
  const withSearch = (t: QType) => {
    if (t === 'PTR' || name.includes('.')) queries.push({ name, type: t });
    else for (const d of searchPath(ctx.pod.namespace)) queries.push({ name: `${name}.${d}`, type: t });
  };
  if (type === null) {
    if (ipToInt(name) !== null) queries.push({ name: arpaName(name), type: 'PTR' });
    else {
      withSearch('A');
      withSearch('AAAA');
    }
  } else withSearch(type === 'PTR' && ipToInt(name) !== null ? 'PTR' : type);
  if (type === 'PTR' && ipToInt(name) !== null) queries.splice(0, queries.length, { name: arpaName(name), type: 'PTR' });

  let out = `Server:\t\t${server ?? NAMESERVER}\nAddress:\t${serverIP}:53\n\n`;
  let exit = 0;
  for (const q of queries) {
    const qname = q.name.replace(/\.$/, '');
    const r = answer(state, qname.toLowerCase(), q.type);
    if (r.rcode !== 'NOERROR') {
      out += `** server can't find ${qname}: ${r.rcode}\n`;
      exit = 1;
    } else if (q.type === 'PTR') {
      for (const n of r.records) out += `${qname}\tname = ${n}\n`;
    } else {
      for (const ip of r.records) out += `Name:\t${qname.toLowerCase()}\nAddress: ${ip}\n`;
    }
    out += '\n';
  }
  return { stdout: out, stderr: '', exitCode: exit };
}
