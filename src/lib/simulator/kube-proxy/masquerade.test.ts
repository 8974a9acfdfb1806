/**
 * The source address MASQUERADE gives traffic that arrives from outside on a nodePort (externalTrafficPolicy Cluster)
 * and leaves for an endpoint. Sources:
 * - iptables-extensions(8), MASQUERADE: "equivalent to specifying a mapping to the IP address of the interface the
 *   packet is going out"; the kernel's net/netfilter/nf_nat_masquerade.c nf_nat_masquerade_ipv4:
 *   `nh = rt_nexthop(rt, ip_hdr(skb)->daddr); newsrc = inet_select_addr(out, nh, RT_SCOPE_UNIVERSE);`
 * - flannel-io/flannel pkg/backend/vxlan/vxlan.go RegisterNetwork: `dev.Configure(ip.IP4Net{IP: lease.Subnet.IP,
 *   PrefixLen: 32}, …)`, "This IP is just used as a source address for host to workload traffic", and
 *   vxlan_network.go: the route to a remote subnet goes via the vxlan device (flannel.1) with the remote subnet's
 *   network address as next hop; host-gw (Documentation/backends.md) routes `<podCIDR> via <node IP>` on eth0.
 * - https://kubernetes.io/docs/tutorials/services/source-ip/ (Type=NodePort, Cluster: the source is SNATed to the node).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { shopYaml } from './l5-fixture.ts';
import { masqueradeSource } from './masquerade.ts';

const yaml = shopYaml('type: NodePort').replace('ports: [{name: http, port: 80, targetPort: http}]', 'ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]');
const viaNode3 = { from: 'external:198.51.100.7', to: '172.18.0.4', port: 30080, backend: 'backend-1' } as const;
const allowFrom = (cidr: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-node, namespace: shop}
spec:
  podSelector: {matchLabels: {app: backend}}
  policyTypes: [Ingress]
  ingress: [{from: [{ipBlock: {cidr: ${cidr}}}], ports: [{port: 8080}]}]
`;

describe('masqueradeSource: the out device\'s address on the route to the destination', () => {
  it('host-gw: eth0 towards another node; cni0 towards a local pod', () => {
    const c = createCluster(yaml);
    expect(masqueradeSource(c.state, 'node-3', '10.244.0.7')).toEqual({ ip: '172.18.0.4', dev: 'eth0' });
    expect(masqueradeSource(c.state, 'node-3', '10.244.2.5')).toEqual({ ip: '10.244.2.1', dev: 'cni0' });
  });
  it('vxlan: flannel.1 (<podCIDR network>/32) towards another node; cni0 towards a local pod', () => {
    const c = createCluster(yaml, { datapath: 'vxlan' });
    expect(masqueradeSource(c.state, 'node-3', '10.244.0.7')).toEqual({ ip: '10.244.2.0', dev: 'flannel.1' });
    expect(masqueradeSource(c.state, 'node-1', '10.244.1.7')).toEqual({ ip: '10.244.0.0', dev: 'flannel.1' });
    expect(masqueradeSource(c.state, 'node-3', '10.244.2.5')).toEqual({ ip: '10.244.2.1', dev: 'cni0' });
  });
});

describe('an external client through a nodePort, externalTrafficPolicy Cluster', () => {
  it('host-gw: the endpoint on another node sees the receiving node\'s eth0 address, in the trace and in policy', () => {
    const r = createCluster(yaml).connect(viaNode3);
    expect([r.status, r.seenSource]).toEqual(['connected', '172.18.0.4']);
    const snat = r.steps.find((s) => s.action === 'Masquerade (SNAT)');
    expect(snat?.packet?.src).toBe('172.18.0.4');
    expect(snat?.details).toContain("node-3's eth0 address, on the way to node-1");
    expect(r.steps.find((s) => s.action === 'backend-1 receives and processes the request')?.packet?.src).toBe('172.18.0.4');
  });
  it('vxlan: it sees node-3\'s flannel.1 address 10.244.2.0, in the SNAT step, on arrival and to NetworkPolicy', () => {
    const r = createCluster(yaml, { datapath: 'vxlan' }).connect(viaNode3);
    expect([r.status, r.seenSource]).toEqual(['connected', '10.244.2.0']);
    const snat = r.steps.find((s) => s.action === 'Masquerade (SNAT)');
    expect(snat?.result).toBe('SNAT to 10.244.2.0');
    expect(snat?.details).toContain("node-3's flannel.1 address");
    expect(r.steps.find((s) => s.action === "Forwarded to the endpoint's node")?.details).toContain('through flannel.1 to node-1');
    expect(r.steps.find((s) => s.action === 'backend-1 receives and processes the request')?.packet?.src).toBe('10.244.2.0');
    expect(r.steps.find((s) => s.phase === 'policy')?.details).toContain('the source 10.244.2.0');
  });
  it('NetworkPolicy judges the masqueraded source: an ipBlock of the node IP admits host-gw traffic, not vxlan traffic', () => {
    expect(createCluster(yaml + allowFrom('172.18.0.4/32')).connect(viaNode3).status).toBe('connected');
    expect(createCluster(yaml + allowFrom('172.18.0.4/32'), { datapath: 'vxlan' }).connect(viaNode3).status).toBe('policy-denied');
    expect(createCluster(yaml + allowFrom('10.244.2.0/32'), { datapath: 'vxlan' }).connect(viaNode3).status).toBe('connected');
  });
  it('a local endpoint sees cni0\'s address in both datapaths', () => {
    for (const datapath of ['host-gw', 'vxlan'] as const) {
      expect(createCluster(yaml, { datapath }).connect({ ...viaNode3, to: '172.18.0.2' }).seenSource).toBe('10.244.0.1');
    }
  });
});

// A pod dialling a LoadBalancer ingress IP under externalTrafficPolicy Cluster: KUBE-EXT marks the packet for
// masquerade (kubernetes/kubernetes pkg/proxy/iptables/proxier.go, "masquerade traffic for … external destinations"),
// and POSTROUTING's MASQUERADE takes the address of the device the packet's route leaves by (iptables-extensions(8),
// MASQUERADE; nf_nat_masquerade_ipv4 looks the route up), so an admin's route edit that changes the out device changes
// the source the backend sees.
describe('a pod through a LoadBalancer IP (Cluster): masqueraded by the route the node looks up', () => {
  const lb = shopYaml('type: LoadBalancer').replace('ports: [{name: http, port: 80, targetPort: http}]', 'ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]').replace(/\n$/, '') + '\nstatus: {loadBalancer: {ingress: [{ip: 203.0.113.50}]}}\n';
  const dial = { from: 'shop/frontend', to: '203.0.113.50', port: 80, backend: 'backend-1' } as const; // frontend on node-3, backend-1 on node-1
  // node-3 reaches node-1's pods by a plain route on eth0 instead of through flannel.1 (both nodes share 172.18.0.0/16).
  const viaEth0 = [{ node: 'node-3', delete: '10.244.0.0/24' }, { node: 'node-3', add: '10.244.0.0/24', via: '172.18.0.2', dev: 'eth0' }];
  const snatStep = (r: ReturnType<ReturnType<typeof createCluster>['connect']>) => r.steps.find((s) => s.action === 'Masquerade (SNAT)');

  it('vxlan: flannel.1\'s address; with the route moved to eth0, eth0\'s address', () => {
    const stock = createCluster(lb, { datapath: 'vxlan' });
    const r = stock.connect(dial);
    expect([r.status, r.seenSource, snatStep(r)?.result]).toEqual(['connected', '10.244.2.0', 'SNAT to 10.244.2.0']);
    expect(snatStep(r)?.details).toContain("node-3's flannel.1");

    const edited = createCluster(lb, { datapath: 'vxlan', routes: viaEth0 });
    expect(masqueradeSource(edited.state, 'node-3', '10.244.0.7')).toEqual({ ip: '172.18.0.4', dev: 'eth0' });
    const e = edited.connect(dial);
    expect([e.status, e.seenSource, snatStep(e)?.result]).toEqual(['connected', '172.18.0.4', 'SNAT to 172.18.0.4']);
    expect(snatStep(e)?.details).toContain("node-3's eth0");
    expect(e.steps.find((s) => s.action === 'backend-1 receives and processes the request')?.packet?.src).toBe('172.18.0.4');
  });

  it('NetworkPolicy judges the masqueraded address the route gave', () => {
    const policy = lb + allowFrom('172.18.0.4/32');
    expect(createCluster(policy, { datapath: 'vxlan' }).connect(dial).status).toBe('policy-denied');
    expect(createCluster(policy, { datapath: 'vxlan', routes: viaEth0 }).connect(dial).status).toBe('connected');
  });

  it('host-gw with node-3\'s route to node-1\'s pods deleted: the default route leaves by eth0, so eth0\'s address, then lost', () => {
    const r = createCluster(lb, { routes: [{ node: 'node-3', delete: '10.244.0.0/24' }] }).connect(dial);
    // The gateway past eth0 knows no pod network (ip-route(8): the default route is the longest match left).
    expect(snatStep(r)?.result).toBe('SNAT to 172.18.0.4');
    expect(r.status).toBe('timeout');
  });
});
