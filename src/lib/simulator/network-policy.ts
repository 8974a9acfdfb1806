/**
 * The NetworkPolicy engine, per connection, exactly as the Kubernetes documentation defines it:
 * - a pod is isolated for a direction when any policy in its namespace selects it and lists that direction
 *   in policyTypes (default: Ingress always, Egress when the policy has egress rules);
 * - an isolated pod accepts (sends) only what at least one rule of a selecting policy allows (rules union);
 * - a peer is a podSelector (policy namespace), a namespaceSelector, both in one peer (AND), or an ipBlock;
 *   separate peers are ORed; a rule with no peers matches every peer, a rule with no ports every port;
 * - ports match by number, by range (endPort) or by name, a name being resolved against the destination
 *   pod's container ports (with the same protocol); protocol defaults to TCP.
 * Choices the documentation leaves to the network plugin (ClusterModel.network.policyPlugin):
 * - `none`: policies are stored and shown but nothing enforces them (a plugin without NetworkPolicy support);
 * - ipBlock matches the IP as seen after Service DNAT (`policyAfterDnat`, default true; false judges egress on the
 *   ClusterIP and Service port, before kube-proxy's DNAT). With `calico` it also matches pod IPs; with `cilium`
 *   CIDR rules do not select cluster endpoints (pods, nodes): "CIDR rules do not apply to traffic where both
 *   sides of the connection are either managed by Cilium or use an IP belonging to a node in the cluster"
 *   (docs.cilium.io, Policy language, CIDR based);
 * - ICMP is not a NetworkPolicy protocol (the API accepts TCP, UDP, SCTP): Calico and Cilium both treat a rule
 *   without `ports` as allowing every protocol including ICMP, a rule with ports never allows ICMP, and
 *   isolation drops other ICMP (cilium/cilium#14609 describes Cilium's side).
 * Connection-level rules (a pod always reaches itself; replies are allowed) are applied by the callers.
 */
import { cidrContains, parseCidr } from './ipam.ts';
import { formatSelector, matchesSelector } from './selectors.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { NetworkPolicyModel, PodModel, PolicyPeerModel, PolicyPortModel, PolicyRuleModel, PolicyType, WireProtocol } from './types.ts';

/** The other end of a connection as policy sees it: a pod, or a bare IP outside the pod network. */
export type PolicyPeer = { kind: 'pod'; pod: PodModel } | { kind: 'ip'; ip: string };

/** One rule that allowed the traffic. */
export interface RuleRef {
  policy: string; // 'ns/name'
  rule: number; // 1-based
}

/** The verdict of one direction's policies on one connection. */
export interface PolicyVerdict {
  direction: PolicyType;
  allowed: boolean;
  /** True when at least one policy selecting the pod applies to this direction. */
  isolated: boolean;
  /** 'ns/name' of every policy that isolates the pod in this direction. */
  isolatingPolicies: string[];
  /** Rules that allow the traffic (empty when not isolated or denied). */
  allowedBy: RuleRef[];
  /** One or two sentences for the trace and the denial reason. */
  explanation: string;
}

/** Human label of a peer: 'ns/name' for a pod, the IP otherwise. */
export function peerLabel(peer: PolicyPeer): string {
  return peer.kind === 'pod' ? keyOf(peer.pod) : peer.ip;
}

function peerIP(peer: PolicyPeer): string {
  return peer.kind === 'pod' ? peer.pod.ip : peer.ip;
}

/** True when an ipBlock peer matches an IPv4 address (in cidr and in no except block). */
export function ipBlockMatches(block: { cidr: string; except: string[] }, ip: string): boolean {
  if (!ip) return false;
  const c = parseCidr(block.cidr);
  if (!c || !block.cidr.includes('/')) return false; // IPv6 blocks never match in this IPv4 cluster
  if (!cidrContains(c, ip)) return false;
  return !block.except.some((e) => cidrContains(e, ip));
}

