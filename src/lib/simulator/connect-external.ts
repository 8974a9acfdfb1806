/**
 * Connections from a host outside the cluster: `connect({ from: 'external:198.51.100.7', to, port })`, to a node's
 * address on a NodePort, or to a LoadBalancer Service's address (`status.loadBalancer.ingress`).
 *
 * - NodePort: every node accepts the nodePort on its address (kube-proxy's KUBE-NODEPORTS / service-nodeports);
 *   `externalTrafficPolicy: Cluster` may pick an endpoint on any node and masquerades (the backend sees the address
 *   of the device the node sends it from, kube-proxy/masquerade.ts: cni0's for a local pod, eth0's for another node
 *   with host-gw, flannel.1's with VXLAN), `Local` keeps the client's address and
 *   uses only the receiving node's endpoints; without one the node DROPs the packet ("has no local endpoints").
 *   No endpoints at all: REJECT (connection refused).
 * - LoadBalancer: how traffic reaches a node is provider-specific; the model is a load balancer that forwards to a
 *   node's nodePort (e.g. AWS instance targets, or any LB with `allocateLoadBalancerNodePorts`), choosing the first
 *   node by name — with `Local`, the first that passes the health check (has a ready local endpoint).
 * - ClusterIPs and pod IPs are not routable from outside (flannel's pod network and the Service range are internal):
 *   the packet is lost. NetworkPolicy then judges the endpoint's ingress against the source the pod sees.
 * Stateless (see connect.ts for conntrack).
 */
import { ephemeralPort, fail, normalizeProtocol, nthEphemeralPort } from './connect.ts';
import { VXLAN } from './datapath/node-network.ts';
import { cidrContains, ipToInt } from './ipam.ts';
import { pickEndpoint, ruleTexts } from './kube-proxy/service-path.ts';
import { masqueradeSource } from './kube-proxy/masquerade.ts';
import { categorizeEndpoints, servicePortsOf } from './kube-proxy/service-ports.ts';
import { evaluateIngress } from './network-policy.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import { TraceBuilder } from './trace.ts';
import type { ConnectRequest, ConnectResult, NodeModel, PacketHeaders, ServiceModel, ServicePortModel } from './types.ts';
import { listenerOn } from './workloads/listeners.ts';

const POLICY = 'Network policy';

