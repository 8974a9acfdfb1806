/**
 * The source address kube-proxy's MASQUERADE gives a packet on a node. The kernel's nf_nat_masquerade_ipv4
 * (net/netfilter/nf_nat_masquerade.c) looks up the packet's route and takes
 * `inet_select_addr(out, nexthop, RT_SCOPE_UNIVERSE)`: a primary address of the device the packet leaves by, the one
 * whose subnet holds the next hop when there are several, else the first (a route's `src` hint is not consulted).
 * iptables-extensions(8), MASQUERADE: "equivalent to specifying a mapping to the IP address of the interface the
 * packet is going out". So on a flannel node it is cni0's address towards a local pod, eth0's towards another node
 * with host-gw, and flannel.1's `<podCIDR network>/32` towards another node with VXLAN (flannel-io/flannel
 * pkg/backend/vxlan/vxlan.go: "This IP is just used as a source address for host to workload traffic").
 * Pure: read from the node's network namespace (datapath/node-network.ts), with the admin's route edits.
 */
import { cidrContains } from '../ipam.ts';
import { lookupRoute, nodeNetwork } from '../datapath/node-network.ts';
import type { ClusterState } from '../state.ts';

/** A masqueraded source: the address and the device it belongs to. */
export interface MasqueradeSource {
  ip: string;
  dev: string;
}

/** The address MASQUERADE on `nodeName` picks for a packet to `dst` (null: no route, or the out device has no address: the kernel drops it). */
export function masqueradeSource(state: ClusterState, nodeName: string, dst: string): MasqueradeSource | null {
  const ns = nodeNetwork(state, nodeName);
  const route = ns ? lookupRoute(ns, dst) : null;
  if (!ns || !route) return null;
  const addresses = ns.interfaces.find((i) => i.name === route.dev)?.addresses ?? [];
  const nexthop = route.via ?? dst;
  const pick = addresses.find((a) => cidrContains(`${a.ip}/${a.prefix}`, nexthop)) ?? addresses[0];
  return pick ? { ip: pick.ip, dev: route.dev } : null;
}
