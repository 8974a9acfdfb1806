/**
 * Packet routing in a flat, bridge-based pod network as flannel builds it (the CNI `bridge` plugin with flannel's
 * host-gw or VXLAN backend; kind's own kindnet differs: it uses the CNI `ptp` plugin, one point-to-point veth per
 * pod and no bridge). Each pod's veth plugs into its node's bridge `cni0` (gateway .1 of the node's pod CIDR);
 * same-node traffic is switched by the bridge; cross-node traffic follows the source node's routing table
 * (datapath/node-network.ts: host-gw routes or VXLAN through flannel.1, with an admin's route edits), so a missing
 * or wrong route loses the packet; a node firewall that drops VXLAN's UDP port loses encapsulated packets; traffic
 * leaving the cluster is masqueraded. Pure functions of the ClusterState.
 */
import { fnv1a, intToIp, ipToInt, parseCidr } from './ipam.ts';
import type { ClusterState } from './state.ts';
import type { FirewallRule, NodeModel, PacketHeaders, PacketPlace, PodModel, WireProtocol } from './types.ts';
import { hostVethOf, iproute2RouteLine, nodePlace, nodeRouteFor } from './datapath/places.ts';
import { lookupRoute, nodeNetworkGateway, nodeRouteTable, sameNodeNetwork, unreachableHostGwPeers, VXLAN } from './datapath/node-network.ts';
import type { RouteEntry } from './datapath/node-network.ts';

/** One hop of a route, rendered as one trace step. */
export interface Hop {
  actor: string;
  action: string;
  details: string;
  result: string;
  /** TTL of the (inner) packet after this hop. */
  ttl: number;
  /** The outer header this hop adds (VXLAN encapsulation), or null when it removes it. */
  outer?: PacketHeaders['outer'] | null;
  /** The source address after this hop, when it rewrites it (masquerading). */
  snat?: string;
  /** Tracker rows this hop updates (node rows, the wire). */
  set?: Record<string, string>;
  /** Set when the packet is lost at this hop. */
  outcome?: 'error';
  /** Where the packet is after this hop (node, interface, the route looked up); the wire between nodes has none. */
  place?: PacketPlace;
}

/** A route between two endpoints. */
export interface Route {
  kind: 'loopback' | 'same-node' | 'cross-node' | 'external' | 'unroutable' | 'dropped';
  hops: Hop[];
  /** IP TTL the receiver sees for a packet sent with TTL 64. */
  ttl: number;
  /** Tracker rows the hops use (nodes, the wire), in display order: what happens there shows at the step only. */
  rows?: string[];
  /** The outer header of the reply and the rows it sets, when the reply is encapsulated too. */
  reply?: { outer?: PacketHeaders['outer']; set: Record<string, string> };
  /** Set when the request arrives but the reply is lost on the way back (a firewall on the source node). */
  replyLost?: Hop;
}

/** The tracker row of the node network between the nodes (lesson trackers call it "wire"). */
export const WIRE_ROW = 'wire';

/** The first firewall rule of `node` that drops a packet of `protocol` to `port` addressed to the node itself, if any. */
export function firewallDrop(state: ClusterState, node: string, protocol: WireProtocol, port: number): FirewallRule | undefined {
  return (state.model.network.firewall ?? []).find((f) => f.node === node && f.protocol === protocol && (f.port === undefined || f.port === port));
}

/** A firewall rule as iptables would list it. */
export function firewallText(f: FirewallRule): string {
  return `-A INPUT -p ${f.protocol.toLowerCase()}${f.port === undefined ? '' : ` --dport ${f.port}`} -j ${f.action}`;
}

/** The VXLAN source port Linux picks for a flow (hash of the inner headers, in the local port range 32768–60999). */
export function vxlanSourcePort(src: string, dst: string): number {
  return 32768 + (fnv1a(`vxlan:${src}>${dst}`) % 28232);
}

const NON_CONFORMANT = 'Counterfactual, non-conformant network: ';

/** The name of a node's bridge as used in traces. */
export function bridgeActor(node: string): string {
  return `${node} bridge (cni0)`;
}

