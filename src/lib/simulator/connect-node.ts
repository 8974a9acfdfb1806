/**
 * Connections that start in a node's own network namespace (the kubelet's probes, a `kubectl debug node/…`
 * shell): `connect({ from: 'node:<name>', … })`. The node is not a pod: no egress policy applies to it, its
 * source address is the one the kernel picks for the route (cni0's address towards its own pods, eth0's towards
 * other nodes), and NetworkPolicy always admits traffic from a pod's own node ("traffic to and from the node
 * where a Pod is running is always allowed", https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 * A node resolves names with its own resolver, not cluster DNS, so destinations are pods ('ns/name') or IPs.
 */
import { ephemeralPort, fail, proxyRulesName } from './connect.ts';
import { lookupRoute, nodeNetwork, sourceAddressFor } from './datapath/node-network.ts';
import { ipToInt } from './ipam.ts';
import { evaluateIngress } from './network-policy.ts';
import { chooseBackend, findServicePort } from './services.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { TraceBuilder } from './trace.ts';
import type { ConnectResult, PacketHeaders, PodModel, ResolvedTarget, WireProtocol } from './types.ts';
import { listenerOn, podListeners } from './workloads/listeners.ts';

const POLICY = 'Network policy';

/** Runs one connection from node `nodeName` (see the module comment). */
export function connectFromNode(state: ClusterState, tb: TraceBuilder, nodeName: string, to: string, port: number, protocol: WireProtocol, backend?: string): ConnectResult {
  const node = state.nodes.get(nodeName);
  if (!node) return fail(tb, 'error', `Source node not found: nodes "${nodeName}" not found.`);
  const ns = nodeNetwork(state, node.name);
  if (!ns) return fail(tb, 'error', `Node ${node.name} has no network.`);
  let targetIP = '';
  let dst: PodModel | undefined;
  if (to.includes('/')) {
    dst = state.pods.get(to);
    if (!dst || !dst.ip) return fail(tb, 'error', `Destination pod ${to} not found or has no IP.`);
    targetIP = dst.ip;
  } else if (ipToInt(to) !== null) targetIP = to;
  else return fail(tb, 'nxdomain', `${node.name} resolves "${to}" with its own resolver (/etc/resolv.conf of the node), which does not know cluster names: connect from a node to a pod or an IP address.`);

  const src = node.name;
  tb.track(src, 'Idle');
  const target: ResolvedTarget = { ip: targetIP, port, protocol };
  const sport = ephemeralPort(`node:${src}`, to, port);
  const ports = (p: PacketHeaders, sp: number, dp: number): PacketHeaders => (protocol === 'ICMP' ? p : { ...p, srcPort: sp, dstPort: dp });
  const svc = dst ? undefined : state.servicesByIP.get(targetIP);
  let dstPort = port;
  dst ??= state.podsByIP.get(targetIP);
  if (svc) {
    const sp = findServicePort(svc, port, protocol);
    const chosen = sp ? chooseBackend(state, svc, sp, backend) : null;
    tb.track('Service', 'Idle');
    target.service = keyOf(svc);
    if (!sp || !chosen) {
      tb.add({ actor: `kube-proxy (${src})`, action: sp ? 'Service has no ready endpoints' : 'No rule for this port', details: sp ? `Service ${keyOf(svc)} has no ready endpoint, so kube-proxy rejects the connection.` : `Service ${keyOf(svc)} does not expose ${port}/${protocol}.`, result: sp ? 'Rejected: no endpoints' : 'No rule', outcome: 'error', phase: 'service', set: { Service: sp ? 'No endpoints' : `No port ${port}/${protocol}`, [src]: sp ? 'Connection refused' : 'Timed out' } });
      return fail(tb, sp ? 'refused' : 'timeout', sp ? `Service ${keyOf(svc)} has no ready endpoints.` : `Service ${keyOf(svc)} does not expose ${port}/${protocol}.`, `node:${src}`, target);
    }
    dst = chosen.pod;
    dstPort = chosen.port;
    tb.add({ actor: `kube-proxy (${src})`, action: 'Service DNAT', details: `kube-proxy's ${proxyRulesName(state.model.network.kubeProxyMode)} on ${src} rewrite ${svc.clusterIP}:${port} to ${keyOf(dst)} (${dst.ip}:${dstPort}) in the node's OUTPUT path, and mark the connection for masquerading because its source is not a pod.`, result: `DNAT to ${dst.ip}:${dstPort}`, phase: 'service', set: { Service: `DNAT to ${dst.ip}:${dstPort}` }, packet: ports({ protocol, src: sourceAddressFor(ns, dst.ip) ?? node.internalIP, dst: dst.ip, ttl: 64 }, sport, dstPort) });
  }
  if (!dst) return fail(tb, 'timeout', `No pod has IP ${targetIP}: from a node, only pods and Services are modelled as destinations.`, `node:${src}`, target);
  const dstKey = keyOf(dst);
  target.pod = dstKey;
  target.podIP = dst.ip;
  target.targetPort = dstPort;
  const srcIP = sourceAddressFor(ns, dst.ip) ?? node.internalIP;
  const route = lookupRoute(ns, dst.ip);
  const local = dst.nodeName === src;
  const dstLabel = dst.name;
  tb.track(POLICY, 'Not checked');
  tb.track(dstLabel, 'Idle');
  const out: PacketHeaders = ports({ protocol, src: srcIP, dst: dst.ip, ttl: 64 }, sport, dstPort);
  tb.add({ actor: src, action: `${src} sends the request`, details: `A process in ${src}'s own network namespace sends ${protocol === 'ICMP' ? 'an echo request' : `a ${protocol} ${protocol === 'TCP' ? 'SYN' : 'packet'}`} to ${dst.ip}${protocol === 'ICMP' ? '' : `:${dstPort}`}. The route ${route ? `${route.dst}${route.via ? ` via ${route.via}` : ''} dev ${route.dev}` : '(none)'} picks the source address ${srcIP}.`, result: 'Request sent', phase: 'delivery', set: { [src]: 'Waiting for response' }, packet: out });
  if (!local && (!route || route.dst === 'default')) {
    // A deleted (or never installed) route to the pod's node: the packet follows the default route and is lost.
    tb.add({ actor: src, action: 'No route to the destination node', details: `${src} has no route for ${state.nodes.get(dst.nodeName)?.podCIDR ?? dst.ip}, so the longest matching prefix is ${route ? `the default route via ${route.via ?? ''}` : 'nothing'}: the packet leaves the cluster and is lost.`, result: 'Packet lost', outcome: 'error', phase: 'routing', set: { [src]: 'Timed out' }, packet: out });
    return fail(tb, 'timeout', `No route: ${src} has no route to ${dst.ip}'s node ${dst.nodeName}; the connection times out.`, `node:${src}`, target);
  }
  const arrivalTTL = local ? 64 : 63;
  if (!local) tb.add({ actor: dst.nodeName, action: 'Destination node bridges to the pod', details: `${dst.nodeName} receives the packet on eth0 and forwards it through cni0 to ${dst.name}'s veth.`, result: `Forwarded to ${dst.name}`, phase: 'routing', packet: { ...out, ttl: arrivalTTL } });
  if (local) {
    tb.add({ actor: 'NetworkPolicy', action: `Ingress policies of ${dstLabel} checked`, details: `${src} is ${dstKey}'s own node, and NetworkPolicy always allows traffic from the node where a pod runs (so the kubelet's probes keep working under a default-deny).`, result: 'Allowed: the pod\'s own node', phase: 'policy', set: { [POLICY]: 'Allowed (own node)' } });
  } else {
    const ing = evaluateIngress(state, dst, { kind: 'ip', ip: srcIP }, dstPort, protocol);
    tb.add({ actor: 'NetworkPolicy', action: `Ingress policies of ${dstLabel} checked`, details: ing.explanation, result: ing.allowed ? 'Allowed' : 'Denied', ...(ing.allowed ? {} : { outcome: 'denied' as const }), phase: 'policy', set: { [POLICY]: ing.allowed ? 'Ingress allowed' : 'Ingress denied', ...(ing.allowed ? {} : { [src]: 'Timed out' }) } });
    if (!ing.allowed) return fail(tb, 'policy-denied', ing.explanation, `node:${src}`, target);
  }
  if (dst.phase !== 'Running' || (protocol !== 'ICMP' && !listenerOn(dst, dstPort, protocol))) {
    const open = podListeners(dst).map((l) => `${l.port}/${l.protocol}`).join(', ') || 'nothing';
    tb.add({ actor: dstLabel, action: `${dstLabel} has nothing listening on ${dstPort}/${protocol}`, details: `${dstKey} listens on ${open}, so its kernel answers ${protocol === 'TCP' ? 'with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [dstLabel]: 'Port closed', [src]: 'Connection refused' } });
    return fail(tb, 'refused', `Connection refused: nothing listens on ${dstPort}/${protocol} in ${dstKey}.`, `node:${src}`, target);
  }
  tb.add({ actor: dstLabel, action: `${dstLabel} receives and processes the request`, details: `${dstLabel} (${dst.ip}) accepts the connection on ${dstPort} from ${srcIP}${local ? `, ${src}'s cni0 address` : `, ${src}'s address`}.`, result: 'Request received', phase: 'delivery', set: { [dstLabel]: 'Processing request' }, packet: { ...out, ttl: arrivalTTL } });
  const back: PacketHeaders = ports({ protocol, src: svc ? svc.clusterIP : dst.ip, dst: srcIP, ttl: arrivalTTL }, svc ? port : dstPort, sport);
  tb.add({ actor: src, action: `${src} receives the response`, details: `The reply returns to ${srcIP}${svc ? `, with the DNAT reversed so it comes from ${svc.clusterIP}:${port}` : ''}.`, result: 'Connection complete', phase: 'response', set: { [dstLabel]: 'Response sent', [src]: 'Response received' }, packet: back });
  tb.finish();
  return { allowed: true, reason: `Allowed: node ${src} (${srcIP}) → ${dstKey} (${dst.ip}:${dstPort})${local ? '; traffic from a pod\'s own node is always allowed' : ''}.`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: `node:${src}`, target, seenSource: srcIP };
}
