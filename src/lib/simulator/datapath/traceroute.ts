/**
 * busybox 1.36.1 `traceroute -n ADDR` from a pod, over the model's routes: each router on the way answers the
 * probe whose TTL runs out with ICMP time exceeded from the address its route back to the sender selects (on the
 * source node: cni0's; across host-gw: the remote node's eth0; across VXLAN: the remote flannel.1 address, since
 * its route back goes through flannel.1); a bridge is no router and never appears; the destination answers with
 * port unreachable (UDP probes to 33434+). A lost packet prints `*` until 30 hops. Output per networking/traceroute.c:
 * `traceroute to %s (%s), %d hops max, %d byte packets` (46 = IPv4 20 + UDP 8 + outdata 18 on 64-bit), then
 * `%2d` and `  ADDR` once per hop with `  %u.%03u ms` per probe (3 probes). Round-trip times are not measured but
 * derived from the addresses (fixed, so outputs are reproducible). Stateless.
 */
import { fnv1a, ipToInt } from '../ipam.ts';
import { routePodToPod } from '../routing.ts';
import type { ClusterState } from '../state.ts';
import type { ConnectResult, ConnectRequest, PodModel } from '../types.ts';
import { nodeNetwork, nodeNetworkGateway, sourceAddressFor } from './node-network.ts';

const MAX_TTL = 30;
const PROBES = 3;
const PACKET_BYTES = 46;

/** busybox traceroute's usage when the destination is missing. */
export const TRACEROUTE_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: traceroute [-46IFlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]\n\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]\n\t[-z PAUSE_MSEC] HOST [BYTES]\n\nTrace the route to HOST\n\n\t-4,-6\tForce IP or IPv6 name resolution\n\t-F\tSet don\'t fragment bit\n\t-I\tUse ICMP ECHO instead of UDP datagrams\n\t-l\tDisplay TTL value of the returned packet\n\t-n\tPrint numeric addresses\n\t-r\tBypass routing tables, send directly to HOST\n\t-v\tVerbose\n\t-f N\tFirst number of hops (default 1)\n\t-m N\tMax number of hops\n\t-q N\tNumber of probes per hop (default 3)\n\t-p N\tBase UDP port number used in probes\n\t\t(default 33434)\n\t-s IP\tSource address\n\t-i IFACE Source interface\n\t-t N\tType-of-service in probe packets (default 0)\n\t-w SEC\tWait for a response (default 3)\n\t-z MSEC\tWait before each send\n';

/** The hops a probe from `src` to `ip` reaches: an address per answering hop, `*` for silence, `done` at the end. */
export function traceHops(state: ClusterState, src: PodModel, ip: string, connect: (r: ConnectRequest) => ConnectResult): { hops: string[]; reached: boolean } | null {
  const a = state.nodes.get(src.nodeName);
  const srcNs = a ? nodeNetwork(state, a.name) : null;
  if (!a || !srcNs) return null;
  const back = (nodeName: string) => {
    const ns = nodeNetwork(state, nodeName);
    return ns ? (sourceAddressFor(ns, src.ip) ?? '') : '';
  };
  const silence = (hops: string[]) => ({ hops: [...hops, ...Array.from({ length: MAX_TTL - hops.length }, () => '*')], reached: false });
  // Whether the destination's port-unreachable answer gets back (NetworkPolicy may drop the UDP probe).
  const answered = () => connect({ from: `${src.namespace}/${src.name}`, to: ip, port: 33434, protocol: 'UDP' }).status !== 'policy-denied';
  const dst = state.podsByIP.get(ip);
  if (dst && !dst.hostNetwork) {
    if (dst.namespace === src.namespace && dst.name === src.name) return { hops: [ip], reached: true };
    const route = routePodToPod(state, src, dst);
    const first = back(a.name);
    if (route.kind === 'same-node') return answered() ? { hops: [ip], reached: true } : silence([]);
    if (route.kind === 'unroutable') {
      const gw = route.hops[0]?.details.includes('default route') ? nodeNetworkGateway(a).gateway : null;
      return silence(gw ? [first, gw] : [first]);
    }
    if (route.kind === 'dropped') return silence([first]);
    const middle = back(dst.nodeName);
    return answered() ? { hops: [first, middle, ip], reached: true } : silence([first, middle]);
  }
  const node = state.nodesByIP.get(ip);
  if (node) {
    if (node.name === a.name) return { hops: [ip], reached: true };
    return { hops: [back(a.name), ip], reached: true };
  }
  return null;
}

/** A fixed, plausible sub-millisecond round-trip time for a hop's probe. */
function rtt(ip: string, ttl: number, probe: number): string {
  const us = 20 + (fnv1a(`${ip}#${ttl}#${probe}`) % 480) + ttl * 40;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')} ms`;
}

/** Runs `traceroute [-n] ADDR` (numeric output only) from a pod. */
export function busyboxTraceroute(state: ClusterState, src: PodModel, args: string[], connect: (r: ConnectRequest) => ConnectResult): { stdout: string; stderr: string; exitCode: number } {
  const opts = args.filter((a) => a.startsWith('-'));
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands.length === 0) return { stdout: '', stderr: TRACEROUTE_USAGE, exitCode: 1 };
  if (!opts.every((o) => o === '-n')) return { stdout: '', stderr: `[simulator] only traceroute -n ADDR is modelled\n`, exitCode: 1 };
  if (!opts.includes('-n')) return { stdout: '', stderr: '[simulator] traceroute without -n looks every hop up in reverse DNS, which the simulator does not model: use traceroute -n\n', exitCode: 1 };
  const ip = operands[0] as string;
  if (ipToInt(ip) === null) return { stdout: '', stderr: `[simulator] traceroute -n takes an IP address here (names are not resolved by this tool in the simulator)\n`, exitCode: 1 };
  const trace = traceHops(state, src, ip, connect);
  if (!trace) return { stdout: '', stderr: `[simulator] ${ip} is outside the cluster: hops beyond the node's gateway are not modelled\n`, exitCode: 1 };
  let text = `traceroute to ${ip} (${ip}), ${MAX_TTL} hops max, ${PACKET_BYTES} byte packets\n`;
  trace.hops.forEach((hop, i) => {
    const ttl = i + 1;
    text += ttl < 10 ? ` ${ttl}` : `${ttl}`;
    if (hop === '*') text += '  *'.repeat(PROBES);
    else {
      text += `  ${hop}`;
      for (let p = 0; p < PROBES; p++) text += `  ${rtt(hop, ttl, p)}`;
    }
    text += '\n';
  });
  return { stdout: text, stderr: '', exitCode: 0 };
}
