import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCluster } from './cluster.ts';
import { formatMatrix } from './reachability.ts';

const NS = ['default', 'dev', 'prod'];
const APPS = ['web', 'db', 'api'];
const arbLabels = fc.record({ app: fc.constantFrom(...APPS), tier: fc.constantFrom('fe', 'be') }, { requiredKeys: ['app'] });
const arbSelector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ app: fc.constantFrom(...APPS) }) }),
  fc.record({ matchExpressions: fc.array(fc.oneof(fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('In', 'NotIn'), values: fc.array(fc.constantFrom('web', 'db', 'fe', 'prod', 'dev'), { minLength: 1, maxLength: 2 }) }), fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('Exists', 'DoesNotExist') })), { minLength: 1, maxLength: 2 }) }),
);
const arbPeer = fc.oneof(
  fc.record({ podSelector: arbSelector }),
  fc.record({ namespaceSelector: arbSelector }),
  fc.record({ namespaceSelector: arbSelector, podSelector: arbSelector }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '10.244.0.0/16' }, { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] }, { cidr: '10.244.0.0/24' }) }),
);
const arbPorts = fc.oneof(fc.constant(undefined), fc.array(fc.oneof(fc.record({ port: fc.constantFrom(80, 443) }), fc.record({ port: fc.constant('http') }), fc.record({ protocol: fc.constant('UDP'), port: fc.constant(53) }), fc.record({ port: fc.constant(1), endPort: fc.constant(100) })), { minLength: 1, maxLength: 2 }));
const arbRule = (field: 'from' | 'to') => fc.record({ [field]: fc.option(fc.array(arbPeer, { maxLength: 2 }), { nil: undefined }), ports: arbPorts }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
const arbPolicy = (i: number) =>
  fc.record({
    ns: fc.constantFrom(...NS),
    podSelector: arbSelector,
    policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
    ingress: fc.option(fc.array(arbRule('from'), { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(arbRule('to'), { maxLength: 2 }), { nil: undefined }),
  }).map((p) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: p.ns }, spec: Object.fromEntries(Object.entries({ podSelector: p.podSelector, policyTypes: p.policyTypes, ingress: p.ingress, egress: p.egress }).filter(([, v]) => v !== undefined)) }));
const arbPods = fc.array(fc.record({ ns: fc.constantFrom(...NS), labels: arbLabels, http: fc.constantFrom(80, 8080) }), { minLength: 2, maxLength: 7 }).map((ps) =>
  ps.map((p, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: p.ns, labels: p.labels }, spec: { nodeName: `node-${(i % 2) + 1}`, containers: [{ name: 'c', image: 'agnhost', ports: [{ name: 'http', containerPort: p.http }, { containerPort: 443 }, { containerPort: 53, protocol: 'UDP' }] }] } })),
);
const arbNamespaces = fc.tuple(fc.constantFrom('prod', 'dev'), fc.constantFrom('prod', 'dev')).map(([a, b]) => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { env: a } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { env: b } } },
]);
const arbPolicies = fc.array(fc.nat(), { maxLength: 5 }).chain((xs) => fc.tuple(...xs.map((_, i) => arbPolicy(i))));
const arbCheck = fc.constantFrom({ port: 80, protocol: 'TCP' as const }, { port: 8080, protocol: 'TCP' as const }, { port: 53, protocol: 'UDP' as const }, { port: 0, protocol: 'ICMP' as const });

const RUNS = { numRuns: 120 };

