/**
 * The node and pod network namespaces of a flannel-style cluster. Expected routes follow what the kernel adds for
 * an address (a `proto kernel scope link src <addr>` route per connected network), what flannel adds per remote
 * node (host-gw: `<podCIDR> via <node IP> dev eth0`; vxlan: `<podCIDR> via <podCIDR network> dev flannel.1 onlink`,
 * flannel-io/flannel Documentation/backends.md and pkg/backend/vxlan), and what the CNI bridge plugin gives a pod
 * (`default via <cni0 address>`, containernetworking/plugins plugins/main/bridge with isDefaultGateway).
 */
import { describe, expect, it } from 'vitest';
import { TWO_NODE_PODS_YAML } from '../fixtures.ts';
import { createCluster } from '../index.ts';
import { hostVethName, lookupRoute, nodeNetwork, nodeRouteTable, podNetwork, sameRouteAcross, sourceAddressFor } from './node-network.ts';
import { ipToInt, parseCidr } from '../ipam.ts';

const YAML = TWO_NODE_PODS_YAML;

describe('node network namespaces', () => {
  it('host-gw: a connected route per local network and one route per remote node, default via the node gateway', () => {
    const c = createCluster(YAML);
    const n1 = nodeNetwork(c.state, 'node-1')!;
    expect(n1.routes).toEqual([
      { dst: 'default', via: '172.18.0.1', dev: 'eth0' },
      { dst: '10.244.0.0/24', dev: 'cni0', proto: 'kernel', scope: 'link', src: '10.244.0.1' },
      { dst: '10.244.1.0/24', via: '172.18.0.3', dev: 'eth0' },
      { dst: '172.18.0.0/16', dev: 'eth0', proto: 'kernel', scope: 'link', src: '172.18.0.2' },
    ]);
    expect(n1.interfaces.slice(0, 3).map((i) => i.name)).toEqual(['lo', 'eth0', 'cni0']);
    // One veth per pod on the node (pod-a and the CoreDNS replica scheduled there), each enslaved to cni0.
    const veths = n1.interfaces.slice(3);
    expect(veths.map((i) => i.peerPod)).toEqual(c.model.pods.filter((p) => p.nodeName === 'node-1').map((p) => `${p.namespace}/${p.name}`));
    expect(veths.every((i) => i.kind === 'veth' && i.master === 'cni0')).toBe(true);
    expect(veths.map((i) => i.name)).toContain(hostVethName(c.state.pods.get('default/pod-a')!));
    expect(n1.interfaces.find((i) => i.name === 'cni0')?.addresses).toEqual([{ ip: '10.244.0.1', prefix: 24, broadcast: '10.244.0.255' }]);
  });

  it('vxlan: remote pod networks go through flannel.1 (VNI 1, MTU 1450)', () => {
    const c = createCluster(YAML, { datapath: 'vxlan' });
    const n1 = nodeNetwork(c.state, 'node-1')!;
    expect(n1.routes).toContainEqual({ dst: '10.244.1.0/24', via: '10.244.1.0', dev: 'flannel.1', onlink: true });
    const vtep = n1.interfaces.find((i) => i.name === 'flannel.1')!;
    expect(vtep).toMatchObject({ kind: 'vxlan', mtu: 1450, addresses: [{ ip: '10.244.0.0', prefix: 32 }] });
    expect(n1.interfaces.find((i) => i.name === 'cni0')?.mtu).toBe(1450);
  });

  it('a pod has lo and eth0 (peer of its host veth), a connected route and a default route via cni0', () => {
    const c = createCluster(YAML);
    const pod = c.state.pods.get('default/pod-a')!;
    const ns = podNetwork(c.state, pod)!;
    const hostVeth = nodeNetwork(c.state, 'node-1')!.interfaces.find((i) => i.peerPod === 'default/pod-a')!;
    expect(ns.interfaces[1]).toMatchObject({ name: 'eth0', peerIndex: hostVeth.index, addresses: [{ ip: '10.244.0.5', prefix: 24, broadcast: '10.244.0.255' }] });
    expect(ns.routes).toEqual([
      { dst: 'default', via: '10.244.0.1', dev: 'eth0' },
      { dst: '10.244.0.0/24', dev: 'eth0', proto: 'kernel', scope: 'link', src: '10.244.0.5' },
    ]);
    expect(hostVeth.name).toMatch(/^veth[0-9a-f]{8}$/);
  });

  it('looks routes up by longest prefix, and picks the source address the kernel would', () => {
    const c = createCluster(YAML);
    const n2 = nodeNetwork(c.state, 'node-2')!;
    expect(lookupRoute(n2, '10.244.1.5')).toMatchObject({ dev: 'cni0' });
    expect(lookupRoute(n2, '10.244.0.5')).toMatchObject({ via: '172.18.0.2' });
    expect(lookupRoute(n2, '203.0.113.10')).toMatchObject({ dst: 'default' });
    // A kubelet probe from node-2 to its own pod leaves from cni0's address (the route's src).
    expect(sourceAddressFor(n2, '10.244.1.5')).toBe('10.244.1.1');
    expect(sourceAddressFor(n2, '10.244.0.5')).toBe('172.18.0.3');
  });
});

