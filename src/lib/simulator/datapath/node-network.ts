/**
 * The network namespaces of a flannel-style pod network, derived from the model: per node `lo`, `eth0` on the
 * node network (172.18.0.0/16 in a kind cluster, gateway .1), the bridge `cni0` holding .1 of the node's podCIDR,
 * one host-side veth per pod (named as the CNI bridge plugin names them: `veth` + 8 hex digits) and, with the
 * VXLAN backend, `flannel.1` (VNI 1, UDP 8472, MTU 1450, address `<podCIDR network>/32`); per pod `lo` and
 * `eth0@if<host veth index>` with the pod IP. Routes follow what the kernel and flannel install
 * (host-gw: `<podCIDR> via <nodeIP> dev eth0`; vxlan: `<podCIDR> via <podCIDR network> dev flannel.1 onlink`),
 * and `lookupRoute` does a longest-prefix match over them, as the kernel's FIB does.
 * Pure functions of the ClusterState: nothing here is stored.
 */
import { cidrContains, fnv1a, intToIp, ipToInt, parseCidr } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import { keyOf } from '../state.ts';
import type { DatapathMode, NodeModel, PodModel, RouteEdit } from '../types.ts';

/** VXLAN parameters flannel uses by default (flannel Documentation/backends.md: VNI 1, port 8472 on Linux). */
export const VXLAN = { vni: 1, port: 8472, device: 'flannel.1', overhead: 50 } as const;

/** One address on an interface. */
export interface InterfaceAddress {
  ip: string;
  prefix: number;
  /** Broadcast address as `ip addr` prints it (`brd`), when the kernel sets one. */
  broadcast?: string;
}

/** One network interface as `ip addr` / `ip link` show it. */
export interface NetInterface {
  index: number;
  name: string;
  kind: 'loopback' | 'ether' | 'bridge' | 'veth' | 'vxlan';
  mtu: number;
  mac: string;
  addresses: InterfaceAddress[];
  /** The bridge a veth is enslaved to. */
  master?: string;
  /** For a veth: the peer's interface index in the other namespace (printed as `@if<N>`). */
  peerIndex?: number;
  /** For a host-side veth: the pod whose eth0 is its peer ('ns/name'). */
  peerPod?: string;
}

/** One route of the main table. */
export interface RouteEntry {
  /** 'default' or a CIDR. */
  dst: string;
  via?: string;
  dev: string;
  proto?: 'kernel';
  scope?: 'link';
  src?: string;
  onlink?: boolean;
}

/** A network namespace: its interfaces and main routing table (in `ip route` order). */
export interface NetworkNamespace {
  interfaces: NetInterface[];
  routes: RouteEntry[];
}

/** The gateway of the node network (kind's docker network: 172.18.0.1/16). */
export function nodeNetworkGateway(node: NodeModel): { gateway: string; prefix: number } {
  const n = ipToInt(node.internalIP) ?? 0;
  return { gateway: intToIp(((n >>> 16) << 16) + 1), prefix: 16 };
}

