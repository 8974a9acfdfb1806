/**
 * NetworkPolicy conformance: scenarios written from the Kubernetes documentation
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/), each asserting the complete
 * reachability matrix of a fixed 6-pod, 3-namespace cluster for one or more ports/protocols.
 * Every matrix is also checked against the naive evaluator and against connect() cell by cell.
 */
import { describe, it, expect } from 'vitest';
import { createCluster } from './index.ts';
import type { WireProtocol } from './types.ts';

// Matrix order (rows = from, columns = to): default/a default/b dev/c dev/d prod/e prod/f
const PODS = ['default/a', 'default/b', 'dev/c', 'dev/d', 'prod/e', 'prod/f'];

const pod = (ns: string, name: string, node: string, ip: string, labels: Record<string, string>, httpPort = 80, webName = 'http', altName = 'alt') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: {
    nodeName: node,
    containers: [
      {
        name: 'app',
        // An image the simulator does not model listens on its declared containerPorts (workloads/listeners.ts),
        // so every pod answers on each port below and the matrices isolate NetworkPolicy's verdicts.
        image: 'registry.example/netpol-test-server:1.0',
        ports: [
          { name: webName, containerPort: httpPort },
          { name: altName, containerPort: httpPort === 80 ? 8080 : 80 },
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'sctp', containerPort: 9000, protocol: 'SCTP' },
          { name: 'pg', containerPort: 5432 },
        ],
      },
    ],
  },
  status: { podIP: ip },
});

const BASE: unknown[] = [
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-2' }, spec: { podCIDR: '10.244.2.0/24' } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-3' }, spec: { podCIDR: '10.244.3.0/24' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { env: 'dev', team: 'red' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { env: 'prod', team: 'blue' } } },
  pod('default', 'a', 'node-1', '10.244.1.10', { app: 'web', role: 'frontend' }),
  pod('default', 'b', 'node-1', '10.244.1.11', { app: 'db', role: 'backend' }),
  pod('dev', 'c', 'node-2', '10.244.2.20', { app: 'web', role: 'frontend' }),
  // d names port 80 "web" and 8080 "http": named ports resolve per destination pod.
  pod('dev', 'd', 'node-2', '10.244.2.21', { app: 'db', role: 'backend' }, 8080, 'http', 'web'),
  pod('prod', 'e', 'node-3', '10.244.3.30', { app: 'web', role: 'frontend' }),
  pod('prod', 'f', 'node-3', '10.244.3.31', { app: 'tools' }),
];

const ALL = ['111111', '111111', '111111', '111111', '111111', '111111'];

interface Check {
  port: number;
  protocol?: WireProtocol;
  matrix: string[];
}
interface Scenario {
  name: string;
  policies: string;
  checks: Check[];
}

