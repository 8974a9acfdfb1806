/**
 * The records CoreDNS's `kubernetes` plugin serves (coredns plugin/kubernetes: parse.go parseRequest, kubernetes.go
 * findServices / findPods / endpointHostname, reverse.go serviceRecordForIP, handler.go ServeDNS; the record
 * shapes of plugin/backend_lookup.go A / SRV), which implement the Kubernetes DNS-Based Service Discovery
 * specification (github.com/kubernetes/dns docs/specification.md §2):
 * - `<svc>.<ns>.svc.<zone>`: a ClusterIP Service's IP (§2.3.1); a headless Service's ready endpoint IPs (§2.4.1),
 *   NXDOMAIN when it has none; an ExternalName Service's CNAME (§2.5);
 * - `<hostname>.<svc>.<ns>.svc.<zone>`: one endpoint, by its hostname (pod spec.hostname when spec.subdomain names
 *   the Service) or its dashed IP (endpointHostname);
 * - `_<port>._<proto>.<svc>.<ns>.svc.<zone>` SRV (§2.3.2, §2.4.2): priority 0, weight 100/(records at that
 *   priority), target the Service name (ClusterIP) or each endpoint's name (headless);
 * - `<a-b-c-d>.<ns>.pod.<zone>` per the `pods` mode (disabled: NXDOMAIN; insecure: any IP; verified: a pod with
 *   that IP in that namespace);
 * - PTR in in-addr.arpa: a ClusterIP → its Service; else each ready endpoint → `<hostname>.<svc>.<ns>.svc.<zone>`;
 * - a name that exists with no record of the asked type is NODATA (NOERROR, empty answer, the zone's SOA): e.g.
 *   AAAA in an IPv4 cluster, `<ns>.svc.<zone>` of an existing namespace, the zone apex;
 * - any other name in the zone is NXDOMAIN (and falls through to the next plugin where `fallthrough` says so).
 */
import { ipToInt } from '../ipam.ts';
import { endpointSlices } from '../services.ts';
import { keyOf } from '../state.ts';
import type { ClusterState } from '../state.ts';
import type { PodModel, ServiceModel } from '../types.ts';
import type { CoreDnsConfig } from './corefile.ts';
import type { QType, ResourceRecord } from './types.ts';

/** An ExternalName Service (stored, not proxied). */
export interface ExternalNameService {
  name: string;
  namespace: string;
  externalName: string;
}

/** The ExternalName Services of the cluster (kept as stored objects: kube-proxy ignores them). */
export function externalNameServices(state: ClusterState): ExternalNameService[] {
  const out: ExternalNameService[] = [];
  for (const o of state.model.storedObjects) {
    if (o.kind !== 'Service') continue;
    const spec = (o.raw.spec ?? {}) as Record<string, unknown>;
    if (spec.type !== 'ExternalName' || typeof spec.externalName !== 'string') continue;
    out.push({ name: o.name, namespace: o.namespace, externalName: spec.externalName.toLowerCase().replace(/\.$/, '') });
  }
  return out;
}

/** One service entry as the plugin builds it (msg.Service): an address or a CNAME target, a port, a name. */
interface Entry {
  host: string;
  /** -1 when the Service or endpoint has no ports (no SRV record). */
  port: number;
  /** The record's owner for SRV targets: `svc.ns.svc.zone` or `hostname.svc.ns.svc.zone`. */
  target: string;
}

/** What the plugin found for a name: entries, or that the name exists with nothing (NODATA), or NXDOMAIN. */
export type PluginLookup = { kind: 'entries'; entries: Entry[]; service?: ServiceModel; external?: ExternalNameService } | { kind: 'nodata' } | { kind: 'nxdomain'; why: string };

const dashed = (ip: string) => ip.replace(/\./g, '-');

/** endpointHostname: the endpoint's hostname (the pod's, when its subdomain is the Service), or its dashed IP. */
export function endpointHostname(pod: PodModel | undefined, svc: ServiceModel, ip: string, endpointPodNames: boolean): string {
  if (pod?.hostname && pod.subdomain === svc.name && pod.namespace === svc.namespace) return pod.hostname;
  if (endpointPodNames && pod) return pod.name;
  return dashed(ip);
}

