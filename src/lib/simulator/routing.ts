/**
 * Packet routing in a flat, bridge-based pod network (flannel style): each pod's veth plugs into its node's
 * bridge `cni0` (gateway .1 of the node's pod CIDR); same-node traffic is switched by the bridge; cross-node
 * traffic follows the source node's routing table (datapath/node-network.ts: host-gw routes or VXLAN through
 * flannel.1), so a missing or wrong route loses the packet; traffic leaving the cluster is masqueraded.
 */
import { intToIp, ipToInt, parseCidr } from './ipam.ts';
import type { ClusterState } from './state.ts';
import type { NodeModel, PacketHeaders, PodModel } from './types.ts';
import { lookupRoute, nodeNetwork, VXLAN } from './datapath/node-network.ts';
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
}

/** A route between two endpoints. */
export interface Route {
  kind: 'loopback' | 'same-node' | 'cross-node' | 'external' | 'unroutable';
  hops: Hop[];
  /** IP TTL the receiver sees for a packet sent with TTL 64. */
  ttl: number;
}

/** The name of a node's bridge as used in traces. */
export function bridgeActor(node: string): string {
  return `${node} bridge (cni0)`;
}

/** The bridge (gateway) address of a node: .1 of its pod CIDR. */
export function bridgeIP(node: NodeModel): string {
  const c = parseCidr(node.podCIDR);
  return c ? intToIp(c.base + 1) : '';
}

function routeText(r: RouteEntry): string {
  return [r.dst, r.via ? `via ${r.via}` : '', `dev ${r.dev}`, r.proto ? `proto ${r.proto}` : '', r.scope ? `scope ${r.scope}` : '', r.src ? `src ${r.src}` : '', r.onlink ? 'onlink' : ''].filter(Boolean).join(' ');
}

/** Route from a pod to another pod, read off the source node's routing table (longest-prefix match). */
export function routePodToPod(state: ClusterState, src: PodModel, dst: PodModel): Route {
  if (src.namespace === dst.namespace && src.name === dst.name) {
    return {
      kind: 'loopback',
      ttl: 64,
      hops: [{ actor: src.name, action: 'Local delivery', details: `${dst.ip} is ${src.name}'s own address, so the kernel delivers the packet inside the pod's network namespace without leaving it.`, result: 'Delivered locally', ttl: 64 }],
    };
  }
  const a = state.nodes.get(src.nodeName);
  const b = state.nodes.get(dst.nodeName);
  const table = a ? nodeNetwork(state, a.name) : null;
  if (!a || !b || !table) return { kind: 'same-node', ttl: 64, hops: [] };
  const route = lookupRoute(table, dst.ip);
  if (route && route.dev === 'cni0' && a.name === b.name) {
    return {
      kind: 'same-node',
      ttl: 64,
      hops: [
        {
          actor: bridgeActor(a.name),
          action: 'Bridge forwards on the same node',
          details: `${src.name} and ${dst.name} both run on ${a.name}: the packet leaves ${src.name}'s veth into bridge cni0 (${bridgeIP(a)}), which switches it to ${dst.name}'s veth (${dst.ip}) at layer 2: no routing, so the TTL stays 64.`,
          result: `Forwarded to ${dst.name} on ${a.name}`,
          ttl: 64,
        },
      ],
    };
  }
  const nextNode = route?.via ? (route.dev === VXLAN.device ? state.model.nodes.find((n) => parseCidr(n.podCIDR)?.base === ipToInt(route.via ?? '')) : state.nodesByIP.get(route.via)) : undefined;
  if (!route || route.dst === 'default' || !nextNode || nextNode.name !== b.name) {
    const why = !route || route.dst === 'default' ? `${a.name} has no route for ${b.podCIDR}, so the packet follows the default route${route?.via ? ` to ${route.via}` : ''} out of the cluster and is lost` : `${a.name}'s route ${routeText(route)} sends the packet to ${nextNode?.name ?? route.via}, not to ${b.name}, which owns ${dst.ip}`;
    return { kind: 'unroutable', ttl: 63, hops: [{ actor: a.name, action: 'No route to the destination node', details: `${why}.`, result: 'Packet lost', ttl: 63 }] };
  }
  if (route.dev === VXLAN.device) {
    const outer = { src: a.internalIP, dst: b.internalIP, protocol: 'UDP' as const, dstPort: VXLAN.port, vni: VXLAN.vni };
    return {
      kind: 'cross-node',
      ttl: 62,
      hops: [
        {
          actor: a.name,
          action: 'Source node encapsulates in VXLAN',
          details: `${a.name} matches ${routeText(route)}: flannel.1 wraps the packet in VXLAN (VNI ${VXLAN.vni}) inside UDP ${a.internalIP} → ${b.internalIP}:${VXLAN.port} (the VTEP's FDB entry for ${b.name}) and sends it out of eth0; the pod addresses travel unchanged inside.`,
          result: `Encapsulated to ${b.name} (${b.internalIP})`,
          ttl: 63,
          outer,
        },
        {
          actor: bridgeActor(b.name),
          action: 'Destination node decapsulates and bridges to the pod',
          details: `${b.name} receives UDP ${VXLAN.port} on eth0; flannel.1 strips the outer headers, and the inner packet (${src.ip} → ${dst.ip}) is routed to cni0 (${bridgeIP(b)}), which forwards it to ${dst.name}'s veth.`,
          result: `Forwarded to ${dst.name} on ${b.name}`,
          ttl: 62,
          outer: null,
        },
      ],
    };
  }
  return {
    kind: 'cross-node',
    ttl: 62,
    hops: [
      {
        actor: a.name,
        action: 'Source node routes to the destination node',
        details: `${dst.ip} is in ${b.name}'s pod CIDR ${b.podCIDR}: ${a.name} (${a.internalIP}) receives the packet on cni0 and sends it out of eth0 by its route ${routeText(route)}, decrementing the TTL.`,
        result: `Sent to ${b.name} (${b.internalIP})`,
        ttl: 63,
      },
      {
        actor: bridgeActor(b.name),
        action: 'Destination node bridges to the pod',
        details: `${b.name} receives the packet on eth0, routes it by ${b.podCIDR} dev cni0 and its bridge cni0 (${bridgeIP(b)}) forwards it to ${dst.name}'s veth (${dst.ip}).`,
        result: `Forwarded to ${dst.name} on ${b.name}`,
        ttl: 62,
      },
    ],
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
  const hop: Hop = { actor: nodeName, action: target ? 'Node routes to another node' : 'Node masquerades and routes out', details, result: `Sent towards ${ip}`, ttl: 63 };
  if (!target && a) hop.snat = a.internalIP;
  return { kind: 'external', ttl: 63, hops: [hop] };
}
