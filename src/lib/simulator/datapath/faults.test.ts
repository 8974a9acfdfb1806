/**
 * Faults that change outcomes, and the traces of lessons 2 and 4 step by step (their status trackers:
 * /work/shared/docs/lessons/02-kubernetes-network-model.md and 04-pod-to-pod-communication.md, section 5).
 * Expectations follow the kernel and flannel, not the simulator:
 * - the kernel's FIB picks the longest matching prefix, so a deleted pod-CIDR route falls to `default`
 *   (ip-route(8), "ip route get"); a route's gateway must be on a connected network or the kernel refuses it
 *   with ENETUNREACH ("Nexthop has invalid gateway" in iproute2's extack; net/ipv4/fib_semantics.c fib_check_nh_v4_gw);
 * - each router hop decrements the TTL, a bridge does not (RFC 791; RFC 1812 §5.3.1);
 * - flannel's host-gw "requires direct layer2 connectivity between hosts", VXLAN uses VNI 1 and UDP 8472 on
 *   Linux (flannel-io/flannel Documentation/backends.md), and VXLAN adds 50 bytes (RFC 7348 §5: outer Ethernet
 *   excluded, 20 IPv4 + 8 UDP + 8 VXLAN + 14 inner Ethernet), hence flannel.1's MTU 1450;
 * - iptables INPUT rules see packets addressed to the node itself (the VXLAN outer packet), not forwarded ones;
 * - the Kubernetes network model forbids NAT between pods; traffic leaving the cluster is masqueraded
 *   (https://kubernetes.io/docs/concepts/services-networking/#the-kubernetes-network-model).
 */
import { describe, expect, it } from 'vitest';
import { TWO_NODES_YAML } from '../fixtures.ts';
import { createCluster, ManifestError, SettingsError } from '../index.ts';
import type { ConnectResult } from '../types.ts';
import { lookupRoute, nodeNetwork } from './node-network.ts';

const PODS = `---
apiVersion: v1
kind: Pod
metadata: {name: pod-a, labels: {app: frontend}}
spec: {nodeName: node-1, containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]}
status: {podIP: 10.244.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-c, labels: {app: batch}}
spec: {nodeName: node-1, containers: [{name: c, image: busybox:1.36, command: [httpd, -f, -p, "80"]}]}
status: {podIP: 10.244.0.6}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-b, labels: {app: backend}}
spec:
  nodeName: node-2
  containers:
  - {name: web, image: nginxinc/nginx-unprivileged:1.27, ports: [{name: http, containerPort: 8080}]}
  - {name: admin, image: busybox:1.36, command: [httpd, -f, -p, "9090"], ports: [{name: admin, containerPort: 9090}]}
status: {podIP: 10.244.1.5}
`;
const YAML = TWO_NODES_YAML + PODS;
/** node-2 on another subnet, behind a router (the L3-boundary scenario). */
const L3_YAML = YAML.replace('metadata: {name: node-2}\nspec: {podCIDR: 10.244.1.0/24}', 'metadata: {name: node-2}\nspec: {podCIDR: 10.244.1.0/24}\nstatus: {addresses: [{type: InternalIP, address: 172.19.0.3}]}');

/** The steps that move a packet, without the policy checks (which the lesson trackers leave out). */
const moving = (r: ConnectResult) => r.steps.filter((s) => s.phase !== 'policy');

describe('lesson 2 cross-node (host-gw): the packet is never rewritten', () => {
  const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
  it('connects, and pod-b sees pod-a\'s own address', () => {
    expect(r.status).toBe('connected');
    expect(r.seenSource).toBe('10.244.0.5');
  });
  it('matches the tracker: node-1 forwards via 172.18.0.3, node-2 bridges, TTL 64 → 63 → 62', () => {
    const steps = moving(r);
    expect(steps.map((s) => [s.state['node-1'], s.state['node-2'], s.state['pod-b'], s.packet?.src, s.packet?.dst, s.packet?.ttl])).toEqual([
      ['–', '–', 'Listening :8080', '10.244.0.5', '10.244.1.5', 64],
      ['Forwarded via 172.18.0.3', '–', 'Listening :8080', '10.244.0.5', '10.244.1.5', 63],
      ['–', "Bridged to pod-b's veth", 'Listening :8080', '10.244.0.5', '10.244.1.5', 62],
      ['–', '–', 'Connection from 10.244.0.5', '10.244.0.5', '10.244.1.5', 62],
      ['Forwarded', 'Forwarded', 'Response sent', '10.244.1.5', '10.244.0.5', 64],
      ['–', '–', 'Response sent', '10.244.1.5', '10.244.0.5', 62],
    ]);
    expect(r.initialState).toMatchObject({ 'pod-a': 'Idle', 'node-1': '–', 'node-2': '–', 'pod-b': 'Listening :8080' });
    expect(r.steps.at(-1)?.state['pod-a']).toBe('Response received');
    expect(steps[0]?.packet).toMatchObject({ protocol: 'TCP', dstPort: 8080 });
    expect(steps[0]?.packet?.srcPort).toBeGreaterThanOrEqual(32768);
    expect(r.steps.every((s) => !s.packet?.outer)).toBe(true);
  });
});