/** True when the cluster's policy plugin keeps ipBlock peers off pods and nodes (Cilium). */
export function ipBlockSkipsClusterEndpoints(state: ClusterState): boolean {
  return state.model.network.policyPlugin === 'cilium';
}

/**
 * What egress policy judges for a connection to a Service: the endpoint kube-proxy chose, on its targetPort
 * (after DNAT, the default), or the ClusterIP on the Service port (`policyAfterDnat: false`).
 */
export function serviceEgressTarget(state: ClusterState, clusterIP: string, servicePort: number, endpoint: PodModel, targetPort: number): { peer: PolicyPeer; port: number; beforeDnat: boolean } {
  return state.model.network.policyAfterDnat === false ? { peer: { kind: 'ip', ip: clusterIP }, port: servicePort, beforeDnat: true } : { peer: { kind: 'pod', pod: endpoint }, port: targetPort, beforeDnat: false };
}

/** True when one NetworkPolicyPeer of `policy` matches the other end of the connection. */
export function peerMatches(state: ClusterState, policy: NetworkPolicyModel, peer: PolicyPeerModel, other: PolicyPeer): boolean {
  if (peer.ipBlock) {
    if (ipBlockSkipsClusterEndpoints(state) && (other.kind === 'pod' || state.model.nodes.some((n) => n.internalIP === other.ip))) return false;
    return ipBlockMatches(peer.ipBlock, peerIP(other));
  }
  if (other.kind !== 'pod') return false; // selectors only ever select pods
  const pod = other.pod;
  if (peer.namespaceSelector) {
    const ns = state.namespaces.get(pod.namespace);
    const nsLabels = ns ? ns.labels : { 'kubernetes.io/metadata.name': pod.namespace };
    if (!matchesSelector(peer.namespaceSelector, nsLabels)) return false;
  } else if (pod.namespace !== policy.namespace) {
    return false; // a podSelector alone selects pods in the policy's own namespace
  }
  if (peer.podSelector && !matchesSelector(peer.podSelector, pod.labels)) return false;
  return true;
}

/** True when a rule's peer list matches (a missing or empty list matches everything). */
export function rulePeersMatch(state: ClusterState, policy: NetworkPolicyModel, rule: PolicyRuleModel, other: PolicyPeer): boolean {
  if (rule.peers === null) return true;
  return rule.peers.some((p) => peerMatches(state, policy, p, other));
}

/** True when one policy port entry matches (port, protocol) given the destination pod (for named ports). */
export function policyPortMatches(entry: PolicyPortModel, port: number, protocol: WireProtocol, destination: PodModel | null): boolean {
  if (protocol === 'ICMP' || entry.protocol !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') {
    return entry.endPort !== undefined ? port >= entry.port && port <= entry.endPort : port === entry.port;
  }
  if (!destination) return false; // a named port cannot be resolved for a non-pod destination
  const name = entry.port;
  return destination.containers.some((c) => c.ports.some((cp) => cp.name === name && cp.protocol === protocol && cp.containerPort === port));
}

/** True when a rule's port list matches (an empty list matches every port and protocol, ICMP included). */
export function rulePortsMatch(rule: PolicyRuleModel, port: number, protocol: WireProtocol, destination: PodModel | null): boolean {
  if (rule.ports.length === 0) return true;
  return rule.ports.some((e) => policyPortMatches(e, port, protocol, destination));
}

/** True when the policy's podSelector selects the pod (same namespace and labels match). */
export function policySelects(policy: NetworkPolicyModel, pod: PodModel): boolean {
  return policy.namespace === pod.namespace && matchesSelector(policy.podSelector, pod.labels);
}

