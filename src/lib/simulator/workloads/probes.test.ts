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
import { describeProbe, runExecProbe } from './probes.ts';

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

  // exec probes: pkg/probe/exec/exec.go (exit 0 Success, else Failure with the output); describe.go DescribeProbe;
  // API defaults pkg/apis/core/v1/defaults.go SetDefaults_Probe (timeout 1, period 10, success 1, failure 3).
  it.each([
    ['[true]', 'exec: {command: ["true"]}', /^web\s+1\/1\s/m, 'exec [true] delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['[false]', 'exec: {command: ["false"]}', /^web\s+0\/1\s/m, 'exec [false] delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['sh -c test -f /etc/hosts', "exec: {command: [sh, -c, 'test -f /etc/hosts']}, initialDelaySeconds: 5, periodSeconds: 3", /^web\s+1\/1\s/m, 'exec [sh -c test -f /etc/hosts] delay=5s timeout=1s period=3s #success=1 #failure=3'],
    ['cat /etc/resolv.conf', 'exec: {command: [cat, /etc/resolv.conf]}', /^web\s+1\/1\s/m, 'exec [cat /etc/resolv.conf] delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['httpGet', 'httpGet: {path: /, port: http}, failureThreshold: 5', /^web\s+1\/1\s/m, 'http-get http://:http/ delay=0s timeout=1s period=10s #success=1 #failure=5'],
    ['tcpSocket', 'tcpSocket: {port: 80}', /^web\s+1\/1\s/m, 'tcp-socket :80 delay=0s timeout=1s period=10s #success=1 #failure=3'],
  ])('an %s readiness probe runs and shows in describe pod as kubectl prints it', (_name, probe, row, line) => {
    const c = createCluster(pod(`      readinessProbe: {${probe}}`));
    expect(c.kubectl('get pod web').stdout).toMatch(row);
    const d = c.kubectl('describe pod web');
    expect(d.stdout).toMatch(new RegExp(`\\n    Readiness:\\s+${line.replace(/[[\]]/g, '\\$&')}\\n    Environment:`));
    expect(d.stderr).toBe('');
  });

  it('a failing exec probe: the Unhealthy event carries the command\'s (empty) output', () => {
    const c = createCluster(pod('      readinessProbe: {exec: {command: ["false"]}}'));
    expect(c.kubectl('describe pod web').stdout).toMatch(/Warning\s+Unhealthy\s+5m\s+kubelet\s+spec\.containers\{web\}: Readiness probe failed:\n/); // DescribeEvents prints strings.TrimSpace(e.Message)
    expect(c.endpointSlices('default/web').flatMap((s) => s.endpoints.map((e) => e.ready))).toEqual([false]);
  });

  it('an exec probe the container model cannot answer is not guessed: taken as ready, with a [simulator] note on describe', () => {
    const c = createCluster(pod('      readinessProbe: {exec: {command: [cat, /tmp/ready]}}'));
    expect(c.kubectl('get pod web').stdout).toMatch(/^web\s+1\/1\s/m);
    expect(c.kubectl('describe pod web').stderr).toBe("[simulator] the readiness probe of container web in pod web is not run: the container's files are not modelled, except /etc/hosts, /etc/resolv.conf and /etc/hostname; the container is taken to be ready.\n");
  });

  it.each([
    // nginx:1.27 (Debian bookworm-slim) ships cat and sh; coredns's image has no shell at all; http-echo only itself.
    ['nginx:1.27', ['true'], { ok: true }],
    ['nginx:1.27', ['/bin/cat', '/etc/hostname'], { ok: true }],
    ['nginx:1.27', ['sh', '-c', '[ -e /etc/hosts ]'], { ok: true }],
    ['nginx:1.27', ['sh', '-c', 'cat /tmp/ready && true'], { ok: 'unknown', why: 'the shell command in [sh -c cat /tmp/ready && true] is not modelled' }],
    ['nginx:1.27', ['ls', '/tmp'], { ok: 'unknown', why: 'what [ls /tmp] does in the container is not modelled' }],
    ['registry.k8s.io/coredns/coredns:v1.12.0', ['sh', '-c', 'true'], { ok: false, output: null }],
    ['hashicorp/http-echo:1.0', ['cat', '/etc/hosts'], { ok: false, output: null }],
    ['example.com/app:1', ['true'], { ok: 'unknown', why: 'image example.com/app:1 is not modelled' }],
  ])('runExecProbe(%s, %j)', (image, command, expected) => {
    expect(runExecProbe({ name: 'c', image, ports: [] }, command)).toEqual(expected);
  });

  it('DescribeProbe brackets an IPv6 host as url.URL does', () => {
    expect(describeProbe({ kind: 'httpGet', path: '/h', port: 8080, host: 'fd00::1' })).toBe('http-get http://[fd00::1]:8080/h delay=0s timeout=1s period=10s #success=1 #failure=3');
  });
});
