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
