/**
 * How kube-proxy's rules on one node handle a new connection to a Service port: which endpoints the traffic policy
 * allows there, which one the rules pick, and how the trace names the rules that matched (per mode).
 *
 * The pick: a `backend` hint wins when it names a usable endpoint; else a sessionAffinity ClientIP record on the node
 * (the `recent`/`@affinity` list) for that client; else a seeded pseudo-random choice standing in for
 * `-m statistic --mode random` / `numgen random`: an index from a hash of the connection's 5-tuple, so each new
 * connection (new source port) may land elsewhere and a lesson replays identically. Stateless.
 */
import { fnv1a } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import type { KubeProxyMode, ServiceModel, ServicePortModel } from '../types.ts';
import { iptablesEndpointChain, iptablesServiceChain, nftServiceChains, proxyProbability, savedProbability } from './naming.ts';
import { categorizeEndpoints, internalPolicyLocal, servicePortsOf } from './service-ports.ts';
import type { ProxyEndpoint, ProxyServicePort } from './service-ports.ts';

/** The outcome of kube-proxy's rules for a new connection to a ClusterIP port. */
export type ServicePick =
  | { kind: 'endpoint'; sp: ProxyServicePort; endpoints: ProxyEndpoint[]; index: number; reason: 'hint' | 'affinity' | 'random' }
  | { kind: 'no-endpoints'; sp: ProxyServicePort }
  | { kind: 'no-local-endpoints'; sp: ProxyServicePort };

/** Options of a pick: the client, the connection's tuple (the seed) and any hint or affinity record. */
export interface PickOptions {
  clientIP: string;
  seed: string;
  hint?: string;
  affinity?: string;
}

/** Picks the endpoint for a connection from `node` to a Service port (see the module comment). */
export function pickEndpoint(state: ClusterState, node: string, svc: ServiceModel, port: ServicePortModel, opts: PickOptions): ServicePick | null {
  const sp = servicePortsOf(state, svc).find((p) => p.port === port);
  if (!sp) return null;
  const cat = categorizeEndpoints(sp, node);
  if (!cat.hasAny) return { kind: 'no-endpoints', sp };
  const endpoints = internalPolicyLocal(sp) ? cat.local : cat.cluster;
  if (endpoints.length === 0) return { kind: 'no-local-endpoints', sp };
  const h = opts.hint?.trim();
  if (h) {
    const i = endpoints.findIndex((e) => e.pod === h || e.pod.split('/')[1] === h || e.ip === h);
    if (i >= 0) return { kind: 'endpoint', sp, endpoints, index: i, reason: 'hint' };
  }
  if (svc.sessionAffinity && opts.affinity) {
    const i = endpoints.findIndex((e) => e.key === opts.affinity);
    if (i >= 0) return { kind: 'endpoint', sp, endpoints, index: i, reason: 'affinity' };
  }
  return { kind: 'endpoint', sp, endpoints, index: fnv1a(opts.seed) % endpoints.length, reason: 'random' };
}

/** The chain names and rule texts a trace shows for a pick, per kube-proxy mode. */
export interface RuleTexts {
  /** The chain the Service port's traffic is sent to (KUBE-SVC-…/KUBE-SVL-… or service-…/local-…). */
  serviceChain: string;
  /** The chosen endpoint's chain (KUBE-SEP-… or endpoint-…), when one was picked. */
  endpointChain?: string;
  /** How the ClusterIP:port was matched. */
  match: string;
  /** How the endpoint was chosen (the ladder or numgen), when one was picked. */
  choice?: string;
}

/** Rule texts for a pick (iptables and nftables; IPVS is described, not rendered). */
export function ruleTexts(mode: KubeProxyMode, svc: ServiceModel, pick: ServicePick): RuleTexts {
  const sp = pick.sp;
  const local = internalPolicyLocal(sp);
  if (mode === 'nftables') {
    const names = nftServiceChains(sp);
    const serviceChain = local ? names.local : names.service;
    const match = `chain services: \`ip daddr . meta l4proto . th dport vmap @service-ips\` finds ${svc.clusterIP} . ${sp.protocol} . ${sp.port.port} → goto ${serviceChain}`;
    if (pick.kind !== 'endpoint') return { serviceChain, match };
    const ep = pick.endpoints[pick.index]!;
    const endpointChain = names.endpoint(ep);
    const how = pick.reason === 'affinity' ? `\`ip saddr @${names.affinity(ep)}\` matches (sessionAffinity ClientIP)` : `\`numgen random mod ${pick.endpoints.length}\` gives ${pick.index}`;
    return { serviceChain, endpointChain, match, choice: `${how} → goto ${endpointChain}: \`meta l4proto ${sp.protocol} dnat to ${ep.key}\`` };
  }
  const serviceChain = iptablesServiceChain(local ? 'KUBE-SVL-' : 'KUBE-SVC-', sp.name, sp.protocol);
  const match = `KUBE-SERVICES: -d ${svc.clusterIP}/32 -p ${sp.protocol} --dport ${sp.port.port} ("${sp.name} cluster IP") → -j ${serviceChain}`;
  if (pick.kind !== 'endpoint') return { serviceChain, match };
  const ep = pick.endpoints[pick.index]!;
  const endpointChain = iptablesEndpointChain(sp.name, sp.protocol, ep.key);
  let choice: string;
  if (pick.reason === 'affinity') choice = `\`-m recent --rcheck --name ${endpointChain}\` matches the client's address (sessionAffinity ClientIP) → ${endpointChain}`;
  else {
    const n = pick.endpoints.length;
    const steps = pick.endpoints.slice(0, pick.index + 1).map((_, i) => (i < n - 1 ? `rule ${i + 1} (probability ${savedProbability(proxyProbability(n - i))}) ${i === pick.index ? 'matches' : 'does not'}` : `rule ${i + 1} (no condition) matches`));
    choice = `${steps.join(', ')} → ${endpointChain}`;
  }
  return { serviceChain, endpointChain, match, choice: `${choice}: -j DNAT --to-destination ${ep.key}` };
}
