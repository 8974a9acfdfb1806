/**
 * One connection attempt, step by step: DNS (with the policies that govern the query to CoreDNS),
 * Service DNAT by kube-proxy, egress policy at the source, routing, ingress policy at the destination,
 * delivery, and the reply (allowed as part of the connection: conntrack). Never throws for user errors.
 *
 * Simplifications (documented for lesson authors):
 * - a pod answers on a port only when a process in it listens there (workloads/listeners.ts: from the image and
 *   its command; containerPort counts only for images the simulator does not model); any other port is
 *   closed: TCP gets a RST (connection refused);
 * - a Running pod answers on its IP whether or not it is Ready; readiness only governs Service endpoints;
 * - a port a Service does not expose depends on kube-proxy's mode: iptables has no rule and the packet is lost
 *   (timeout); nftables rejects "invalid ports of ClusterIPs" and IPVS's kube-ipvs0 address answers with a RST
 *   (refused) — see pkg/proxy/nftables/proxier.go;
 * - a Service with no ready endpoints is rejected by kube-proxy (connection refused) in every mode;
 * - ICMP to a ClusterIP: no reply in iptables mode, rejected in nftables mode, answered by the node in IPVS mode;
 * - addresses outside the pod and Service networks are external hosts that answer when egress allows it.
 */
import { cidrContains, fnv1a, ipToInt } from './ipam.ts';
import { NAMESERVER, resolveName } from './dns.ts';
import type { DnsLookup } from './dns.ts';
import { dnsQuerySteps } from './dns/trace.ts';
import { evaluateEgress, evaluateIngress, peerLabel, portLabel, serviceEgressTarget } from './network-policy.ts';
import type { PolicyPeer, PolicyVerdict } from './network-policy.ts';
import { firewallDrop, firewallText, routePodToPod, routeToExternal } from './routing.ts';
import { capturedLoadBalancerIP, loadBalancerCapture } from './kube-proxy/load-balancer-ip.ts';
import { masqueradeSource } from './kube-proxy/masquerade.ts';
import type { Hop, Route } from './routing.ts';
import { connectLoopback, isLoopbackTarget } from './connect-loopback.ts';
import { apiServerEndpoint, apiServerNode, chooseBackend, findServicePort, podServes } from './services.ts';
import { listenerOn, podListeners } from './workloads/listeners.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import { TraceBuilder } from './trace.ts';
import { connectFromNode } from './connect-node.ts';
import { connectFromExternal } from './connect-external.ts';
import type { ConntrackTable } from './kube-proxy/conntrack.ts';
import { pickEndpoint, ruleTexts } from './kube-proxy/service-path.ts';
import type { ConnectRequest, ConnectResult, ConnectStatus, KubeProxyMode, PacketHeaders, PacketPlace, PodModel, ResolvedTarget, ServiceModel, WireProtocol } from './types.ts';
import { podPlace } from './datapath/places.ts';

const POLICY = 'Network policy';
const POLICY_ACTOR = 'NetworkPolicy';

/** Normalises a protocol argument ('tcp' → 'TCP'); null when unknown. */
export function normalizeProtocol(p: unknown): WireProtocol | null {
  if (p === undefined || p === null || p === '') return 'TCP';
  if (typeof p !== 'string') return null;
  const u = p.toUpperCase();
  return u === 'TCP' || u === 'UDP' || u === 'SCTP' || u === 'ICMP' ? u : null;
}

/** Finds a pod by 'ns/name' or by bare name (namespace `defaultNs`). */
export function findPod(state: ClusterState, ref: string, defaultNs = 'default'): PodModel | undefined {
  const t = ref.trim();
  const slash = t.indexOf('/');
  return slash >= 0 ? state.pods.get(t) : state.pods.get(`${defaultNs}/${t}`);
}

/** Ends a trace with a failed connection. */
export function fail(tb: TraceBuilder, status: ConnectStatus, reason: string, source?: string, target?: ResolvedTarget): ConnectResult {
  tb.finish();
  const r: ConnectResult = { allowed: false, reason, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status };
  if (source !== undefined) r.source = source;
  if (target !== undefined) r.target = target;
  return r;
}

/** True for the `default/kubernetes` Service, whose endpoint is the API server itself. */
function isKubernetesService(svc: ServiceModel): boolean {
  return svc.namespace === 'default' && svc.name === 'kubernetes' && svc.implicit;
}

/** The process that listens on (port, protocol) on a node, by its name, or null: kubelet, kube-proxy, kube-apiserver. */
function nodeListener(state: ClusterState, node: string, port: number, protocol: WireProtocol): string | null {
  if (protocol !== 'TCP') return null;
  if (port === 10250) return 'the kubelet';
  if (port === 10256) return "kube-proxy's health check";
  if (port === 6443 && apiServerNode(state)?.name === node) return 'kube-apiserver';
  return null;
}

/** A route hop as a trace step's text (the packet fields are applied separately). */
function stepOf(hop: Hop): { actor: string; action: string; details: string; result: string; place?: PacketPlace } {
  return { actor: hop.actor, action: hop.action, details: hop.details, result: hop.result, ...(hop.place ? { place: hop.place } : {}) };
}

/** How the trace names what kube-proxy programs in each mode. */
export function proxyRulesName(mode: KubeProxyMode): string {
  return mode === 'iptables' ? 'iptables rules' : mode === 'nftables' ? 'nftables rules (table ip kube-proxy)' : 'IPVS virtual server';
}

/** The client's ephemeral source port for a connection (deterministic, in Linux's default 32768–60999 range). */
export function ephemeralPort(a: string, b: string, port: number): number {
  return 32768 + (fnv1a(`${a}>${b}:${port}`) % 28232);
}

function policySummary(v: PolicyVerdict): string {
  return v.isolated ? `allowed by ${v.allowedBy.map((r) => `"${r.policy.split('/')[1]}" rule ${r.rule}`).join(', ')}` : 'not isolated';
}

/** What a cluster keeps between connections: the nodes' conntrack tables (and sessionAffinity's lists). */
export interface ConnectContext {
  conntrack?: ConntrackTable;
}

/** The source port of a client's n-th connection to the same destination (Linux picks a new one each time). */
/** The source port of a client's n-th connection to one destination (0: the first), stepping through the ephemeral range. */
export function nthEphemeralPort(first: number, n: number): number {
  return 32768 + ((first - 32768 + n * 7919) % 28232);
}