/** The bridge (gateway) address of a node: .1 of its pod CIDR. */
export function bridgeIP(node: NodeModel): string {
  const c = parseCidr(node.podCIDR);
  return c ? intToIp(c.base + 1) : '';
}

const routeText = (r: RouteEntry): string => iproute2RouteLine(r);

/**
 * The route from pod `src` to pod `dst`, and whether the reply gets back: the reply is routed by the
 * destination node's own table, so a route missing on that node (e.g. a deleted route back to the source's
 * podCIDR) loses the reply even though the request arrived. Not checked under the counterfactual SNAT, whose
 * reply goes to the source node's own address.
 */
export function routePodToPod(state: ClusterState, src: PodModel, dst: PodModel): Route {
  const forward = routeOneWay(state, src, dst);
  if (forward.kind !== 'cross-node' || forward.replyLost || state.model.network.podToPodSnat) return forward;
  const back = routeOneWay(state, dst, src);
  if (back.kind !== 'unroutable') return forward;
  const lost = back.hops[0];
  if (!lost) return forward;
  return {
    ...forward,
    replyLost: {
      ...lost,
      action: 'The reply finds no route back',
      details: `The request arrived, but the reply ${dst.ip} → ${src.ip} is routed by ${dst.nodeName}'s own table: ${lost.details.replace(/\.$/, '')}. ${src.name} never sees the answer and times out.`,
      result: 'Reply lost',
    },
  };
}

/**
 * What the source node's routing table and the nodes' firewalls do with a packet from a pod on node `from` to pod
 * `dst`, without the trace's words (routeOneWay words it; the reachability grid reads only the kind, so both judge
 * by this one lookup): `none` when a node or its table is unknown (nothing to route by), `local` for a hostNetwork
 * destination on the same node (the node's own address), `node` for one on another node (its InternalIP, reached
 * like any node address: the node network's link route or the default route), `same-node` when the bridge
 * switches it, `unroutable` when no route leads to the destination's node, `host-gw` / `vxlan` across nodes
 * (with the firewall rules that drop the VXLAN packet on the way in, or its reply on the way back).
 */
export type PodPath =
  | { kind: 'none' }
  | { kind: 'local'; a: NodeModel }
  | { kind: 'node' | 'same-node' | 'host-gw'; a: NodeModel; b: NodeModel; route: RouteEntry }
  | { kind: 'unroutable'; a: NodeModel; b: NodeModel; route: RouteEntry | null; nextNode: NodeModel | undefined }
  | { kind: 'vxlan'; a: NodeModel; b: NodeModel; route: RouteEntry; dropIn: FirewallRule | undefined; dropBack: FirewallRule | undefined };

/** The node whose flannel.1 address (the network address of its pod CIDR) is `via`, per state. */
const vtepNodes = new WeakMap<ClusterState, Map<string, NodeModel | undefined>>();

function vtepNode(state: ClusterState, via: string): NodeModel | undefined {
  let byVia = vtepNodes.get(state);
  if (!byVia) vtepNodes.set(state, (byVia = new Map()));
  if (byVia.has(via)) return byVia.get(via);
  const n = ipToInt(via);
  const node = state.model.nodes.find((x) => parseCidr(x.podCIDR)?.base === n);
  byVia.set(via, node);
  return node;
}

/** The path of a packet from node `from` (a pod on it, or the node itself) to pod `dst`: see PodPath. `dstIP` is dst.ip as an integer, when the caller has it. */
export function podPath(state: ClusterState, from: string, dst: PodModel, dstIP: number | null = ipToInt(dst.ip)): PodPath {
  const a = state.nodes.get(from);
  const b = state.nodes.get(dst.nodeName);
  const table = a ? nodeRouteTable(state, a.name) : null;
  if (!a || !b || !table) return { kind: 'none' };
  if (dst.hostNetwork && a.name === b.name) return { kind: 'local', a };
  const route = lookupRoute(table, dstIP ?? dst.ip);
  if (dst.hostNetwork) return route ? { kind: 'node', a, b, route } : { kind: 'unroutable', a, b, route, nextNode: undefined };
  if (route && route.dev === 'cni0' && a.name === b.name) return { kind: 'same-node', a, b, route };
  const nextNode = route?.via ? (route.dev === VXLAN.device ? vtepNode(state, route.via) : state.nodesByIP.get(route.via)) : undefined;
  if (!route || route.dst === 'default' || !nextNode || nextNode.name !== b.name) return { kind: 'unroutable', a, b, route, nextNode };
  if (route.dev === VXLAN.device) return { kind: 'vxlan', a, b, route, dropIn: firewallDrop(state, b.name, 'UDP', VXLAN.port), dropBack: firewallDrop(state, a.name, 'UDP', VXLAN.port) };
  return { kind: 'host-gw', a, b, route };
}

