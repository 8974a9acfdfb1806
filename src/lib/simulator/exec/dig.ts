/**
 * BIND `dig` (the images that ship it: netshoot, agnhost and jessie-dnsutils install bind-tools / dnsutils; busybox
 * has no dig applet). Output follows BIND 9.18's layout (bin/dig/dighost.c, bin/dig/dig.c, lib/dns/masterdump.c):
 * the `; <<>> DiG VERSION <<>> ARGS` banner, `;; ->>HEADER<<-` with status and id, flags (CoreDNS's kubernetes
 * plugin answers authoritatively without recursion: `qr aa rd` and the "recursion requested but not available"
 * warning; a forwarded answer carries the upstream's `qr rd ra`), the EDNS pseudosection, QUESTION / ANSWER /
 * AUTHORITY / ADDITIONAL sections with masterdump's columns (TTL at 24, class at 32, type at 40, data at 48; a
 * field past its column gets one space), and the statistics footer. `+short` prints only the data.
 * dig queries the name as given (absolute) unless `+search` is set; then it uses the pod's resolv.conf search list
 * and ndots and prints the last response. `-x ADDR` asks for the PTR of ADDR's in-addr.arpa name; `-t TYPE` or a
 * TYPE word sets the type; `@SERVER` picks the server (default: resolv.conf's first nameserver).
 * Known gap: the version string and the footer's exact query time and message size are the simulator's.
 */
import { arpaName } from './busybox-nslookup.ts';
import { ask, candidates, pickServer, podResolver, QTYPES } from '../dns/index.ts';
import type { DnsResponse, QType, ResourceRecord } from '../dns/index.ts';
import { fnv1a, intToIp, ipToInt } from '../ipam.ts';
import { keyOf } from '../state.ts';
import * as F from '../kubectl-format.ts';
import type { ExecContext, ExecOut } from './types.ts';

const OTHER_TYPES = ['SOA', 'NS', 'MX', 'TXT', 'ANY', 'CAA', 'DS', 'DNSKEY', 'AXFR'];

/** masterdump.c indent(): tabs to reach `target`, or one space when the text is already past it. */
function pad(line: string, target: number): string {
  let col = 0;
  for (const ch of line) col = ch === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
  if (col >= target) return `${line} `;
  let out = line;
  while (col < target) {
    out += '\t';
    col = (Math.floor(col / 8) + 1) * 8;
  }
  return out;
}

const fqdn = (n: string) => (n === '' ? '.' : `${n}.`);

/** The presentation form of a record's data. */
export function rdata(rr: ResourceRecord): string {
  if (rr.type === 'SRV' && rr.srv) return `${rr.srv.priority} ${rr.srv.weight} ${rr.srv.port} ${fqdn(rr.data)}`;
  if (rr.type === 'CNAME' || rr.type === 'PTR') return fqdn(rr.data);
  return rr.data;
}

/** One record line as dig prints it. */
export function recordLine(rr: ResourceRecord): string {
  let line = pad(fqdn(rr.name), 24) + String(rr.ttl);
  line = pad(line, 32) + 'IN';
  line = pad(line, 40) + rr.type;
  return pad(line, 48) + rdata(rr);
}

