/**
 * Where the packet is at each step of a pod-to-pod trace. Expected routes are written as iproute2's `ip route`
 * prints flannel's tables: `<podCIDR> via <podCIDR network> dev flannel.1 onlink` for VXLAN and
 * `<podCIDR> dev cni0 proto kernel scope link src <bridge .1>` for the node's own pods (as printed on a flannel
 * node in flannel-io/flannel#1029, https://github.com/flannel-io/flannel/issues/1029), `<podCIDR> via <node IP>
 * dev eth0` for host-gw (flannel Documentation/backends.md: host-gw "creates IP routes to subnets via remote
 * machine IPs"), and a pod's own table `default via <bridge .1> dev eth0` plus its connected /24 (the CNI bridge
 * plugin's gateway route, containernetworking/plugins plugins/main/bridge). The outer VXLAN packet is routed
 * by the node's main table like any packet to the peer's node IP.
 */
import { describe, expect, it } from 'vitest';
import { threePodsYaml } from '../fixtures.ts';
import { createCluster } from '../index.ts';
import type { ConnectResult } from '../types.ts';
import { iproute2RouteLine, placeInterfaceId, placeInterfaces, placeWords } from './places.ts';
import { hostVethName } from './node-network.ts';

const YAML = threePodsYaml(8080);

/** Each step that has a place, as `action | node[/pod] dev [through] | route`. */
const places = (r: ConnectResult) =>
  r.steps.filter((s) => s.place).map((s) => {
    const p = s.place!;
    return `${s.action} | ${p.pod ?? p.node} ${p.dev}${p.through ? ` [${p.through.join(',')}]` : ''} | ${p.route ?? '-'}`;
  });

describe('packet places', () => {
  it('prints routes in iproute2 order: destination, via, dev, proto, scope, src, onlink', () => {
    expect(iproute2RouteLine({ dst: '10.244.1.0/24', via: '10.244.1.0', dev: 'flannel.1', onlink: true })).toBe('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    expect(iproute2RouteLine({ dst: '10.244.0.0/24', dev: 'cni0', proto: 'kernel', scope: 'link', src: '10.244.0.1' })).toBe('10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1');
  });

  it('VXLAN: the pod picks its default route, node-1 routes into flannel.1, the outer packet leaves eth0, node-2 decapsulates and bridges', () => {
    const c = createCluster(YAML, { datapath: 'vxlan' });
    const r = c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 });
    const vethB = hostVethName(c.state.pods.get('default/pod-b')!);
    expect(places(r)).toEqual([
      'pod-a sends the request | default/pod-a eth0 | default via 10.244.0.1 dev eth0',
      'Source node routes to flannel.1 | node-1 flannel.1 [cni0] | 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
      'Source node encapsulates in VXLAN | node-1 eth0 [flannel.1] | 172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2',
      'Destination node decapsulates | node-2 flannel.1 [eth0] | -',
      `Destination node routes to cni0 and bridges to the pod | node-2 ${vethB} [flannel.1,cni0] | 10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1`,
      'pod-b receives and processes the request | default/pod-b eth0 | -',
      'pod-b sends the response | default/pod-b eth0 | default via 10.244.1.1 dev eth0',
      'pod-a receives the response | default/pod-a eth0 | -',
    ]);
    // The wire between the nodes is no interface of either node: that step has no place.
    expect(r.steps.find((s) => s.action === 'The node network carries the outer packet')?.place).toBeUndefined();
  });

  it('host-gw: node-1 sends the pod packet itself out of eth0 to node-2', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 });
    expect(places(r)[1]).toBe('Source node routes to the destination node | node-1 eth0 [cni0] | 10.244.1.0/24 via 172.18.0.3 dev eth0');
  });

  it('same node: the pod reaches its neighbour on its connected /24 and the bridge switches it with no route lookup', () => {
    const c = createCluster(YAML);
    const r = c.connect({ from: 'pod-a', to: '10.244.0.6', port: 8080 });
    const vethC = hostVethName(c.state.pods.get('default/pod-c')!);
    expect(places(r).slice(0, 2)).toEqual([
      'pod-a sends the request | default/pod-a eth0 | 10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.5',
      `Bridge forwards on the same node | node-1 ${vethC} [cni0] | -`,
    ]);
  });

  it('a deleted route: the lookup falls through to the default route', () => {
    const r = createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 });
    expect(places(r).at(-1)).toBe('No route to the destination node | node-1 eth0 [cni0] | default via 172.18.0.1 dev eth0');
  });

  it('lists the node interfaces the trace uses, in ip link order, with their addresses, and says where each step is', () => {
    const c = createCluster(YAML, { datapath: 'vxlan' });
    const r = c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 });
    const vethA = hostVethName(c.state.pods.get('default/pod-a')!);
    const vethB = hostVethName(c.state.pods.get('default/pod-b')!);
    expect(placeInterfaces(c.state, r.steps.map((s) => s.place))).toEqual({
      'node-1': [{ name: 'eth0', address: '172.18.0.2' }, { name: 'flannel.1', address: '10.244.0.0' }, { name: 'cni0', address: '10.244.0.1' }, { name: vethA, pod: 'pod-a' }],
      'node-2': [{ name: 'eth0', address: '172.18.0.3' }, { name: 'flannel.1', address: '10.244.1.0' }, { name: 'cni0', address: '10.244.1.1' }, { name: vethB, pod: 'pod-b' }],
    });
    const step3 = r.steps.find((s) => s.action === 'Source node routes to flannel.1')!;
    expect(placeInterfaceId(step3.place)).toBe('node-1:flannel.1');
    expect(placeWords(step3.place!)).toEqual({ where: "On node-1's flannel.1", route: '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink' });
    expect(placeInterfaceId(r.steps[0]!.place)).toBeUndefined();
    expect(placeWords(r.steps[0]!.place!).where).toBe("On pod-a's eth0 (on node-1)");
  });
});