describe('lesson 2 and 4 same-node: the bridge switches, the TTL stays 64', () => {
  it('pod-a → pod-c', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.244.0.6', port: 80, nodeRows: true });
    expect(r.status).toBe('connected');
    expect(moving(r).map((s) => [s.state['node-1'], s.packet?.ttl])).toEqual([
      ['–', 64],
      ["Bridged to pod-c's veth", 64],
      ['–', 64],
      ['Bridged back', 64],
      ['–', 64],
    ]);
    expect(r.actors).not.toContain('node-2');
  });
});

describe('lesson 4 cross-node-vxlan', () => {
  const r = createCluster(YAML, { datapath: 'vxlan' }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
  it('matches the tracker: route, encap (+50 B, UDP 8472, VNI 1), wire, decap, route dev cni0, deliver, reply', () => {
    const steps = moving(r);
    expect(r.actors).toEqual(['pod-a', 'Network policy', 'node-1', 'wire', 'node-2', 'pod-b', 'Packet', 'Outer packet']);
    expect(steps.map((s) => [s.state['node-1'], s.state.wire, s.state['node-2'], s.packet?.ttl, s.packet?.outer ? `${s.packet.outer.src} → ${s.packet.outer.dst} UDP ${s.packet.outer.dstPort} VNI ${s.packet.outer.vni} +${s.packet.outer.overhead} B` : '–'])).toEqual([
      ['–', '–', '–', 64, '–'],
      ['Route via flannel.1', '–', '–', 63, '–'],
      ['VXLAN encap, VNI 1', '–', '–', 63, '172.18.0.2 → 172.18.0.3 UDP 8472 VNI 1 +50 B'],
      ['–', 'Carrying outer', '–', 63, '172.18.0.2 → 172.18.0.3 UDP 8472 VNI 1 +50 B'],
      ['–', '–', 'Decap on flannel.1', 63, '–'],
      ['–', '–', 'Route dev cni0', 62, '–'],
      ['–', '–', '–', 62, '–'],
      ['Decap', 'Carrying outer', 'Encap', 64, '172.18.0.3 → 172.18.0.2 UDP 8472 VNI 1 +50 B'],
      ['–', '–', '–', 62, '–'],
    ]);
    // The inner packet is the pods' own, end to end.
    expect(steps.slice(0, 7).every((s) => s.packet?.src === '10.244.0.5' && s.packet.dst === '10.244.1.5')).toBe(true);
    expect(steps[6]?.state['pod-b']).toBe('Connection from 10.244.0.5');
    expect(r.seenSource).toBe('10.244.0.5');
  });
});

describe('a deleted route (p2p-broken-route)', () => {
  const c = createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] });
  it('the lookup falls to the default route', () => {
    expect(lookupRoute(nodeNetwork(c.state, 'node-1')!, '10.244.1.5')).toEqual({ dst: 'default', via: '172.18.0.1', dev: 'eth0' });
    expect(lookupRoute(nodeNetwork(c.state, 'node-2')!, '10.244.0.5')).toMatchObject({ dst: '10.244.0.0/24', via: '172.18.0.2' });
  });
  it('pod-a → pod-b times out at node-1; same-node and the other direction still work', () => {
    const r = c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.status).toBe('timeout');
    expect(r.steps.at(-1)).toMatchObject({ actor: 'node-1', outcome: 'error', state: { 'node-1': 'Default route via 172.18.0.1: lost', 'pod-a': 'Timed out' } });
    expect(r.steps.at(-1)?.details).toContain('it was deleted');
    expect(c.connect({ from: 'pod-a', to: '10.244.0.6', port: 80, nodeRows: true }).status).toBe('connected');
  });
  it('adding the route back (editRoute, as `ip route add` does) restores the connection; kernel refusals change nothing', () => {
    const fresh = createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] });
    expect(fresh.editRoute({ node: 'node-1', add: '10.244.1.0/24', via: '172.19.0.3' })).toMatchObject({ ok: false, error: 'ENETUNREACH' });
    expect(fresh.editRoute({ node: 'node-1', delete: '10.244.9.0/24' })).toMatchObject({ ok: false, error: 'ESRCH' });
    expect(fresh.editRoute({ node: 'node-1', add: '10.244.0.0/24', dev: 'cni0' })).toMatchObject({ ok: false, error: 'EEXIST' });
    expect(fresh.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true }).status).toBe('timeout');
    expect(fresh.editRoute({ node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.3' })).toEqual({ ok: true });
    expect(lookupRoute(nodeNetwork(fresh.state, 'node-1')!, '10.244.1.5')).toEqual({ dst: '10.244.1.0/24', via: '172.18.0.3', dev: 'eth0' });
    expect(fresh.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true }).status).toBe('connected');
    expect(fresh.routeEdits).toHaveLength(2);
    expect(() => fresh.editRoute({ node: 'node-7', delete: '10.244.1.0/24' })).toThrow(SettingsError);
  });
  it('a route to the wrong node loses the packet too', () => {
    const r = createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.9' }] }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.status).toBe('timeout');
  });
  it('settings whose edits the kernel would refuse fail the build naming the edit', () => {
    expect(() => createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.5.0/24' }] })).toThrow(/routes\[0\]\.delete: node-1 refuses it .*RTNETLINK answers: No such process/);
  });
});