/** True when the path crosses nodes by the pod routes (host-gw or VXLAN), where the counterfactual pod-to-pod SNAT applies. */
export function crossesByPodRoute(path: PodPath): boolean {
  return path.kind === 'host-gw' || (path.kind === 'vxlan' && !path.dropIn);
}

/**
 * Whether the request of pod `src` reaches pod `dst` and the reply gets back, by the routes and firewalls alone:
 * exactly the verdict of routePodToPod (lost when it is `unroutable` or `dropped` or has `replyLost`), without its words.
 */
export function podRouteDelivers(state: ClusterState, src: PodModel, dst: PodModel): boolean {
  if (src.namespace === dst.namespace && src.name === dst.name) return true;
  const forward = podPath(state, src.nodeName, dst);
  return pathDelivers(forward, () => podPath(state, dst.nodeName, src).kind !== 'unroutable', !!state.model.network.podToPodSnat);
}

/** The verdict of a forward path given how the reply is routed back (asked only when a cross-node reply is routed by the far node's table). */
export function pathDelivers(forward: PodPath, backRoutes: () => boolean, podToPodSnat: boolean): boolean {
  if (forward.kind === 'unroutable') return false;
  if (forward.kind === 'vxlan' && (forward.dropIn || forward.dropBack)) return false;
  if (forward.kind === 'none' || forward.kind === 'local' || forward.kind === 'same-node' || podToPodSnat) return true;
  return backRoutes();
}

