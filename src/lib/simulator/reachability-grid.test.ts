/**
 * The multi-namespace grid against the specification: every cell equals connect() (the per-connection
 * engine) and the naive cell-by-cell grid, for lesson 7's cluster on its five matrix ports. Expected verdicts
 * of the named cells come from the Kubernetes NetworkPolicy concept page
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/), sections cited per test.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster.ts';
import { POLICY_FINAL, POLICY_START, withPolicies } from './policy/fixture.ts';
import { naiveReachabilityGrid, reachabilityGrid, type GridOptions } from './reachability-grid.ts';
import type { WireProtocol } from './types.ts';

const PORTS: Array<[number, WireProtocol]> = [[8080, 'TCP'], [9090, 'TCP'], [5432, 'TCP'], [53, 'UDP'], [443, 'TCP']];
const SPAN: GridOptions = { namespaces: ['shop', 'monitoring', 'sandbox'], system: ['kube-system/coredns'], external: ['203.0.113.20', '203.0.113.99'] };

function cell(text: string, from: string, to: string, port: number, protocol: WireProtocol = 'TCP'): boolean {
  const c = createCluster(text);
  const g = reachabilityGrid(c.state, { ...SPAN, port, protocol });
  const i = g.rows.indexOf(from);
  const j = to.startsWith('kube-system/') ? g.columns.findIndex((col) => col.startsWith(to)) : g.columns.indexOf(to);
  expect(i, from).toBeGreaterThanOrEqual(0);
  expect(j, to).toBeGreaterThanOrEqual(0);
  return g.allowed[i]![j]!;
}

describe('reachabilityGrid', () => {
  it('spans the chosen namespaces, then the extra pods, then the external hosts', () => {
    const c = createCluster(POLICY_START);
    const g = reachabilityGrid(c.state, { ...SPAN, port: 8080 });
    expect(g.rows).toEqual(['monitoring/grafana', 'monitoring/prometheus', 'sandbox/intruder', 'shop/backend-1', 'shop/backend-2', 'shop/backend-3', 'shop/db-0', 'shop/frontend']);
    expect(g.columns.slice(0, 8)).toEqual(g.rows);
    expect(g.columns.slice(8, 10).every((col) => col.startsWith('kube-system/coredns-'))).toBe(true);
    expect(g.columns.slice(10)).toEqual(['203.0.113.20', '203.0.113.99']);
    expect(g.allowed.every((row) => row.length === g.columns.length)).toBe(true);
  });

  it('without namespaces it is the plain matrix of every declared pod (lessons 1–6)', () => {
    const c = createCluster(POLICY_FINAL);
    const g = reachabilityGrid(c.state, { port: 8080 });
    const m = c.reachability({ port: 8080 });
    expect(g.rows).toEqual(m.pods);
    expect(g.columns).toEqual(m.pods);
    expect(g.allowed).toEqual(m.allowed);
  });

  for (const [name, text] of [['policy-start', POLICY_START], ['policy-final', POLICY_FINAL], ['policy-no-dns', withPolicies('default-deny-all', 'backend-ingress', 'frontend-egress')]] as const) {
    for (const plugin of ['calico', 'cilium', 'none'] as const) {
      it(`equals connect() and the naive grid on every cell and port (${name}, ${plugin})`, () => {
        const c = createCluster(text, { policyPlugin: plugin });
        for (const [port, protocol] of PORTS) {
          const g = reachabilityGrid(c.state, { ...SPAN, port, protocol });
          expect(g).toEqual(naiveReachabilityGrid(c.state, { ...SPAN, port, protocol }));
          const via = g.rows.map((from) => g.columns.map((to) => c.connect({ from, to, port, protocol }).allowed));
          expect(via, `${port}/${protocol}`).toEqual(g.allowed);
        }
      });
    }
  }

  // "The two sorts of pod isolation": a connection needs the source's egress and the destination's ingress.
  it('default-deny-all isolates shop both ways: nothing in or out, DNS included', () => {
    const deny = withPolicies('default-deny-all');
    expect(cell(deny, 'shop/frontend', 'shop/backend-1', 8080)).toBe(false);
    expect(cell(deny, 'monitoring/prometheus', 'shop/backend-1', 8080)).toBe(false);
    expect(cell(deny, 'shop/frontend', 'kube-system/coredns', 53, 'UDP')).toBe(false);
    expect(cell(deny, 'shop/backend-1', '203.0.113.20', 443)).toBe(false);
    expect(cell(deny, 'monitoring/grafana', 'monitoring/prometheus', 53, 'UDP')).toBe(false); // prometheus listens on nothing
    expect(cell(deny, 'monitoring/grafana', '203.0.113.99', 443)).toBe(true); // monitoring is not isolated
  });

  // "Behavior of to and from selectors": one peer with namespaceSelector AND podSelector; podSelector alone = own namespace.
  it('AND peer: prometheus scrapes 9090, grafana does not; a same-label pod in sandbox is not frontend', () => {
    expect(cell(POLICY_FINAL, 'monitoring/prometheus', 'shop/backend-2', 9090)).toBe(true);
    expect(cell(POLICY_FINAL, 'monitoring/grafana', 'shop/backend-2', 9090)).toBe(false);
    expect(cell(POLICY_FINAL, 'monitoring/prometheus', 'shop/backend-2', 8080)).toBe(false);
    expect(cell(POLICY_FINAL, 'sandbox/intruder', 'shop/backend-1', 8080)).toBe(false);
    expect(cell(POLICY_FINAL, 'shop/frontend', 'shop/backend-1', 8080)).toBe(true);
    expect(cell(POLICY_FINAL, 'shop/frontend', 'shop/db-0', 5432)).toBe(false);
  });

  // ipBlock: "IP blocks … should be cluster-external IPs".
  it('ipBlock egress: backend reaches 203.0.113.20:443 only; frontend does not', () => {
    expect(cell(POLICY_FINAL, 'shop/backend-3', '203.0.113.20', 443)).toBe(true);
    expect(cell(POLICY_FINAL, 'shop/backend-3', '203.0.113.99', 443)).toBe(false);
    expect(cell(POLICY_FINAL, 'shop/frontend', '203.0.113.20', 443)).toBe(false);
    expect(cell(POLICY_FINAL, 'shop/backend-3', '203.0.113.20', 8080)).toBe(false);
  });
});
