/**
 * BIND `dig` (the images that ship it: netshoot, agnhost and jessie-dnsutils install bind-tools / dnsutils).
 * Output follows BIND 9.18's layout (bin/dig/dighost.c, bin/dig/dig.c): the `; <<>> DiG VERSION <<>> ARGS`
 * banner, `;; ->>HEADER<<-` with status and id, flags (CoreDNS answers cluster.local authoritatively: qr aa rd,
 * no ra), the EDNS pseudosection, QUESTION / ANSWER / AUTHORITY sections and the statistics footer. +short prints
 * only the addresses. Unlike nslookup, dig does not apply the search list unless +search is given.
 * Known gap: the version string and the footer's exact query time and message size are the simulator's.
 */
import { candidateNames, DNS_TTL, lookupFqdn } from '../dns.ts';
import { dnsPath } from '../connect.ts';
import { fnv1a } from '../ipam.ts';
import { keyOf } from '../state.ts';
import * as F from '../kubectl-format.ts';
import type { ExecContext, ExecOut } from './types.ts';

/** Runs dig. */
export function bindDig(ctx: ExecContext, args: string[]): ExecOut {
  const host = ctx.host;
  const pod = ctx.pod;
  return digImpl(host, pod, args);
}

function dnsReachable(host: ExecContext['host'], pod: ExecContext['pod']): boolean {
  return dnsPath(host.state(), pod).ok;
}

function digImpl(host: ExecContext['host'], pod: ExecContext['pod'], args: string[]): ExecOut {
  let short = false;
  let search = false;
  let name: string | undefined;
  let type = 'A';
  for (const a of args) {
    if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a.startsWith('+') || a.startsWith('@')) continue;
    else if (['A', 'AAAA', 'SRV', 'ANY', 'a', 'srv'].includes(a)) type = a.toUpperCase();
    else if (a.startsWith('-')) continue;
    else name = a;
  }
  if (!name) name = '.';
  const state = host.state();
  const id = fnv1a(`${keyOf(pod)}?${name}`) % 65536;
  const banner = `\n; <<>> DiG 9.18.33 <<>> ${args.join(' ')}\n;; global options: +cmd\n`;
  if (!dnsReachable(host, pod)) {
    return { stdout: short ? ';; connection timed out; no servers could be reached\n' : `${banner};; connection timed out; no servers could be reached\n`, stderr: '', exitCode: 9 };
  }
  let answer = null;
  let qname = name.toLowerCase().replace(/\.$/, '');
  if (search) {
    for (const c of candidateNames(name, pod.namespace)) {
      answer = lookupFqdn(state, c);
      if (answer) {
        qname = c;
        break;
      }
    }
  } else answer = lookupFqdn(state, qname);
  const ips = answer && type !== 'AAAA' ? answer.ips : [];
  if (short) return { stdout: ips.map((ip) => `${ip}\n`).join(''), stderr: '', exitCode: 0 };
  const status = answer ? 'NOERROR' : 'NXDOMAIN';
  const lines = [
    banner.trimEnd(),
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`,
    `;; flags: qr aa rd; QUERY: 1, ANSWER: ${ips.length}, AUTHORITY: ${answer && ips.length ? 0 : 1}, ADDITIONAL: 1`,
    ';; WARNING: recursion requested but not available',
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `;${qname}.\t\t\tIN\t${type}`,
    '',
  ];
  if (ips.length) {
    lines.push(';; ANSWER SECTION:');
    for (const ip of ips) lines.push(`${qname}.\t${DNS_TTL}\tIN\tA\t${ip}`);
    lines.push('');
  } else {
    lines.push(';; AUTHORITY SECTION:', `cluster.local.\t\t${DNS_TTL}\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1735689600 7200 1800 86400 ${DNS_TTL}`, '');
  }
  lines.push(';; Query time: 0 msec', `;; SERVER: ${F.DNS_SERVER}#53(${F.DNS_SERVER}) (UDP)`, `;; WHEN: ${F.FIXED_DESCRIBE_TIME.replace('+0000', 'UTC')}`, `;; MSG SIZE  rcvd: ${60 + qname.length * 2 + ips.length * 16}`, '');
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
}
