/**
 * Connections to `localhost` (or any 127.0.0.0/8 address) from a pod: every container of a pod shares one network
 * namespace, so the packet goes through that namespace's `lo` and reaches whichever container listens on the port;
 * no veth, bridge or node is involved ("containers within a Pod ... can communicate with one another using
 * localhost", https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking). `localhost` comes from the
 * pod's /etc/hosts (written by the kubelet), not from cluster DNS.
 */
import { cidrContains } from './ipam.ts';
import { fail } from './connect.ts';
import { keyOf } from './state.ts';
import type { TraceBuilder } from './trace.ts';
import type { ConnectResult, PacketHeaders, PodModel, WireProtocol } from './types.ts';
import { listenerOn, podListeners } from './workloads/listeners.ts';

/** True for `localhost` and loopback addresses (127.0.0.0/8). */
export function isLoopbackTarget(to: string): boolean {
  return to.toLowerCase() === 'localhost' || cidrContains('127.0.0.0/8', to);
}

/** One connection over the pod's own loopback interface (see the module comment). */
export function connectLoopback(tb: TraceBuilder, src: PodModel, to: string, port: number, protocol: WireProtocol): ConnectResult {
  const ip = to.toLowerCase() === 'localhost' ? '127.0.0.1' : to;
  const srcKey = keyOf(src);
  const row = src.name;
  tb.track(row, 'Idle');
  const packet: PacketHeaders = protocol === 'ICMP' ? { protocol, src: ip, dst: ip, ttl: 64 } : { protocol, src: '127.0.0.1', dst: ip, srcPort: 32768 + (port % 28232), dstPort: port, ttl: 64 };
  const target = { ip, port, protocol, pod: srcKey, podIP: ip, targetPort: port, ...(ip !== to ? { dnsName: to } : {}) };
  const named = ip !== to ? `${to} (${ip}, from the pod's /etc/hosts)` : ip;
  if (protocol === 'ICMP') {
    tb.add({ actor: row, action: 'Loopback inside the pod', details: `${row} pings ${named}: the echo request goes out of and back into the pod's own lo interface and its kernel answers; no node is involved.`, result: 'Echo reply over lo', phase: 'delivery', set: { [row]: 'Echo reply over lo' }, packet });
    tb.finish();
    return { allowed: true, reason: `Allowed: ${srcKey} reaches its own loopback address ${ip}.`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: srcKey, target, seenSource: ip };
  }
  const listener = listenerOn(src, port, protocol);
  if (!listener) {
    const open = podListeners(src).map((l) => `${l.port}/${l.protocol} (${l.program} in "${l.container}")`).join(', ') || 'nothing';
    tb.add({ actor: row, action: `Nothing listens on ${port}/${protocol} in ${row}`, details: `${row} connects to ${named}:${port} over the pod's lo interface, which every container of the pod shares; in ${srcKey}, ${open === 'nothing' ? 'no process listens on any port' : `processes listen on ${open}`}, so the kernel answers ${protocol === 'TCP' ? 'with a TCP RST' : 'with ICMP port unreachable'}.`, result: 'Connection refused', outcome: 'error', phase: 'delivery', set: { [row]: 'Connection refused' }, packet });
    return fail(tb, 'refused', `Connection refused: nothing in ${srcKey} listens on ${port}/${protocol} (localhost is the pod's own network namespace).`, srcKey, target);
  }
  tb.add({
    actor: row,
    action: 'Loopback inside the pod',
    details: `${row} connects to ${named}:${port}. The containers of a pod share one network namespace, so the packet goes out of and back into its lo interface and reaches ${listener.program} in container "${listener.container}", listening on ${port}/${protocol}; it never leaves the pod: no veth, no bridge, no node. (For the same reason two containers of one pod cannot both bind ${port}.)`,
    result: `Connected to "${listener.container}" over lo`,
    phase: 'delivery',
    set: { [row]: `Connected to "${listener.container}" on ${ip}:${port}` },
    packet,
  });
  tb.finish();
  return { allowed: true, reason: `Allowed: ${srcKey} → ${ip}:${port} over the pod's own loopback interface: container "${listener.container}" (${listener.program}) listens there.`, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, status: 'connected', source: srcKey, target, seenSource: '127.0.0.1' };
}
