/**
 * Where the packet is at each step of a pod-to-pod trace: the network namespace (a pod's or a node's), the
 * interface it is on, the node interfaces it passed, and the route the kernel looked up there, read off the same
 * namespaces `ip addr` and `ip route` print (node-network.ts). The routing and delivery steps record a place;
 * the Visualize diagram draws each node's interfaces that places name and highlights the current one, and the
 * player prints the route under the diagram. Routes are written as iproute2's `ip route` prints them
 * (ip/iproute.c print_route: destination, `via`, `dev`, `proto`, `scope`, `src`, then the `onlink` flag).
 * Pure functions of the ClusterState.
 */
import type { ClusterState } from '../state.ts';
import { keyOf } from '../state.ts';
import type { PacketPlace, PodModel } from '../types.ts';
import { lookupRoute, nodeNetwork, podNetwork } from './node-network.ts';
import type { RouteEntry } from './node-network.ts';

/** A route as iproute2's `ip route` prints it, e.g. `10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1`. */
export function iproute2RouteLine(r: RouteEntry): string {
  return [r.dst, r.via ? `via ${r.via}` : '', `dev ${r.dev}`, r.proto ? `proto ${r.proto}` : '', r.scope ? `scope ${r.scope}` : '', r.src ? `src ${r.src}` : '', r.onlink ? 'onlink' : ''].filter(Boolean).join(' ');
}

/**
 * The place of a packet in a pod's namespace (on its eth0). With `to`, the pod sends it: the route is the one its
 * kernel looks up for `to`, and the packet then crosses the veth pair to the host side, which is named as passed.
 */
export function podPlace(state: ClusterState, pod: PodModel, to?: string): PacketPlace | undefined {
  if (!pod.nodeName || !pod.ip || pod.hostNetwork) return undefined;
  const place: PacketPlace = { node: pod.nodeName, pod: keyOf(pod), dev: 'eth0' };
  if (to === undefined) return place;
  const ns = podNetwork(state, pod);
  const route = ns ? lookupRoute(ns, to) : null;
  if (route) place.route = iproute2RouteLine(route);
  return place;
}

/** The host-side veth of a pod on its node (the bridge port its packets enter and leave by), when it has one. */
export function hostVethOf(state: ClusterState, pod: PodModel): string | undefined {
  const ns = pod.nodeName ? nodeNetwork(state, pod.nodeName) : null;
  return ns?.interfaces.find((i) => i.peerPod === keyOf(pod))?.name;
}

/** The place of a packet in a node's root namespace: on `dev`, having passed `through`, by `route` when one was looked up. */
export function nodePlace(node: string, dev: string, options: { through?: (string | undefined)[]; route?: RouteEntry | null } = {}): PacketPlace {
  const place: PacketPlace = { node, dev };
  const through = (options.through ?? []).filter((name): name is string => !!name && name !== dev);
  if (through.length) place.through = through;
  if (options.route) place.route = iproute2RouteLine(options.route);
  return place;
}

/** The route `node` looks up for `ip` in its main table, or null. */
export function nodeRouteFor(state: ClusterState, node: string, ip: string): RouteEntry | null {
  const ns = nodeNetwork(state, node);
  return ns ? lookupRoute(ns, ip) : null;
}

/** A place in words for the player's line under the diagram: where the packet is ("On node-1's flannel.1") and the route looked up ('' when none). */
export function placeWords(place: PacketPlace): { where: string; route: string } {
  const where = place.pod ? `${place.pod.split('/').pop() ?? place.pod}'s ${place.dev} (on ${place.node})` : `${place.node}'s ${place.dev}`;
  return { where: `On ${where}`, route: place.route ?? '' };
}

/** The `node:interface` id of the node interface a place puts the packet on, or undefined inside a pod's namespace. */
export function placeInterfaceId(place: PacketPlace | undefined): string | undefined {
  return place && !place.pod ? `${place.node}:${place.dev}` : undefined;
}

/** One interface a trace's diagram draws on a node. */
export interface PlaceInterface {
  name: string;
  /** Its first IPv4 address, when it has one (veths and bridge ports have none). */
  address?: string;
  /** For a host-side veth: the pod name at its other end. */
  pod?: string;
}

/**
 * The node interfaces the places of a trace name (the devices the packet was on or passed, and the host veth of
 * every pod it left or entered), per node, in `ip link` order.
 */
export function placeInterfaces(state: ClusterState, places: readonly (PacketPlace | undefined)[]): Record<string, PlaceInterface[]> {
  const named = new Map<string, Set<string>>();
  const add = (node: string, name: string) => {
    let set = named.get(node);
    if (!set) named.set(node, (set = new Set()));
    set.add(name);
  };
  for (const place of places) {
    if (!place) continue;
    const ns = nodeNetwork(state, place.node);
    if (!ns) continue;
    for (const name of place.through ?? []) add(place.node, name);
    if (place.pod) {
      const veth = ns.interfaces.find((i) => i.peerPod === place.pod);
      if (veth) add(place.node, veth.name);
    } else add(place.node, place.dev);
  }
  const out: Record<string, PlaceInterface[]> = {};
  for (const [node, names] of named) {
    const ns = nodeNetwork(state, node);
    out[node] = (ns?.interfaces ?? [])
      .filter((i) => names.has(i.name))
      .map((i) => ({ name: i.name, ...(i.addresses[0] ? { address: i.addresses[0].ip } : {}), ...(i.peerPod ? { pod: i.peerPod.split('/').pop() ?? i.peerPod } : {}) }));
  }
  return out;
}