/** Policies that isolate the pod for a direction, in name order. */
export function isolatingPolicies(state: ClusterState, pod: PodModel, direction: PolicyType): NetworkPolicyModel[] {
  const list = state.policiesByNamespace.get(pod.namespace) ?? [];
  return list
    .filter((p) => p.policyTypes.includes(direction) && policySelects(p, pod))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Text of a port/protocol pair such as 'TCP/80' (or 'ICMP'). */
export function portLabel(port: number, protocol: WireProtocol): string {
  return protocol === 'ICMP' ? 'ICMP' : `${protocol}/${port}`;
}

function describePolicyPort(e: PolicyPortModel): string {
  if (e.port === undefined) return `${e.protocol}/any`;
  if (e.endPort !== undefined) return `${e.protocol}/${e.port}-${e.endPort}`;
  return `${e.protocol}/${e.port}`;
}

/** Short text of one peer, e.g. 'podSelector role=frontend' or 'ipBlock 10.0.0.0/8 except 10.0.1.0/24'. */
export function describePeer(peer: PolicyPeerModel): string {
  if (peer.ipBlock) {
    return `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`;
  }
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${formatSelector(peer.namespaceSelector) === '<none>' ? '{} (all namespaces)' : formatSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${formatSelector(peer.podSelector) === '<none>' ? '{} (all pods)' : formatSelector(peer.podSelector)}`);
  return parts.join(' AND ');
}

function describeRuleMiss(state: ClusterState, policy: NetworkPolicyModel, rule: PolicyRuleModel, index: number, other: PolicyPeer, port: number, protocol: WireProtocol, destination: PodModel | null, dir: PolicyType): string {
  const peerOk = rulePeersMatch(state, policy, rule, other);
  const portOk = rulePortsMatch(rule, port, protocol, destination);
  const side = dir === 'Ingress' ? 'source' : 'destination';
  const peers = rule.peers === null ? 'any peer' : rule.peers.map(describePeer).join(' OR ');
  const ports = rule.ports.length === 0 ? 'any port' : rule.ports.map(describePolicyPort).join(', ');
  if (!peerOk && !portOk) return `rule ${index + 1} matches neither the ${side} (${peers}) nor the port (${ports})`;
  if (!peerOk) return `rule ${index + 1}: ${side} does not match ${peers}`;
  return `rule ${index + 1}: ${portLabel(port, protocol)} is not in ${ports}`;
}

function evaluate(state: ClusterState, pod: PodModel, other: PolicyPeer, port: number, protocol: WireProtocol, direction: PolicyType): PolicyVerdict {
  const policies = isolatingPolicies(state, pod, direction);
  const dir = direction.toLowerCase();
  const podLabel = keyOf(pod);
  if (state.model.network.policyPlugin === 'none') {
    const stored = policies.length ? ` (${policies.map((p) => `"${p.name}"`).join(', ')} select${policies.length === 1 ? 's' : ''} it, but` : ' (';
    return { direction, allowed: true, isolated: false, isolatingPolicies: [], allowedBy: [], explanation: `${podLabel} is not isolated for ${dir}${stored} the cluster's network plugin does not enforce NetworkPolicy: policies are stored, not applied).` };
  }
  if (policies.length === 0) {
    return {
      direction,
      allowed: true,
      isolated: false,
      isolatingPolicies: [],
      allowedBy: [],
      explanation: `${podLabel} is not isolated for ${dir}: no NetworkPolicy with policyTypes ${direction} selects it.`,
    };
  }
  const destination = direction === 'Ingress' ? pod : other.kind === 'pod' ? other.pod : null;
  const allowedBy: RuleRef[] = [];
  for (const p of policies) {
    const rules = direction === 'Ingress' ? p.ingress : p.egress;
    rules.forEach((r, i) => {
      if (rulePeersMatch(state, p, r, other) && rulePortsMatch(r, port, protocol, destination)) allowedBy.push({ policy: keyOf(p), rule: i + 1 });
    });
  }
  const isolating = policies.map(keyOf);
  const prep = direction === 'Ingress' ? 'from' : 'to';
  const what = `${portLabel(port, protocol)} ${prep} ${peerLabel(other)}`;
  if (allowedBy.length > 0) {
    const by = allowedBy.map((r) => `NetworkPolicy "${r.policy.split('/')[1] ?? r.policy}" ${dir} rule ${r.rule}`).join(', ');
    return { direction, allowed: true, isolated: true, isolatingPolicies: isolating, allowedBy, explanation: `${what} is allowed by ${by}.` };
  }
  const selected = policies.map((p) => `"${p.name}" (policyTypes ${p.policyTypes.join(', ')})`);
  const selectedText = selected.length === 1 ? `NetworkPolicy ${selected[0]}` : `NetworkPolicies ${selected.slice(0, -1).join(', ')} and ${selected[selected.length - 1]}`;
  const misses = policies.map((p) => {
    const rules = direction === 'Ingress' ? p.ingress : p.egress;
    if (rules.length === 0) return `"${p.name}" has no ${dir} rules`;
    return `"${p.name}" ${rules.map((r, i) => describeRuleMiss(state, p, r, i, other, port, protocol, destination, direction)).join('; ')}`;
  });
  const icmpNote = protocol === 'ICMP' ? ' (NetworkPolicy cannot name ICMP: only a rule without ports would allow it)' : '';
  return {
    direction,
    allowed: false,
    isolated: true,
    isolatingPolicies: isolating,
    allowedBy: [],
    explanation: `Denied by ${dir} isolation of ${podLabel}: selected by ${selectedText} and no ${dir} rule of any selecting policy allows ${what}${icmpNote} (${misses.join('; ')}).`,
  };
}

/** Judges traffic arriving at `destination` from `source` on (port, protocol) against ingress policies. */
export function evaluateIngress(state: ClusterState, destination: PodModel, source: PolicyPeer, port: number, protocol: WireProtocol = 'TCP'): PolicyVerdict {
  return evaluate(state, destination, source, port, protocol, 'Ingress');
}

/** Judges traffic leaving `source` for `destination` on (port, protocol) against egress policies. */
export function evaluateEgress(state: ClusterState, source: PodModel, destination: PolicyPeer, port: number, protocol: WireProtocol = 'TCP'): PolicyVerdict {
  return evaluate(state, source, destination, port, protocol, 'Egress');
}

/** Both directions for pod-to-pod traffic (a pod always reaches itself). */
export function evaluatePodToPod(state: ClusterState, source: PodModel, destination: PodModel, port: number, protocol: WireProtocol = 'TCP'): { allowed: boolean; egress: PolicyVerdict; ingress: PolicyVerdict; self: boolean } {
  const self = keyOf(source) === keyOf(destination);
  const egress = evaluateEgress(state, source, { kind: 'pod', pod: destination }, port, protocol);
  const ingress = evaluateIngress(state, destination, { kind: 'pod', pod: source }, port, protocol);
  return { allowed: self || (egress.allowed && ingress.allowed), egress, ingress, self };
}

/**
 * Fast boolean form of one direction's verdict (no explanation), as the documentation reads:
 * allowed when no policy isolates the pod in this direction, or some rule of a selecting policy matches.
 */
export function directionAllows(state: ClusterState, pod: PodModel, other: PolicyPeer, port: number, protocol: WireProtocol, direction: PolicyType): boolean {
  const list = state.policiesByNamespace.get(pod.namespace);
  if (!list || state.model.network.policyPlugin === 'none') return true;
  const destination = direction === 'Ingress' ? pod : other.kind === 'pod' ? other.pod : null;
  let isolated = false;
  for (const p of list) {
    if (!p.policyTypes.includes(direction) || !matchesSelector(p.podSelector, pod.labels)) continue;
    isolated = true;
    const rules = direction === 'Ingress' ? p.ingress : p.egress;
    for (const r of rules) {
      if (rulePortsMatch(r, port, protocol, destination) && rulePeersMatch(state, p, r, other)) return true;
    }
  }
  return !isolated;
}
