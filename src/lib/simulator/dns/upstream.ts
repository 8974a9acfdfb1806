/**
 * The resolver outside the cluster: what a node's /etc/resolv.conf names and CoreDNS's `forward . /etc/resolv.conf`
 * reaches. It is a recursive resolver (answers carry RA, not AA) that knows the external names a lesson declares
 * (cluster setting `upstreamDns.records`) and answers NXDOMAIN for every other name, including every reverse name.
 */
import type { ClusterState } from '../state.ts';
import type { UpstreamDnsSettings } from '../types.ts';
import type { DnsResponse, QType, ResourceRecord } from './types.ts';

/** The upstream resolver's default address (192.0.2.0/24 is TEST-NET-1, RFC 5737). */
export const DEFAULT_UPSTREAM_SERVER = '192.0.2.53';
/** The TTL the upstream gives its records (before CoreDNS's `cache` caps it). */
export const UPSTREAM_TTL = 300;

/** The upstream settings of a cluster (the default when the lesson declares none). */
export function upstreamSettings(state: ClusterState): UpstreamDnsSettings {
  return state.model.network.upstreamDns ?? { server: DEFAULT_UPSTREAM_SERVER, records: {} };
}

/** The SOA of the root zone that a recursive resolver returns with a negative answer (RFC 2308 §3). */
function rootSoa(): ResourceRecord {
  return { name: '', ttl: 86400, type: 'SOA', data: 'a.root-servers.net. nstld.verisign-grs.com. 2026120100 1800 900 604800 86400' };
}

/** The upstream's answer to one question. */
export function upstreamAnswer(state: ClusterState, qname: string, qtype: QType): DnsResponse {
  const name = qname.toLowerCase().replace(/\.$/, '');
  const { records, server } = upstreamSettings(state);
  const ips = records[name];
  const base = { qname: name, qtype, authoritative: false, extra: [], source: 'upstream' as const };
  if (!ips) return { ...base, rcode: 'NXDOMAIN', answer: [], authority: [rootSoa()], why: `the upstream resolver ${server} has no record for ${name || '.'}` };
  const answer = qtype === 'A' ? ips.map((ip) => ({ name, ttl: UPSTREAM_TTL, type: 'A' as const, data: ip })) : [];
  return { ...base, rcode: 'NOERROR', answer, authority: answer.length ? [] : [rootSoa()], why: answer.length ? `the upstream resolver ${server} answers ${name}` : `${name} has no ${qtype} record upstream` };
}
