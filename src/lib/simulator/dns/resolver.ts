/**
 * A pod's resolver: the resolv.conf the kubelet gives it (kubernetes pkg/kubelet/network/dns/dns.go GetPodDNS,
 * getPodDNSType, appendDNSConfig, mergeDNSOptions, formDNSConfigFitsLimits; the file as containerd writes it from
 * the CRI DNSConfig: `search …`, `nameserver …` lines, `options …`) and the lookups a stub resolver makes with it
 * (glibc resolv/res_query.c __res_context_search; resolv.conf(5)):
 * - a name with a trailing dot is queried once, as is;
 * - a name with at least `ndots` dots is queried as is first, then with each search domain;
 * - otherwise with each search domain in order, then as is;
 * - the first NOERROR answer with records ends the search; NXDOMAIN, NODATA and SERVFAIL go on to the next name.
 * The first nameserver that is reachable answers (a resolver moves to the next one only on a timeout).
 */
import { KUBE_DNS_IP } from '../build.ts';
import { dnsPath } from '../connect.ts';
import type { ClusterState } from '../state.ts';
import type { PodModel, ServiceModel } from '../types.ts';
import { corednsSetup } from './config.ts';
import { corednsAnswer } from './coredns.ts';
import type { DnsResponse, QType } from './types.ts';
import { upstreamAnswer, upstreamSettings } from './upstream.ts';

/** The cluster domain (kubelet --cluster-domain). */
export const CLUSTER_DOMAIN = 'cluster.local';
/** The cluster DNS Service IP (kubelet --cluster-dns). */
export const NAMESERVER = KUBE_DNS_IP;
/** MaxDNSNameservers and MaxDNSSearchPaths of the kubelet (formDNSConfigFitsLimits drops the rest). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

/** A resolver configuration as in /etc/resolv.conf. */
export interface ResolverConfig {
  nameservers: string[];
  searches: string[];
  /** Options as written (`ndots:5`, `rotate`). */
  options: string[];
  /** Which base the kubelet used: the cluster's DNS, the node's resolv.conf, or nothing (`None`). */
  base: 'cluster' | 'host' | 'none';
}

/** The ndots option of a configuration (resolv.conf(5): default 1, capped at 15). */
export function ndotsOf(cfg: ResolverConfig): number {
  let n = 1;
  for (const o of cfg.options) {
    const m = /^ndots:(\d+)$/.exec(o);
    if (m) n = Math.min(15, Number(m[1]));
  }
  return n;
}

/** The node's /etc/resolv.conf (the kubelet's --resolv-conf): the upstream resolver, no search list. */
export function nodeResolver(state: ClusterState): ResolverConfig {
  return { nameservers: [upstreamSettings(state).server], searches: [], options: [], base: 'host' };
}