/** Runs dig. */
export function bindDig(ctx: ExecContext, args: string[]): ExecOut {
  const state = ctx.host.state();
  const pod = ctx.pod;
  let short = false;
  let search = false;
  let name: string | undefined;
  let type: QType = 'A';
  let server: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a === '+nosearch') search = false;
    else if (a.startsWith('+')) continue;
    else if (a.startsWith('@')) server = a.slice(1);
    else if (a === '-x') {
      const ip = args[++i] ?? '';
      if (ipToInt(ip) === null) return { stdout: '', stderr: `dig: '${ip}' is not a legal IPv4 address\n`, exitCode: 1 };
      name = arpaName(ip);
      type = 'PTR';
    } else if (a === '-t') {
      const t = (args[++i] ?? '').toUpperCase();
      if ((QTYPES as readonly string[]).includes(t)) type = t as QType;
      else return { stdout: '', stderr: `[simulator] dig -t ${t} is not simulated (A, AAAA, CNAME, SRV and PTR are).\n`, exitCode: 1, internal: true };
    } else if (a.startsWith('-')) continue;
    else if ((QTYPES as readonly string[]).includes(a.toUpperCase()) && name !== undefined) type = a.toUpperCase() as QType;
    else if ((QTYPES as readonly string[]).includes(a.toUpperCase()) && name === undefined && args.slice(i + 1).some((b) => !b.startsWith('+') && !b.startsWith('-') && !b.startsWith('@'))) type = a.toUpperCase() as QType;
    else if (OTHER_TYPES.includes(a.toUpperCase())) return { stdout: '', stderr: `[simulator] dig ${a} queries are not simulated (A, AAAA, CNAME, SRV and PTR are).\n`, exitCode: 1, internal: true };
    else name = a;
  }
  if (!name) name = '.';
  const resolver = podResolver(state, pod);
  let servers = resolver.nameservers;
  if (server !== undefined) {
    if (ipToInt(server) === null) return { stdout: '', stderr: '[simulator] a DNS server given by name is not simulated; give its IP.\n', exitCode: 1, internal: true };
    servers = [intToIp(ipToInt(server) as number)];
  }
  const target = pickServer(state, pod, { ...resolver, nameservers: servers });
  const id = fnv1a(`${keyOf(pod)}?${name}`) % 65536;
  const banner = `\n; <<>> DiG 9.18.33 <<>> ${args.join(' ')}\n;; global options: +cmd\n`;
  if (target.kind === 'unreachable') {
    return { stdout: short ? ';; connection timed out; no servers could be reached\n' : `${banner};; connection timed out; no servers could be reached\n`, stderr: '', exitCode: 9 };
  }
  const names = search ? candidates(name, resolver) : [name.toLowerCase().replace(/\.$/, '')];
  let r: DnsResponse | null = null;
  for (const n of names) {
    r = ask(state, target, n, type) as DnsResponse;
    if (r.rcode === 'NOERROR' && r.answer.length) break;
  }
  const resp = r as DnsResponse;
  if (short) return { stdout: resp.answer.map((rr) => `${rdata(rr)}\n`).join(''), stderr: '', exitCode: 0 };
  const flags = resp.authoritative ? 'qr aa rd' : 'qr rd ra';
  const lines = [
    banner.trimEnd(),
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${resp.rcode}, id: ${id}`,
    `;; flags: ${flags}; QUERY: 1, ANSWER: ${resp.answer.length}, AUTHORITY: ${resp.authority.length}, ADDITIONAL: ${resp.extra.length + 1}`,
    ...(resp.authoritative ? [';; WARNING: recursion requested but not available'] : []),
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `${pad(pad(`;${fqdn(resp.qname)}`, 32) + 'IN', 40)}${type}`,
    '',
  ];
  const section = (title: string, rrs: ResourceRecord[]) => {
    if (!rrs.length) return;
    lines.push(`;; ${title} SECTION:`, ...rrs.map(recordLine), '');
  };
  section('ANSWER', resp.answer);
  section('AUTHORITY', resp.authority);
  section('ADDITIONAL', resp.extra);
  const size = 12 + (resp.qname.length + 6) + [...resp.answer, ...resp.authority, ...resp.extra].reduce((n, rr) => n + rr.name.length + 12 + rdata(rr).length, 0) + 11;
  lines.push(';; Query time: 0 msec', `;; SERVER: ${target.ip}#53(${target.ip}) (UDP)`, `;; WHEN: ${F.FIXED_DESCRIBE_TIME.replace('+0000', 'UTC')}`, `;; MSG SIZE  rcvd: ${size}`, '');
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
}
