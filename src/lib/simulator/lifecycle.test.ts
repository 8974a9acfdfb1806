/**
 * Pod lifecycle as it really goes, and the endpoints each stage produces. Sources:
 * - a pod's sandbox (and its IP, from CNI ADD) exists before its containers start: ContainerCreating pods have an IP
 *   (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/ and the CRI RunPodSandbox call);
 * - readiness gates Service traffic, not the pod IP; EndpointSlice conditions ready/serving/terminating and
 *   kube-proxy's fallback to serving terminating endpoints
 *   (https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/#conditions,
 *   https://kubernetes.io/docs/reference/networking/virtual-ips/#traffic-to-terminating-endpoints);
 * - default/kubernetes is served by kube-apiserver on its secure port 6443, its slice written by the API server.
 */
import { describe, expect, it } from 'vitest';
import { TWO_NODES_YAML } from './fixtures.ts';
import { createCluster } from './index.ts';

const pod = (name: string, extra: string, labels = 'app: web') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {${labels}}}
spec:
  nodeName: node-1
  containers: [{name: web, image: nginx:1.27}]
${extra}
`;
const base = `${TWO_NODES_YAML}${pod('client', '', 'app: client').replace('image: nginx:1.27', 'image: busybox:1.36, command: [sleep, "86400"]')}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

describe('pod lifecycle', () => {
  it('an unscheduled pod is Pending with no IP; a scheduled one still creating containers has an IP but refuses', () => {
    const c = createCluster(`${base}${pod('starting', 'status: {phase: Pending}')}---
apiVersion: v1
kind: Pod
metadata: {name: unscheduled}
spec: {containers: [{name: web, image: nginx:1.27}]}
status: {phase: Pending}
`);
    const starting = c.state.pods.get('default/starting')!;
    expect(starting.ip).toMatch(/^10\.244\.0\.\d+$/);
    expect(starting.ready).toBe(false);
    expect(c.state.pods.get('default/unscheduled')).toMatchObject({ ip: '', nodeName: '' });
    const r = c.connect({ from: 'client', to: 'default/starting', port: 80 });
    expect(r.status).toBe('refused');
    expect(r.reason).toContain('ContainerCreating');
    const slice = c.endpointSlices('web')[0]!;
    expect(slice.endpoints).toEqual([expect.objectContaining({ ip: starting.ip, ready: false, serving: false, terminating: false })]);
    expect(c.connect({ from: 'client', to: 'web', port: 80 }).status).toBe('refused'); // no ready endpoint
  });

  it('a Running pod that is not Ready answers on its IP but gets no Service traffic', () => {
    const c = createCluster(`${base}${pod('warming', 'status: {phase: Running, conditions: [{type: Ready, status: "False"}]}')}`);
    expect(c.connect({ from: 'client', to: 'default/warming', port: 80 }).allowed).toBe(true);
    expect(c.connect({ from: 'client', to: 'web', port: 80 }).status).toBe('refused');
  });

  it('a terminating pod is serving/terminating and gets new connections only when no endpoint is ready', () => {
    const terminating = pod('old', '').replace('metadata: {name: old,', 'metadata: {deletionTimestamp: "2026-12-01T08:00:00Z", name: old,');
    const c = createCluster(`${base}${terminating}${pod('new', '')}`);
    const eps = c.endpointSlices('web')[0]!.endpoints;
    expect(eps.find((e) => e.pod === 'default/old')).toMatchObject({ ready: false, serving: true, terminating: true });
    expect(eps.find((e) => e.pod === 'default/new')).toMatchObject({ ready: true, serving: true, terminating: false });
    expect(c.connect({ from: 'client', to: 'web', port: 80, backend: 'old' }).target?.pod).toBe('default/new');
    const alone = createCluster(`${base}${terminating}`);
    expect(alone.connect({ from: 'client', to: 'web', port: 80 }).target?.pod).toBe('default/old');
  });
});

describe('the API server behind default/kubernetes', () => {
  it('has the endpoint kube-apiserver writes, and answers on 443 through it', () => {
    const c = createCluster(base);
    const slice = c.endpointSlices('kubernetes')[0]!;
    expect(slice).toMatchObject({ name: 'kubernetes', ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] });
    expect(slice.endpoints.map((e) => e.ip)).toEqual(['172.18.0.2']);
    const r = c.connect({ from: 'client', to: 'kubernetes.default', port: 443 });
    expect(r.allowed).toBe(true);
    expect(r.reason).toContain('kube-apiserver on node node-1 (172.18.0.2:6443)');
  });

  it('nodes answer only where their processes listen', () => {
    const c = createCluster(base);
    expect(c.connect({ from: 'client', to: '172.18.0.3', port: 10250 }).allowed).toBe(true);
    expect(c.connect({ from: 'client', to: '172.18.0.3', port: 6443 }).status).toBe('refused');
    expect(c.connect({ from: 'client', to: '172.18.0.3', port: 8080 }).status).toBe('refused');
    expect(c.connect({ from: 'client', to: '172.18.0.3', protocol: 'ICMP' }).allowed).toBe(true);
  });
});