describe('a node firewall dropping UDP 8472 (p2p-udp-blocked)', () => {
  const firewall = [{ node: 'node-2', protocol: 'UDP' as const, port: 8472, action: 'DROP' as const }];
  it('VXLAN traffic to node-2 times out at node-2, before decapsulation', () => {
    const r = createCluster(YAML, { datapath: 'vxlan', firewall }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.status).toBe('timeout');
    expect(r.steps.at(-1)).toMatchObject({ actor: 'node-2', outcome: 'error', state: { 'node-2': 'Dropped UDP 8472 (firewall)', 'pod-a': 'Timed out' } });
    expect(r.steps.at(-1)?.details).toContain('-A INPUT -p udp --dport 8472 -j DROP');
  });
  it('the reply is lost when the rule is on the source node', () => {
    const r = createCluster(YAML, { datapath: 'vxlan', firewall: [{ ...firewall[0]!, node: 'node-1' }] }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.status).toBe('timeout');
    expect(r.steps.some((s) => s.state['pod-b'] === 'Connection from 10.244.0.5')).toBe(true);
  });
  it('host-gw forwards pod traffic, which INPUT rules never see; same-node VXLAN traffic never leaves the node', () => {
    expect(createCluster(YAML, { firewall }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true }).status).toBe('connected');
    expect(createCluster(YAML, { datapath: 'vxlan', firewall: [{ ...firewall[0]!, node: 'node-1' }] }).connect({ from: 'pod-a', to: '10.244.0.6', port: 80, nodeRows: true }).status).toBe('connected');
  });
  it('a rule on a node port drops traffic to that node', () => {
    const c = createCluster(YAML, { firewall: [{ node: 'node-2', protocol: 'TCP', port: 10250, action: 'DROP' }] });
    expect(c.connect({ from: 'pod-a', to: '172.18.0.3', port: 10250, nodeRows: true }).status).toBe('timeout');
    expect(createCluster(YAML).connect({ from: 'pod-a', to: '172.18.0.3', port: 10250, nodeRows: true }).status).toBe('connected');
  });
});

describe('nodes on two subnets behind a router (p2p-l3-boundary)', () => {
  it('pins node-2 at 172.19.0.3 from status.addresses', () => {
    expect(createCluster(L3_YAML).state.nodes.get('node-2')?.internalIP).toBe('172.19.0.3');
  });
  it('host-gw: the route via 172.19.0.3 cannot be installed (not on-link), so traffic is lost', () => {
    const c = createCluster(L3_YAML);
    expect(nodeNetwork(c.state, 'node-1')!.routes.map((r) => r.dst)).toEqual(['default', '10.244.0.0/24', '172.18.0.0/16']);
    const r = c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.status).toBe('timeout');
    expect(r.steps.at(-1)?.details).toContain('172.19.0.3 is not on node-1');
    expect(c.editRoute({ node: 'node-1', add: '10.244.1.0/24', via: '172.19.0.3' })).toMatchObject({ ok: false, error: 'ENETUNREACH' });
  });
  it('VXLAN works: the outer packet is routed between the node IPs like any node traffic', () => {
    const r = createCluster(L3_YAML, { datapath: 'vxlan' }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.status).toBe('connected');
    expect(r.steps.find((s) => s.packet?.outer)?.packet?.outer).toMatchObject({ src: '172.18.0.2', dst: '172.19.0.3', dstPort: 8472 });
  });
});