/** Runs a connection from an external client (`from: external:<IP>`). */
export function connectFromExternal(state: ClusterState, tb: TraceBuilder, clientIP: string, req: Partial<ConnectRequest>): ConnectResult {
  const protocol = normalizeProtocol(req.protocol) ?? 'TCP';
  const port = typeof req.port === 'number' ? req.port : 80;
  const to = typeof req.to === 'string' ? req.to.trim() : '';
  const source = `external:${clientIP}`;
  if (ipToInt(clientIP) === null) return fail(tb, 'error', `"${source}" is not an external client: expected "external:<IPv4 address>", e.g. external:198.51.100.7.`);
  if (ipToInt(to) === null) return fail(tb, 'error', `An external client connects to an IP address (a node's address or a load balancer's), not "${to}".`, source);
  if (protocol === 'ICMP') return fail(tb, 'error', 'External clients are modelled for TCP, UDP and SCTP connections to NodePorts and load balancers.', source);
  const client = `client (${clientIP})`;
  const nodeRows = req.nodeRows === true;
  tb.track(client, 'Idle');
  if (nodeRows) tb.showPackets();
  const nth = typeof req.connection === 'number' && Number.isInteger(req.connection) && req.connection >= 0 ? req.connection : 0;
  const sport = nthEphemeralPort(ephemeralPort(source, to, port), nth);
  const target: ConnectResult['target'] = { ip: to, port, protocol };
  const proto = protocol.toLowerCase();
  const pkt: PacketHeaders = { protocol, src: clientIP, dst: to, srcPort: sport, dstPort: port, ttl: 64 };
  tb.add({ actor: client, action: `${client} sends the request`, details: `A host outside the cluster (${clientIP}) sends a ${protocol} ${protocol === 'TCP' ? 'SYN' : 'packet'} to ${to}:${port}.`, result: 'Request sent', phase: 'delivery', set: { [client]: 'Waiting for response' }, packet: { ...pkt } });

  let node: NodeModel | undefined = state.nodesByIP.get(to);
  let svc: ServiceModel | undefined;
  let sp: ServicePortModel | undefined;
  let nodePort = port;
  if (node) {
    svc = state.model.services.find((s) => s.ports.some((p) => p.nodePort === port && p.protocol === protocol));
    sp = svc?.ports.find((p) => p.nodePort === port && p.protocol === protocol);
  } else {
    svc = state.model.services.find((s) => s.loadBalancerIPs.includes(to));
    sp = svc?.ports.find((p) => p.port === port && p.protocol === protocol);
    if (!svc || !sp) {
      const internal = cidrContains(state.model.clusterCIDR, to) || cidrContains(state.model.serviceCIDR, to);
      tb.add({ actor: client, action: 'No route into the cluster', details: internal ? `${to} is in the cluster's ${cidrContains(state.model.clusterCIDR, to) ? 'pod network' : 'Service range'}, which is not routable from outside: ${clientIP}'s network has no route to it, so the packet is lost. From outside, use a node's address on a NodePort, or a load balancer.` : `No node and no load balancer of this cluster has the address ${to}${svc ? ` on port ${port}/${protocol}` : ''}: nothing answers.`, result: 'Packet lost', outcome: 'error', phase: 'routing', set: { [client]: 'Timed out' } });
      return fail(tb, 'timeout', internal ? `${to} is internal to the cluster and not routable from ${clientIP}.` : `Nothing answers on ${to}:${port}.`, source, target);
    }
    if (sp.nodePort === undefined) return fail(tb, 'error', `Service ${keyOf(svc)} allocates no nodePort (allocateLoadBalancerNodePorts: false): the model's load balancer forwards to nodePorts.`, source, target);
    nodePort = sp.nodePort;
    const proxyPort = servicePortsOf(state, svc).find((p) => p.port === sp);
    const eligible = [...state.model.nodes].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((n) => !proxyPort || svc?.externalTrafficPolicy !== 'Local' || categorizeEndpoints(proxyPort, n.name).local.length > 0);
    node = eligible[0] ?? [...state.model.nodes].sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    if (!node) return fail(tb, 'error', 'The cluster has no nodes.', source, target);
    pkt.dst = node.internalIP;
    pkt.dstPort = nodePort;
    tb.add({ actor: 'cloud load balancer', action: 'The load balancer forwards to a node (provider-specific)', details: `${to} belongs to the load balancer of Service ${keyOf(svc)}. How it reaches the cluster is provider-specific; here it forwards to ${node.name}'s nodePort ${node.internalIP}:${nodePort}${svc.externalTrafficPolicy === 'Local' ? ' — with externalTrafficPolicy Local, only nodes whose health check (healthCheckNodePort) reports a local endpoint get traffic' : ''}, keeping the client's address.`, result: `Forwarded to ${node.name}:${nodePort}`, phase: 'routing', set: { 'cloud load balancer': `→ ${node.internalIP}:${nodePort}` }, packet: { ...pkt } });
  }
  target.service = svc ? keyOf(svc) : undefined;
  if (!target.service) delete target.service;
  if (!svc || !sp) {
    tb.add({ actor: node.name, action: `Nothing listens on ${port}/${protocol}`, details: `No Service has nodePort ${port}/${protocol}, and no process on ${node.name} listens there, so its kernel answers ${protocol === 'TCP' ? 'with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [client]: 'Connection refused' } });
    return fail(tb, 'refused', `Connection refused: no NodePort ${port}/${protocol} on ${node.name} (${to}).`, source, target);
  }
  const mode = state.model.network.kubeProxyMode;
  const rules = `kube-proxy rules (${node.name})`;
  const local = svc.externalTrafficPolicy === 'Local';
  const proxyPort = servicePortsOf(state, svc).find((p) => p.port === sp);
  const cat = proxyPort ? categorizeEndpoints(proxyPort, node.name) : null;
  const name = proxyPort?.name ?? keyOf(svc);
  tb.track(rules, `${name} → ${cat?.cluster.length ?? 0} endpoints`);
  if (!cat || !cat.hasAny) {
    tb.add({ actor: rules, action: 'Service has no ready endpoints', details: `${node.name} receives ${pkt.dst}:${nodePort}; Service ${keyOf(svc)} has no ready endpoint, so kube-proxy's rule (${mode === 'nftables' ? 'map no-endpoint-nodeports → reject-chain' : `filter KUBE-EXTERNAL-SERVICES "${name} has no endpoints" -j REJECT`}) rejects it: connection refused.`, result: 'Rejected: no endpoints', outcome: 'error', phase: 'service', set: { [rules]: `REJECT: ${name} has no endpoints`, [client]: 'Connection refused' } });
    return fail(tb, 'refused', `Service ${keyOf(svc)} has no ready endpoints: kube-proxy on ${node.name} rejects the connection.`, source, target);
  }
  const endpoints = local ? cat.local : cat.cluster;
  if (endpoints.length === 0) {
    tb.add({ actor: rules, action: 'No local endpoint: dropped', details: `Service ${keyOf(svc)} has externalTrafficPolicy: Local, and ${node.name} runs none of its endpoints, so kube-proxy's rule ${mode === 'nftables' ? `(map no-endpoint-nodeports: "${proto} . ${nodePort} : drop")` : `"-A KUBE-EXTERNAL-SERVICES … ${name} has no local endpoints … --dport ${nodePort} -j DROP"`} drops the packet. The client gets no answer and times out; nodes with a local endpoint would accept it.`, result: 'Dropped: no local endpoints', outcome: 'error', phase: 'service', set: { [rules]: `DROP: ${name} has no local endpoints`, [client]: 'Timed out' } });
    return fail(tb, 'timeout', `Timed out: ${node.name} has no local endpoint of Service ${keyOf(svc)} (externalTrafficPolicy: Local), so kube-proxy drops the packet.`, source, target);
  }
  // The endpoint: the same seeded choice as for a ClusterIP, over the endpoints this policy uses on this node.
  const pick = pickEndpoint(state, node.name, { ...svc, internalTrafficPolicy: local ? 'Local' : 'Cluster' }, sp, { clientIP, seed: `${clientIP}:${sport}>${to}:${port}/${protocol}`, ...(req.backend ? { hint: req.backend } : {}) });
  if (!pick || pick.kind !== 'endpoint') return fail(tb, 'error', 'No endpoint.', source, target);
  const ep = pick.endpoints[pick.index]!;
  const pod = state.pods.get(ep.pod);
  if (!pod) return fail(tb, 'error', `Endpoint ${ep.key} is not a pod.`, source, target);
  const texts = ruleTexts(mode, { ...svc, internalTrafficPolicy: local ? 'Local' : 'Cluster' }, pick);
  const sameNode = pod.nodeName === node.name;
  // POSTROUTING's MASQUERADE: the address of the device the route to the endpoint leaves by.
  const masq = local ? null : masqueradeSource(state, node.name, pod.ip);
  const snat = local ? clientIP : masq?.ip ?? node.internalIP;
  const snatDev = masq?.dev ?? 'eth0';
  const vxlan = !sameNode && snatDev === VXLAN.device;
  const fromWhat = `${node.name}'s ${snatDev} address`;
  const ext = mode === 'nftables' ? `service-nodeports "${proto} . ${nodePort}" → external chain` : `KUBE-NODEPORTS "--dport ${nodePort}" → KUBE-EXT`;
  tb.add({ actor: rules, action: 'NodePort matched', details: `${node.name} owns ${pkt.dst}, so the packet matches ${ext} (${mode === 'nftables' ? 'nftables' : 'iptables nat PREROUTING'}). ${local ? 'externalTrafficPolicy: Local: no masquerade mark; only this node\'s endpoints are used' : 'externalTrafficPolicy: Cluster: the connection is marked for masquerade (KUBE-MARK-MASQ) and any endpoint may be used'}: ${texts.choice}.`, result: `DNAT to ${ep.key}`, phase: 'service', set: { [rules]: `${texts.endpointChain} (${pod.name}): DNAT${local ? '' : ' + masquerade'}` }, packet: { ...pkt, dst: pod.ip, dstPort: ep.port } });
  target.pod = keyOf(pod);
  target.podIP = pod.ip;
  target.targetPort = ep.port;
  if (!local) tb.add({ actor: rules, action: 'Masquerade (SNAT)', details: `In POSTROUTING the mark 0x4000 makes the kernel masquerade: the source ${clientIP}:${sport} becomes ${snat}, the address of the device the packet leaves by: ${sameNode ? `${fromWhat}, towards its own pod` : `${fromWhat}, ${vxlan ? `its route to ${pod.nodeName}'s pod CIDR goes through the VXLAN device (flannel gives it ${snat}/32 as the source for host-to-pod traffic)` : `on the way to ${pod.nodeName}`}`}. ${pod.name} will not see the client's address.`, result: `SNAT to ${snat}`, phase: 'service', set: { [rules]: `MASQUERADE to ${snat}` }, packet: { ...pkt, src: snat, dst: pod.ip, dstPort: ep.port } });
  const arrived: PacketHeaders = { ...pkt, src: snat, dst: pod.ip, dstPort: ep.port, ttl: sameNode ? 63 : 62 };
  if (!sameNode) tb.add({ actor: node.name, action: 'Forwarded to the endpoint\'s node', details: vxlan ? `${node.name} routes ${pod.ip} through ${VXLAN.device} to ${pod.nodeName} (its pod CIDR): the packet travels wrapped in VXLAN (UDP ${VXLAN.port}) between the node addresses, and ${pod.nodeName} unwraps it unchanged and bridges it to ${pod.name}.` : `${node.name} routes ${pod.ip} to ${pod.nodeName} (its pod CIDR), which bridges it to ${pod.name}.`, result: `Forwarded to ${pod.nodeName}`, phase: 'routing', packet: arrived });
  tb.track(POLICY, 'Not checked');
  const ing = evaluateIngress(state, pod, { kind: 'ip', ip: snat }, ep.port, protocol);
  tb.add({ actor: 'NetworkPolicy', action: `Ingress policies of ${pod.name} checked`, details: `Judged after DNAT, against ${pod.ip}:${ep.port} and the source ${snat}: ${ing.explanation}`, result: ing.allowed ? 'Allowed' : 'Denied', ...(ing.allowed ? {} : { outcome: 'denied' as const }), phase: 'policy', set: { [POLICY]: ing.allowed ? 'Ingress allowed' : 'Ingress denied', ...(ing.allowed ? {} : { [client]: 'Timed out' }) } });
  if (!ing.allowed) return fail(tb, 'policy-denied', ing.explanation, source, target);
  if (pod.phase !== 'Running' || !listenerOn(pod, ep.port, protocol)) {
    tb.add({ actor: pod.name, action: `${pod.name} has nothing listening on ${ep.port}/${protocol}`, details: `Nothing listens on ${ep.port}/${protocol} in ${keyOf(pod)}, so its kernel answers ${protocol === 'TCP' ? 'with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [pod.name]: 'Port closed', [client]: 'Connection refused' } });
    return fail(tb, 'refused', `Connection refused: nothing listens on ${ep.port}/${protocol} in ${keyOf(pod)}.`, source, target);
  }
  tb.add({ actor: pod.name, action: `${pod.name} receives and processes the request`, details: `${pod.name} (${pod.ip}) accepts the connection on ${ep.port} from ${snat}${local ? `: the client's own address, kept by externalTrafficPolicy Local` : `: ${fromWhat}, not the client's (masqueraded)`}.`, result: 'Request received', phase: 'delivery', set: { [pod.name]: `Connection from ${snat}` }, packet: arrived });
  const viaLB = !state.nodesByIP.has(to);
  tb.add({ actor: client, action: `${client} receives the response`, details: `The reply goes back through ${node.name}, whose conntrack entry reverses the translation${local ? '' : 's (un-SNAT, un-DNAT)'}, so it comes from ${viaLB ? `the load balancer ${to}:${port}` : `${to}:${port}`}.`, result: 'Connection complete', phase: 'response', set: { [pod.name]: 'Response sent', [client]: 'Response received' }, packet: { protocol, src: to, dst: clientIP, srcPort: port, dstPort: sport, ttl: 62 } });
  tb.finish();
  return { allowed: true, reason: `Allowed: ${clientIP} → ${to}:${port} → ${keyOf(pod)} (${ep.key}) via ${node.name}; ${pod.name} saw the source ${snat}${local ? ' (client address kept: externalTrafficPolicy Local)' : ' (masqueraded: externalTrafficPolicy Cluster)'}.`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source, target, seenSource: snat };
}
