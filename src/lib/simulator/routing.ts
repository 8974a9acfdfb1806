/**
 * Packet routing in a flat, bridge-based pod network (flannel/kindnet style):
 * each pod's veth plugs into its node's bridge `cni0` (gateway .1 of the node's pod CIDR); same-node traffic
 * is switched by the bridge, cross-node traffic is routed by the source node to the destination node
 * (a route `<podCIDR> via <nodeIP>` per node), traffic leaving the cluster is masqueraded to the node IP.
 */
import { intToIp, parseCidr } from './ipam.ts';
import type { ClusterState } from './state.ts';
import type { NodeModel, PodModel } from './types.ts';

/** One hop of a route, rendered as one trace step. */
export interface Hop {
  actor: string;
  action: string;
  details: string;
  result: string;
}

/** A route between two endpoints. */
export interface Route {
  kind: 'loopback' | 'same-node' | 'cross-node' | 'external';
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

/** Route from a pod to another pod. */
export function routePodToPod(state: ClusterState, src: PodModel, dst: PodModel): Route {
  if (src.namespace === dst.namespace && src.name === dst.name) {
    return {
      kind: 'loopback',
      ttl: 64,
      hops: [{ actor: src.name, action: 'Local delivery', details: `${dst.ip} is ${src.name}'s own address, so the kernel delivers the packet inside the pod's network namespace without leaving it.`, result: 'Delivered locally' }],
    };
  }
  const a = state.nodes.get(src.nodeName);
  const b = state.nodes.get(dst.nodeName);
  if (!a || !b) return { kind: 'same-node', ttl: 64, hops: [] };
  if (a.name === b.name) {
    return {
      kind: 'same-node',
      ttl: 64,
      hops: [
        {
          actor: bridgeActor(a.name),
          action: 'Bridge forwards on the same node',
          details: `${src.name} and ${dst.name} both run on ${a.name}: the packet leaves ${src.name}'s veth into bridge cni0 (${bridgeIP(a)}), which switches it to ${dst.name}'s veth (${dst.ip}).`,
          result: `Forwarded to ${dst.name} on ${a.name}`,
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
        details: `${dst.ip} is in ${b.name}'s pod CIDR ${b.podCIDR}: ${a.name} (${a.internalIP}) receives the packet on cni0 and sends it out of eth0 via its route ${b.podCIDR} via ${b.internalIP}.`,
        result: `Sent to ${b.name} (${b.internalIP})`,
      },
      {
        actor: bridgeActor(b.name),
        action: 'Destination node bridges to the pod',
        details: `${b.name} receives the packet on eth0 and its bridge cni0 (${bridgeIP(b)}) forwards it to ${dst.name}'s veth (${dst.ip}).`,
        result: `Forwarded to ${dst.name} on ${b.name}`,
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
    return { kind: 'external', ttl: 64, hops: [{ actor: nodeName, action: 'Node delivers to itself', details: `${ip} is ${nodeName}'s own InternalIP: the packet from the pod's veth is delivered to the node's local network stack, without leaving the node.`, result: `Delivered locally to ${ip}` }] };
  }
  const details = target
    ? `${ip} is the InternalIP of node ${target.name}: ${nodeName} routes the packet out of eth0 to it (the node answers on its own address).`
    : `${ip} is outside the cluster: ${nodeName} masquerades (SNATs) the packet to its own IP ${a?.internalIP ?? ''} and sends it out of eth0 to the default gateway.`;
  return { kind: 'external', ttl: 63, hops: [{ actor: nodeName, action: target ? 'Node routes to another node' : 'Node masquerades and routes out', details, result: `Sent towards ${ip}` }] };
}
