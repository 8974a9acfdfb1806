/**
 * One question answered by CoreDNS with a given configuration: the `kubernetes` plugin for its zones (with
 * `fallthrough`), then `forward` to the upstream resolver for everything else; `cache` caps TTLs.
 * coredns plugin/kubernetes/handler.go ServeDNS: NXDOMAIN when the name does not exist, NODATA (NOERROR, SOA in
 * the authority section) when it exists without a record of that type; AA set on the plugin's answers.
 * plugin/backend_lookup.go A: an ExternalName's CNAME is followed by the target's records, looked up through
 * CoreDNS itself (Upstream.Lookup, so `forward` answers an external target).
 */
import type { ClusterState } from '../state.ts';
import { fallsThrough } from './corefile.ts';
import type { CoreDnsConfig } from './corefile.ts';
import { addressRecords, lookupName, matchZone, reverseAddress, reverseNames, srvRecords } from './kubernetes-plugin.ts';
import type { PluginLookup } from './kubernetes-plugin.ts';
import type { DnsResponse, QType, ResourceRecord } from './types.ts';
import { upstreamAnswer } from './upstream.ts';

/** The SOA CoreDNS's kubernetes plugin puts in negative answers (plugin/kubernetes ns.go / backend_lookup.go SOA). */
export function zoneSoa(zone: string, ttl: number): ResourceRecord {
  return { name: zone, ttl, type: 'SOA', data: `ns.dns.${zone}. hostmaster.${zone}. 1735689600 7200 1800 86400 ${ttl}` };
}

/** Whether a name lies in a zone ('' is the root, which holds every name). */
function inZone(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}

/** plugin/cache: an answer it caches carries at most the cap as TTL; answers of a `disable`d zone pass unchanged. */
function capTtl(r: DnsResponse, cfg: CoreDnsConfig): DnsResponse {
  if (cfg.cache === null) return r;
  const denial = r.rcode === 'NXDOMAIN' || (r.rcode === 'NOERROR' && r.answer.length === 0);
  const name = r.qname.toLowerCase().replace(/\.$/, '');
  if ((denial ? cfg.cacheDisabled.denial : cfg.cacheDisabled.success).some((zone) => inZone(name, zone))) return r;
  const cap = (rr: ResourceRecord) => (rr.ttl > (cfg.cache as number) ? { ...rr, ttl: cfg.cache as number } : rr);
  return { ...r, answer: r.answer.map(cap), extra: r.extra.map(cap), authority: r.authority.map(cap) };
}

function forward(state: ClusterState, cfg: CoreDnsConfig, name: string, qtype: QType, why: string): DnsResponse {
  if (cfg.forward === null) {
    return { qname: name, qtype, rcode: 'SERVFAIL', authoritative: false, answer: [], authority: [], extra: [], source: 'kubernetes', why: `${why}, and the Corefile has no forward plugin for it` };
  }
  return upstreamAnswer(state, name, qtype);
}

/** CoreDNS's answer to one question, after the cache plugin (which caps the TTLs of what it caches). */
export function corednsAnswer(state: ClusterState, cfg: CoreDnsConfig, qname: string, qtype: QType, depth = 0): DnsResponse {
  return capTtl(pluginAnswer(state, cfg, qname, qtype, depth), cfg);
}

/** The answer of the plugin that serves the name: kubernetes for its zones (with fallthrough), else forward. */
function pluginAnswer(state: ClusterState, cfg: CoreDnsConfig, qname: string, qtype: QType, depth: number): DnsResponse {
  const name = qname.toLowerCase().replace(/\.$/, '');
  const zone = matchZone(cfg, name);
  if (zone === null) return capTtl(forward(state, cfg, name, qtype, `${name || '.'} is outside the kubernetes plugin's zones`), cfg);
  const ttl = cfg.ttl;
  const base = { qname: name, qtype, authoritative: true, extra: [] as ResourceRecord[], source: 'kubernetes' as const };
  const nx = (why: string): DnsResponse => {
    if (fallsThrough(cfg, name)) return capTtl(forward(state, cfg, name, qtype, why), cfg);
    return { ...base, rcode: 'NXDOMAIN', answer: [], authority: [zoneSoa(zone, ttl)], why };
  };
  const nodata = (why: string): DnsResponse => ({ ...base, rcode: 'NOERROR', answer: [], authority: [zoneSoa(zone, ttl)], why });

  if (zone.endsWith('.arpa')) {
    const ip = reverseAddress(name);
    if (!ip) return nx(`${name} is not the reverse name of an IPv4 address`);
    const names = reverseNames(state, cfg, ip);
    if (!names.length) return nx(`no Service or ready endpoint has the IP ${ip}`);
    if (qtype !== 'PTR') return nodata(`${name} has only PTR records`);
    return { ...base, rcode: 'NOERROR', answer: names.map((n) => ({ name, ttl, type: 'PTR', data: n })), authority: [], why: `${ip} belongs to ${names.join(', ')}` };
  }

  const found: PluginLookup = lookupName(state, cfg, name, zone);
  if (found.kind === 'nxdomain') return nx(found.why);
  if (found.kind === 'nodata') return nodata(`${name} exists but holds no ${qtype} record`);
  const what = found.external ? `ExternalName Service ${found.external.namespace}/${found.external.name}` : found.service ? `${found.service.headless ? 'headless ' : ''}Service ${found.service.namespace}/${found.service.name}` : 'pod record';
  if (found.external) {
    const cname: ResourceRecord = { name, ttl, type: 'CNAME', data: found.external.externalName };
    if (qtype === 'CNAME' || qtype === 'SRV' || qtype === 'PTR') {
      if (qtype === 'SRV') return { ...base, rcode: 'NOERROR', answer: srvRecords(name, [{ host: found.external.externalName, port: 0, target: found.external.externalName }], ttl), authority: [], why: `${what} has no ports; its SRV points at ${found.external.externalName}` };
      if (qtype === 'PTR') return nodata(`${name} is a CNAME, not a PTR`);
      return { ...base, rcode: 'NOERROR', answer: [cname], authority: [], why: `${what} is an alias for ${found.external.externalName}` };
    }
    const target = depth < 8 ? corednsAnswer(state, cfg, found.external.externalName, qtype, depth + 1) : null;
    const more = target && target.rcode === 'NOERROR' ? target.answer : [];
    return { ...base, rcode: 'NOERROR', answer: [cname, ...more], authority: more.length ? [] : [zoneSoa(zone, ttl)], why: `${what} is an alias for ${found.external.externalName}${target ? ` (${target.why})` : ''}` };
  }
  if (qtype === 'A' || qtype === 'AAAA') {
    const answer = addressRecords(name, found.entries, qtype, ttl);
    if (!answer.length) return nodata(`${name} (${what}) has no ${qtype} record: the cluster is IPv4-only`);
    return { ...base, rcode: 'NOERROR', answer, authority: [], why: `${what}: ${answer.map((r) => r.data).join(', ')}` };
  }
  if (qtype === 'SRV') {
    const answer = srvRecords(name, found.entries, ttl);
    if (!answer.length) return nodata(`${what} has no ports, so no SRV records`);
    const extra: ResourceRecord[] = [];
    for (const e of found.entries) if (e.port !== -1 && !extra.some((x) => x.name === e.target && x.data === e.host)) extra.push({ name: e.target, ttl, type: 'A', data: e.host });
    return { ...base, rcode: 'NOERROR', answer, authority: [], extra, why: `${what}: ${answer.length} SRV record${answer.length === 1 ? '' : 's'}` };
  }
  return nodata(`${name} (${what}) has no ${qtype} record`);
}