/** Route from a pod to another pod, read off the source node's routing table (longest-prefix match). */
function routeOneWay(state: ClusterState, src: PodModel, dst: PodModel): Route {
  if (src.namespace === dst.namespace && src.name === dst.name) {
    return {
      kind: 'loopback',
      ttl: 64,
      hops: [{ actor: src.name, action: 'Local delivery', details: `${dst.ip} is ${src.name}'s own address, so the kernel delivers the packet inside the pod's network namespace without leaving it.`, result: 'Delivered locally', ttl: 64 }],
    };
  }
  const path = podPath(state, src.nodeName, dst);
  if (path.kind === 'none') return { kind: 'same-node', ttl: 64, hops: [] };
  if (path.kind === 'local') {
    const a = path.a;
    return { kind: 'same-node', ttl: 64, rows: [a.name], hops: [{ actor: a.name, action: 'Node delivers to itself', details: `${dst.name} uses the host network: ${dst.ip} is ${a.name}'s own InternalIP, so the packet from ${src.name} is delivered to the node's local network stack, without leaving the node.`, result: `Delivered locally to ${dst.ip}`, ttl: 64, set: { [a.name]: `Delivered to ${dst.ip} (host network)` } }] };
  }
  const { a, b } = path;
  if (path.kind === 'node') {
    const details = `${dst.name} uses the host network: ${dst.ip} is ${b.name}'s InternalIP, so ${a.name} sends the packet out of ${path.route.dev} by its route ${routeText(path.route)}, like any traffic between the node addresses, and ${b.name}'s own stack receives it.`;
    return { kind: 'cross-node', ttl: 63, rows: [a.name, b.name], hops: [{ actor: a.name, action: 'Node routes to another node', details, result: `Sent to ${b.name} (${b.internalIP})`, ttl: 63, set: { [a.name]: `Forwarded to ${dst.ip}`, [b.name]: 'Received (host network)' }, place: nodePlace(a.name, path.route.dev, { route: path.route }) }], reply: { set: { [a.name]: 'Forwarded', [b.name]: 'Replied' } } };
  }
  if (path.kind === 'same-node') {
    return {
      kind: 'same-node',
      ttl: 64,
      rows: [a.name],
      hops: [
        {
          actor: bridgeActor(a.name),
          action: 'Bridge forwards on the same node',
          details: `${src.name} and ${dst.name} both run on ${a.name}: the packet leaves ${src.name}'s veth into bridge cni0 (${bridgeIP(a)}), which switches it to ${dst.name}'s veth (${dst.ip}) at layer 2: no routing, so the TTL stays 64.`,
          result: `Forwarded to ${dst.name} on ${a.name}`,
          ttl: 64,
          set: { [a.name]: `Bridged to ${dst.name}'s veth` },
          place: nodePlace(a.name, hostVethOf(state, dst) ?? 'cni0', { through: ['cni0'] }),
        },
      ],
      reply: { set: { [a.name]: 'Bridged back' } },
    };
  }
  const rows = [a.name, b.name];
  if (path.kind === 'unroutable') {
    const { route, nextNode } = path;
    const offLink = unreachableHostGwPeers(state, a.name).some((n) => n.name === b.name);
    const edited = (state.model.network.routes ?? []).some((e) => e.node === a.name && (e.delete !== undefined || e.add !== undefined));
    const gateway = route?.via ? ` to its gateway ${route.via}` : '';
    let why: string;
    if (!route || route.dst === 'default') {
      why = offLink
        ? `${a.name} has no route for ${b.podCIDR}: host-gw needs a route "${b.podCIDR} via ${b.internalIP}", but ${b.internalIP} is not on ${a.name}'s node network (${a.internalIP}/${nodeNetworkGateway(a).prefix}), and the kernel refuses a gateway that is not directly connected ("Network is unreachable"), so flannel could not install it (host-gw needs every node on one layer-2 network; VXLAN works across routers). The packet follows the default route${gateway}, a router that knows nothing of pod networks, and is lost`
        : `${a.name} has no route for ${b.podCIDR}${edited ? ' (it was deleted)' : ''}, so the longest matching prefix is the default route: the packet leaves eth0${gateway}, which knows nothing of pod networks, and is lost`;
    } else if (nextNode || route.via) {
      why = `${a.name}'s route ${routeText(route)} sends the packet to ${nextNode?.name ?? route.via}, not to ${b.name}, which owns ${dst.ip}`;
    } else {
      why = `${a.name}'s route ${routeText(route)} leads to no node: ${dst.ip} is not on that network (it is in ${b.name}'s pod CIDR ${b.podCIDR}), so nothing there answers for it`;
    }
    return { kind: 'unroutable', ttl: 63, rows: [a.name], hops: [{ actor: a.name, action: 'No route to the destination node', details: `${why}.`, result: 'Packet lost', ttl: 63, outcome: 'error', place: nodePlace(a.name, route?.dev ?? 'eth0', { through: ['cni0'], route }), set: { [a.name]: route?.dst === 'default' ? `Default route${route.via ? ` via ${route.via}` : ''}: lost` : 'Wrong route: lost' } }] };
  }
  const route = path.route;
  const snat = state.model.network.podToPodSnat ? a.internalIP : undefined;
  const snatText = snat ? ` ${NON_CONFORMANT}${a.name} also rewrites the source ${src.ip} to its own address ${snat} (SNAT), so ${dst.name} will see the node, not ${src.name}; the Kubernetes network model forbids this: pods must reach each other without NAT.` : '';
  if (route.dev === VXLAN.device) {
    const outer = { src: a.internalIP, dst: b.internalIP, protocol: 'UDP' as const, dstPort: VXLAN.port, vni: VXLAN.vni, srcPort: vxlanSourcePort(src.ip, dst.ip), overhead: VXLAN.overhead };
    const dropIn = path.kind === 'vxlan' ? path.dropIn : undefined;
    const outerRoute = nodeRouteFor(state, a.name, b.internalIP);
    const hops: Hop[] = [
      {
        actor: a.name,
        action: 'Source node routes to flannel.1',
        details: `${dst.ip} is not on ${src.name}'s /${parseCidr(a.podCIDR)?.prefix ?? 24}, so ${src.name} sent the packet to its gateway ${bridgeIP(a)} (cni0). ${a.name} looks ${dst.ip} up: the longest match is ${routeText(route)}, and forwarding decrements the TTL.${snatText}`,
        result: 'Routed to flannel.1',
        ttl: 63,
        set: { [a.name]: snat ? `SNAT to ${snat}, route via flannel.1` : 'Route via flannel.1' },
        place: nodePlace(a.name, route.dev, { through: ['cni0'], route }),
        ...(snat ? { snat } : {}),
      },
      {
        actor: `${a.name} (flannel.1)`,
        action: 'Source node encapsulates in VXLAN',
        details: `flannel.1 finds ${b.name}'s VTEP in its forwarding database (the MAC of ${route.via} → dst ${b.internalIP}) and wraps the frame in VXLAN (VNI ${VXLAN.vni}) inside UDP ${a.internalIP}:${outer.srcPort} → ${b.internalIP}:${VXLAN.port}, adding ${VXLAN.overhead} bytes (which is why flannel.1's MTU is ${1500 - VXLAN.overhead}); the inner packet travels unchanged.`,
        result: `Encapsulated to ${b.name} (${b.internalIP})`,
        ttl: 63,
        outer,
        set: { [a.name]: `VXLAN encap, VNI ${VXLAN.vni}` },
        // The outer packet is routed by node-1's main table like any packet to the node IP.
        place: nodePlace(a.name, outerRoute?.dev ?? 'eth0', { through: [route.dev], route: outerRoute }),
      },
      {
        actor: 'Node network',
        action: 'The node network carries the outer packet',
        details: `The node network sees only a UDP packet ${a.internalIP} → ${b.internalIP}:${VXLAN.port}${!sameNodeNetwork(a, b) ? `, which ${a.name}'s default route sends through the router between the node subnets, like any traffic between the node IPs` : ''}; the pod addresses are hidden inside.`,
        result: 'Outer packet delivered to the node',
        ttl: 63,
        set: { [WIRE_ROW]: 'Carrying outer' },
      },
    ];
    if (dropIn) {
      hops.push({ actor: b.name, action: 'Destination node firewall drops the VXLAN packet', details: `${b.name}'s firewall rule \`${firewallText(dropIn)}\` matches the outer packet (UDP ${VXLAN.port} to ${b.internalIP}) before flannel.1 sees it, so it is dropped silently; ${src.name} gets no answer and the connection times out. Allow UDP ${VXLAN.port} between the nodes, as flannel requires.`, result: 'Dropped by the firewall', ttl: 63, outcome: 'error', set: { [b.name]: `Dropped UDP ${VXLAN.port} (firewall)` }, place: nodePlace(b.name, 'eth0') });
      return { kind: 'dropped', ttl: 63, rows: [a.name, WIRE_ROW, b.name], hops };
    }
    hops.push(
      {
        actor: `${b.name} (flannel.1)`,
        action: 'Destination node decapsulates',
        details: `${b.name} receives UDP ${VXLAN.port} on eth0; the kernel's VXLAN driver hands it to flannel.1 (VNI ${VXLAN.vni}), which strips the outer headers and leaves the inner packet ${snat ?? src.ip} → ${dst.ip} as it was sent.`,
        result: 'Inner packet recovered',
        ttl: 63,
        outer: null,
        set: { [b.name]: 'Decap on flannel.1' },
        place: nodePlace(b.name, VXLAN.device, { through: ['eth0'] }),
      },
      {
        actor: bridgeActor(b.name),
        action: 'Destination node routes to cni0 and bridges to the pod',
        details: `${b.name} looks ${dst.ip} up: ${b.podCIDR} dev cni0 (its own pod network); forwarding decrements the TTL, and bridge cni0 (${bridgeIP(b)}) forwards the frame to ${dst.name}'s veth.`,
        result: `Forwarded to ${dst.name} on ${b.name}`,
        ttl: 62,
        set: { [b.name]: 'Route dev cni0' },
        place: nodePlace(b.name, hostVethOf(state, dst) ?? 'cni0', { through: [VXLAN.device, 'cni0'], route: nodeRouteFor(state, b.name, dst.ip) }),
      },
    );
    const dropBack = path.kind === 'vxlan' ? path.dropBack : undefined;
    const back = { src: b.internalIP, dst: a.internalIP, protocol: 'UDP' as const, dstPort: VXLAN.port, vni: VXLAN.vni, srcPort: vxlanSourcePort(dst.ip, snat ?? src.ip), overhead: VXLAN.overhead };
    return {
      kind: 'cross-node',
      ttl: 62,
      rows: [a.name, WIRE_ROW, b.name],
      hops,
      reply: { outer: back, set: { [a.name]: 'Decap', [WIRE_ROW]: 'Carrying outer', [b.name]: 'Encap' } },
      ...(dropBack ? { replyLost: { actor: a.name, action: 'Source node firewall drops the encapsulated reply', details: `The reply comes back as UDP ${b.internalIP} → ${a.internalIP}:${VXLAN.port}, and ${a.name}'s firewall rule \`${firewallText(dropBack)}\` drops it: the request arrived, but ${src.name} never sees the answer and times out.`, result: 'Reply dropped by the firewall', ttl: 63, outcome: 'error' as const, place: nodePlace(a.name, 'eth0'), set: { [a.name]: `Dropped UDP ${VXLAN.port} (firewall)` } } } : {}),
    };
  }
  return {
    kind: 'cross-node',
    ttl: 62,
    rows,
    hops: [
      {
        actor: a.name,
        action: 'Source node routes to the destination node',
        details: `${dst.ip} is in ${b.name}'s pod CIDR ${b.podCIDR}: ${a.name} (${a.internalIP}) receives the packet on cni0 and sends it out of eth0 by its route ${routeText(route)}, decrementing the TTL.${snatText}`,
        result: `Sent to ${b.name} (${b.internalIP})`,
        ttl: 63,
        set: { [a.name]: snat ? `SNAT to ${snat}, forwarded via ${b.internalIP}` : `Forwarded via ${b.internalIP}` },
        place: nodePlace(a.name, route.dev, { through: ['cni0'], route }),
        ...(snat ? { snat } : {}),
      },
      {
        actor: bridgeActor(b.name),
        action: 'Destination node bridges to the pod',
        details: `${b.name} receives the packet on eth0, routes it by ${b.podCIDR} dev cni0 and its bridge cni0 (${bridgeIP(b)}) forwards it to ${dst.name}'s veth (${dst.ip}).`,
        result: `Forwarded to ${dst.name} on ${b.name}`,
        ttl: 62,
        set: { [b.name]: `Bridged to ${dst.name}'s veth` },
        place: nodePlace(b.name, hostVethOf(state, dst) ?? 'cni0', { through: ['eth0', 'cni0'], route: nodeRouteFor(state, b.name, dst.ip) }),
      },
    ],
    reply: { set: { [a.name]: 'Forwarded', [b.name]: 'Forwarded' } },
  };
}