/** The zone of `name` among the plugin's zones (longest match), or null. */
export function matchZone(cfg: CoreDnsConfig, name: string): string | null {
  let best: string | null = null;
  for (const z of cfg.zones) {
    if (z === '.' || name === z || name.endsWith(`.${z}`)) if (best === null || z.length > best.length) best = z;
  }
  return best;
}

const stripUnderscore = (s: string) => (s.startsWith('_') ? s.slice(1) : s);

/** matchPortAndProtocol: empty request parts match anything; comparisons are case-insensitive. */
function portMatches(reqPort: string, reqProto: string, name: string | undefined, proto: string): boolean {
  if (reqPort !== '' && reqPort !== (name ?? '').toLowerCase()) return false;
  if (reqProto !== '' && reqProto !== proto.toLowerCase()) return false;
  return true;
}

/** findServices / findPods for a forward name in a cluster zone. */
export function lookupName(state: ClusterState, cfg: CoreDnsConfig, name: string, zone: string): PluginLookup {
  const base = name === zone ? '' : name.slice(0, name.length - zone.length - 1);
  if (base === '' || base === 'svc' || base === 'pod') return { kind: 'nodata' };
  const segs = base.split('.');
  const podOrSvc = segs[segs.length - 1];
  if (podOrSvc !== 'svc' && podOrSvc !== 'pod') return { kind: 'nxdomain', why: `${name} is neither under svc.${zone} nor pod.${zone}` };
  const ns = segs[segs.length - 2];
  if (ns === undefined) return { kind: 'nodata' };
  if (!state.namespaces.has(ns)) return { kind: 'nxdomain', why: `there is no namespace "${ns}"` };
  const service = segs[segs.length - 3];
  if (service === undefined) return { kind: 'nodata' };
  const rest = segs.slice(0, -3);
  if (rest.length > 2) return { kind: 'nxdomain', why: `${name} has more labels than any Kubernetes record` };
  let endpoint = '';
  let port = '';
  let proto = '';
  if (rest.length === 1) endpoint = rest[0] ?? '';
  if (rest.length === 2) {
    port = stripUnderscore(rest[0] ?? '');
    proto = stripUnderscore(rest[1] ?? '');
  }
  if (podOrSvc === 'pod') return findPod(state, cfg, name, ns, service, rest.length);
  const ext = externalNameServices(state).find((e) => e.namespace === ns && e.name === service);
  if (ext) {
    if (endpoint || port || proto) return { kind: 'nxdomain', why: `${ns}/${service} is an ExternalName Service: it has no endpoints or ports` };
    return { kind: 'entries', entries: [{ host: ext.externalName, port: 0, target: `${service}.${ns}.svc.${zone}` }], external: ext };
  }
  const svc = state.services.get(`${ns}/${service}`);
  if (!svc) return { kind: 'nxdomain', why: `there is no Service ${ns}/${service}` };
  const entries: Entry[] = [];
  if (svc.headless || endpoint !== '') {
    for (const slice of endpointSlices(state, svc)) {
      for (const ep of slice.endpoints) {
        if (!ep.ready || !ep.ip) continue;
        const host = endpointHostname(state.pods.get(ep.pod), svc, ep.ip, cfg.endpointPodNames);
        if (endpoint !== '' && endpoint !== host.toLowerCase()) continue;
        const ports = slice.ports.length ? slice.ports : [{ port: -1, protocol: 'TCP' as const }];
        for (const p of ports) {
          if (!portMatches(port, proto, 'name' in p ? p.name : undefined, p.protocol)) continue;
          entries.push({ host: ep.ip, port: p.port, target: `${host}.${service}.${ns}.svc.${zone}` });
        }
      }
    }
    if (!entries.length) {
      const why = endpoint !== '' ? `no ready endpoint of ${keyOf(svc)} is named "${endpoint}"` : port || proto ? `${keyOf(svc)} has no port named "${port}" with protocol ${proto}` : `${keyOf(svc)} is a headless Service with no ready endpoints`;
      return { kind: 'nxdomain', why };
    }
    return { kind: 'entries', entries: sortEntries(entries), service: svc };
  }
  for (const p of svc.ports) {
    if (!portMatches(port, proto, p.name, p.protocol)) continue;
    entries.push({ host: svc.clusterIP, port: p.port, target: `${service}.${ns}.svc.${zone}` });
  }
  if (!entries.length) return { kind: 'nxdomain', why: `${keyOf(svc)} has no port named "${port}" with protocol ${proto}` };
  return { kind: 'entries', entries, service: svc };
}