const np = (ns: string, name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

const DENY_IN_DEFAULT = ['101111', '011111', '001111', '001111', '001111', '001111'];

const SCENARIOS: Scenario[] = [
  { name: '01 no policies: every pod reaches every pod', policies: '', checks: [{ port: 80, matrix: ALL }, { port: 53, protocol: 'UDP', matrix: ALL }] },
  { name: '02 default deny ingress in one namespace', policies: np('default', 'default-deny-ingress', 'podSelector: {}\npolicyTypes: [Ingress]'), checks: [{ port: 80, matrix: DENY_IN_DEFAULT }] },
  { name: '03 policyTypes defaults to Ingress when there are no egress rules', policies: np('default', 'deny', 'podSelector: {}'), checks: [{ port: 80, matrix: DENY_IN_DEFAULT }, { port: 53, protocol: 'UDP', matrix: DENY_IN_DEFAULT }] },
  { name: '04 allow all ingress overrides a default deny (rules union)', policies: np('default', 'deny', 'podSelector: {}\npolicyTypes: [Ingress]') + np('default', 'allow-all-ingress', 'podSelector: {}\ningress:\n- {}\npolicyTypes: [Ingress]'), checks: [{ port: 80, matrix: ALL }] },
  { name: '05 default deny egress', policies: np('default', 'default-deny-egress', 'podSelector: {}\npolicyTypes: [Egress]'), checks: [{ port: 80, matrix: ['100000', '010000', '111111', '111111', '111111', '111111'] }] },
  { name: '06 allow all egress', policies: np('default', 'deny', 'podSelector: {}\npolicyTypes: [Egress]') + np('default', 'allow-all-egress', 'podSelector: {}\negress:\n- {}\npolicyTypes: [Egress]'), checks: [{ port: 80, matrix: ALL }] },
  { name: '07 default deny all ingress and egress', policies: np('default', 'default-deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'), checks: [{ port: 80, matrix: ['100000', '010000', '001111', '001111', '001111', '001111'] }] },
  { name: '08 egress rules without policyTypes also isolate ingress', policies: np('default', 'egress-same-ns', 'podSelector: {}\negress:\n- to:\n  - podSelector: {}'), checks: [{ port: 80, matrix: ['100000', '010000', '001111', '001111', '001111', '001111'] }] },
  { name: '09 podSelector peer selects pods of the policy namespace only', policies: np('default', 'db-from-frontend', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- from:\n  - podSelector:\n      matchLabels: {role: frontend}'), checks: [{ port: 80, matrix: ['111111', '111111', '101111', '101111', '101111', '101111'] }] },
  { name: '10 namespaceSelector peer selects all pods of matching namespaces', policies: np('prod', 'from-red', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels: {team: red}'), checks: [{ port: 80, matrix: ['111100', '111100', '111111', '111111', '111110', '111101'] }] },
  { name: '11 namespaceSelector and podSelector in one peer are ANDed', policies: np('prod', 'red-frontends', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels: {team: red}\n    podSelector:\n      matchLabels: {role: frontend}'), checks: [{ port: 80, matrix: ['111100', '111100', '111111', '111100', '111110', '111101'] }] },
  { name: '12 namespaceSelector and podSelector as separate peers are ORed', policies: np('prod', 'red-or-frontends', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels: {team: red}\n  - podSelector:\n      matchLabels: {role: frontend}'), checks: [{ port: 80, matrix: ['111100', '111100', '111111', '111111', '111111', '111101'] }] },
  { name: '13 empty namespaceSelector with podSelector selects those pods in every namespace', policies: np('default', 'db-from-any-frontend', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector:\n      matchLabels: {role: frontend}'), checks: [{ port: 80, matrix: ['111111', '111111', '111111', '101111', '111111', '101111'] }] },
  { name: '14 matchExpressions In on namespace labels', policies: np('default', 'from-dev', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - {key: env, operator: In, values: [dev, staging]}'), checks: [{ port: 80, matrix: ['101111', '011111', '111111', '111111', '001111', '001111'] }] },
  { name: '15 matchExpressions NotIn (a missing key satisfies NotIn)', policies: np('prod', 'not-from-dev', 'podSelector:\n  matchExpressions:\n  - {key: app, operator: NotIn, values: [tools]}\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - {key: env, operator: NotIn, values: [dev]}'), checks: [{ port: 80, matrix: ['111111', '111111', '111101', '111101', '111111', '111111'] }] },
  { name: '16 matchExpressions Exists', policies: np('default', 'from-any-role', 'podSelector:\n  matchExpressions:\n  - {key: role, operator: Exists}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector:\n      matchExpressions:\n      - {key: role, operator: Exists}'), checks: [{ port: 80, matrix: ['111111', '111111', '111111', '111111', '111111', '001111'] }] },
  { name: '17 matchExpressions DoesNotExist', policies: np('prod', 'from-unlabelled-ns', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - {key: env, operator: DoesNotExist}'), checks: [{ port: 80, matrix: ['111111', '111111', '111100', '111100', '111110', '111101'] }] },
  {
    name: '18 a numeric port restricts the rule',
    policies: np('default', 'db-5432', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- from:\n  - podSelector: {}\n  ports:\n  - port: 5432'),
    checks: [
      { port: 80, matrix: ['101111', '111111', '101111', '101111', '101111', '101111'] },
      { port: 5432, matrix: ['111111', '111111', '101111', '101111', '101111', '101111'] },
    ],
  },
  {
    name: '19 UDP port rule',
    policies: np('default', 'dns-only', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - protocol: UDP\n    port: 53'),
    checks: [
      { port: 53, protocol: 'UDP', matrix: ALL },
      { port: 80, matrix: DENY_IN_DEFAULT },
    ],
  },
  {
    name: '20 protocol defaults to TCP',
    policies: np('default', 'tcp-53', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - port: 53'),
    checks: [
      { port: 53, protocol: 'UDP', matrix: DENY_IN_DEFAULT },
      { port: 80, matrix: DENY_IN_DEFAULT },
    ],
  },
  {
    name: '21 SCTP port rule',
    policies: np('default', 'sctp', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - protocol: SCTP\n    port: 9000'),
    checks: [
      { port: 9000, protocol: 'SCTP', matrix: ALL },
      { port: 80, matrix: DENY_IN_DEFAULT },
    ],
  },
  {
    name: '22 port range with endPort',
    policies: np('default', 'range', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - protocol: TCP\n    port: 8000\n    endPort: 9000'),
    checks: [
      { port: 8080, matrix: ALL },
      { port: 80, matrix: DENY_IN_DEFAULT },
    ],
  },
  {
    name: '23 endPort equal to port is a single port',
    policies: np('default', 'range-80', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - port: 80\n    endPort: 80'),
    checks: [
      { port: 80, matrix: ALL },
      { port: 8080, matrix: DENY_IN_DEFAULT },
    ],
  },
  {
    name: '24 named port in ingress resolves against each destination pod',
    policies: np('dev', 'http-by-name', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - port: http'),
    checks: [
      { port: 80, matrix: ['111011', '111011', '111011', '111111', '111011', '111011'] },
      { port: 8080, matrix: ['110111', '110111', '111111', '110111', '110111', '110111'] },
    ],
  },
  {
    name: '25 named port in egress resolves against the destination pod',
    policies: np('default', 'egress-http-by-name', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: http'),
    checks: [
      { port: 80, matrix: ['111011', '111011', '111111', '111111', '111111', '111111'] },
      { port: 8080, matrix: ['100100', '010100', '111111', '111111', '111111', '111111'] },
    ],
  },
  { name: '26 ipBlock with except (pod IPs matched after DNAT)', policies: np('prod', 'ipblock', 'podSelector: {}\ningress:\n- from:\n  - ipBlock:\n      cidr: 10.244.0.0/16\n      except: [10.244.2.0/24]'), checks: [{ port: 80, matrix: ['111111', '111111', '111100', '111100', '111111', '111111'] }] },
  { name: '27 egress ipBlock', policies: np('default', 'egress-ipblock', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: 10.244.3.0/24'), checks: [{ port: 80, matrix: ['100011', '010011', '111111', '111111', '111111', '111111'] }] },
  { name: '28 ipBlock /32 admits a single pod IP', policies: np('default', 'only-c', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- from:\n  - ipBlock:\n      cidr: 10.244.2.20/32'), checks: [{ port: 80, matrix: ['101111', '111111', '111111', '101111', '101111', '101111'] }] },
  { name: '29 several policies selecting one pod are additive', policies: np('default', 'db-from-a', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- from:\n  - podSelector:\n      matchLabels: {app: web}') + np('default', 'db-from-prod', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels: {env: prod}'), checks: [{ port: 80, matrix: ['111111', '111111', '101111', '101111', '111111', '111111'] }] },
  { name: '30 a policy that selects no pod changes nothing', policies: np('default', 'selects-nothing', 'podSelector:\n  matchLabels: {app: nonexistent}\npolicyTypes: [Ingress, Egress]'), checks: [{ port: 80, matrix: ALL }] },
  { name: '31 a policy only selects pods in its own namespace', policies: np('dev', 'deny-db', 'podSelector:\n  matchLabels: {app: db}\npolicyTypes: [Ingress]'), checks: [{ port: 80, matrix: ['111011', '111011', '111011', '111111', '111011', '111011'] }] },
  { name: '32 a connection needs both egress of the source and ingress of the destination', policies: np('default', 'b-egress-prod', 'podSelector:\n  matchLabels: {app: db}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector:\n      matchLabels: {env: prod}') + np('prod', 'e-from-default', 'podSelector:\n  matchLabels: {app: web}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        kubernetes.io/metadata.name: default'), checks: [{ port: 80, matrix: ['111111', '010011', '111101', '111101', '111111', '111101'] }] },
  { name: '33 the automatic kubernetes.io/metadata.name namespace label', policies: np('prod', 'from-dev-by-name', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        kubernetes.io/metadata.name: dev'), checks: [{ port: 80, matrix: ['111100', '111100', '111111', '111111', '111110', '111101'] }] },
  {
    name: '34 a rule with ports and no from admits every source on those ports',
    policies: np('default', 'port-80-from-anywhere', 'podSelector: {}\ningress:\n- ports:\n  - port: 80'),
    checks: [
      { port: 80, matrix: ALL },
      { port: 8080, matrix: DENY_IN_DEFAULT },
    ],
  },
  { name: '35 egress podSelector alone stays in the policy namespace', policies: np('default', 'egress-db', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - podSelector:\n      matchLabels: {app: db}'), checks: [{ port: 80, matrix: ['110000', '010000', '111111', '111111', '111111', '111111'] }] },
  { name: '36 egress to pods of every namespace (namespaceSelector {} AND podSelector)', policies: np('default', 'egress-any-db', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {}\n    podSelector:\n      matchLabels: {app: db}'), checks: [{ port: 80, matrix: ['110100', '010100', '111111', '111111', '111111', '111111'] }] },
  {
    name: '37 several ports in one rule',
    policies: np('prod', 'two-ports', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  ports:\n  - port: 80\n  - protocol: UDP\n    port: 53'),
    checks: [
      { port: 80, matrix: ALL },
      { port: 53, protocol: 'UDP', matrix: ALL },
      { port: 8080, matrix: ['111100', '111100', '111100', '111100', '111110', '111101'] },
    ],
  },
  {
    name: '38 several rules, each with its own peers and ports',
    policies: np('prod', 'two-rules', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels:\n        kubernetes.io/metadata.name: default\n  ports:\n  - port: 80\n- from:\n  - namespaceSelector:\n      matchLabels: {team: red}\n  ports:\n  - port: 8080'),
    checks: [
      { port: 80, matrix: ['111111', '111111', '111100', '111100', '111110', '111101'] },
      { port: 8080, matrix: ['111100', '111100', '111111', '111111', '111110', '111101'] },
    ],
  },
  { name: '39 matchLabels and matchExpressions in one selector are ANDed', policies: np('default', 'web-frontends', 'podSelector: {}\ningress:\n- from:\n  - podSelector:\n      matchLabels: {app: web}\n      matchExpressions:\n      - {key: role, operator: In, values: [frontend, backend]}'), checks: [{ port: 80, matrix: ['111111', '011111', '001111', '001111', '001111', '001111'] }] },
  { name: '40 egress isolation of one namespace leaves others untouched', policies: np('prod', 'deny-egress', 'podSelector: {}\npolicyTypes: [Egress]'), checks: [{ port: 80, matrix: ['111111', '111111', '111111', '111111', '000010', '000001'] }] },
  { name: '41 an ipBlock outside the pod network admits no pod', policies: np('default', 'external-only', 'podSelector: {}\ningress:\n- from:\n  - ipBlock:\n      cidr: 192.168.0.0/16'), checks: [{ port: 80, matrix: DENY_IN_DEFAULT }] },
  {
    name: '42 ICMP: a rule without ports allows it, a rule with ports does not (Calico/Cilium)',
    policies: np('default', 'web-any', 'podSelector:\n  matchLabels: {app: web}\ningress:\n- from:\n  - namespaceSelector: {}') + np('default', 'db-80', 'podSelector:\n  matchLabels: {app: db}\ningress:\n- ports:\n  - port: 80'),
    checks: [
      { port: 0, protocol: 'ICMP', matrix: ['101111', '111111', '101111', '101111', '101111', '101111'] },
      { port: 80, matrix: ALL },
    ],
  },
  { name: '43 policyTypes Ingress ignores egress rules', policies: np('default', 'ingress-only', 'podSelector: {}\npolicyTypes: [Ingress]\ningress:\n- {}\negress:\n- to:\n  - podSelector:\n      matchLabels: {app: nonexistent}'), checks: [{ port: 80, matrix: ALL }] },
  { name: '44 policyTypes Egress alone does not isolate ingress', policies: np('default', 'egress-only', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {}'), checks: [{ port: 80, matrix: ALL }] },
  { name: '45 empty podSelector in a peer with namespaceSelector {} means every pod', policies: np('prod', 'everyone', 'podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {}\negress:\n- to:\n  - namespaceSelector: {}'), checks: [{ port: 80, matrix: ALL }] },
];

const toRows = (m: boolean[][]) => m.map((r) => r.map((v) => (v ? '1' : '0')).join(''));

describe('NetworkPolicy conformance (documented semantics, full matrices)', () => {
  it('has at least 40 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(40);
  });
  for (const s of SCENARIOS) {
    it(s.name, () => {
      const cluster = createCluster([...BASE, ...(s.policies ? [] : [])] as Record<string, unknown>[]);
      if (s.policies) cluster.apply(s.policies);
      for (const check of s.checks) {
        const opts = { port: check.port, protocol: check.protocol ?? 'TCP' };
        const fast = cluster.reachability(opts);
        expect(fast.pods).toEqual(PODS);
        expect({ port: check.port, protocol: opts.protocol, rows: toRows(fast.allowed) }).toEqual({ port: check.port, protocol: opts.protocol, rows: check.matrix });
        expect(toRows(cluster.naiveReachability(opts).allowed)).toEqual(check.matrix);
        const viaConnect = PODS.map((from) => PODS.map((to) => (cluster.connect({ from, to, port: check.port, protocol: opts.protocol }).allowed ? '1' : '0')).join(''));
        expect(viaConnect).toEqual(check.matrix);
      }
    });
  }
});
