import { describe, it, expect } from 'vitest';
import { createCluster } from './cluster.ts';
import { evaluateEgress, evaluateIngress, ipBlockMatches, policyPortMatches } from './network-policy.ts';
import type { PodModel } from './types.ts';

const pod = { name: 'p', namespace: 'n', labels: {}, annotations: {}, nodeName: 'x', ip: '10.0.0.1', phase: 'Running', ready: true, implicit: false, containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] } satisfies PodModel;

describe('network-policy primitives', () => {
  it.each([
    [{ protocol: 'TCP' as const }, 443, 'TCP' as const, true],
    [{ protocol: 'TCP' as const, port: 80 }, 80, 'UDP' as const, false],
    [{ protocol: 'TCP' as const, port: 80, endPort: 90 }, 90, 'TCP' as const, true],
    [{ protocol: 'TCP' as const, port: 80, endPort: 90 }, 91, 'TCP' as const, false],
    [{ protocol: 'TCP' as const, port: 'http' }, 8080, 'TCP' as const, true],
    [{ protocol: 'TCP' as const, port: 'http' }, 80, 'TCP' as const, false],
    [{ protocol: 'TCP' as const, port: 'dns' }, 53, 'TCP' as const, false],
    [{ protocol: 'UDP' as const, port: 'dns' }, 53, 'UDP' as const, true],
    [{ protocol: 'TCP' as const }, 0, 'ICMP' as const, false],
  ])('policy port %j matches %s/%s → %s', (entry, port, proto, expected) => {
    expect(policyPortMatches(entry, port, proto, pod)).toBe(expected);
  });

  it.each([
    [{ cidr: '10.0.0.0/8', except: [] }, '10.1.2.3', true],
    [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, '10.1.2.3', false],
    [{ cidr: '10.0.0.0/8', except: [] }, '', false],
    [{ cidr: 'fd00::/8', except: [] }, '10.1.2.3', false],
  ])('ipBlock %j matches %s → %s', (block, ip, expected) => {
    expect(ipBlockMatches(block, ip)).toBe(expected);
  });

  it('evaluates both directions with the rules that allowed the traffic', () => {
    const c = createCluster(`apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: b}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a-out}
spec:
  podSelector: {matchLabels: {app: a}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: c}}}]
  - to: [{podSelector: {matchLabels: {app: b}}}]
    ports: [{port: 80}]
`);
    const a = c.state.pods.get('default/a')!;
    const b = c.state.pods.get('default/b')!;
    const out = evaluateEgress(c.state, a, { kind: 'pod', pod: b }, 80);
    expect(out).toMatchObject({ allowed: true, isolated: true, allowedBy: [{ policy: 'default/a-out', rule: 2 }] });
    expect(evaluateEgress(c.state, a, { kind: 'pod', pod: b }, 81).allowed).toBe(false);
    expect(evaluateEgress(c.state, a, { kind: 'ip', ip: '8.8.8.8' }, 80).allowed).toBe(false);
    expect(evaluateIngress(c.state, b, { kind: 'pod', pod: a }, 81)).toMatchObject({ allowed: true, isolated: false });
  });
});
