/**
 * Cluster DNS as CoreDNS (kubernetes plugin, `pods insecure`) answers it, with a pod's resolv.conf:
 * `search <ns>.svc.cluster.local svc.cluster.local cluster.local`, `options ndots:5`, nameserver 10.96.0.10.
 * Records: `<svc>.<ns>.svc.cluster.local` (ClusterIP, or the ready pod IPs of a headless Service),
 * `<hostname>.<subdomain>.<ns>.svc.cluster.local` and `<a-b-c-d>.<svc>.<ns>.svc.cluster.local` for headless
 * Services, `<a-b-c-d>.<ns>.pod.cluster.local`. Pods have no DNS name of their bare name; anything else is NXDOMAIN.
 */
import { ipToInt } from './ipam.ts';
import { readyBackends } from './services.ts';
import type { ClusterState } from './state.ts';
import type { PodModel, ServiceModel } from './types.ts';
import { KUBE_DNS_IP } from './build.ts';

/** The cluster domain. */
export const CLUSTER_DOMAIN = 'cluster.local';
/** The nameserver every pod uses (the kube-dns Service). */
export const NAMESERVER = KUBE_DNS_IP;
/** TTL CoreDNS gives to cluster records. */
export const DNS_TTL = 30;

/** A positive DNS answer. */
export interface DnsAnswer {
  /** Fully-qualified name that answered (no trailing dot). */
  fqdn: string;
  /** A records, in order (ClusterIP, or pod IPs by IP order). */
  ips: string[];
  kind: 'service' | 'headless' | 'pod';
  service?: ServiceModel;
}

/** The outcome of resolving a name from a pod. */
export interface DnsLookup {
  query: string;
  /** Names queried, in order, following the search path and ndots. */
  tried: string[];
  answer: DnsAnswer | null;
}

/** The search path of a pod in `namespace`. */
export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The /etc/resolv.conf of a pod in `namespace`. */
export function resolvConf(namespace: string): string {
  return `search ${searchPath(namespace).join(' ')}\nnameserver ${NAMESERVER}\noptions ndots:5\n`;
}

function dashedIP(label: string): string | null {
  const ip = label.replace(/-/g, '.');
  return /^\d+-\d+-\d+-\d+$/.test(label) && ipToInt(ip) !== null ? ip : null;
}

/** Answers one fully-qualified name exactly (no search path); null means NXDOMAIN. */
export function lookupFqdn(state: ClusterState, fqdn: string): DnsAnswer | null {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(suffix)) return null;
  const labels = name.slice(0, -suffix.length).split('.');
  if (labels.length === 3 && labels[2] === 'svc') {
    const svc = state.services.get(`${labels[1]}/${labels[0]}`);
    if (!svc) return null;
    if (!svc.headless) return { fqdn: name, ips: [svc.clusterIP], kind: 'service', service: svc };
    const ips = headlessIPs(state, svc);
    return ips.length ? { fqdn: name, ips, kind: 'headless', service: svc } : null;
  }
  if (labels.length === 4 && labels[3] === 'svc') {
    const svc = state.services.get(`${labels[2]}/${labels[1]}`);
    if (!svc || !svc.headless) return null;
    const first = labels[0] ?? '';
    const pods = readyPods(state, svc);
    const byHost = pods.find((p) => p.hostname === first && p.subdomain === svc.name);
    if (byHost) return { fqdn: name, ips: [byHost.ip], kind: 'pod', service: svc };
    const ip = dashedIP(first);
    if (ip && pods.some((p) => p.ip === ip)) return { fqdn: name, ips: [ip], kind: 'pod', service: svc };
    return null;
  }
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = dashedIP(labels[0] ?? '');
    if (ip && state.namespaces.has(labels[1] ?? '')) return { fqdn: name, ips: [ip], kind: 'pod' };
  }
  return null;
}

function readyPods(state: ClusterState, svc: ServiceModel): PodModel[] {
  const seen = new Set<string>();
  const out: PodModel[] = [];
  const ports = svc.ports.length ? svc.ports : [{ port: 0, targetPort: 0, protocol: 'TCP' as const }];
  for (const sp of ports) {
    for (const b of readyBackends(state, svc, sp)) {
      if (!seen.has(b.pod.ip)) {
        seen.add(b.pod.ip);
        out.push(b.pod);
      }
    }
  }
  return out.sort((a, b) => (ipToInt(a.ip) ?? 0) - (ipToInt(b.ip) ?? 0));
}

/** Pod IPs a headless Service answers with (ready endpoints, IP order). */
export function headlessIPs(state: ClusterState, svc: ServiceModel): string[] {
  return readyPods(state, svc).map((p) => p.ip);
}

/** The candidate names a resolver with the pod's resolv.conf queries for `name`, in order. */
export function candidateNames(name: string, namespace: string): string[] {
  const n = name.toLowerCase();
  if (n.endsWith('.')) return [n.slice(0, -1)];
  const dots = (n.match(/\./g) ?? []).length;
  const searched = searchPath(namespace).map((d) => `${n}.${d}`);
  return dots >= 5 ? [n, ...searched] : [...searched, n];
}

/** True when the text could be a DNS name at all. */
export function isValidDnsName(name: string): boolean {
  return name.length > 0 && name.length <= 254 && /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/.test(name);
}

/** Resolves a name as a pod in `namespace` would (search path and ndots:5). */
export function resolveName(state: ClusterState, name: string, namespace: string, useSearch = true): DnsLookup {
  const tried: string[] = [];
  if (!isValidDnsName(name)) return { query: name, tried, answer: null };
  const candidates = useSearch ? candidateNames(name, namespace) : [name.toLowerCase().replace(/\.$/, '')];
  for (const c of candidates) {
    tried.push(c);
    const a = lookupFqdn(state, c);
    if (a) return { query: name, tried, answer: a };
  }
  return { query: name, tried, answer: null };
}
