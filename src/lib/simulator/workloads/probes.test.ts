/**
 * Readiness probes as the kubelet runs them. Expected text, kubernetes/kubernetes:
 * - pkg/probe/http/http.go DoHTTPProbe: success iff 200 <= code < 400, else `HTTP probe failed with statuscode: %d`;
 * - pkg/kubelet/prober/prober.go: event Warning Unhealthy `%s probe failed: %s` with probeType "Readiness";
 * - pkg/probe/tcp/tcp.go DoTCPProbe: failure output is the dial error (Go: `dial tcp IP:PORT: connect: connection refused`);
 * - pkg/kubelet/status/generate.go GeneratePodReadyCondition: Ready=False, ContainersNotReady,
 *   `containers with unready status: [%s]`;
 * - pkg/controller/endpointslice podToEndpoint: an endpoint of a not-ready pod has `ready: false`;
 * - nginx answers a missing file with 404 (ngx_http_static_module), so `/healthz` on stock nginx fails.
 * Probes come from the node: a deny-all ingress policy does not fail them (kubernetes.io NetworkPolicy concept page,
 * "traffic to and from the node where a Pod is running is always allowed").
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const pod = (probe: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default, labels: {app: web}}
spec:
  nodeName: node-1
  containers:
    - name: web
      image: nginx:1.27
      ports: [{name: http, containerPort: 80}]
${probe}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
${extra}`;

const denyAll = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: default}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

describe('readiness probes', () => {
  it('an httpGet probe on a path nginx does not serve: Running, 0/1, Ready=False, slice endpoint not ready, Unhealthy event', () => {
    const c = createCluster(pod('      readinessProbe: {httpGet: {path: /healthz, port: 80}}'));
    expect(c.kubectl('get pod web').stdout).toMatch(/^web\s+0\/1\s+Running\s/m);
    const describe = c.kubectl('describe pod web').stdout;
    expect(describe).toMatch(/Warning\s+Unhealthy\s+5m\s+kubelet\s+spec\.containers\{web\}: Readiness probe failed: HTTP probe failed with statuscode: 404\n/);
    const yaml = c.kubectl('get pod web -o yaml').stdout;
    expect(yaml).toMatch(/message: .containers with unready status: \[web\].\n\s+reason: ContainersNotReady\n\s+status: "False"\n\s+type: Ready\n/);
    expect(c.kubectl('get endpointslices -o yaml').stdout).toContain('ready: false');
    expect(c.kubectl('get events').stdout).toMatch(/Warning\s+Unhealthy\s+pod\/web\s+Readiness probe failed: HTTP probe failed with statuscode: 404/);
    // No ready endpoint: kube-proxy rejects the ClusterIP (lesson 5), the client sees refused.
    expect(c.connect({ from: 'node:node-2', to: 'default/web', port: 80 }).status).not.toBe('connected');
  });

  it('passes on a path the server answers 200 (nginx /), by port number or container port name', () => {
    for (const port of ['80', 'http']) {
      const c = createCluster(pod(`      readinessProbe: {httpGet: {path: /, port: ${port}}}`));
      expect(c.kubectl('get pod web').stdout).toMatch(/^web\s+1\/1\s+Running\s/m);
      expect(c.kubectl('describe pod web').stdout).not.toContain('Unhealthy');
    }
  });

  it('a tcpSocket probe passes iff something listens', () => {
    expect(createCluster(pod('      readinessProbe: {tcpSocket: {port: 80}}')).kubectl('get pod web').stdout).toMatch(/^web\s+1\/1\s/m);
    const c = createCluster(pod('      readinessProbe: {tcpSocket: {port: 8080}}'));
    expect(c.kubectl('get pod web').stdout).toMatch(/^web\s+0\/1\s/m);
    const ip = c.model.pods.find((p) => p.name === 'web')!.ip;
    expect(c.kubectl('describe pod web').stdout).toContain(`Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
  });

  it('comes from the node: a deny-all ingress policy does not fail it', () => {
    const c = createCluster(pod('      readinessProbe: {httpGet: {path: /, port: 80}}', denyAll));
    expect(c.kubectl('get pod web').stdout).toMatch(/^web\s+1\/1\s+Running\s/m);
  });

  it('rejects an invalid probe port like the API server', () => {
    expect(() => createCluster(pod('      readinessProbe: {httpGet: {path: /, port: 70000}}'))).toThrow(/readinessProbe\.httpGet\.port/);
  });
});