describe('the counterfactual podToPodSnat network', () => {
  const r = createCluster(YAML, { podToPodSnat: true }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
  it('node-1 rewrites the source to its IP; pod-b sees 172.18.0.2; the text says it is non-conformant', () => {
    expect(r.status).toBe('connected');
    expect(r.seenSource).toBe('172.18.0.2');
    const hop = r.steps.find((s) => s.actor === 'node-1')!;
    expect(hop.packet).toMatchObject({ src: '172.18.0.2', dst: '10.244.1.5', ttl: 63 });
    expect(hop.details).toContain('non-conformant');
    expect(r.reason).toContain('non-conformant');
    expect(r.steps.find((s) => s.action.includes('receives and processes'))?.state['pod-b']).toBe('Connection from 172.18.0.2');
    expect(r.steps.at(-1)?.packet).toMatchObject({ src: '10.244.1.5', dst: '10.244.0.5' });
  });
  it('a receiver-side policy naming app: frontend no longer recognises pod-a', () => {
    const policy = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-frontend}
spec:
  podSelector: {matchLabels: {app: backend}}
  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]
`;
    expect(createCluster(YAML + policy).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true }).status).toBe('connected');
    expect(createCluster(YAML + policy, { podToPodSnat: true }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true }).status).toBe('policy-denied');
  });
});

describe('lesson 2 egress-snat: pod-a → 203.0.113.10:443', () => {
  it('node-1 masquerades to 172.18.0.2, the external host answers it, node-1 un-NATs', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '203.0.113.10', port: 443, nodeRows: true });
    expect(r.seenSource).toBe('172.18.0.2');
    expect(moving(r).map((s) => [s.packet?.src, s.packet?.dst, s.state['node-1']])).toEqual([
      ['10.244.0.5', '203.0.113.10', '–'],
      ['172.18.0.2', '203.0.113.10', 'Masqueraded to 172.18.0.2'],
      ['203.0.113.10', '172.18.0.2', '–'],
      ['203.0.113.10', '10.244.0.5', 'Un-NAT to 10.244.0.5'],
    ]);
  });
});

describe('lesson 2 localhost: a container to localhost in its own pod', () => {
  it('one loopback step, no node', () => {
    const r = createCluster(YAML).connect({ from: 'pod-b', to: 'localhost', port: 8080, nodeRows: true });
    expect(r.status).toBe('connected');
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ actor: 'pod-b', action: 'Loopback inside the pod', packet: { src: '127.0.0.1', dst: '127.0.0.1', dstPort: 8080 } });
    expect(r.actors).toEqual(['pod-b']);
    expect(r.steps[0]?.state['pod-b']).toBe('Connected to "web" on 127.0.0.1:8080');
  });
  it('a port nothing in the pod listens on is refused; another pod\'s port is not on this localhost', () => {
    expect(createCluster(YAML).connect({ from: 'pod-b', to: '127.0.0.1', port: 7000, nodeRows: true }).status).toBe('refused');
    expect(createCluster(YAML).connect({ from: 'pod-a', to: 'localhost', port: 8080, nodeRows: true }).status).toBe('refused');
  });
});

describe('address ranges (lesson 2 overlap)', () => {
  it('refuses a serviceCIDR that overlaps the pod network, naming both', () => {
    expect(() => createCluster(YAML, { serviceCIDR: '10.244.0.0/16' })).toThrow(SettingsError);
    expect(() => createCluster(YAML, { serviceCIDR: '10.244.0.0/16' })).toThrow(ManifestError);
    expect(() => createCluster(YAML, { serviceCIDR: '10.244.0.0/16' })).toThrow('serviceCIDR: 10.244.0.0/16 overlaps the pod network (clusterCIDR 10.244.0.0/16)');
    expect(() => createCluster(YAML, { clusterCIDR: '10.0.0.0/8' })).toThrow(/overlaps the pod network/);
    expect(() => createCluster(YAML, { serviceCIDR: '10.96.0.0/12' })).not.toThrow();
  });
});

describe('a node as the source follows its own (edited) table', () => {
  it('node-1 → pod-b times out once node-1 has no route to 10.244.1.0/24; node-2 → pod-b (its own pod) still works', () => {
    const c = createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] });
    expect(c.connect({ from: 'node:node-1', to: 'default/pod-b', port: 8080, nodeRows: true }).status).toBe('timeout');
    expect(c.connect({ from: 'node:node-2', to: 'default/pod-b', port: 8080, nodeRows: true })).toMatchObject({ status: 'connected', seenSource: '10.244.1.1' });
    expect(createCluster(YAML).connect({ from: 'node:node-1', to: 'default/pod-b', port: 8080, nodeRows: true }).status).toBe('connected');
  });
});

describe('the tracker shows the packet on the wire (Packet and Outer packet rows, with nodeRows)', () => {
  // The briefs' trackers (section 5) carry a Packet row: the addresses never change between pods, only the TTL
  // drops once per routing node (RFC 791/1812); VXLAN adds an outer UDP 8472 header with VNI 1 and 50 bytes.
  const sport = (r: ConnectResult) => r.steps.find((s) => s.packet?.srcPort)?.packet?.srcPort;
  it('host-gw: one row, the same addresses at every step, TTL 64 → 63 → 62, then the reply', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.actors.slice(-1)).toEqual(['Packet']);
    const e = sport(r);
    const cells = moving(r).map((s) => s.state['Packet']);
    expect(cells).toEqual([
      `10.244.0.5:${e} → 10.244.1.5:8080 TCP, TTL 64`,
      `10.244.0.5:${e} → 10.244.1.5:8080 TCP, TTL 63`,
      `10.244.0.5:${e} → 10.244.1.5:8080 TCP, TTL 62`,
      ...cells.slice(3),
    ]);
    expect(cells.at(-1)).toMatch(new RegExp(`^10\\.244\\.1\\.5:8080 → 10\\.244\\.0\\.5:${e} TCP, TTL \\d+$`));
  });
  it('vxlan: an Outer packet row while encapsulated, empty before and after', () => {
    const r = createCluster(YAML, { datapath: 'vxlan' }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080, nodeRows: true });
    expect(r.actors.slice(-2)).toEqual(['Packet', 'Outer packet']);
    const outer = moving(r).map((s) => s.state['Outer packet']);
    expect(outer[0]).toBe('–');
    expect(outer.filter((c) => /^172\.18\.0\.2:\d+ → 172\.18\.0\.3:8472 UDP, VNI 1 \(\+50 B\)$/.test(c ?? '')).length).toBeGreaterThanOrEqual(2);
  });
  it('lesson 1 keeps its rows: without nodeRows there is no Packet row', () => {
    expect(createCluster(YAML).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 }).actors).not.toContain('Packet');
  });
});

describe('the reply is routed by the destination node\'s own table', () => {
  // A host replies through its own routing table (ip-route(8): the FIB is per host); a request that arrives
  // over a working route is still lost if the way back is missing, so the client times out.
  const broken = { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] };
  it('pod-b → pod-c arrives over node-2\'s route, but node-1 has no route back: timeout', () => {
    const r = createCluster(YAML, broken).connect({ from: 'pod-b', to: '10.244.0.6', port: 80, nodeRows: true });
    expect(r.status).toBe('timeout');
    expect(r.steps.some((s) => s.state['pod-c']?.startsWith('Connection from 10.244.1.5'))).toBe(true);
    expect(r.steps.at(-1)?.action).toBe('The reply finds no route back');
  });
  it('without the fault the same request connects', () => {
    expect(createCluster(YAML).connect({ from: 'pod-b', to: '10.244.0.6', port: 80 }).status).toBe('connected');
  });
  // A refusal is a packet too (RFC 9293 §3.10.7.1: a SYN to a CLOSED port is answered with a RST; RFC 1122
  // §3.2.2.1: UDP answers with ICMP port unreachable), routed back by the same table: lost, the client times out.
  it('a port nothing listens on: the RST is lost on the way back, so pod-b times out instead of being refused', () => {
    const r = createCluster(YAML, broken).connect({ from: 'pod-b', to: '10.244.0.6', port: 8080, nodeRows: true });
    expect(r.status).toBe('timeout');
    expect(r.reason).toMatch(/^Timed out: the TCP RST from default\/pod-c is lost on the way back/);
    expect(r.steps.at(-2)?.result).toBe('Connection refused');
    expect(r.steps.at(-1)?.action).toBe('The reply finds no route back');
    expect(r.steps.at(-1)?.state['pod-b']).toBe('Timed out');
    expect(createCluster(YAML).connect({ from: 'pod-b', to: '10.244.0.6', port: 8080 }).status).toBe('refused');
  });
});
