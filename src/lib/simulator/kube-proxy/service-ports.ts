/**
 * What kube-proxy sees of the cluster on one node: each Service port (ServicePortName) with its endpoints from the
 * EndpointSlices, and the endpoints each traffic policy uses there, as kubernetes/kubernetes pkg/proxy computes them:
 * - endpoints of a port are deduplicated by "IP:port" and sorted by that string (endpointslicecache.go getEndpointsMap,
 *   "Ensure endpoints are always returned in the same order");
 * - CategorizeEndpoints (pkg/proxy/topology.go): cluster endpoints are the ready ones, or — when none is ready
 *   anywhere — the serving terminating ones; local endpoints are this node's ready ones, or its serving terminating
 *   ones when it has no ready one; UsesClusterEndpoints / UsesLocalEndpoints follow the traffic policies
 *   (pkg/proxy/serviceport.go). Topology hints (trafficDistribution) are not modelled.
 * Stateless.
 */
import { endpointSlices } from '../services.ts';
import type { ClusterState } from '../state.ts';
import type { ServiceModel, ServicePortModel } from '../types.ts';
import { servicePortName } from './naming.ts';

/** One endpoint of a Service port, as kube-proxy's endpoint cache holds it. */
export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** "IP:port" (Endpoint.String()). */
  key: string;
  nodeName: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** 'ns/name' of the pod, '' when the endpoint is not a pod. */
  pod: string;
}

/** One Service port kube-proxy programs rules for. */
export interface ProxyServicePort {
  svc: ServiceModel;
  port: ServicePortModel;
  /** ServicePortName.String(), e.g. "shop/backend:http". */
  name: string;
  /** Lower-case protocol, as in rules ("tcp"). */
  protocol: string;
  endpoints: ProxyEndpoint[];
}

/** A Service port's endpoints split by traffic policy on one node (CategorizeEndpoints). */
export interface NodeEndpoints {
  cluster: ProxyEndpoint[];
  local: ProxyEndpoint[];
  /** Every endpoint some rule on this node can reach (cluster ∪ local, in endpoint order). */
  reachable: ProxyEndpoint[];
  hasAny: boolean;
}

/**
 * The load-balancer ingress IPs kube-proxy captures (LoadBalancerVIPs, pkg/proxy/serviceport.go newBaseServiceInfo):
 * every `status.loadBalancer.ingress[].ip` except those with `ipMode: Proxy`, whose traffic must go through the load
 * balancer (KEP-1860; https://kubernetes.io/docs/concepts/services-networking/service/#load-balancer-ip-mode).
 */
export function loadBalancerVIPs(svc: ServiceModel): string[] {
  const proxy = svc.loadBalancerProxyIPs ?? [];
  return svc.loadBalancerIPs.filter((ip) => !proxy.includes(ip));
}

/** True when the Service is reachable from outside: a nodePort, a load-balancer IP or an external IP (ExternallyAccessible). */
export function externallyAccessible(sp: ProxyServicePort): boolean {
  return sp.port.nodePort !== undefined || sp.svc.loadBalancerIPs.length > 0 || (sp.svc.externalIPs?.length ?? 0) > 0;
}

/** externalTrafficPolicy Local on an externally accessible Service (ExternalPolicyLocal). */
export function externalPolicyLocal(sp: ProxyServicePort): boolean {
  return externallyAccessible(sp) && sp.svc.externalTrafficPolicy === 'Local';
}

/** internalTrafficPolicy Local (InternalPolicyLocal). */
export function internalPolicyLocal(sp: ProxyServicePort): boolean {
  return sp.svc.internalTrafficPolicy === 'Local';
}

/** The Service ports kube-proxy handles (every Service with a ClusterIP: headless and ExternalName Services get no rules), sorted by name. */
export function proxyServicePorts(state: ClusterState): ProxyServicePort[] {
  const out: ProxyServicePort[] = [];
  for (const svc of state.model.services) out.push(...servicePortsOf(state, svc));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

/** One Service's ports as kube-proxy sees them (none for a headless Service). */
export function servicePortsOf(state: ClusterState, svc: ServiceModel): ProxyServicePort[] {
  const out: ProxyServicePort[] = [];
  {
    if (svc.headless || !svc.clusterIP) return out;
    const slices = endpointSlices(state, svc);
    for (const port of svc.ports) {
      const byKey = new Map<string, ProxyEndpoint>();
      for (const slice of slices) {
        const ep = slice.ports.find((p) => (p.name ?? '') === (port.name ?? '') && p.protocol === port.protocol);
        if (!ep) continue;
        for (const e of slice.endpoints) {
          const key = `${e.ip}:${ep.port}`;
          if (byKey.has(key)) continue;
          byKey.set(key, { ip: e.ip, port: ep.port, key, nodeName: e.nodeName, ready: e.ready, serving: e.serving, terminating: e.terminating, pod: e.pod });
        }
      }
      const endpoints = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      out.push({ svc, port, name: servicePortName(svc.namespace, svc.name, port.name), protocol: port.protocol.toLowerCase(), endpoints });
    }
  }
  return out;
}

/** CategorizeEndpoints for one node (see the module comment). */
export function categorizeEndpoints(sp: ProxyServicePort, node: string): NodeEndpoints {
  const usesCluster = !internalPolicyLocal(sp) || (externallyAccessible(sp) && !externalPolicyLocal(sp));
  const usesLocal = internalPolicyLocal(sp) || externalPolicyLocal(sp);
  let cluster: ProxyEndpoint[] = [];
  let local: ProxyEndpoint[] = [];
  let hasAny = false;
  if (usesCluster) {
    cluster = sp.endpoints.filter((e) => e.ready);
    if (cluster.length === 0) cluster = sp.endpoints.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocal) return { cluster, local, reachable: cluster, hasAny };
  let localReady = false;
  let localTerminating = false;
  for (const e of sp.endpoints) {
    if (e.ready) {
      hasAny = true;
      if (e.nodeName === node) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAny = true;
      if (e.nodeName === node) localTerminating = true;
    }
  }
  if (localReady) local = sp.endpoints.filter((e) => e.nodeName === node && e.ready);
  else if (localTerminating) local = sp.endpoints.filter((e) => e.nodeName === node && e.serving && e.terminating);
  if (!usesCluster) return { cluster, local, reachable: local, hasAny };
  const inEither = new Set([...cluster, ...local].map((e) => e.key));
  return { cluster, local, reachable: sp.endpoints.filter((e) => inEither.has(e.key)), hasAny };
}

/** The ProxyServicePort of a Service's port, or undefined. */
export function findProxyServicePort(state: ClusterState, svc: ServiceModel, port: ServicePortModel): ProxyServicePort | undefined {
  return servicePortsOf(state, svc).find((sp) => sp.port === port);
}