/** Endpoint entries in address order, so answers are stable. */
function sortEntries(entries: Entry[]): Entry[] {
  return entries.sort((a, b) => (ipToInt(a.host) ?? 0) - (ipToInt(b.host) ?? 0) || a.port - b.port);
}

function findPod(state: ClusterState, cfg: CoreDnsConfig, name: string, ns: string, label: string, extra: number): PluginLookup {
  if (cfg.pods === 'disabled') return { kind: 'nxdomain', why: 'the kubernetes plugin serves no pod records (`pods disabled`)' };
  if (extra > 0) return { kind: 'nxdomain', why: `${name} has more labels than a pod record` };
  const ip = /^\d+-\d+-\d+-\d+$/.test(label) ? label.replace(/-/g, '.') : '';
  if (!ip || ipToInt(ip) === null) return { kind: 'nxdomain', why: `"${label}" is not a dashed IPv4 address` };
  if (cfg.pods === 'verified' && ![...state.pods.values()].some((p) => p.ip === ip && p.namespace === ns)) {
    return { kind: 'nxdomain', why: `no pod in namespace ${ns} has the IP ${ip} (\`pods verified\`)` };
  }
  return { kind: 'entries', entries: [{ host: ip, port: 0, target: name }] };
}

/** The name of an in-addr.arpa question as an IPv4 address, or null. */
export function reverseAddress(name: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!m) return null;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return ipToInt(ip) === null ? null : ip;
}

/** serviceRecordForIP: a ClusterIP's Service name, else the names of every ready endpoint with that IP. */
export function reverseNames(state: ClusterState, cfg: CoreDnsConfig, ip: string): string[] {
  const zone = cfg.zones.find((z) => !z.endsWith('.arpa')) ?? 'cluster.local';
  const svc = state.servicesByIP.get(ip);
  if (svc) return [`${svc.name}.${svc.namespace}.svc.${zone}`];
  const out: string[] = [];
  for (const s of state.model.services) {
    for (const slice of endpointSlices(state, s)) {
      for (const ep of slice.endpoints) {
        if (ep.ip !== ip || !ep.ready) continue;
        const n = `${endpointHostname(state.pods.get(ep.pod), s, ip, cfg.endpointPodNames)}.${s.name}.${s.namespace}.svc.${zone}`;
        if (!out.includes(n)) out.push(n);
      }
    }
  }
  return out;
}

/** The SRV records (backend_lookup.go SRV: weight = floor(100 / records at the priority × 100 / 100)) of entries. */
export function srvRecords(qname: string, entries: Entry[], ttl: number): ResourceRecord[] {
  const usable = entries.filter((e) => e.port !== -1);
  const seen = new Set<string>();
  const out: ResourceRecord[] = [];
  const weight = Math.max(1, Math.floor(100 / entries.length));
  for (const e of usable) {
    const key = `${e.target}|${e.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: qname, ttl, type: 'SRV', data: e.target, srv: { priority: 0, weight, port: e.port } });
  }
  return out;
}

/** A and AAAA records of entries (deduplicated by address, as backend_lookup.go A does); IPv4 only. */
export function addressRecords(qname: string, entries: Entry[], qtype: QType, ttl: number): ResourceRecord[] {
  if (qtype !== 'A') return [];
  const seen = new Set<string>();
  const out: ResourceRecord[] = [];
  for (const e of entries) {
    if (ipToInt(e.host) === null || seen.has(e.host)) continue;
    seen.add(e.host);
    out.push({ name: qname, ttl, type: 'A', data: e.host });
  }
  return out;
}