/** Runs one connection attempt and returns its verdict and trace; with a context, it leaves conntrack entries behind. */
export function connect(state: ClusterState, request: ConnectRequest, ctx: ConnectContext = {}): ConnectResult {
  const tb = new TraceBuilder();
  const req = (request ?? {}) as Partial<ConnectRequest>;
  const protocol = normalizeProtocol(req.protocol);
  const from = typeof req.from === 'string' ? req.from.trim() : '';
  const to = typeof req.to === 'string' ? req.to.trim() : '';
  if (protocol === null) return fail(tb, 'error', `Unsupported protocol "${String(req.protocol)}": expected TCP, UDP, SCTP or ICMP.`);
  const port = req.port === undefined || req.port === null ? (protocol === 'ICMP' ? 0 : 80) : req.port;
  if (protocol !== 'ICMP' && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) {
    return fail(tb, 'error', `Invalid port ${String(req.port)}: expected an integer between 1 and 65535.`);
  }
  if (!from) return fail(tb, 'error', 'No source pod given: expected "from" as "namespace/pod", a pod name in namespace default, or "node:<name>".');
  if (!to) return fail(tb, 'error', 'No destination given: expected "to" as "namespace/pod", an IP address or a DNS name.');
  if (from.startsWith('node:')) return connectFromNode(state, tb, from.slice('node:'.length), to, port, protocol, req.backend);
  if (from.startsWith('external:')) {
    // Each new connection from the terminal's outside host gets the next source port (conntrack numbers them).
    const key = `${from}>${typeof req.to === 'string' ? req.to.trim() : ''}:${typeof req.port === 'number' ? req.port : 80}/${normalizeProtocol(req.protocol) ?? 'TCP'}`;
    const connection = ctx.conntrack ? ctx.conntrack.nextConnection(key) : req.connection;
    return connectFromExternal(state, tb, from.slice('external:'.length), { ...req, ...(connection !== undefined ? { connection } : {}) });
  }
  const src = findPod(state, from);
  if (!src) {
    const ns = from.includes('/') ? from.split('/')[0] : 'default';
    const name = from.includes('/') ? from.slice(from.indexOf('/') + 1) : from;
    return fail(tb, 'error', `Source pod not found: pods "${name}" not found in namespace "${ns}".`);
  }
  const srcKey = keyOf(src);
  if (!src.ip || src.phase !== 'Running') {
    return fail(tb, 'error', `Source pod ${srcKey} is ${src.phase}${src.ip ? '' : ' and has no IP'}: it cannot send traffic.`, srcKey);
  }

  if (isLoopbackTarget(to)) return connectLoopback(tb, src, to, port, protocol);

  // Work out names for the tracker.
  let dstPod: PodModel | undefined;
  let targetIP = '';
  let dnsName: string | undefined;
  if (to.includes('/')) {
    dstPod = state.pods.get(to);
    if (!dstPod) {
      const [ns, ...rest] = to.split('/');
      return fail(tb, 'error', `Destination pod not found: pods "${rest.join('/')}" not found in namespace "${ns}".`, srcKey);
    }
    if (!dstPod.ip) {
      return fail(tb, 'error', `Destination pod ${keyOf(dstPod)} is ${dstPod.phase} and has no IP yet: there is nothing to connect to.`, srcKey);
    }
    targetIP = dstPod.ip;
  } else if (ipToInt(to) !== null) {
    targetIP = to;
  } else {
    dnsName = to;
  }

  const srcLabel = src.name;
  tb.track(srcLabel, 'Idle');
  const tcp = protocol === 'TCP';
  const what = protocol === 'ICMP' ? 'an ICMP echo request' : tcp ? 'a TCP connection (SYN)' : `a ${protocol} packet`;
  const target: ResolvedTarget = { ip: targetIP, port, protocol };
  const nth = ctx.conntrack ? ctx.conntrack.nextConnection(`${srcKey}>${to}:${port}/${protocol}`) : typeof req.connection === 'number' && Number.isInteger(req.connection) && req.connection >= 0 ? req.connection : 0;
  const sport = nthEphemeralPort(ephemeralPort(srcKey, to, port), nth);
  /** The packet as it leaves the source; later steps rewrite it as kube-proxy, routes and NAT do. */
  const pkt: PacketHeaders = { protocol, src: src.ip, dst: '', ttl: 64 };
  const aim = (ip: string, p: number): PacketHeaders => {
    pkt.dst = ip;
    if (protocol !== 'ICMP') {
      pkt.srcPort = sport;
      pkt.dstPort = p;
    }
    return { ...pkt };
  };
  const hopPacket = (hop: Hop): PacketHeaders => {
    pkt.ttl = hop.ttl;
    if (hop.outer === null) delete pkt.outer;
    else if (hop.outer) pkt.outer = hop.outer;
    if (hop.snat) pkt.src = hop.snat;
    return { ...pkt };
  };
  const reply = (from: string, fromPort: number, ttl: number): PacketHeaders => {
    const r: PacketHeaders = { protocol, src: from, dst: src.ip, ttl };
    if (protocol !== 'ICMP') {
      r.srcPort = fromPort;
      r.dstPort = sport;
    }
    return r;
  };

  // 1. DNS.
  let lookup: DnsLookup | undefined;
  if (dnsName !== undefined) {
    tb.track('DNS', 'Idle');
    target.dnsName = dnsName;
    const dns = dnsStep(state, tb, src, dnsName, req.dnsQueries === true);
    if (!dns.ok) return fail(tb, dns.status, dns.reason, srcKey, target);
    lookup = dns.lookup;
    const answer = lookup.answer;
    if (!answer) return fail(tb, 'error', 'DNS returned no answer.', srcKey, target);
    target.fqdn = answer.fqdn;
    targetIP = answer.ips[0] ?? '';
    target.ip = targetIP;
    const p = state.podsByIP.get(targetIP);
    if (p && answer.kind !== 'service') dstPod = p;
  } else if (!dstPod) {
    dstPod = state.podsByIP.get(targetIP);
  }

  // 2. Service (ClusterIP) handling. A load balancer's ingress IP (not ipMode Proxy) is captured on the client's node
  // too: KUBE-SERVICES "loadbalancer IP" → KUBE-EXT-… (pkg/proxy/iptables/proxier.go syncProxyRules), so the packet
  // never reaches the load balancer; it is handled as a Service VIP whose endpoints are the cluster-wide ones.
  const lb = dstPod || state.servicesByIP.has(targetIP) || protocol === 'ICMP' ? null : capturedLoadBalancerIP(state, targetIP, port, protocol);
  const svc: ServiceModel | undefined = dstPod ? undefined : lb ? lb.view : state.servicesByIP.get(targetIP);
  let dstPort = port;
  const nodeRows = req.nodeRows === true;
  /** With node rows the trace shows kube-proxy's rules and conntrack of the client's node instead of one Service row. */
  const rulesRow = `kube-proxy rules (${src.nodeName})`;
  const ctRow = `conntrack (${src.nodeName})`;
  const svcSet = (text: string): Record<string, string> => (nodeRows ? {} : { Service: text });
  let serviceConn: { ip: string; port: number; endpoint: string; spName: string } | null = null;
  if (svc) {
    if (!nodeRows) tb.track('Service', 'Idle');
    target.service = keyOf(svc);
    const node = src.nodeName;
    const kp = nodeRows ? rulesRow : `kube-proxy (${node})`;
    tb.add({
      actor: srcLabel,
      action: `${srcLabel} sends the request to the Service`,
      details: lb ? `${srcLabel} (${src.ip}) sends ${what} to ${targetIP}:${port}, the load balancer address of Service ${keyOf(svc)} (status.loadBalancer.ingress).` : `${srcLabel} (${src.ip}) sends ${what} to ${svc.name}'s ClusterIP ${svc.clusterIP}${protocol === 'ICMP' ? '' : `:${port}`}.`,
      result: 'Request sent',
      phase: 'delivery',
      set: { [srcLabel]: 'Waiting for response' },
      packet: aim(svc.clusterIP, port),
    });
    const mode = state.model.network.kubeProxyMode;
    const rules = proxyRulesName(mode);
    if (protocol === 'ICMP') {
      if (mode === 'ipvs') {
        // IPVS binds every ClusterIP to the kube-ipvs0 dummy interface, so the node's own kernel answers the echo.
        tb.add({ actor: kp, action: 'ClusterIP is a local address', details: `In IPVS mode kube-proxy binds ${svc.clusterIP} to the dummy interface kube-ipvs0 on ${node}, so the address is local to the node and ${node}'s kernel answers the echo request itself; no pod is involved.`, result: `Echo reply from ${node}`, phase: 'service', set: svcSet('Answered by the node (kube-ipvs0)') });
        tb.add({ actor: srcLabel, action: `${srcLabel} receives the echo reply`, details: `The reply comes from ${svc.clusterIP}, answered by ${node}, not by a backend: a successful ping proves nothing about the Service's pods.`, result: 'Reply received', phase: 'response', set: { [srcLabel]: 'Response received' } });
        tb.finish();
        return { allowed: true, reason: `Echo reply from ${svc.clusterIP}: in IPVS mode the ClusterIP of Service ${keyOf(svc)} is bound to kube-ipvs0 on ${node}, whose kernel answers ping; no backend pod is involved.`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: srcKey, target };
      }
      const rejected = mode === 'nftables';
      tb.add({
        actor: kp,
        action: 'No rule for ICMP',
        details: rejected
          ? `${svc.clusterIP} is a virtual IP: kube-proxy's nftables rules on ${node} translate only the Service's ports (${svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}); anything else sent to an active ClusterIP hits the rule "Reject traffic to invalid ports of ClusterIPs", so the echo request is answered with an ICMP error, never an echo reply.`
          : `${svc.clusterIP} is a virtual IP: the iptables rules kube-proxy wrote on ${node} only translate the Service's ports (${svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}), and in iptables mode no interface owns the address, so the echo request is lost.`,
        result: rejected ? 'Rejected (ClusterIPs do not answer ping)' : 'No reply (ClusterIPs do not answer ping)',
        outcome: 'error',
        phase: 'service',
        set: { ...svcSet('No rule for ICMP'), [srcLabel]: rejected ? 'Rejected' : 'Timed out' },
      });
      return fail(tb, rejected ? 'refused' : 'timeout', `No echo reply: ${svc.clusterIP} is the ClusterIP of Service ${keyOf(svc)}, a virtual address that kube-proxy (${mode} mode) handles only on the Service's ports; ${rejected ? 'nftables mode rejects the echo request' : 'in iptables mode the echo request is dropped'}.`, srcKey, target);
    }
    const sp = findServicePort(svc, port, protocol);
    if (!sp) {
      const exposed = svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none';
      const refused = mode !== 'iptables';
      const why =
        mode === 'nftables'
          ? `kube-proxy's nftables rules reject traffic to invalid ports of active ClusterIPs (chain cluster-ips-check: \`ip daddr @cluster-ips reject\`, "Reject traffic to invalid ports of ClusterIPs"); nft's reject in an ip table answers with ICMP port unreachable, which the client reports as "connection refused"`
          : mode === 'ipvs'
            ? `IPVS has no virtual server for that port, and since ${svc.clusterIP} is bound to kube-ipvs0 on ${node}, the node's kernel finds no socket and answers ${protocol === 'TCP' ? 'with a TCP RST' : 'ICMP port unreachable'}`
            : `kube-proxy has no DNAT rule for it and in iptables mode no interface owns ${svc.clusterIP}, so the packet follows the default route and is lost`;
      tb.add({
        actor: kp,
        action: 'No rule for this port',
        details: `Service ${keyOf(svc)} exposes ${exposed}, not ${portLabel(port, protocol)}: ${why}.`,
        result: refused ? 'Rejected: port not exposed by the Service' : 'Dropped: port not exposed by the Service',
        outcome: 'error',
        phase: 'service',
        set: { ...svcSet(`No port ${port}/${protocol}`), [srcLabel]: refused ? 'Connection refused' : 'Timed out' },
      });
      return fail(tb, refused ? 'refused' : 'timeout', `Service ${keyOf(svc)} does not expose ${portLabel(port, protocol)} (it exposes ${exposed}); ${refused ? `kube-proxy in ${mode} mode refuses the connection` : 'in iptables mode the connection times out'}.`, srcKey, target);
    }
    const api = isKubernetesService(svc) ? apiServerEndpoint(state) : null;
    if (api) {
      tb.add({ actor: kp, action: 'Service DNAT', details: `kube-proxy's ${rules} on ${node} rewrite ${svc.clusterIP}:${port} to the API server's endpoint ${api.ip}:${api.port} (the EndpointSlice "kubernetes", written by kube-apiserver itself); conntrack records the translation.`, result: `DNAT to ${api.ip}:${api.port}`, phase: 'service', set: svcSet(`DNAT to ${api.ip}:${api.port}`), packet: aim(api.ip, api.port) });
      targetIP = api.ip;
      dstPort = api.port;
      target.targetPort = api.port;
    }
    const pick = api ? null : pickEndpoint(state, node, svc, sp, { clientIP: src.ip, seed: `${src.ip}:${sport}>${svc.clusterIP}:${port}/${protocol}`, ...(req.backend ? { hint: req.backend } : {}), ...(ctx.conntrack && svc.sessionAffinity ? { affinity: ctx.conntrack.affinityOf(node, `${keyOf(svc)}:${sp.port}/${sp.protocol}`, src.ip) ?? '' } : {}) });
    const texts = pick ? ruleTexts(mode, svc, pick) : null;
    if (nodeRows && pick && texts) {
      tb.track(rulesRow, `${pick.sp.name} → ${pick.kind === 'endpoint' ? pick.endpoints.length : 0} endpoint${pick.kind === 'endpoint' && pick.endpoints.length === 1 ? '' : 's'}`);
      tb.track(ctRow, '–');
    }
    if (!api && (!pick || pick.kind === 'no-endpoints')) {
      const rule = mode === 'nftables' ? `the element "${svc.clusterIP} . ${protocol.toLowerCase()} . ${sp.port} : goto reject-chain" of map no-endpoint-services` : `the filter rule "-A KUBE-SERVICES … ${keyOf(svc)}${sp.name ? `:${sp.name}` : ''} has no endpoints … -j REJECT"`;
      tb.add({
        actor: kp,
        action: 'Service has no ready endpoints',
        details: `The EndpointSlice of Service ${keyOf(svc)} has no ready endpoint for port ${sp.port}/${sp.protocol}${svc.selector ? '' : ' (the Service has no selector)'}, so kube-proxy's rule REJECTs the packet${nodeRows ? ` (${rule}): an ICMP port unreachable, which the client's TCP stack reports as "connection refused" at once` : ''}.`,
        result: 'Rejected: no endpoints',
        outcome: 'error',
        phase: 'service',
        set: { ...svcSet('No endpoints'), ...(nodeRows ? { [rulesRow]: `REJECT: ${pick?.sp.name ?? keyOf(svc)} has no endpoints` } : {}), [srcLabel]: 'Connection refused' },
      });
      return fail(tb, 'refused', `Service ${keyOf(svc)} has no ready endpoints (empty EndpointSlice for ${sp.port}/${sp.protocol}): kube-proxy rejects the connection, so the client sees "connection refused".`, srcKey, target);
    }
    if (pick && pick.kind === 'no-local-endpoints') {
      tb.add({
        actor: kp,
        action: 'No endpoint on this node',
        details: `Service ${keyOf(svc)} has internalTrafficPolicy: Local and no ready endpoint on ${node}, so kube-proxy's rule for its ClusterIP DROPs the packet ("${pick.sp.name} has no local endpoints"); endpoints on other nodes are not used.`,
        result: 'Dropped: no local endpoints',
        outcome: 'error',
        phase: 'service',
        set: { ...svcSet('No local endpoints'), ...(nodeRows ? { [rulesRow]: `DROP: ${pick.sp.name} has no local endpoints` } : {}), [srcLabel]: 'Timed out' },
      });
      return fail(tb, 'timeout', `Service ${keyOf(svc)} has internalTrafficPolicy: Local and no ready endpoint on ${node}: kube-proxy drops the packet and the connection times out.`, srcKey, target);
    }
    if (lb && pick && pick.kind === 'endpoint') {
      const lbStep = loadBalancerCapture(state, lb, node, src.ip, port, protocol);
      tb.add({ actor: kp, action: lbStep.action, details: lbStep.details, result: lbStep.result, phase: 'service', ...(lbStep.dropped ? { outcome: 'denied' as const } : {}), set: { ...svcSet(lbStep.result), ...(nodeRows ? { [rulesRow]: lbStep.result } : {}), ...(lbStep.dropped ? { [srcLabel]: 'Timed out' } : {}) } });
      if (lbStep.dropped) return fail(tb, 'timeout', lbStep.details, srcKey, target);
      if (texts) texts.match = lbStep.match;
    }
    if (pick && pick.kind === 'endpoint' && texts) {
      const ep = pick.endpoints[pick.index]!;
      const pod = state.pods.get(ep.pod);
      if (!pod) return fail(tb, 'error', `Endpoint ${ep.key} of Service ${keyOf(svc)} is not a pod.`, srcKey, target);
      dstPod = pod;
      dstPort = ep.port;
      const n = pick.endpoints.length;
      const how = pick.reason === 'hint' ? 'the requested backend' : pick.reason === 'affinity' ? `the endpoint this client is pinned to (sessionAffinity: ClientIP, ${svc.sessionAffinity?.timeoutSeconds ?? 10800} s)` : n === 1 ? 'the first ready endpoint' : `picked at random (seeded by the connection)`;
      const spName = `${keyOf(svc)}:${sp.port}/${sp.protocol}`;
      serviceConn = { ip: svc.clusterIP, port, endpoint: ep.key, spName };
      const orig = `${src.ip}:${sport} → ${svc.clusterIP}:${port}`;
      const replyTuple = `${ep.ip}:${ep.port} → ${src.ip}:${sport}`;
      if (nodeRows) {
        tb.add({ actor: rulesRow, action: 'kube-proxy rules match the ClusterIP', details: `On ${node}, the packet enters the nat table: ${texts.match}.`, result: `→ ${texts.serviceChain}`, phase: 'service', set: { [rulesRow]: `${mode === 'nftables' ? 'service-ips' : 'KUBE-SERVICES'} "${pick.sp.name}${mode === 'nftables' ? '' : ' cluster IP'}" → ${texts.serviceChain}` } });
      }
      tb.add({
        actor: kp,
        action: 'Service DNAT',
        details: nodeRows
          ? `${texts.serviceChain} chooses among ${n} endpoint${n === 1 ? '' : 's'} (${how}): ${texts.choice}. The destination becomes ${keyOf(pod)} (${ep.key}); conntrack on ${node} records the connection as NEW: original ${orig}, expected reply ${replyTuple}.`
          : `kube-proxy's ${rules} on ${node} rewrite ${svc.clusterIP}:${port} to ${keyOf(pod)} (${pod.ip}:${dstPort}), ${how} of ${n} (targetPort ${String(sp.targetPort)}); conntrack records the translation.`,
        result: `DNAT to ${pod.ip}:${dstPort}`,
        phase: 'service',
        set: nodeRows ? { [rulesRow]: `${texts.endpointChain} (${pod.name}): DNAT`, [ctRow]: `NEW: orig ${orig} / reply ${replyTuple}` } : svcSet(`DNAT to ${pod.ip}:${dstPort}`),
        packet: aim(pod.ip, dstPort),
      });
      target.pod = keyOf(dstPod);
      target.podIP = dstPod.ip;
      target.targetPort = dstPort;
      if (lb && lb.svc.externalTrafficPolicy !== 'Local') {
        // KUBE-EXT's "masquerade traffic for … external destinations" marked the packet: POSTROUTING masquerades it
        // to the address of the device its route leaves by (kube-proxy/masquerade.ts, with the node's route edits).
        // No route (or no address on the out device): no SNAT happens here, and routing loses the packet below.
        const masq = masqueradeSource(state, node, dstPod.ip);
        if (masq) {
          const snat = masq.ip;
          tb.add({ actor: kp, action: 'Masquerade (SNAT)', details: `The packet carries kube-proxy's masquerade mark (0x4000), so KUBE-POSTROUTING masquerades it: the source ${src.ip} becomes ${snat}, the address of ${node}'s ${masq.dev}, the device its route to ${dstPod.ip} leaves by. ${dstPod.name} sees ${snat}, not ${src.ip}, and NetworkPolicy judges that address.`, result: `SNAT to ${snat}`, phase: 'service', set: { ...svcSet(`SNAT to ${snat}`), ...(nodeRows ? { [rulesRow]: `MASQUERADE to ${snat}` } : {}) }, packet: { ...pkt, src: snat } });
          pkt.src = snat;
        }
      }
    }
  } else if (dstPod) {
    target.pod = keyOf(dstPod);
    target.podIP = dstPod.ip;
    target.targetPort = port;
  }

  const dstLabel = dstPod ? (dstPod.name === srcLabel && keyOf(dstPod) !== srcKey ? keyOf(dstPod) : dstPod.name) : targetIP;
  const srcRow = srcLabel;
  tb.track(POLICY, 'Not checked');
  // Node rows (and the wire) sit between the two ends; they show what happens there at each step only.
  const podRoute: Route | null = dstPod ? routePodToPod(state, src, dstPod) : null;
  /** Tracker updates of node rows, when the request asked for them. */
  const rows = (set: Record<string, string> | undefined): Record<string, string> => (nodeRows && set ? set : {});
  if (nodeRows) tb.showPackets();
  if (nodeRows) for (const row of podRoute ? (podRoute.rows ?? []) : [src.nodeName]) if (row) tb.track(row, '–', { transient: true });
  const listening = dstPod && dstPod.phase === 'Running' && protocol !== 'ICMP' && listenerOn(dstPod, dstPort, protocol);
  tb.track(dstLabel, listening ? `Listening :${dstPort}` : 'Idle');

  if (!svc) {
    tb.add({
      actor: srcRow,
      action: `${srcRow} sends the request`,
      details: `${srcRow} (${src.ip}) sends ${what} to ${targetIP}${protocol === 'ICMP' ? '' : `:${port}`}${dstPod ? ` (${keyOf(dstPod)})` : ''}.`,
      result: 'Request sent',
      phase: 'delivery',
      set: { [srcRow]: 'Waiting for response' },
      packet: aim(targetIP, port),
      ...(dstPod ? { place: podPlace(state, src, targetIP) } : {}),
    });
  }

  // 3. Destination is not a pod.
  if (!dstPod) {
    const inPods = cidrContains(state.model.clusterCIDR, targetIP);
    const inSvcs = cidrContains(state.model.serviceCIDR, targetIP);
    if (inPods || inSvcs) {
      tb.add({
        actor: src.nodeName,
        action: 'No destination',
        details: inPods ? `No pod has IP ${targetIP}: the packet is routed towards ${targetIP} and nothing answers.` : `No Service has ClusterIP ${targetIP}: no kube-proxy rule matches and nothing answers.`,
        result: 'Dropped: no such address',
        outcome: 'error',
        phase: 'routing',
        set: { [srcRow]: 'Timed out' },
      });
      return fail(tb, 'timeout', inPods ? `No route to a pod: no pod has IP ${targetIP}; the connection times out.` : `No Service has ClusterIP ${targetIP}; the connection times out.`, srcKey, target);
    }
    const peer: PolicyPeer = { kind: 'ip', ip: targetIP };
    const eg = evaluateEgress(state, src, peer, dstPort, protocol);
    if (!eg.allowed) {
      tb.add({ actor: POLICY_ACTOR, action: `Egress policies of ${srcRow} checked`, details: eg.explanation, result: `Denied: ${eg.isolatingPolicies.map((p) => `"${p.split('/')[1]}"`).join(', ')} isolate ${srcRow} for egress`, outcome: 'denied', phase: 'policy', set: { [POLICY]: 'Egress denied', [srcRow]: 'Timed out' } });
      return fail(tb, 'policy-denied', eg.explanation, srcKey, target);
    }
    tb.add({ actor: POLICY_ACTOR, action: `Egress policies of ${srcRow} checked`, details: eg.explanation, result: `Allowed (${policySummary(eg)})`, phase: 'policy', set: { [POLICY]: 'Egress allowed' } });
    const outbound = routeToExternal(state, src, targetIP);
    for (const hop of outbound.hops) tb.add({ ...stepOf(hop), phase: 'routing', packet: hopPacket(hop), set: rows(hop.set) });
    const seenSource = pkt.src;
    const node = state.nodesByIP.get(targetIP);
    const proxied = node || protocol === 'ICMP' ? undefined : state.model.services.find((s) => (s.loadBalancerProxyIPs ?? []).includes(targetIP));
    if (proxied) {
      // ipMode Proxy: kube-proxy wrote no rule for the address (LoadBalancerVIPs), so the packet really goes to the load
      // balancer, which sees the node's address and forwards like for any outside client.
      tb.add({ actor: srcRow, action: 'Not captured: ipMode Proxy', details: `${targetIP} is the load balancer address of Service ${keyOf(proxied)} with ipMode: Proxy, so kube-proxy writes no rule for it and the packet leaves ${src.nodeName} (as ${seenSource}) for the load balancer itself.`, result: 'Sent to the load balancer', phase: 'routing', set: { [srcRow]: 'Waiting for response' } });
      const r = connectFromExternal(state, tb, seenSource, { to: targetIP, port, protocol, nodeRows, ...(req.backend ? { backend: req.backend } : {}) });
      return { ...r, source: srcKey };
    }
    const dropped = node && node.name !== src.nodeName ? firewallDrop(state, node.name, protocol, dstPort) : undefined;
    if (node && dropped) {
      tb.add({ actor: dstLabel, action: `${node.name}'s firewall drops the packet`, details: `${node.name}'s firewall rule \`${firewallText(dropped)}\` matches ${protocol}${protocol === 'ICMP' ? '' : ` ${dstPort}`} to its own address ${targetIP}, so the packet is dropped silently and ${srcRow} times out.`, result: 'Dropped by the firewall', outcome: 'error', phase: 'delivery', set: { [dstLabel]: `Dropped ${protocol}${protocol === 'ICMP' ? '' : ` ${dstPort}`} (firewall)`, [srcRow]: 'Timed out' } });
      return fail(tb, 'timeout', `Timed out: node ${node.name}'s firewall drops ${portLabel(dstPort, protocol)} (${firewallText(dropped)}).`, srcKey, target);
    }
    if (node) {
      const proc = protocol === 'ICMP' ? 'the kernel' : nodeListener(state, node.name, dstPort, protocol);
      if (!proc) {
        tb.add({ actor: dstLabel, action: `Nothing listens on ${dstPort}/${protocol}`, details: `Node ${node.name} (${targetIP}) has no process listening on ${dstPort}/${protocol} (it runs the kubelet on 10250 and kube-proxy's health check on 10256${node.name === apiServerNode(state)?.name ? ', and kube-apiserver on 6443' : ''}), so its kernel answers ${tcp ? 'with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [dstLabel]: 'Port closed', [srcRow]: 'Connection refused' } });
        return fail(tb, 'refused', `Connection refused: nothing listens on ${dstPort}/${protocol} on node ${node.name} (${targetIP}).`, srcKey, target);
      }
      tb.add({ actor: dstLabel, action: `${proc} on ${node.name} answers`, details: `On node ${node.name} (${targetIP}), ${proc} ${protocol === 'ICMP' ? 'answers the echo request' : `accepts the connection on ${dstPort}/${protocol}`}. The reply returns to ${srcRow} as part of the connection (conntrack)${svc ? `, with kube-proxy's DNAT reversed so it appears to come from ${svc.clusterIP}:${port}` : ''}.`, result: 'Response sent', phase: 'response', set: { [dstLabel]: 'Response sent' }, packet: { ...reply(targetIP, dstPort, 64), dst: seenSource } });
      tb.add({ actor: srcRow, action: `${srcRow} receives the response`, details: `${srcRow} gets the reply from ${svc ? `${svc.clusterIP}:${port}` : targetIP}.`, result: 'Connection complete', phase: 'response', set: { [srcRow]: 'Response received' }, packet: reply(svc ? svc.clusterIP : targetIP, svc ? port : dstPort, outbound.ttl) });
      tb.finish();
      return { allowed: true, reason: `Allowed: ${srcKey} → ${svc ? `Service ${keyOf(svc)} → ` : ''}${proc} on node ${node.name} (${targetIP}${protocol === 'ICMP' ? '' : `:${dstPort}`}).`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: srcKey, target, seenSource };
    }
    tb.add({ actor: dstLabel, action: 'External host answers', details: `${targetIP} is outside the simulated cluster; it is assumed to answer. It sees the connection coming from ${seenSource}, so it answers to ${seenSource}.`, result: 'Response sent', phase: 'response', set: { [dstLabel]: 'Response sent' }, packet: { ...reply(targetIP, dstPort, 64), dst: seenSource } });
    const unNat = seenSource !== src.ip;
    tb.add({ actor: srcRow, action: `${srcRow} receives the response`, details: `${unNat ? `${src.nodeName}'s conntrack entry for the masqueraded connection rewrites the reply's destination ${seenSource} back to ${src.ip} (un-NAT) and forwards it to ${srcRow}: ` : ''}${srcRow} gets the reply from ${targetIP}.`, result: 'Connection complete', phase: 'response', set: { [srcRow]: 'Response received', ...(unNat ? rows({ [src.nodeName]: `Un-NAT to ${src.ip}` }) : {}) }, packet: reply(targetIP, dstPort, outbound.ttl) });
    tb.finish();
    return { allowed: true, reason: `Allowed: ${srcKey} → ${targetIP} (${portLabel(port, protocol)}); egress: ${eg.explanation}`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: srcKey, target, seenSource };
  }

  // 4. Pod destination: policy, routing, delivery.
  const dst = dstPod;
  const dstKey = keyOf(dst);
  const self = dstKey === srcKey;
  let eg: PolicyVerdict | null = null;
  let ing: PolicyVerdict | null = null;
  if (self) {
    tb.add({ actor: POLICY_ACTOR, action: 'Policies not applied', details: `${srcKey} is connecting to itself: a pod can always reach itself, whatever the NetworkPolicies say.`, result: 'Allowed: a pod can always reach itself', phase: 'policy', set: { [POLICY]: 'Not applicable (self)' } });
  } else {
    const judged = serviceConn ? serviceEgressTarget(state, serviceConn.ip, serviceConn.port, dst, dstPort) : null;
    eg = judged ? evaluateEgress(state, src, judged.peer, judged.port, protocol) : evaluateEgress(state, src, { kind: 'pod', pod: dst }, dstPort, protocol);
    if (judged?.beforeDnat) eg = { ...eg, explanation: `${eg.explanation} (This plugin judges egress before Service DNAT: the destination is the ClusterIP ${serviceConn?.ip}:${serviceConn?.port}, not the pod.)` };
    if (!eg.allowed) {
      tb.add({ actor: POLICY_ACTOR, action: `Egress policies of ${srcRow} checked`, details: eg.explanation, result: `Denied: no egress rule of ${eg.isolatingPolicies.map((p) => `"${p.split('/')[1]}"`).join(', ')} matches`, outcome: 'denied', phase: 'policy', set: { [POLICY]: 'Egress denied', [srcRow]: 'Timed out' } });
      return fail(tb, 'policy-denied', eg.explanation, srcKey, target);
    }
    tb.add({ actor: POLICY_ACTOR, action: `Egress policies of ${srcRow} checked`, details: eg.explanation, result: `Allowed (${policySummary(eg)})`, phase: 'policy', set: { [POLICY]: 'Egress allowed' } });
  }
  const route = podRoute ?? routePodToPod(state, src, dst);
  for (const hop of route.hops) tb.add({ ...stepOf(hop), phase: 'routing', packet: hopPacket(hop), ...(hop.outcome ? { outcome: hop.outcome } : {}), set: { ...rows(hop.set), ...(hop.outcome ? { [srcRow]: 'Timed out' } : {}) } });
  if (route.kind === 'unroutable') return fail(tb, 'timeout', `No route: ${route.hops[0]?.details ?? ''} The connection times out.`, srcKey, target);
  if (route.kind === 'dropped') return fail(tb, 'timeout', `Dropped: ${route.hops.at(-1)?.details ?? ''}`, srcKey, target);
  const seen = pkt.src;
  if (!self) {
    ing = evaluateIngress(state, dst, seen === src.ip ? { kind: 'pod', pod: src } : { kind: 'ip', ip: seen }, dstPort, protocol);
    if (!ing.allowed) {
      tb.add({ actor: POLICY_ACTOR, action: `Ingress policies of ${dstLabel} checked`, details: ing.explanation, result: `Denied: no ingress rule of ${ing.isolatingPolicies.map((p) => `"${p.split('/')[1]}"`).join(', ')} matches`, outcome: 'denied', phase: 'policy', set: { [POLICY]: 'Egress allowed, ingress denied', [srcRow]: 'Timed out' } });
      return fail(tb, 'policy-denied', ing.explanation, srcKey, target);
    }
    tb.add({ actor: POLICY_ACTOR, action: `Ingress policies of ${dstLabel} checked`, details: ing.explanation, result: `Allowed (${policySummary(ing)})`, phase: 'policy', set: { [POLICY]: 'Egress allowed, ingress allowed' } });
  }
  // The RST (or ICMP port unreachable) of a refusal travels back like any reply: with no route back it is lost,
  // and the client, which never hears it, times out.
  const refusalLost = (): ConnectResult | null => {
    if (!route.replyLost) return null;
    tb.add({ ...stepOf(route.replyLost), phase: 'response', outcome: 'error', set: { ...rows(route.replyLost.set), [srcRow]: 'Timed out' }, packet: { ...reply(dst.ip, dstPort, 63), dst: seen, ...(route.reply?.outer ? { outer: route.reply.outer } : {}) } });
    return fail(tb, 'timeout', `Timed out: the ${tcp ? 'TCP RST' : 'ICMP port unreachable'} from ${dstKey} is lost on the way back. ${route.replyLost.details}`, srcKey, target);
  };
  if (dst.phase === 'Pending' && protocol !== 'ICMP') {
    // The sandbox and its network namespace exist (CNI ADD gave the pod its IP), but no container has started.
    tb.add({ actor: dstLabel, action: `${dstLabel} is still starting`, details: `${dstKey} is ContainerCreating: its sandbox already has ${dst.ip}, but no container process runs yet, so nothing listens on ${dstPort}/${protocol} and the kernel in the pod's network namespace answers ${tcp ? 'the SYN with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [dstLabel]: 'ContainerCreating', ...(route.replyLost ? {} : { [srcRow]: 'Connection refused' }) } });
    const lost = refusalLost();
    if (lost) return lost;
    return fail(tb, 'refused', `Connection refused: ${dstKey} (${dst.ip}) is ContainerCreating; its IP is up but no container listens yet.`, srcKey, target);
  }
  if (dst.phase !== 'Running' && dst.phase !== 'Pending') {
    tb.add({ actor: dstLabel, action: `${dstLabel} is not running`, details: `${dstKey} is ${dst.phase}: no process receives the packet.`, result: 'No answer', outcome: 'error', phase: 'delivery', set: { [dstLabel]: dst.phase, [srcRow]: 'Timed out' } });
    return fail(tb, 'timeout', `Destination pod ${dstKey} is ${dst.phase}, so nothing answers on ${dst.ip}.`, srcKey, target);
  }
  if (protocol !== 'ICMP' && !podServes(dst, dstPort, protocol)) {
    const open = podListeners(dst).map((l) => `${l.port}/${l.protocol} (${l.program} in "${l.container}")`);
    const listening = open.length ? `processes listen on ${open.join(', ')}` : 'no process in it listens on any port';
    tb.add({ actor: dstLabel, action: `${dstLabel} has nothing listening on ${dstPort}/${protocol}`, details: `In ${dstKey}, ${listening}; nothing listens on ${dstPort}/${protocol}, so the kernel answers ${tcp ? 'the SYN with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [dstLabel]: 'Port closed', ...(route.replyLost ? {} : { [srcRow]: 'Connection refused' }) } });
    const lost = refusalLost();
    if (lost) return lost;
    return fail(tb, 'refused', `Connection refused: nothing listens on ${dstPort}/${protocol} in ${dstKey} (${dst.ip}); ${listening}.`, srcKey, target);
  }
  const listener = protocol === 'ICMP' ? undefined : listenerOn(dst, dstPort, protocol);
  const container = (listener && dst.containers.find((c) => c.name === listener.container)) ?? dst.containers[0];
  tb.add({
    actor: dstLabel,
    action: `${dstLabel} receives and processes the request`,
    details:
      protocol === 'ICMP'
        ? `${dstLabel}'s kernel (${dst.ip}) receives the echo request (TTL ${route.ttl}) and prepares an echo reply.`
        : `${dstLabel} (${dst.ip}) accepts the ${protocol} ${tcp ? 'connection' : 'packet'} on port ${dstPort}${container ? ` (container "${container.name}", image ${container.image})` : ''} from ${seen}:${sport}${seen === src.ip ? `: ${srcRow}'s own address, unchanged on the way` : `: ${src.nodeName}'s address, not ${srcRow}'s (the counterfactual SNAT), so ${dstLabel} cannot tell which pod is calling`}.`,
    result: 'Request received',
    phase: 'delivery',
    set: { [dstLabel]: `${protocol === 'ICMP' ? 'Echo request' : tcp ? 'Connection' : 'Packet'} from ${seen}` },
    packet: { ...pkt },
    place: podPlace(state, dst),
  });
  if (route.replyLost) {
    tb.add({ ...stepOf(route.replyLost), phase: 'response', outcome: 'error', set: { ...rows(route.replyLost.set), [dstLabel]: 'Response sent', [srcRow]: 'Timed out' }, packet: { ...reply(dst.ip, dstPort, 63), dst: seen, ...(route.reply?.outer ? { outer: route.reply.outer } : {}) } });
    return fail(tb, 'timeout', `Timed out: ${route.replyLost.details}`, srcKey, target);
  }
  const replyFrom = svc ? `${svc.clusterIP}:${port}` : protocol === 'ICMP' ? dst.ip : `${dst.ip}:${dstPort}`;
  tb.add({
    actor: dstLabel,
    action: `${dstLabel} sends the response`,
    details: `The reply ${protocol === 'ICMP' ? dst.ip : `${dst.ip}:${dstPort}`} → ${src.ip}${protocol === 'ICMP' ? '' : `:${sport}`} belongs to the allowed connection: conntrack tracks it as ESTABLISHED, so NetworkPolicy lets it through without a rule of its own${svc ? `, and kube-proxy's conntrack entry reverses the DNAT so it appears to come from ${svc.clusterIP}:${port}` : ''}.`,
    result: 'Response sent (reply allowed by conntrack)',
    phase: 'response',
    set: { [dstLabel]: 'Response sent', ...rows(route.reply?.set), ...(serviceConn && nodeRows ? { [ctRow]: `ESTABLISHED: reply un-DNATed to ${serviceConn.ip}:${serviceConn.port} → ${src.ip}:${sport}` } : {}) },
    packet: { ...reply(dst.ip, dstPort, 64), dst: seen, ...(route.reply?.outer ? { outer: route.reply.outer } : {}) },
    place: podPlace(state, dst, seen),
  });
  tb.add({
    actor: srcRow,
    action: `${srcRow} receives the response`,
    details: `${srcRow} receives the reply from ${replyFrom}${tcp ? '; the connection completes and is later closed' : ''}.`,
    result: 'Connection complete',
    phase: 'response',
    set: { [srcRow]: 'Response received' },
    packet: reply(svc ? svc.clusterIP : dst.ip, svc ? port : dstPort, route.ttl),
    place: podPlace(state, src),
  });
  const parts = [`Allowed: ${srcKey} → ${dstKey} (${dst.ip}) on ${portLabel(dstPort, protocol)}`];
  if (svc) parts.push(`via Service ${keyOf(svc)} (${svc.clusterIP}:${port})`);
  if (self) parts.push('a pod can always reach itself');
  else if (eg && ing) parts.push(`egress: ${eg.isolated ? policySummary(eg) : `${srcKey} is not isolated for egress`}; ingress: ${ing.isolated ? policySummary(ing) : `${dstKey} is not isolated for ingress`}`);
  if (lookup?.answer) parts.push(`DNS: ${lookup.query} → ${lookup.answer.fqdn}`);
  tb.finish();
  if (seen !== src.ip) parts.push(`${dstKey} saw the source ${seen} (${src.nodeName}'s IP): a counterfactual, non-conformant network that SNATs pod-to-pod traffic`);
  if (ctx.conntrack && !self) recordConnection(ctx.conntrack, protocol, src, dst, { sport, dport: dstPort, seen, icmpId: sport }, serviceConn);
  return { allowed: true, reason: `${parts.join('; ')}.`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: srcKey, target, seenSource: seen };
}

/** Leaves the conntrack entries of a completed connection on the client's node and (when elsewhere) the backend's. */
function recordConnection(table: ConntrackTable, protocol: WireProtocol, src: PodModel, dst: PodModel, t: { sport: number; dport: number; seen: string; icmpId: number }, svc: { ip: string; port: number; endpoint: string; spName: string } | null): void {
  const proto = protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp' | 'icmp';
  const ports = (a: number, b: number) => (proto === 'icmp' ? {} : { sport: a, dport: b });
  const icmp = proto === 'icmp' ? { icmpId: t.icmpId } : {};
  table.add(src.nodeName, { protocol: proto, orig: { src: src.ip, dst: svc ? svc.ip : dst.ip, ...ports(t.sport, svc ? svc.port : t.dport) }, reply: { src: dst.ip, dst: t.seen, ...ports(t.dport, t.sport) }, ...icmp });
  if (dst.nodeName !== src.nodeName) table.add(dst.nodeName, { protocol: proto, orig: { src: t.seen, dst: dst.ip, ...ports(t.sport, t.dport) }, reply: { src: dst.ip, dst: t.seen, ...ports(t.dport, t.sport) }, ...icmp });
  if (svc && dst.ip) {
    const [node, key] = [src.nodeName, svc.spName];
    table.setAffinity(node, key, src.ip, svc.endpoint);
  }
}

type DnsOutcome = { ok: true; lookup: DnsLookup } | { ok: false; status: ConnectStatus; reason: string };

/** Runs the DNS part of a connection (query to kube-dns, judged by policy after DNAT to a CoreDNS pod). */
export function dnsStep(state: ClusterState, tb: TraceBuilder, src: PodModel, name: string, eachQuery = false): DnsOutcome {
  if (eachQuery) return dnsQuerySteps(state, tb, src, name);
  const srcLabel = src.name;
  const lookup = resolveName(state, name, src);
  const first = lookup.tried[0] ?? name;
  // The nameserver comes from the pod's resolv.conf (dnsPolicy/dnsConfig): kube-dns, or the upstream resolver itself.
  const upstream = lookup.server.kind === 'upstream';
  const path = upstream ? ({ ok: true, coredns: '' } as const) : dnsPath(state, src);
  const gate = path.ok && lookup.server.kind === 'unreachable' ? ({ ok: false, denied: false, why: `${lookup.server.why}.` } as const) : path;
  const to = upstream ? `the nameserver ${lookup.server.ip} (the upstream resolver, from ${srcLabel}'s resolv.conf)` : `the nameserver ${NAMESERVER} (kube-dns)`;
  if (!gate.ok) {
    tb.add({
      actor: srcLabel,
      action: `${srcLabel} asks DNS for "${name}"`,
      details: `${srcLabel} sends a DNS query (UDP/53) for ${first} to ${to}. ${gate.why}`,
      result: gate.denied ? 'Denied: query dropped' : 'No answer',
      outcome: gate.denied ? 'denied' : 'error',
      phase: 'dns',
      set: { [srcLabel]: 'DNS lookup timed out', DNS: 'Query never arrived' },
    });
    return { ok: false, status: 'dns-timeout', reason: `DNS lookup of "${name}" timed out: ${gate.why}` };
  }
  tb.add({
    actor: srcLabel,
    action: `${srcLabel} asks DNS for "${name}"`,
    details: `${srcLabel} sends a DNS query (UDP/53) for ${first} to ${to}${upstream ? '' : `, which kube-proxy sends to CoreDNS pod ${gate.coredns}`}.`,
    result: 'Query sent',
    phase: 'dns',
    set: { [srcLabel]: 'Resolving name', DNS: 'Query received' },
  });
  if (!lookup.answer) {
    const bare = !name.includes('.') && [...state.pods.values()].some((p) => p.name === name.toLowerCase());
    // A headless Service whose pods are not ready has no A record: name the cause rather than "no such name".
    const headlessName = lookup.tried.find((fqdn) => {
      const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(fqdn);
      return !!m && !!state.services.get(`${m[2]}/${m[1]}`)?.headless;
    });
    const emptyHeadless = headlessName ? state.services.get(headlessName.split('.').slice(0, 2).reverse().join('/')) : undefined;
    const tried = lookup.tried.join(', ') || name;
    const cause = emptyHeadless
      ? `${keyOf(emptyHeadless)} is a headless Service with no ready endpoints, so ${headlessName} has no address`
      : upstream
        ? `the upstream resolver ${lookup.server.ip} knows none of these names (${srcLabel}'s dnsPolicy sends it no cluster names)`
        : `CoreDNS has no record for any name on the search path of namespace ${src.namespace}`;
    const hint = !emptyHeadless && bare ? " A pod's own name is not a DNS name: connect to the pod IP, or through a Service that selects the pod." : '';
    tb.add({
      actor: upstream ? 'Upstream DNS' : 'CoreDNS',
      action: emptyHeadless ? 'CoreDNS has no address for the name' : upstream ? 'The upstream resolver has no record for the name' : 'CoreDNS has no record for the name',
      details: emptyHeadless ? `${cause}.` : `${cause} (tried ${tried}).`,
      result: 'NXDOMAIN',
      outcome: 'error',
      phase: 'dns',
      set: { DNS: 'NXDOMAIN', [srcLabel]: 'Name not resolved' },
    });
    return { ok: false, status: 'nxdomain', reason: `DNS lookup of "${name}" failed with NXDOMAIN: ${cause} (tried ${tried}).${hint}` };
  }
  const a = lookup.answer;
  const what =
    a.kind === 'service'
      ? `Service ${a.service ? keyOf(a.service) : ''} ClusterIP`
      : a.kind === 'headless'
        ? `headless Service ${a.service ? keyOf(a.service) : ''} (pod IPs; the client takes the first)`
        : a.cname
          ? `an ExternalName alias: CNAME ${a.cname}, whose address CoreDNS looked up through its upstream`
          : a.kind === 'external'
            ? `an external name, answered by the upstream resolver${upstream ? '' : ' that CoreDNS forwards to'}`
            : 'pod record';
  const answerer = upstream ? 'The upstream resolver' : 'CoreDNS';
  tb.add({
    actor: upstream ? 'Upstream DNS' : 'CoreDNS',
    action: `${answerer} answers`,
    details: `${answerer} answers ${a.fqdn}${a.cname ? ` CNAME ${a.cname},` : ''} A ${a.ips.join(', ')} (${what})${lookup.tried.length > 1 ? ` after NXDOMAIN for ${lookup.tried.slice(0, -1).join(', ')}` : ''}.`,
    result: `Resolved to ${a.ips[0] ?? ''}`,
    phase: 'dns',
    set: { DNS: `Answered ${a.ips[0] ?? ''}`, [srcLabel]: 'Name resolved' },
  });
  return { ok: true, lookup };
}

/** Whether a pod's DNS queries reach CoreDNS (egress of the pod and ingress of CoreDNS, UDP/53, after DNAT). */
export function dnsPath(state: ClusterState, src: PodModel): { ok: true; coredns: string } | { ok: false; denied: boolean; why: string } {
  const svc = state.services.get('kube-system/kube-dns');
  const sp = svc ? findServicePort(svc, 53, 'UDP') : undefined;
  const backend = svc && sp ? chooseBackend(state, svc, sp) : null;
  if (!svc || !sp || !backend) {
    return { ok: false, denied: false, why: 'The kube-dns Service has no ready CoreDNS endpoint, so nothing answers the query.' };
  }
  const core = backend.pod;
  if (keyOf(core) === keyOf(src)) return { ok: true, coredns: keyOf(core) };
  const judged = serviceEgressTarget(state, svc.clusterIP, 53, core, backend.port);
  const eg = evaluateEgress(state, src, judged.peer, judged.port, 'UDP');
  if (!eg.allowed) return { ok: false, denied: true, why: `The query to ${NAMESERVER}:53 (DNAT to CoreDNS ${keyOf(core)}, ${core.ip}:${backend.port}/UDP) is dropped. ${eg.explanation} (Allow egress UDP/53 to the kube-dns pods in kube-system.)` };
  const ing = evaluateIngress(state, core, { kind: 'pod', pod: src }, backend.port, 'UDP');
  if (!ing.allowed) return { ok: false, denied: true, why: `The query to ${NAMESERVER}:53 (DNAT to CoreDNS ${keyOf(core)}) is dropped. ${ing.explanation}` };
  return { ok: true, coredns: `${keyOf(core)} (${core.ip})` };
}

/** The label a peer has in texts ('ns/name' or IP). */
export { peerLabel };
