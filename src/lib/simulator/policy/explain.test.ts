/**
 * Cell explanations: their verdict always equals the grid's cell, and the rule or isolation they name is the
 * one the Kubernetes NetworkPolicy concept page says decides
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/, sections cited per test).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { reachabilityGrid } from '../reachability-grid.ts';
import { CONCEPT_SECTIONS, explainCell } from './explain.ts';
import { POLICY_FINAL, withPolicies } from './fixture.ts';
import type { WireProtocol } from '../types.ts';

const SPAN = { namespaces: ['shop', 'monitoring', 'sandbox'], system: ['kube-system/coredns'], external: ['203.0.113.20', '203.0.113.99'] };

describe('explainCell', () => {
  it('agrees with every cell of the grid (three plugins, five ports)', () => {
    for (const plugin of ['calico', 'cilium', 'none'] as const) {
      const c = createCluster(POLICY_FINAL, { policyPlugin: plugin });
      for (const [port, protocol] of [[8080, 'TCP'], [9090, 'TCP'], [5432, 'TCP'], [53, 'UDP'], [443, 'TCP']] as Array<[number, WireProtocol]>) {
        const g = reachabilityGrid(c.state, { ...SPAN, port, protocol });
        g.rows.forEach((from, i) =>
          g.columns.forEach((to, j) => {
            const e = explainCell(c.state, from, to, port, protocol);
            expect(e?.verdict === 'allowed', `${plugin} ${from} → ${to} ${port}`).toBe(g.allowed[i]![j]);
          }),
        );
      }
    }
  });

  // "The two sorts of pod isolation": ingress isolation of the destination drops what no rule allows.
  it('intruder (app=frontend in sandbox) → backend-1: denied by backend-1 ingress isolation, highlighting the isolating policies', () => {
    const c = createCluster(POLICY_FINAL);
    const e = explainCell(c.state, 'sandbox/intruder', 'shop/backend-1', 8080, 'TCP')!;
    expect(e.verdict).toBe('denied');
    expect(e.egress?.isolated).toBe(false); // sandbox has no policies
    expect(e.ingress?.allowed).toBe(false);
    expect(e.ingress?.policies).toEqual(['shop/backend-ingress', 'shop/default-deny-all', 'shop/prometheus-scrape']);
    expect(e.summary).toContain("shop/backend-1's ingress isolation");
    // "Behavior of to and from selectors": a podSelector alone selects pods in the policy's own namespace.
    expect(e.ingress?.text).toContain('"backend-ingress" rule 1: source does not match podSelector app=frontend');
    expect(e.highlights).toEqual(e.ingress!.policies.map((policy) => ({ policy, direction: 'Ingress', rule: null, role: 'isolates' })));
    expect(e.references).toEqual([CONCEPT_SECTIONS.isolation, CONCEPT_SECTIONS.selectors]);
  });

  it('frontend → backend-2:8080 is allowed by frontend-egress rule 1 and backend-ingress rule 1', () => {
    const c = createCluster(POLICY_FINAL);
    const e = explainCell(c.state, 'shop/frontend', 'shop/backend-2', 8080, 'TCP')!;
    expect(e.verdict).toBe('allowed');
    expect(e.egress?.allowedBy).toEqual([{ policy: 'shop/frontend-egress', rule: 1 }]);
    expect(e.ingress?.allowedBy).toEqual([{ policy: 'shop/backend-ingress', rule: 1 }]);
    expect(e.highlights).toEqual([
      { policy: 'shop/frontend-egress', direction: 'Egress', rule: 1, role: 'allowed' },
      { policy: 'shop/backend-ingress', direction: 'Ingress', rule: 1, role: 'allowed' },
    ]);
    expect(e.summary).toBe('shop/frontend → shop/backend-2, TCP/8080: allowed (egress by "frontend-egress" rule 1; ingress by "backend-ingress" rule 1).');
  });

  it('prometheus → backend:9090 is allowed by the AND peer on the named port metrics; grafana is not', () => {
    const c = createCluster(POLICY_FINAL);
    expect(explainCell(c.state, 'monitoring/prometheus', 'shop/backend-1', 9090, 'TCP')?.ingress?.allowedBy).toEqual([{ policy: 'shop/prometheus-scrape', rule: 1 }]);
    const g = explainCell(c.state, 'monitoring/grafana', 'shop/backend-1', 9090, 'TCP')!;
    expect(g.verdict).toBe('denied');
    expect(g.ingress?.text).toContain('namespaceSelector team=observability AND podSelector app=prometheus');
  });

  it('an external host has no ingress side: backend → 203.0.113.20:443 allowed by the ipBlock rule, .99 dropped by egress isolation', () => {
    const c = createCluster(POLICY_FINAL);
    const ok = explainCell(c.state, 'shop/backend-1', '203.0.113.20', 443, 'TCP')!;
    expect(ok.verdict).toBe('allowed');
    expect(ok.ingress).toBeNull();
    expect(ok.egress?.allowedBy).toEqual([{ policy: 'shop/backend-egress', rule: 2 }]);
    const no = explainCell(c.state, 'shop/backend-1', '203.0.113.99', 443, 'TCP')!;
    expect(no.verdict).toBe('denied');
    expect(no.summary).toContain("shop/backend-1's egress isolation");
    expect(no.highlights.map((h) => h.policy)).toEqual(['shop/allow-dns', 'shop/backend-egress', 'shop/default-deny-all']);
  });

  it('a destination with no listener is refused, not denied, when the policies allow it', () => {
    const c = createCluster(withPolicies());
    const e = explainCell(c.state, 'shop/backend-1', 'shop/frontend', 8080, 'TCP')!;
    expect(e.verdict).toBe('refused');
    expect(e.summary).toContain('nothing in shop/frontend listens on TCP/8080');
  });

  // "Prerequisites": without a plugin that supports NetworkPolicy, the objects have no effect.
  it('with policyPlugin none the same cell is allowed and the explanation says the policies are not enforced', () => {
    const c = createCluster(POLICY_FINAL, { policyPlugin: 'none' });
    const e = explainCell(c.state, 'sandbox/intruder', 'shop/backend-1', 8080, 'TCP')!;
    expect(e.verdict).toBe('allowed');
    expect(e.plugin).toBe('none');
    expect(e.summary).toContain('The policies are not enforced.');
    expect(e.references).toContain(CONCEPT_SECTIONS.prerequisites);
  });

  it('a pod reaching itself is allowed whatever the policies say ("a pod cannot block access to itself")', () => {
    const c = createCluster(withPolicies('default-deny-all'));
    const e = explainCell(c.state, 'shop/backend-1', 'shop/backend-1', 8080, 'TCP')!;
    expect(e.verdict).toBe('allowed');
    expect(e.egress).toBeNull();
  });
});
