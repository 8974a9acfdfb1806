/**
 * Connections from a node's own network namespace. Sources: NetworkPolicy "traffic to and from the node where a
 * Pod is running is always allowed, regardless of the IP address of the Pod or the node"
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/); the kernel picks a route's `src`
 * as the source address (ip-route(8), `src ADDRESS`), so a node reaches its own pods from cni0's address.
 */
import { describe, expect, it } from 'vitest';
import { TWO_NODES_YAML } from './fixtures.ts';
import { createCluster } from './index.ts';

const YAML = `${TWO_NODES_YAML}---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeName: node-2, containers: [{name: web, image: nginxinc/nginx-unprivileged:1.27}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;

describe('connections from a node', () => {
  it("the pod's own node gets in under a default-deny, from cni0's address (a kubelet probe)", () => {
    const c = createCluster(YAML);
    const r = c.connect({ from: 'node:node-2', to: 'default/web', port: 8080 });
    expect(r.allowed).toBe(true);
    expect(r.seenSource).toBe('10.244.1.1');
    expect(r.steps.find((s) => s.phase === 'policy')?.details).toContain('always allows traffic from the node where a pod runs');
  });

  it('another node is judged like any other source, by its address', () => {
    const c = createCluster(YAML);
    const r = c.connect({ from: 'node:node-1', to: 'default/web', port: 8080 });
    expect(r.status).toBe('policy-denied');
    const open = createCluster(YAML.replace(/---\napiVersion: networking[\s\S]*?policyTypes: \[Ingress\]\}\n/, ''));
    expect(open.connect({ from: 'node:node-1', to: 'default/web', port: 8080 }).seenSource).toBe('172.18.0.2');
  });

  it('reaches a Service through kube-proxy, refuses closed ports, and does not resolve cluster names', () => {
    const c = createCluster(YAML);
    const svc = c.state.services.get('default/web')!;
    expect(c.connect({ from: 'node:node-2', to: svc.clusterIP, port: 80 }).target?.pod).toBe('default/web');
    expect(c.connect({ from: 'node:node-2', to: 'default/web', port: 9090 }).status).toBe('refused');
    expect(c.connect({ from: 'node:node-2', to: 'web.default.svc.cluster.local', port: 80 }).status).toBe('nxdomain');
    expect(c.connect({ from: 'node:node-9', to: 'default/web', port: 80 }).reason).toBe('Source node not found: nodes "node-9" not found.');
  });
});
