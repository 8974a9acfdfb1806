/**
 * What a node's own tools print about flannel's datapath (the node image's iproute2, reached from a debug pod with
 * `chroot /host`), and the files flannel writes on the node:
 * - `/run/flannel/subnet.env` as flanneld's WriteSubnetFile writes it (flannel-io/flannel pkg/subnet: FLANNEL_NETWORK,
 *   FLANNEL_SUBNET = the lease's first address, FLANNEL_MTU = 1450 for VXLAN or the interface's 1500 for host-gw,
 *   FLANNEL_IPMASQ = true as kube-flannel.yml runs flanneld with --ip-masq);
 * - `bridge fdb show [dev flannel.1]`: the entries flannel's VXLAN backend writes, one per remote node, with that
 *   node's VTEP MAC, `dst <node IP> self permanent` (iproute2 v6.1.0 bridge/fdb.c print_fdb; `dev X` is left out when
 *   filtering by device). Only flannel's entries are modelled: the kernel's own (bridge ports, multicast) are not;
 * - `ip -d link show flannel.1` (iproute2 v6.1.0 ip/ipaddress.c print_linkinfo with details, ip/iplink_vxlan.c
 *   vxlan_print_opt), for the attributes a 6.1 kernel reports for the device flannel creates (VNI 1, local = node IP,
 *   dev eth0, dstport 8472, nolearning, ageing 300).
 * Stateless.
 */
import { parseCidr, intToIp } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import { datapathOf, macFor, nodeNetwork, VXLAN } from './node-network.ts';

/** The content of /run/flannel/subnet.env on a node, or null when the node has no pod CIDR. */
export function flannelSubnetEnv(state: ClusterState, nodeName: string): string | null {
  const node = state.nodes.get(nodeName);
  const cidr = node ? parseCidr(node.podCIDR) : null;
  if (!node || !cidr) return null;
  const mtu = datapathOf(state) === 'vxlan' ? 1500 - VXLAN.overhead : 1500;
  return `FLANNEL_NETWORK=${state.model.clusterCIDR}\nFLANNEL_SUBNET=${intToIp(cidr.base + 1)}/${cidr.prefix}\nFLANNEL_MTU=${mtu}\nFLANNEL_IPMASQ=true\n`;
}

/** The VTEP MAC flannel gives a node's flannel.1 (the same the node's `ip link` shows). */
export function vtepMac(nodeName: string): string {
  return macFor(`vtep:${nodeName}`);
}

/** `bridge fdb show [dev DEV]` on a node (flannel's VXLAN entries only; see the module comment). */
export function bridgeFdbShow(state: ClusterState, nodeName: string, args: string[]): { stdout: string; stderr: string; exitCode: number } {
  const ns = nodeNetwork(state, nodeName);
  if (!ns) return { stdout: '', stderr: `Cannot find node ${nodeName}\n`, exitCode: 1 };
  const rest = args[0] === 'show' || args[0] === 'list' ? args.slice(1) : args;
  if (args[0] !== undefined && args[0] !== 'show' && args[0] !== 'list') return { stdout: '', stderr: `[simulator] only "bridge fdb show [dev DEV]" is modelled\n`, exitCode: 1 };
  let dev: string | undefined;
  if (rest[0] === 'dev' || rest[0] === 'br') dev = rest[1];
  else if (rest.length) dev = rest[0];
  if (dev !== undefined && !ns.interfaces.some((i) => i.name === dev)) return { stdout: '', stderr: `Cannot find device "${dev}"\n`, exitCode: 1 };
  if (datapathOf(state) !== 'vxlan' || (dev !== undefined && dev !== VXLAN.device)) {
    return dev === undefined ? { stdout: '', stderr: '[simulator] with host-gw there is no flannel.1 and the simulator does not model the kernel\'s own bridge entries\n', exitCode: 1 } : { stdout: '', stderr: `[simulator] only flannel.1's entries are modelled\n`, exitCode: 1 };
  }
  const lines = state.model.nodes
    .filter((n) => n.name !== nodeName && parseCidr(n.podCIDR))
    .map((n) => `${vtepMac(n.name)} ${dev === undefined ? `dev ${VXLAN.device} ` : ''}dst ${n.internalIP} self permanent\n`);
  return { stdout: lines.join(''), stderr: '', exitCode: 0 };
}

/** `ip -d link show flannel.1` with the node's iproute2 (see the module comment); null when the node has no flannel.1. */
export function iproute2DetailedVxlanLink(state: ClusterState, nodeName: string): string | null {
  const node = state.nodes.get(nodeName);
  const dev = nodeNetwork(state, nodeName)?.interfaces.find((i) => i.name === VXLAN.device);
  if (!node || !dev) return null;
  return (
    `${dev.index}: ${dev.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${dev.mtu} qdisc noqueue state UNKNOWN mode DEFAULT group default \n` +
    `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535 \n` +
    `    vxlan id ${VXLAN.vni} local ${node.internalIP} dev eth0 srcport 0 0 dstport ${VXLAN.port} nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 \n`
  );
}