/** A stable, locally administered MAC address derived from a name (the kernel picks random ones). */
export function macFor(name: string): string {
  const h1 = fnv1a(name);
  const h2 = fnv1a(name, 0x01000193);
  const bytes = [(h1 & 0xfc) | 0x02, (h1 >>> 8) & 0xff, (h1 >>> 16) & 0xff, (h1 >>> 24) & 0xff, h2 & 0xff, (h2 >>> 8) & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The host-side veth name the CNI bridge plugin gives a pod's interface: `veth` + 8 hex digits. */
export function hostVethName(pod: PodModel): string {
  return `veth${fnv1a(`veth:${keyOf(pod)}`).toString(16).padStart(8, '0')}`;
}

/** The datapath a cluster's nodes use. */
export function datapathOf(state: ClusterState): DatapathMode {
  return state.model.network.datapath;
}

function mtuOf(state: ClusterState): number {
  return datapathOf(state) === 'vxlan' ? 1500 - VXLAN.overhead : 1500;
}

/** The pods with an address of their own (not hostNetwork) per node, in model order, indexed once per state. */
const podsByNode = new WeakMap<ClusterState, Map<string, PodModel[]>>();

function podsOn(state: ClusterState, node: string): PodModel[] {
  let index = podsByNode.get(state);
  if (!index) {
    index = new Map();
    for (const p of state.model.pods) {
      if (p.ip === '' || p.hostNetwork) continue;
      const list = index.get(p.nodeName);
      if (list) list.push(p);
      else index.set(p.nodeName, [p]);
    }
    podsByNode.set(state, index);
  }
  return index.get(node) ?? [];
}

function broadcastOf(ip: string, prefix: number): string {
  const n = ipToInt(ip) ?? 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return intToIp(((n & mask) | (~mask >>> 0)) >>> 0);
}

/** Node namespaces already built for a state (a state is never changed in place: edits build a new one). */
const nodeNetworkCache = new WeakMap<ClusterState, Map<string, NetworkNamespace | null>>();

/** The root network namespace of a node (built once per state and node; callers must not change it). */
export function nodeNetwork(state: ClusterState, nodeName: string): NetworkNamespace | null {
  let byNode = nodeNetworkCache.get(state);
  if (!byNode) nodeNetworkCache.set(state, (byNode = new Map()));
  if (byNode.has(nodeName)) return byNode.get(nodeName) ?? null;
  const ns = buildNodeNetwork(state, nodeName);
  byNode.set(nodeName, ns);
  return ns;
}

function buildNodeNetwork(state: ClusterState, nodeName: string): NetworkNamespace | null {
  const node = state.nodes.get(nodeName);
  if (!node) return null;
  const mode = datapathOf(state);
  const mtu = mtuOf(state);
  const cidr = parseCidr(node.podCIDR);
  const bridgeIP = cidr ? intToIp(cidr.base + 1) : '';
  const net = nodeNetworkGateway(node);
  const interfaces: NetInterface[] = [
    { index: 1, name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', addresses: [{ ip: '127.0.0.1', prefix: 8 }] },
    { index: 2, name: 'eth0', kind: 'ether', mtu: 1500, mac: macFor(`eth0:${node.name}`), addresses: [{ ip: node.internalIP, prefix: net.prefix, broadcast: broadcastOf(node.internalIP, net.prefix) }] },
  ];
  if (mode === 'vxlan' && cidr) interfaces.push({ index: 3, name: VXLAN.device, kind: 'vxlan', mtu, mac: macFor(`vtep:${node.name}`), addresses: [{ ip: intToIp(cidr.base), prefix: 32 }] });
  const bridgeIndex = interfaces.length + 1;
  const bridge = cidr !== null && bridgeCreated(state, node);
  if (bridge) interfaces.push({ index: bridgeIndex, name: 'cni0', kind: 'bridge', mtu, mac: macFor(`cni0:${node.name}`), addresses: [{ ip: bridgeIP, prefix: cidr.prefix, broadcast: broadcastOf(bridgeIP, cidr.prefix) }] });
  podsOn(state, node.name).forEach((p, i) => {
    interfaces.push({ index: bridgeIndex + 1 + i, name: hostVethName(p), kind: 'veth', mtu, mac: macFor(`hostveth:${keyOf(p)}`), addresses: [], master: 'cni0', peerIndex: 2, peerPod: keyOf(p) });
  });

  let ns: NetworkNamespace = { interfaces, routes: stockRoutes(state, node, bridge) };
  for (const edit of state.model.network.routes ?? []) {
    if (edit.node !== node.name) continue;
    const next = applyRouteEdit(ns, edit);
    if (next.ok) ns = next.ns; // a failed edit changes nothing, as a refused `ip route` command does
  }
  return ns;
}

/** The main table the kernel and flannel give a node before any admin edit, in `ip route` order. */
function stockRoutes(state: ClusterState, node: NodeModel, bridge: boolean): RouteEntry[] {
  const mode = datapathOf(state);
  const cidr = parseCidr(node.podCIDR);
  const bridgeIP = cidr ? intToIp(cidr.base + 1) : '';
  const net = nodeNetworkGateway(node);
  const routes: RouteEntry[] = [{ dst: 'default', via: net.gateway, dev: 'eth0' }];
  if (bridge && cidr) routes.push({ dst: cidr.text, dev: 'cni0', proto: 'kernel', scope: 'link', src: bridgeIP });
  const netCidr = parseCidr(`${node.internalIP}/${net.prefix}`);
  for (const other of state.model.nodes) {
    if (other.name === node.name) continue;
    const oc = parseCidr(other.podCIDR);
    if (!oc) continue;
    if (mode === 'vxlan') routes.push({ dst: oc.text, via: intToIp(oc.base), dev: VXLAN.device, onlink: true });
    // host-gw: the kernel refuses a gateway that is not on a connected network, so flannel cannot install the route.
    else if (netCidr && cidrContains(netCidr, other.internalIP)) routes.push({ dst: oc.text, via: other.internalIP, dev: 'eth0' });
  }
  if (netCidr) routes.push({ dst: netCidr.text, dev: 'eth0', proto: 'kernel', scope: 'link', src: node.internalIP });
  return sortRoutes(routes);
}

/** Route tables alone, per state and node (for nodes no route edit touches: their interfaces are never needed). */
const routeTableCache = new WeakMap<ClusterState, Map<string, { routes: RouteEntry[] } | null>>();

/**
 * A node's main routing table, the same routes nodeNetwork(state, node).routes holds, without building the node's
 * per-pod interfaces when no route edit names the node (an edit is checked against the interfaces).
 */
export function nodeRouteTable(state: ClusterState, nodeName: string): { routes: RouteEntry[] } | null {
  if ((state.model.network.routes ?? []).some((e) => e.node === nodeName)) return nodeNetwork(state, nodeName);
  const built = nodeNetworkCache.get(state)?.get(nodeName);
  if (built !== undefined) return built;
  let byNode = routeTableCache.get(state);
  if (!byNode) routeTableCache.set(state, (byNode = new Map()));
  if (byNode.has(nodeName)) return byNode.get(nodeName) ?? null;
  const node = state.nodes.get(nodeName);
  const table = node ? { routes: stockRoutes(state, node, parseCidr(node.podCIDR) !== null && bridgeCreated(state, node)) } : null;
  byNode.set(nodeName, table);
  return table;
}

/**
 * Whether the node has its bridge `cni0`: the CNI bridge plugin creates it (and gives it the gateway address, with
 * `isGateway`) on the node's first ADD (containernetworking/plugins plugins/main/bridge/bridge.go: cmdAdd →
 * setupBridge → ensureBridge), and nothing deletes it when pods go. So a node has it once a pod got an address
 * on it, now or before (host-local's store remembers the last address handed out); a node whose containerd has
 * no network config has never run ADD and has none.
 */
export function bridgeCreated(state: ClusterState, node: NodeModel): boolean {
  if (!node.cni) return true; // a model without CNI state: the bridge is assumed, as before CNI was modelled
  if (podsOn(state, node.name).length > 0) return true;
  return Object.values(node.cni.ipam).some((store) => Object.keys(store.lastReserved).length > 0 || Object.keys(store.reservations).length > 0);
}

/** True when `b`'s InternalIP is on `a`'s node network (one layer-2 segment: no router between them). */
export function sameNodeNetwork(a: NodeModel, b: NodeModel): boolean {
  const netCidr = parseCidr(`${a.internalIP}/${nodeNetworkGateway(a).prefix}`);
  return netCidr !== null && cidrContains(netCidr, b.internalIP);
}

/** The host-gw routes flannel could not install on `nodeName`: remote nodes whose InternalIP is not on its node network. */
export function unreachableHostGwPeers(state: ClusterState, nodeName: string): NodeModel[] {
  const node = state.nodes.get(nodeName);
  if (!node || datapathOf(state) !== 'host-gw') return [];
  return state.model.nodes.filter((o) => o.name !== node.name && parseCidr(o.podCIDR) && !sameNodeNetwork(node, o));
}

/** Why the kernel refuses a route change, as errno names (the shell prints them as RTNETLINK answers). */
export type RouteEditError = 'ESRCH' | 'EEXIST' | 'ENETUNREACH' | 'ENODEV' | 'EINVAL';

/** A route change applied to a namespace's table: the new namespace, or the kernel's refusal. */
export type RouteEditResult = { ok: true; ns: NetworkNamespace } | { ok: false; error: RouteEditError; detail: string };

/**
 * Applies `ip route del <dst>` or `ip route add <dst> [via <gw>] [dev <dev>]` to a table as the kernel does:
 * deleting a route that is not there fails with ESRCH, adding one whose destination is taken with EEXIST, a
 * gateway that is not on a connected network of the device with ENETUNREACH, an unknown device with ENODEV.
 */
export function applyRouteEdit(ns: NetworkNamespace, edit: RouteEdit): RouteEditResult {
  const norm = (dst: string) => (dst === 'default' || dst === '0.0.0.0/0' ? 'default' : (parseCidr(dst)?.text ?? dst));
  if (edit.delete !== undefined) {
    const dst = norm(edit.delete);
    const at = ns.routes.findIndex((r) => r.dst === dst && (edit.via === undefined || r.via === edit.via) && (edit.dev === undefined || r.dev === edit.dev));
    if (at < 0) return { ok: false, error: 'ESRCH', detail: `no route ${dst} in the table` };
    return { ok: true, ns: { ...ns, routes: ns.routes.filter((_, i) => i !== at) } };
  }
  if (edit.add === undefined) return { ok: false, error: 'EINVAL', detail: 'nothing to add or delete' };
  const dst = norm(edit.add);
  if (edit.dev !== undefined && !ns.interfaces.some((i) => i.name === edit.dev)) return { ok: false, error: 'ENODEV', detail: `no device ${edit.dev}` };
  if (ns.routes.some((r) => r.dst === dst)) return { ok: false, error: 'EEXIST', detail: `a route to ${dst} exists` };
  let dev = edit.dev;
  if (edit.via !== undefined) {
    // The gateway must be reachable through a link-scope route (a connected network) of the device.
    const link = ns.routes.find((r) => r.scope === 'link' && r.dst !== 'default' && cidrContains(r.dst, edit.via ?? '') && (dev === undefined || r.dev === dev));
    if (!link) return { ok: false, error: 'ENETUNREACH', detail: `${edit.via} is not on a network connected to ${dev ?? 'any device'}` };
    dev ??= link.dev;
  }
  if (dev === undefined) return { ok: false, error: 'EINVAL', detail: 'a route needs a gateway or a device' };
  const route: RouteEntry = edit.via !== undefined ? { dst, via: edit.via, dev } : { dst, dev, scope: 'link' };
  return { ok: true, ns: { ...ns, routes: sortRoutes([...ns.routes, route]) } };
}

/** The table of a node without its edits (what the kernel and flannel install), for checking edits in order. */
export function nodeNetworkBeforeEdits(state: ClusterState, nodeName: string): NetworkNamespace | null {
  const routes = state.model.network.routes;
  if (!routes?.length) return nodeNetwork(state, nodeName);
  return nodeNetwork({ ...state, model: { ...state.model, network: { ...state.model.network, routes: [] } } }, nodeName);
}

/** The network namespace of a pod (empty for pods without an IP; hostNetwork pods share their node's). */
export function podNetwork(state: ClusterState, pod: PodModel): NetworkNamespace | null {
  if (!pod.ip || !pod.nodeName) return null;
  if (pod.hostNetwork) return nodeNetwork(state, pod.nodeName);
  const node = state.nodes.get(pod.nodeName);
  const cidr = node ? parseCidr(node.podCIDR) : null;
  if (!node || !cidr) return null;
  const host = nodeNetwork(state, node.name);
  const peer = host?.interfaces.find((i) => i.peerPod === keyOf(pod));
  const gateway = intToIp(cidr.base + 1);
  return {
    interfaces: [
      { index: 1, name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', addresses: [{ ip: '127.0.0.1', prefix: 8 }] },
      { index: 2, name: 'eth0', kind: 'veth', mtu: mtuOf(state), mac: macFor(`eth0:${keyOf(pod)}`), addresses: [{ ip: pod.ip, prefix: cidr.prefix, broadcast: broadcastOf(pod.ip, cidr.prefix) }], ...(peer ? { peerIndex: peer.index } : {}) },
    ],
    routes: sortRoutes([
      { dst: 'default', via: gateway, dev: 'eth0' },
      { dst: cidr.text, dev: 'eth0', proto: 'kernel', scope: 'link', src: pod.ip },
    ]),
  };
}

function prefixOf(r: RouteEntry): number {
  return r.dst === 'default' ? 0 : (parseCidr(r.dst)?.prefix ?? 0);
}

function sortRoutes(routes: RouteEntry[]): RouteEntry[] {
  // `ip route` lists the main table in key order: default first, then by network address.
  const key = (r: RouteEntry) => (r.dst === 'default' ? -1 : (parseCidr(r.dst)?.base ?? 0));
  return [...routes].sort((a, b) => key(a) - key(b) || prefixOf(a) - prefixOf(b));
}

/** A route's destination as an integer range (`default` spans every address; an unparsable one matches nothing). */
interface CompiledRoute {
  route: RouteEntry;
  base: number;
  size: number;
  prefix: number;
}

/** Each table's routes as integer ranges, compiled once per routes array (tables are never changed in place). */
const compiledTables = new WeakMap<readonly RouteEntry[], CompiledRoute[]>();

function compiledRoutes(routes: readonly RouteEntry[]): CompiledRoute[] {
  let out = compiledTables.get(routes);
  if (out) return out;
  out = routes.map((route) => {
    if (route.dst === 'default') return { route, base: 0, size: 2 ** 32, prefix: 0 };
    const c = parseCidr(route.dst);
    return c ? { route, base: c.base, size: c.size, prefix: c.prefix } : { route, base: 0, size: 0, prefix: 0 };
  });
  compiledTables.set(routes, out);
  return out;
}

/**
 * The route the kernel picks for a destination: the longest matching prefix, the first listed on a tie (null when
 * nothing matches). `ip` may be given as its integer form (the reachability grid looks up thousands at once).
 */
export function lookupRoute(ns: { readonly routes: readonly RouteEntry[] }, ip: string | number): RouteEntry | null {
  const n = typeof ip === 'number' ? ip >>> 0 : ipToInt(ip);
  let best: RouteEntry | null = null;
  let bestPrefix = -1;
  for (const r of compiledRoutes(ns.routes)) {
    // An address that is not one (n null) matches only the default route, as before.
    const matches = r.route.dst === 'default' || (n !== null && n >= r.base && n < r.base + r.size);
    if (matches && r.prefix > bestPrefix) {
      best = r.route;
      bestPrefix = r.prefix;
    }
  }
  return best;
}

/**
 * True when every address of the CIDR block `block` picks the same route in `ns`: no route more specific than the
 * block overlaps it (a route at most as specific either holds the whole aligned block or none of it), so one
 * lookupRoute speaks for the whole block.
 */
export function sameRouteAcross(ns: { readonly routes: readonly RouteEntry[] }, block: { base: number; size: number; prefix: number }): boolean {
  for (const r of compiledRoutes(ns.routes)) if (r.size > 0 && r.prefix > block.prefix && r.base < block.base + block.size && block.base < r.base + r.size) return false;
  return true;
}

/** The source address the kernel chooses for a packet to `ip`: the route's `src`, else the device's first address. */
export function sourceAddressFor(ns: NetworkNamespace, ip: string): string | null {
  const r = lookupRoute(ns, ip);
  if (!r) return null;
  if (r.src) return r.src;
  return ns.interfaces.find((i) => i.name === r.dev)?.addresses[0]?.ip ?? null;
}
