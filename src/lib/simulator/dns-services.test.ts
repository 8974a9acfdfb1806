import { describe, it, expect } from 'vitest';
import { createCluster } from './index.ts';
import { candidateNames } from './dns.ts';
import { LESSON_YAML, podYaml } from './fixtures.ts';

describe('DNS (CoreDNS semantics)', () => {
  it.each([
    ['web', 'default', ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    ['web.prod', 'default', ['web.prod.default.svc.cluster.local', 'web.prod.svc.cluster.local', 'web.prod.cluster.local', 'web.prod']],
    ['web.prod.svc.cluster.local.', 'default', ['web.prod.svc.cluster.local']],
    ['a.b.c.d.e.f', 'x', ['a.b.c.d.e.f', 'a.b.c.d.e.f.x.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']],
  ])('search path for %s from %s', (name, ns, expected) => {
    expect(candidateNames(name, ns)).toEqual(expected);
  });

  it.each([
    ['web', 'prod/x', 'web.prod.svc.cluster.local'],
    ['web.prod', 'default/pod-a', 'web.prod.svc.cluster.local'],
    ['web.prod.svc', 'default/pod-a', 'web.prod.svc.cluster.local'],
    ['kube-dns.kube-system', 'default/pod-a', 'kube-dns.kube-system.svc.cluster.local'],
    ['web', 'default/pod-a', null],
    ['pod-b', 'default/pod-a', null],
  ])('resolves %s from %s', (name, from, fqdn) => {
    const c = createCluster(LESSON_YAML + podYaml('x', 'prod', { app: 'x' }));
    const r = c.resolve(name, from);
    expect(r.answer?.fqdn ?? null).toBe(fqdn);
  });

  it('headless Services answer with ready pod IPs; pod A records resolve', () => {
    const c = createCluster(LESSON_YAML + podYaml('db-0', 'prod', { app: 'db' }) + podYaml('db-1', 'prod', { app: 'db' }) + podYaml('db-2', 'prod', { app: 'db' }, 'status:\n  conditions: [{type: Ready, status: "False"}]\n'));
    const ips = c.model.pods.filter((p) => p.name === 'db-0' || p.name === 'db-1').map((p) => p.ip);
    expect(c.resolve('db.prod', 'pod-a').answer).toMatchObject({ kind: 'headless', ips });
    expect(c.resolve('10-244-0-9.default.pod.cluster.local', 'pod-a').answer?.ips).toEqual(['10.244.0.9']);
    expect(c.kubectl('get ep db -n prod').stdout).not.toContain(c.model.pods.find((p) => p.name === 'db-2')!.ip);
  });
});

describe('Services and EndpointSlices', () => {
  it('selects ready pods and resolves named targetPorts', () => {
    const c = createCluster(LESSON_YAML);
    const [slice] = c.endpointSlices('prod/web');
    expect(slice?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice?.endpoints.map((e) => e.ready)).toEqual([true, true, true]);
    expect(c.endpointSlices('empty')[0]?.endpoints).toEqual([]);
  });

  it('honours spec.clusterIP, status.podIP and spec.nodeName and allocates the rest deterministically', () => {
    const yaml = `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: 10.96.5.5, ports: [{port: 80}]}\n${podYaml('p', 'default', { a: 'b' }, 'status: {podIP: 10.244.7.7}\n')}${podYaml('q', 'default', { a: 'b' })}`;
    const a = createCluster(yaml);
    expect(a.state.services.get('default/s')?.clusterIP).toBe('10.96.5.5');
    expect(a.state.pods.get('default/p')?.ip).toBe('10.244.7.7');
    expect(a.state.pods.get('default/q')?.ip).toBe(createCluster(yaml).state.pods.get('default/q')?.ip);
    expect(a.state.services.get('kube-system/kube-dns')?.clusterIP).toBe('10.96.0.10');
  });

  it('expands Deployments into stably named pods with pod-template-hash', () => {
    const c = createCluster(LESSON_YAML);
    const pods = c.model.pods.filter((p) => p.ownerDeployment === 'prod/web');
    expect(pods).toHaveLength(3);
    const hash = pods[0]?.labels['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    for (const p of pods) expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(createCluster(LESSON_YAML).model.pods.map((p) => p.name)).toEqual(c.model.pods.map((p) => p.name));
  });

  it('a Pending pod gets no IP, is not an endpoint and cannot be reached', () => {
    const c = createCluster(LESSON_YAML + podYaml('late', 'prod', { app: 'web' }, 'status: {phase: Pending}\n'));
    const late = c.state.pods.get('prod/late');
    expect(late?.ip).toBe('');
    expect(c.endpointSlices('prod/web')[0]?.endpoints).toHaveLength(3);
    expect(c.connect({ from: 'pod-a', to: 'prod/late' }).status).toBe('error');
    expect(c.kubectl('get pod late -n prod -o wide').stdout).toMatch(/late\s+0\/1\s+Pending\s+0\s+5m\s+<none>\s+<none>/);
  });
});

describe('NetworkPolicy explanations', () => {
  it('names isolating policies and why each rule missed', () => {
    const c = createCluster(`${podYaml('a', 'default', { app: 'a' })}${podYaml('b', 'default', { app: 'b' })}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-from-fe}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {role: fe}}}]\n    ports: [{port: 8080}]\n`);
    const v = c.explain('a', 'b', 80);
    expect(v?.egress.isolated).toBe(false);
    expect(v?.ingress.allowed).toBe(false);
    expect(v?.ingress.isolatingPolicies).toEqual(['default/web-from-fe']);
    expect(v?.ingress.explanation).toBe('Denied by ingress isolation of default/b: selected by NetworkPolicy "web-from-fe" (policyTypes Ingress) and no ingress rule of any selecting policy allows TCP/80 from default/a ("web-from-fe" rule 1 matches neither the source (podSelector role=fe) nor the port (TCP/8080)).');
  });
});