const uniq = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/** The search list of ClusterFirst (generateSearchesForDNSClusterFirst): the pod's namespace, svc, the domain, then the host's. */
export function searchPath(namespace: string, hostSearches: string[] = []): string[] {
  return uniq([`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...hostSearches]);
}

/** The resolver configuration the kubelet writes for a pod (GetPodDNS). */
export function podResolver(state: ClusterState, pod: PodModel): ResolverConfig {
  const policy = pod.dns?.policy ?? 'ClusterFirst';
  const host = nodeResolver(state);
  const type = policy === 'None' ? 'none' : policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.hostNetwork) ? 'cluster' : 'host';
  let cfg: ResolverConfig =
    type === 'none'
      ? { nameservers: [], searches: [], options: [], base: 'none' }
      : type === 'cluster'
        ? { nameservers: [NAMESERVER], searches: searchPath(pod.namespace, host.searches), options: ['ndots:5'], base: 'cluster' }
        : { ...host, nameservers: [...host.nameservers], searches: [...host.searches], options: [...host.options] };
  const extra = pod.dns?.config;
  if (extra) {
    // mergeDNSOptions: a dnsConfig option replaces the base's option of the same name. (kubelet rebuilds the
    // list from a Go map, so the real order is unspecified; the simulator keeps the base's order, then new ones.)
    const opts = new Map<string, string>();
    for (const o of cfg.options) {
      const i = o.indexOf(':');
      opts.set(i === -1 ? o : o.slice(0, i), i === -1 ? '' : o.slice(i + 1));
    }
    for (const o of extra.options) opts.set(o.name, o.value ?? '');
    cfg = {
      nameservers: uniq([...cfg.nameservers, ...extra.nameservers]),
      searches: uniq([...cfg.searches, ...extra.searches.map((s) => s.replace(/\.$/, ''))]),
      options: [...opts].map(([k, v]) => (v === '' ? k : `${k}:${v}`)),
      base: cfg.base,
    };
  }
  return { ...cfg, nameservers: cfg.nameservers.slice(0, MAX_NAMESERVERS), searches: cfg.searches.slice(0, MAX_SEARCHES) };
}

/** /etc/resolv.conf as containerd writes it from the kubelet's DNS config. */
export function renderResolvConf(cfg: ResolverConfig): string {
  let out = '';
  if (cfg.searches.length) out += `search ${cfg.searches.join(' ')}\n`;
  for (const ns of cfg.nameservers) out += `nameserver ${ns}\n`;
  if (cfg.options.length) out += `options ${cfg.options.join(' ')}\n`;
  return out;
}

/** The names a glibc stub resolver queries for `name`, in order. */
export function candidates(name: string, cfg: Pick<ResolverConfig, 'searches' | 'options'>): string[] {
  const n = name.toLowerCase();
  if (n.endsWith('.')) return [n.slice(0, -1)];
  const dots = (n.match(/\./g) ?? []).length;
  const searched = cfg.searches.map((d) => `${n}.${d}`);
  return dots >= ndotsOf(cfg as ResolverConfig) ? [n, ...searched] : [...searched, n];
}

/** Who answers queries sent to an address. */
export type DnsServer = { kind: 'coredns'; ip: string; pod: string } | { kind: 'upstream'; ip: string } | { kind: 'unreachable'; ip: string; why: string };

/** What is at a nameserver address, seen from a pod: CoreDNS (through kube-dns), the upstream, or nothing. */
export function serverAt(state: ClusterState, from: PodModel, ip: string): DnsServer {
  const kubeDns = state.services.get('kube-system/kube-dns');
  const corePod = [...state.pods.values()].find((p) => p.ip === ip && p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
  if ((kubeDns && !kubeDns.headless && kubeDns.clusterIP === ip) || corePod) {
    const gate = dnsPath(state, from);
    if (!gate.ok) return { kind: 'unreachable', ip, why: gate.why };
    return { kind: 'coredns', ip, pod: corePod ? `kube-system/${corePod.name}` : gate.coredns };
  }
  if (ip === upstreamSettings(state).server) return { kind: 'upstream', ip };
  return { kind: 'unreachable', ip, why: `nothing answers DNS at ${ip}` };
}

/** Sends one question to a server. */
export function ask(state: ClusterState, server: DnsServer, qname: string, qtype: QType): DnsResponse | null {
  if (server.kind === 'coredns') return corednsAnswer(state, corednsSetup(state).config, qname, qtype);
  if (server.kind === 'upstream') return upstreamAnswer(state, qname, qtype);
  return null;
}

/** The first reachable nameserver of a configuration, or the reason none is. */
export function pickServer(state: ClusterState, from: PodModel, cfg: ResolverConfig): DnsServer {
  let last: DnsServer = { kind: 'unreachable', ip: '', why: 'resolv.conf names no nameserver' };
  for (const ip of cfg.nameservers) {
    const s = serverAt(state, from, ip);
    if (s.kind !== 'unreachable') return s;
    last = s;
  }
  return last;
}

/** A positive answer (what connect() and the tools go on with). */
export interface DnsAnswer {
  /** The name that answered (no trailing dot). */
  fqdn: string;
  /** Addresses, in answer order. */
  ips: string[];
  kind: 'service' | 'headless' | 'pod' | 'external';
  service?: ServiceModel;
  /** The CNAME target when the name is an alias (ExternalName). */
  cname?: string;
}

/** One query of a lookup and its outcome. */
export interface DnsQuery {
  name: string;
  qtype: QType;
  rcode: DnsResponse['rcode'];
  response: DnsResponse;
}

/** The outcome of resolving a name from a pod. */
export interface DnsLookup {
  query: string;
  qtype: QType;
  /** Names queried, in order. */
  tried: string[];
  /** Each query with its response (empty when no server was reachable). */
  queries: DnsQuery[];
  answer: DnsAnswer | null;
  /** The server that answered, or why none could be reached. */
  server: DnsServer;
  /** The pod's resolver configuration. */
  resolver: ResolverConfig;
  /** The final response (the answer's, else the last one). */
  response?: DnsResponse;
}

/** True when the text could be a DNS name at all. */
export function isValidDnsName(name: string): boolean {
  return name.length > 0 && name.length <= 254 && /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/.test(name);
}

function toAnswer(state: ClusterState, fqdn: string, r: DnsResponse): DnsAnswer | null {
  const ips = r.answer.filter((x) => x.type === 'A' || x.type === 'AAAA').map((x) => x.data);
  const cname = r.answer.find((x) => x.type === 'CNAME')?.data;
  if (r.qtype === 'A' || r.qtype === 'AAAA') {
    if (!ips.length && !cname) return null;
  } else if (!r.answer.length) return null;
  const out: DnsAnswer = { fqdn, ips, kind: 'external' };
  if (cname) out.cname = cname;
  if (r.source === 'kubernetes' && !cname) {
    const m = /^(?:([^.]+)\.)?([^.]+)\.([^.]+)\.svc\./.exec(fqdn);
    const svc = m ? state.services.get(`${m[3]}/${m[2]}`) : undefined;
    if (svc && !m?.[1]) {
      out.kind = svc.headless ? 'headless' : 'service';
      out.service = svc;
    } else {
      out.kind = 'pod';
      if (svc) out.service = svc;
    }
  }
  return out;
}

/** Resolves `name` as a stub resolver in `pod` does (search list, ndots, trailing dot), for one query type. */
export function resolve(state: ClusterState, pod: PodModel, name: string, qtype: QType = 'A', useSearch = true): DnsLookup {
  const resolver = podResolver(state, pod);
  const server = pickServer(state, pod, resolver);
  const lookup: DnsLookup = { query: name, qtype, tried: [], queries: [], answer: null, server, resolver };
  if (!isValidDnsName(name)) return lookup;
  const names = useSearch ? candidates(name, resolver) : [name.toLowerCase().replace(/\.$/, '')];
  if (server.kind === 'unreachable') {
    lookup.tried = names.slice(0, 1);
    return lookup;
  }
  for (const n of names) {
    lookup.tried.push(n);
    const r = ask(state, server, n, qtype) as DnsResponse;
    lookup.queries.push({ name: n, qtype, rcode: r.rcode, response: r });
    lookup.response = r;
    const a = r.rcode === 'NOERROR' ? toAnswer(state, n, r) : null;
    if (a) {
      lookup.answer = a;
      break;
    }
  }
  return lookup;
}