describe('the bridge cni0', () => {
  // The CNI bridge plugin creates cni0 and gives it the gateway address on the node's first ADD
  // (containernetworking/plugins plugins/main/bridge/bridge.go: cmdAdd → setupBridge → ensureBridge; isGateway
  // adds the address, and with it the kernel's connected route); a node that never ran ADD has neither.
  const NODES = `${YAML}---
apiVersion: v1
kind: Node
metadata: {name: node-3}
spec: {podCIDR: 10.244.2.0/24}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-e}
spec: {nodeName: node-3, containers: [{name: c, image: busybox:1.36}]}
`;

  it('is missing on a node whose /etc/cni/net.d is empty: no ADD ever ran there', () => {
    const c = createCluster(NODES, { cni: { nodes: { 'node-3': { confFiles: {} } } } });
    const n3 = nodeNetwork(c.state, 'node-3')!;
    expect(n3.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0']);
    expect(n3.routes.some((r) => r.dev === 'cni0')).toBe(false);
    expect(nodeNetwork(c.state, 'node-1')!.interfaces.map((i) => i.name)).toContain('cni0');
  });

  it('exists once a pod on the node got its address', () => {
    const c = createCluster(NODES);
    expect(nodeNetwork(c.state, 'node-3')!.interfaces.map((i) => i.name).slice(0, 3)).toEqual(['lo', 'eth0', 'cni0']);
  });

  // ip-route(8): "the longest matching prefix is selected"; routes of equal prefix are tried in table order.
  it('looks a destination up by its longest matching prefix, by address text or integer alike', () => {
    const c = createCluster(YAML, { routes: [{ node: 'node-1', add: '10.244.1.3/32', via: '172.18.0.4' }] });
    const n1 = nodeNetwork(c.state, 'node-1')!;
    expect(lookupRoute(n1, '10.244.1.3')).toEqual({ dst: '10.244.1.3/32', via: '172.18.0.4', dev: 'eth0' });
    expect(lookupRoute(n1, '10.244.1.4')?.dst).toBe('10.244.1.0/24');
    expect(lookupRoute(n1, ipToInt('10.244.1.4')!)?.dst).toBe('10.244.1.0/24');
    expect(lookupRoute(n1, '192.0.2.1')?.dst).toBe('default');
    expect(lookupRoute(n1, 'not-an-address')?.dst).toBe('default');
    // The /32 splits node-2's pod CIDR: one lookup no longer speaks for the whole block; node-1's own one still does.
    expect(sameRouteAcross(n1, parseCidr('10.244.1.0/24')!)).toBe(false);
    expect(sameRouteAcross(n1, parseCidr('10.244.0.0/24')!)).toBe(true);
  });

  it('the route table alone is the namespace\'s table, with or without edits', () => {
    for (const settings of [{}, { datapath: 'vxlan' as const }, { routes: [{ node: 'node-2', delete: '10.244.0.0/24' }] }]) {
      const c = createCluster(YAML, settings);
      for (const node of c.model.nodes) expect(nodeRouteTable(c.state, node.name)?.routes, node.name).toEqual(nodeNetwork(c.state, node.name)?.routes);
    }
    expect(nodeRouteTable(createCluster(YAML).state, 'node-9')).toBeNull();
  });
});
