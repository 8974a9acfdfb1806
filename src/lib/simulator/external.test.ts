/**
 * Traffic from outside the cluster to NodePort and LoadBalancer Services. Sources, per test:
 * - https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport ("each node proxies that port")
 *   and #loadbalancer (status.loadBalancer.ingress; how traffic reaches nodes is provider-specific);
 * - https://kubernetes.io/docs/reference/networking/virtual-ips/#external-traffic-policy and
 *   https://kubernetes.io/docs/tutorials/services/source-ip/ ("Source IP for Services with Type=NodePort": Cluster
 *   masquerades so the pod sees the node's IP; Local keeps the client IP and nodes without endpoints drop);
 * - kubernetes/kubernetes pkg/proxy/iptables/proxier.go (KUBE-NODEPORTS → KUBE-EXT, "has no local endpoints" DROP,
 *   REJECT for no endpoints) and test/e2e/network/loadbalancer.go "should preserve source IP … ExternalTrafficPolicy Local".
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { shopYaml } from './kube-proxy/l5-fixture.ts';

const withNodePort = (spec: string) => shopYaml(spec).replace('ports: [{name: http, port: 80, targetPort: http}]', 'ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]');
const ext = { from: 'external:198.51.100.7', port: 30080 } as const;

describe('external clients', () => {
  it('NodePort, Cluster: any node accepts, the backend sees the node address (source-ip tutorial, Type=NodePort)', () => {
    const c = createCluster(withNodePort('type: NodePort'));
    const r = c.connect({ ...ext, to: '172.18.0.4', backend: 'backend-1', nodeRows: true });
    expect(r.status).toBe('connected');
    expect(r.target?.pod).toBe('shop/backend-1');
    expect(r.seenSource).toBe('172.18.0.4');
    expect(r.steps.find((s) => s.action === 'NodePort matched')?.details).toContain('KUBE-NODEPORTS "--dport 30080" → KUBE-EXT');
    for (const ip of ['172.18.0.2', '172.18.0.3']) expect(c.connect({ ...ext, to: ip }).status).toBe('connected');
  });

  it('NodePort, Local: a node without an endpoint drops (timeout); one with endpoints keeps the client IP (e2e "preserve source IP")', () => {
    const c = createCluster(withNodePort('type: NodePort\nexternalTrafficPolicy: Local'));
    const dropped = c.connect({ ...ext, to: '172.18.0.4' });
    expect(dropped.status).toBe('timeout');
    expect(dropped.steps.at(-1)?.details).toContain('has no local endpoints');
    const kept = c.connect({ ...ext, to: '172.18.0.3' });
    expect(kept.status).toBe('connected');
    expect(kept.seenSource).toBe('198.51.100.7');
    expect(['shop/backend-2', 'shop/backend-3']).toContain(kept.target?.pod);
  });

  it('LoadBalancer: a provider hop to a node\'s nodePort, then as NodePort (service docs, type LoadBalancer)', () => {
    const c = createCluster(withNodePort('type: LoadBalancer').replace(/\n$/, '') + '\nstatus: {loadBalancer: {ingress: [{ip: 203.0.113.50}]}}\n');
    const r = c.connect({ from: 'external:198.51.100.7', to: '203.0.113.50', port: 80, nodeRows: true });
    expect(r.status).toBe('connected');
    expect(r.steps[1]?.action).toBe('The load balancer forwards to a node (provider-specific)');
    expect(r.steps[1]?.result).toBe('Forwarded to node-1:30080');
    expect(r.steps.at(-1)?.packet?.src).toBe('203.0.113.50');
  });

  it('no endpoints: REJECT, refused; a ClusterIP is not reachable from outside (virtual-ips; service docs)', () => {
    const none = createCluster(withNodePort('type: NodePort').replace('{app: backend}\n', '{app: backnd}\n'));
    expect(none.connect({ ...ext, to: '172.18.0.4' }).status).toBe('refused');
    const c = createCluster(withNodePort('type: NodePort'));
    expect(c.connect({ from: 'external:198.51.100.7', to: '10.96.20.10', port: 80 }).status).toBe('timeout');
    expect(c.connect({ ...ext, to: '172.18.0.4', port: 30081 }).status).toBe('refused');
    expect(c.connect({ from: 'external:nope', to: '172.18.0.4', port: 30080 }).status).toBe('error');
  });
});

describe('nodePort allocation', () => {
  it('a nodePort another Service holds is refused (portallocator "provided port is already allocated")', () => {
    const two = `${withNodePort('type: NodePort')}---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: shop}
spec: {type: NodePort, selector: {app: backend}, ports: [{port: 81, targetPort: 8080, nodePort: 30080}]}
`;
    expect(() => createCluster(two)).toThrow(/spec\.ports\[0\]\.nodePort.*provided port is already allocated|provided port is already allocated/);
  });

  it('an unset nodePort is allocated from 30000–32767 (DefaultServiceNodePortRange)', () => {
    const c = createCluster(shopYaml('type: NodePort'));
    const np = c.state.services.get('shop/backend')?.ports[0]?.nodePort ?? 0;
    expect(np).toBeGreaterThanOrEqual(30000);
    expect(np).toBeLessThanOrEqual(32767);
  });
});