/** Route from a pod to an address outside the pod network (masqueraded by the node). */
export function routeToExternal(state: ClusterState, src: PodModel, ip: string): Route {
  const a = state.nodes.get(src.nodeName);
  const nodeName = a?.name ?? src.nodeName;
  const target = state.nodesByIP.get(ip);
  if (target && target.name === nodeName) {
    return { kind: 'external', ttl: 64, hops: [{ actor: nodeName, action: 'Node delivers to itself', details: `${ip} is ${nodeName}'s own InternalIP: the packet from the pod's veth is delivered to the node's local network stack, without leaving the node.`, result: `Delivered locally to ${ip}`, ttl: 64 }] };
  }
  const details = target
    ? `${ip} is the InternalIP of node ${target.name}: ${nodeName} routes the packet out of eth0 to it (the node answers on its own address).`
    : `${ip} is outside the cluster: ${nodeName} masquerades (SNATs) the packet to its own IP ${a?.internalIP ?? ''} and sends it out of eth0 to the default gateway.`;
  const hop: Hop = { actor: nodeName, action: target ? 'Node routes to another node' : 'Node masquerades and routes out', details, result: `Sent towards ${ip}`, ttl: 63, set: { [nodeName]: target ? `Forwarded to ${ip}` : `Masqueraded to ${a?.internalIP ?? ''}` } };
  if (!target && a) hop.snat = a.internalIP;
  return { kind: 'external', ttl: 63, hops: [hop] };
}
