/**
 * The namespace-based helpers of the first DNS model, kept for callers that have a namespace rather than a pod
 * (connect.ts before it passes pods): a pod in that namespace with the default dnsPolicy.
 */
import type { ClusterState } from '../state.ts';
import type { PodModel } from '../types.ts';
import { corednsSetup } from './config.ts';
import { corednsAnswer } from './coredns.ts';
import { endpointSlices } from '../services.ts';
import { ipToInt } from '../ipam.ts';
import type { ServiceModel } from '../types.ts';
import { candidates, CLUSTER_DOMAIN, NAMESERVER, podResolver, renderResolvConf, resolve, searchPath } from './resolver.ts';
import type { DnsAnswer, DnsLookup } from './resolver.ts';

/** TTL of cluster records with the default Corefile (`ttl 30`). */
export const DNS_TTL = 30;

/** A stand-in pod with the default DNS settings in a namespace. */
function podIn(namespace: string): PodModel {
  return { name: '', namespace, labels: {}, annotations: {}, nodeName: '', ip: '', phase: 'Running', ready: true, containers: [], implicit: true };
}

/** The /etc/resolv.conf of a ClusterFirst pod in `namespace`. */
export function resolvConf(namespace: string): string {
  return `search ${searchPath(namespace).join(' ')}\nnameserver ${NAMESERVER}\noptions ndots:5\n`;
}

/** The candidate names a ClusterFirst pod in `namespace` queries for `name`, in order. */
export function candidateNames(name: string, namespace: string): string[] {
  return candidates(name, { searches: searchPath(namespace), options: ['ndots:5'] });
}

/** Resolves a name from a pod (or a ClusterFirst pod in a namespace). */
export function resolveName(state: ClusterState, name: string, from: PodModel | string, useSearch = true): DnsLookup {
  return resolve(state, typeof from === 'string' ? podIn(from) : from, name, 'A', useSearch);
}

/** CoreDNS's A answer for one fully-qualified name; null unless it has addresses. */
export function lookupFqdn(state: ClusterState, fqdn: string): DnsAnswer | null {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const r = corednsAnswer(state, corednsSetup(state).config, name, 'A');
  const ips = r.answer.filter((x) => x.type === 'A').map((x) => x.data);
  if (r.rcode !== 'NOERROR' || !ips.length) return null;
  const m = /^(?:([^.]+)\.)?([^.]+)\.([^.]+)\.svc\./.exec(name);
  const svc = m ? state.services.get(`${m[3]}/${m[2]}`) : undefined;
  if (svc && !m?.[1]) return { fqdn: name, ips, kind: svc.headless ? 'headless' : 'service', service: svc };
  return svc ? { fqdn: name, ips, kind: 'pod', service: svc } : { fqdn: name, ips, kind: r.source === 'kubernetes' ? 'pod' : 'external' };
}

/** Pod IPs a headless Service answers with (ready endpoints, IP order). */
export function headlessIPs(state: ClusterState, svc: ServiceModel): string[] {
  const ips = new Set<string>();
  for (const s of endpointSlices(state, svc)) for (const e of s.endpoints) if (e.ready && e.ip) ips.add(e.ip);
  return [...ips].sort((a, b) => (ipToInt(a) ?? 0) - (ipToInt(b) ?? 0));
}

export { CLUSTER_DOMAIN, NAMESERVER, podResolver, renderResolvConf };