describe('reachability properties', () => {
  it('the fast matrix equals the naive pair-by-pair matrix and connect()', () => {
    fc.assert(
      fc.property(arbNamespaces, arbPods, arbPolicies, arbCheck, (nss, pods, policies, check) => {
        const c = createCluster([...nss, ...pods, ...policies]);
        const fast = c.reachability(check);
        expect(fast).toEqual(c.naiveReachability(check));
        const via = fast.pods.map((from) => fast.pods.map((to) => c.connect({ from, to, ...check }).allowed));
        expect(via).toEqual(fast.allowed);
      }),
      RUNS,
    );
  });

  it('adding an allow rule to a policy never removes a connection', () => {
    fc.assert(
      fc.property(arbNamespaces, arbPods, arbPolicies, fc.nat(), arbRule('from'), arbRule('to'), arbCheck, (nss, pods, policies, which, inRule, outRule, check) => {
        fc.pre(policies.length > 0);
        const before = createCluster([...nss, ...pods, ...policies]).reachability(check);
        const idx = which % policies.length;
        const target = policies[idx]!;
        const spec = target.spec as Record<string, unknown>;
        const widened = { ...target, spec: { ...spec, ingress: [...((spec.ingress as unknown[]) ?? []), inRule], egress: [...((spec.egress as unknown[]) ?? []), outRule], policyTypes: (spec.policyTypes as string[] | undefined) ?? ((spec.egress as unknown[] | undefined)?.length ? ['Ingress', 'Egress'] : ['Ingress']) } };
        const after = createCluster([...nss, ...pods, ...policies.map((p, i) => (i === idx ? widened : p))]).reachability(check);
        before.allowed.forEach((row, i) => row.forEach((v, j) => v && expect(after.allowed[i]?.[j]).toBe(true)));
      }),
      RUNS,
    );
  });

  it('a policy that selects no pod changes nothing', () => {
    fc.assert(
      fc.property(arbNamespaces, arbPods, arbPolicies, arbPolicy(99), arbCheck, (nss, pods, policies, extra, check) => {
        const inert = { ...extra, spec: { ...(extra.spec as object), podSelector: { matchLabels: { app: 'no-such-app' } } } };
        const a = createCluster([...nss, ...pods, ...policies]).reachability(check);
        const b = createCluster([...nss, ...pods, ...policies, inert]).reachability(check);
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });

  it('the answer does not depend on manifest order', () => {
    fc.assert(
      fc.property(arbNamespaces, arbPods, arbPolicies, arbCheck, fc.nat(), (nss, pods, policies, check, seed) => {
        const all = [...nss, ...pods, ...policies];
        const shuffled = [...all].sort((x, y) => ((JSON.stringify(x).length * 31 + seed) % 7) - ((JSON.stringify(y).length * 31 + seed) % 7)).reverse();
        const a = createCluster(all);
        const b = createCluster(shuffled);
        expect(b.reachability(check)).toEqual(a.reachability(check));
        expect(b.model.pods.map((p) => `${p.name}@${p.ip}`)).toEqual(a.model.pods.map((p) => `${p.name}@${p.ip}`));
      }),
      RUNS,
    );
  });

  it('a new policy only changes connections of the pods it selects', () => {
    fc.assert(
      fc.property(arbNamespaces, arbPods, arbPolicies, arbPolicy(98), arbCheck, (nss, pods, policies, extra, check) => {
        const a = createCluster([...nss, ...pods, ...policies]).reachability(check);
        const b = createCluster([...nss, ...pods, ...policies, extra]).reachability(check);
        // Pairs where neither pod is selected by the new policy keep their answer.
        const c2 = createCluster([...nss, ...pods, ...policies, extra]);
        const sel = c2.model.pods.filter((p) => !p.implicit);
        const spec = extra.spec as { podSelector: object };
        const probe = createCluster([...nss, ...pods, { ...extra, spec: { podSelector: spec.podSelector, policyTypes: ['Ingress', 'Egress'] } }]);
        const isolated = new Set(probe.reachability({ port: 80 }).pods.filter((pod) => probe.explain(pod, pod)?.ingress.isolatingPolicies.includes(`${extra.metadata.namespace}/${extra.metadata.name}`)));
        sel.forEach((p, i) => {
          if (isolated.has(`${p.namespace}/${p.name}`)) return;
          sel.forEach((q, j) => {
            if (isolated.has(`${q.namespace}/${q.name}`)) return;
            expect(b.allowed[i]?.[j]).toBe(a.allowed[i]?.[j]);
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('renders a compact grid', () => {
    expect(formatMatrix({ pods: ['a/x', 'b/y'], allowed: [[true, false], [true, true]] })).toBe('a/x ✓·\nb/y ✓✓');
  });
});
