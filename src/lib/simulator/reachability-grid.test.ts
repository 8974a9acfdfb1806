/**
 * The multi-namespace grid against the specification: every cell equals connect() (the per-connection
 * engine) and the naive cell-by-cell grid, for lesson 7's cluster on its five matrix ports. Expected verdicts
 * of the named cells come from the Kubernetes NetworkPolicy concept page
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/), sections cited per test.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster.ts';
import { POLICY_FINAL, POLICY_START, withPolicies } from './policy/fixture.ts';
import { naiveReachabilityGrid, reachabilityGrid, refusedCells, type GridOptions } from './reachability-grid.ts';
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

/** refusedCells names exactly the pod cells connect() reports refused (null: the grid is cell by cell there). */
function expectRefusals(state: Parameters<typeof refusedCells>[0], port: number, protocol: WireProtocol, statuses: ReadonlyArray<ReadonlyArray<string | undefined>>): void {
  const fast = refusedCells(state, { ...SPAN, port, protocol });
  if (fast === null) {
    expect(state.model.network.policyPlugin === 'none' || !!state.model.network.podToPodSnat).toBe(true);
    return;
  }
  const pods = reachabilityGrid(state, { ...SPAN, port, protocol }).columns.filter((col) => col.includes('/')).length;
  const want = statuses.map((row) => row.flatMap((status, j) => (j < pods && status === 'refused' ? [j] : [])));
  expect(fast, `refused on ${port}/${protocol}`).toEqual(want);
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
          const traced = g.rows.map((from) => g.columns.map((to) => c.connect({ from, to, port, protocol })));
          expect(traced.map((row) => row.map((r) => r.allowed)), `${port}/${protocol}`).toEqual(g.allowed);
          expectRefusals(c.state, port, protocol, traced.map((row) => row.map((r) => r.status)));
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

// The grid's pod cells follow the packet past the policies: a cell is allowed only when the nodes' routing tables
// carry the request there and the reply back, as connect() routes them (routing.ts podPath). Expected verdicts of
// the named cells: ip-route(8) ("the longest matching prefix is selected"; a deleted route leaves the default
// route, a router that knows nothing of the pod networks); flannel Documentation/backends.md (VXLAN encapsulates in
// UDP 8472, so a node firewall that drops it drops the traffic); the network model, "All pods can communicate with
// all other pods … On Windows, this rule does not apply to host-network pods" (so on Linux it does:
// https://kubernetes.io/docs/concepts/services-networking/#the-kubernetes-network-model).
describe('reachabilityGrid with the nodes\' routes and firewalls', () => {
  const DELETED = { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] };
  const CHANGED = { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.4' }] };
  // A /32 more specific than node-2's pod route, towards node-3: only the one pod it names is mis-routed.
  const ONE_POD = { routes: [{ node: 'node-1', add: '10.244.1.3/32', via: '172.18.0.4' }] };
  const VXLAN_BLOCKED = { datapath: 'vxlan', firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'DROP' }] } as const;
  const SNAT = { podToPodSnat: true };
  const cases = [['route deleted', DELETED], ['route changed', CHANGED], ['one pod mis-routed', ONE_POD], ['VXLAN blocked', VXLAN_BLOCKED], ['pod-to-pod SNAT', SNAT]] as const;

  for (const [name, settings] of cases) {
    for (const plugin of ['calico', 'cilium', 'none'] as const) {
      it(`equals connect() and the naive grid on every cell and port (${name}, ${plugin})`, () => {
        const c = createCluster(POLICY_FINAL, { policyPlugin: plugin, ...settings });
        for (const [port, protocol] of [...PORTS, [0, 'ICMP'] as [number, WireProtocol]]) {
          const g = reachabilityGrid(c.state, { ...SPAN, port, protocol });
          expect(g).toEqual(naiveReachabilityGrid(c.state, { ...SPAN, port, protocol }));
          const traced = g.rows.map((from) => g.columns.map((to) => c.connect({ from, to, port, protocol })));
          expect(traced.map((row) => row.map((r) => r.allowed)), `${port}/${protocol}`).toEqual(g.allowed);
          expectRefusals(c.state, port, protocol, traced.map((row) => row.map((r) => r.status)));
        }
      });
    }
  }

  it('a deleted route loses what node-1 sends to node-2\'s pods and the replies to node-2\'s clients; same-node and other nodes still work', () => {
    // POLICY_START (no policies): grafana, intruder and backend-1 run on node-1, backend-2 on node-2, backend-3 and frontend on node-3.
    const at = (settings: typeof DELETED | Record<string, never>, from: string, to: string) => {
      const g = reachabilityGrid(createCluster(POLICY_START, settings).state, { ...SPAN, port: 8080 });
      return g.allowed[g.rows.indexOf(from)]![g.columns.indexOf(to)]!;
    };
    expect(at({}, 'monitoring/grafana', 'shop/backend-2')).toBe(true);
    expect(at(DELETED, 'monitoring/grafana', 'shop/backend-2')).toBe(false);
    // The request from node-2 arrives, but node-1's reply needs the same missing route: lost too.
    expect(at({}, 'shop/backend-2', 'shop/backend-1')).toBe(true);
    expect(at(DELETED, 'shop/backend-2', 'shop/backend-1')).toBe(false);
    expect(at(DELETED, 'sandbox/intruder', 'shop/backend-1')).toBe(true); // the bridge needs no route
    expect(at(DELETED, 'monitoring/grafana', 'shop/backend-3')).toBe(true); // node-3's route is intact
    expect(at(DELETED, 'shop/frontend', 'shop/backend-2')).toBe(true); // node-3 → node-2 and back avoid node-1
  });

  it('host-network pods are reached at their node\'s address, and a ContainerCreating pod\'s sandbox answers ping', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { nodeName: node-1, containers: [{ name: c, image: busybox:1.36, command: [sleep, infinity] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: host-web }
spec: { nodeName: node-2, hostNetwork: true, containers: [{ name: web, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=8080] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: local-web }
spec: { nodeName: node-1, hostNetwork: true, containers: [{ name: web, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=8081] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: starting }
spec: { nodeName: node-2, containers: [{ name: web, image: nginx:1.27 }] }
status: { phase: Pending }
`;
    const c = createCluster(text);
    const pending = c.state.pods.get('default/starting')!;
    expect(pending.phase).toBe('Pending');
    expect(pending.ip).not.toBe('');
    for (const [port, protocol] of [[8080, 'TCP'], [8081, 'TCP'], [80, 'TCP'], [0, 'ICMP']] as Array<[number, WireProtocol]>) {
      const g = reachabilityGrid(c.state, { port, protocol });
      expect(g).toEqual(naiveReachabilityGrid(c.state, { port, protocol }));
      expect(g.allowed, `${port}/${protocol}`).toEqual(g.rows.map((from) => g.columns.map((to) => c.connect({ from, to, port, protocol }).allowed)));
    }
    const cell = (from: string, to: string, port: number, protocol: WireProtocol = 'TCP') => {
      const g = reachabilityGrid(c.state, { port, protocol });
      return g.allowed[g.rows.indexOf(from)]![g.columns.indexOf(to)]!;
    };
    expect(cell('default/client', 'default/host-web', 8080)).toBe(true);
    expect(cell('default/client', 'default/local-web', 8081)).toBe(true);
    expect(cell('default/host-web', 'default/client', 0, 'ICMP')).toBe(true);
    expect(cell('default/client', 'default/starting', 0, 'ICMP')).toBe(true);
    expect(cell('default/client', 'default/starting', 80)).toBe(false); // no container runs yet: refused
  });
});
