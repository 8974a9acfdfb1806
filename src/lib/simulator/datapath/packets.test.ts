/**
 * The packet on the wire at every step. Expectations follow IP forwarding (each router hop decrements the TTL,
 * RFC 791; a Linux bridge switches at layer 2 and leaves it), kube-proxy's DNAT and its reversal by conntrack
 * (https://kubernetes.io/docs/reference/networking/virtual-ips/), flannel's VXLAN backend (VNI 1, UDP 8472,
 * flannel-io/flannel Documentation/backends.md) and masquerading of traffic leaving the pod network.
 */
import { describe, expect, it } from 'vitest';
import { threePodsYaml } from '../fixtures.ts';
import { createCluster } from '../index.ts';
import type { ConnectResult } from '../types.ts';

const YAML = `${threePodsYaml(8080)}---
apiVersion: v1
kind: Service
metadata: {name: backend}
spec: {clusterIP: 10.96.20.10, selector: {app: backend}, ports: [{port: 80, targetPort: 8080}]}
`;

const wire = (r: ConnectResult) => r.steps.filter((s) => s.packet).map((s) => {
  const p = s.packet!;
  const ports = (ip: string, port?: number) => (port === undefined ? ip : `${ip}:${port === r.steps[0]?.packet?.srcPort ? 'E' : port}`);
  return `${s.action} | ${ports(p.src, p.srcPort)} → ${ports(p.dst, p.dstPort)} ttl ${p.ttl}${p.outer ? ` | outer ${p.outer.src} → ${p.outer.dst}:${p.outer.dstPort} vni ${p.outer.vni}` : ''}`;
});

describe('packets on the wire', () => {
  it('cross-node with host-gw routes: addresses never change, the TTL drops at each node', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 });
    expect(r.allowed).toBe(true);
    expect(r.seenSource).toBe('10.244.0.5');
    expect(wire(r)).toEqual([
      'pod-a sends the request | 10.244.0.5:E → 10.244.1.5:8080 ttl 64',
      'Source node routes to the destination node | 10.244.0.5:E → 10.244.1.5:8080 ttl 63',
      'Destination node bridges to the pod | 10.244.0.5:E → 10.244.1.5:8080 ttl 62',
      'pod-b receives and processes the request | 10.244.0.5:E → 10.244.1.5:8080 ttl 62',
      'pod-b sends the response | 10.244.1.5:8080 → 10.244.0.5:E ttl 64',
      'pod-a receives the response | 10.244.1.5:8080 → 10.244.0.5:E ttl 62',
    ]);
  });

  it('same node: the bridge switches the frame and the TTL stays 64', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.244.0.6', port: 8080 });
    expect(r.steps.find((s) => s.action === 'Bridge forwards on the same node')?.packet).toMatchObject({ src: '10.244.0.5', dst: '10.244.0.6', ttl: 64 });
  });

  it('vxlan: between the nodes the packet rides inside UDP 8472 from node IP to node IP', () => {
    const r = createCluster(YAML, { datapath: 'vxlan' }).connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 });
    expect(wire(r).slice(1, 6)).toEqual([
      'Source node routes to flannel.1 | 10.244.0.5:E → 10.244.1.5:8080 ttl 63',
      'Source node encapsulates in VXLAN | 10.244.0.5:E → 10.244.1.5:8080 ttl 63 | outer 172.18.0.2 → 172.18.0.3:8472 vni 1',
      'The node network carries the outer packet | 10.244.0.5:E → 10.244.1.5:8080 ttl 63 | outer 172.18.0.2 → 172.18.0.3:8472 vni 1',
      'Destination node decapsulates | 10.244.0.5:E → 10.244.1.5:8080 ttl 63',
      'Destination node routes to cni0 and bridges to the pod | 10.244.0.5:E → 10.244.1.5:8080 ttl 62',
    ]);
  });

  it('through a Service: DNAT rewrites the destination, conntrack makes the reply come from the ClusterIP', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '10.96.20.10', port: 80 });
    const w = wire(r);
    expect(w[0]).toBe('pod-a sends the request to the Service | 10.244.0.5:E → 10.96.20.10:80 ttl 64');
    expect(w[1]).toBe('Service DNAT | 10.244.0.5:E → 10.244.1.5:8080 ttl 64');
    expect(w[w.length - 1]).toBe('pod-a receives the response | 10.96.20.10:80 → 10.244.0.5:E ttl 62');
    expect(r.seenSource).toBe('10.244.0.5');
  });

  it('leaving the cluster: the node masquerades, so the outside host sees the node IP', () => {
    const r = createCluster(YAML).connect({ from: 'pod-a', to: '203.0.113.10', port: 443 });
    expect(r.seenSource).toBe('172.18.0.2');
    expect(r.steps.find((s) => s.action === 'Node masquerades and routes out')?.packet).toMatchObject({ src: '172.18.0.2', dst: '203.0.113.10', ttl: 63 });
  });
});
