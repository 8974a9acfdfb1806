import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { labSnapshot, matrixOf, topologyOf } from './view.ts';
import { ALLOW_8080, LAB, LAB_YAML, withPolicies } from './test-fixtures.ts';
import { POLICY_FINAL, POLICY_START } from '../simulator/policy/fixture.ts';

describe('lab views', () => {
  it('draws the topology: nodes with their pods, IPs and labels, Services and policies', () => {
    const topology = topologyOf(createCluster(LAB_YAML));
    expect(topology.nodes.map((node) => [node.name, node.podCIDR, node.pods.filter((p) => !p.system).map((p) => `${p.name} ${p.ip} ${p.labels.join(',')}`)])).toEqual([
      ['node-1', '10.244.0.0/24', ['pod-a 10.244.0.3 app=frontend', 'pod-c 10.244.0.4 app=batch']],
      ['node-2', '10.244.1.0/24', ['pod-b 10.244.1.3 app=backend']],
    ]);
    expect(topology.nodes.flatMap((node) => node.pods).find((p) => p.name === 'pod-b')?.ports).toEqual(['http:8080/TCP', 'admin:9090/TCP']);
    expect(topology.services.find((s) => s.key === 'default/pod-b')).toMatchObject({ clusterIP: 'None', selector: 'app=backend', endpoints: ['pod-b (10.244.1.3)'], system: false });
    expect(topology.services.find((s) => s.key === 'kube-system/kube-dns')?.system).toBe(true);
    expect(topology.policies).toEqual([
      { key: 'default/default-deny-ingress', selects: '(all pods in the namespace)', pods: ['default/pod-a', 'default/pod-b', 'default/pod-c'], types: ['Ingress'], rules: { ingress: 0, egress: 0 } },
    ]);
    expect(topology.unscheduled).toEqual([]);
  });

  it('says allowed and refused exactly where connect() does, on every cell, port, protocol, plugin and route edit', () => {
    // node-1 without its route to node-2's pods: what it sends there is lost (a timeout, not a refusal); node-1's route
    // to node-2's pods pointed at node-3 instead (ip-route(8): the longest matching prefix wins, so node-3 gets them);
    // VXLAN with node-2's firewall dropping UDP 8472 (flannel Documentation/backends.md: VXLAN uses UDP 8472).
    const deleted = { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] };
    const changed = { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.4' }] };
    const vxlanBlocked = { datapath: 'vxlan', firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'DROP' }] } as const;
    const settings = [{ policyPlugin: 'calico' }, { policyPlugin: 'cilium' }, { policyPlugin: 'none' }, { policyPlugin: 'calico', ...deleted }, { policyPlugin: 'none', ...deleted }, { policyPlugin: 'cilium', ...changed }, { policyPlugin: 'calico', ...vxlanBlocked }] as const;
    for (const text of [POLICY_START, POLICY_FINAL, withPolicies(ALLOW_8080)]) {
      for (const options of settings) {
        const cluster = createCluster(text, options);
        for (const [port, protocol] of [[8080, 'TCP'], [80, 'TCP'], [5432, 'TCP'], [53, 'UDP'], [9090, 'TCP']] as const) {
          const matrix = matrixOf(cluster, port, protocol, { system: ['kube-system/coredns'], external: ['8.8.8.8'] });
          const results = matrix.pods.map((from) => matrix.columns.map((to) => cluster.connect({ from, to, port, protocol })));
          const where = `${JSON.stringify(options)} ${port}/${protocol}`;
          expect(matrix.allowed, where).toEqual(results.map((row) => row.map((r) => r.allowed)));
          expect(matrix.refused.map((row) => [...row]), where).toEqual(results.map((row) => row.flatMap((r, j) => (r.status === 'refused' ? [j] : []))));
        }
      }
    }
  });

  it('draws the matrix for a port and protocol', () => {
    const cluster = createCluster(withPolicies(ALLOW_8080));
    const matrix = matrixOf(cluster, 8080, 'TCP');
    expect(matrix.pods).toEqual(['default/pod-a', 'default/pod-b', 'default/pod-c']);
    // Only pod-a → pod-b crosses pods; on the diagonal only pod-b answers, since nothing listens on 8080 in the
    // busybox pods running `sleep` (a pod may always reach itself, but a closed port refuses).
    expect(matrix.allowed).toEqual([
      [false, true, false],
      [false, true, false],
      [false, false, false],
    ]);
    expect(matrixOf(cluster, 9090, 'TCP').allowed[0]).toEqual([false, false, false]);
    // Only pod-b runs servers (nginx on 8080, busybox httpd on 9090): the busybox pods running sleep refuse.
    expect(matrix.listening).toEqual([false, true, false]);
    expect(matrixOf(cluster, 9090, 'TCP').listening).toEqual([false, true, false]);
    expect(matrixOf(cluster, 8080, 'UDP').listening).toEqual([false, false, false]);
  });

  it('says refused only where the connection gets to a pod that does not listen, denied where a policy drops it first', () => {
    // db-0 runs postgres on 5432 only. Without policies grafana's TCP 9090 reaches it and is refused (a RST, nc says
    // "Connection refused"); under lesson 7's policies db-0 is ingress-isolated and admits only the backends on 5432,
    // so the SYN is dropped before it arrives and the client times out: denied, as connect() reports.
    const cell = (yaml: string) => {
      const matrix = matrixOf(createCluster(yaml), 9090, 'TCP', { namespaces: ['shop', 'monitoring'] });
      const i = matrix.pods.indexOf('monitoring/grafana');
      const j = matrix.columns.indexOf('shop/db-0');
      return { allowed: matrix.allowed[i]?.[j], listening: matrix.listening[j], refused: matrix.refused[i]?.includes(j) };
    };
    expect(cell(POLICY_START)).toEqual({ allowed: false, listening: false, refused: true });
    expect(cell(POLICY_FINAL)).toEqual({ allowed: false, listening: false, refused: false });
  });

  it('gathers everything into plain data (what the page passes to the island)', () => {
    const snapshot = labSnapshot(createCluster(LAB_YAML), LAB.tasks, 8080, 'TCP');
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.tasks.map((t) => t.id)).toEqual(LAB.tasks.map((t) => t.id));
  });

  it('reuses what did not change, so the island redraws only that', () => {
    const cluster = createCluster(LAB_YAML);
    const first = labSnapshot(cluster, LAB.tasks, 8080, 'TCP');
    const same = labSnapshot(cluster, LAB.tasks, 8080, 'TCP', first);
    expect(same.topology).toBe(first.topology);
    expect(same.matrix).toBe(first.matrix);
    expect(same.tasks).toBe(first.tasks);
    const opened = labSnapshot(createCluster(withPolicies(ALLOW_8080)), LAB.tasks, 8080, 'TCP', first);
    expect(opened.topology).not.toBe(first.topology);
    expect(opened.tasks).not.toBe(first.tasks);
    expect(opened.matrix).not.toBe(first.matrix);
    expect(opened.matrix.pods).toBe(first.matrix.pods);
    expect(opened.matrix.allowed[0]).not.toBe(first.matrix.allowed[0]);
    expect(opened.matrix.allowed[1]).toBe(first.matrix.allowed[1]);
    expect(opened.matrix.allowed[2]).toBe(first.matrix.allowed[2]);
    const fresh = labSnapshot(createCluster(withPolicies(ALLOW_8080)), LAB.tasks, 8080, 'TCP');
    expect({ ...opened, matrix: { ...opened.matrix, changed: fresh.matrix.changed } }).toEqual(fresh);
    // The one cell the policy opened (pod-a → pod-b) is marked as changed; a fresh snapshot marks none.
    expect(opened.matrix.changed).toEqual([[1], [], []]);
    expect(fresh.matrix.changed).toEqual([[], [], []]);
    const port = labSnapshot(cluster, LAB.tasks, 9090, 'TCP', first);
    expect(port.matrix).not.toBe(first.matrix);
    expect(port.matrix.port).toBe(9090);
    expect(port.matrix.changed.flat()).toEqual([]);
  });

  it('keeps the marks of the last change while edits change no verdict, and drops them when one does', () => {
    const first = labSnapshot(createCluster(LAB_YAML), LAB.tasks, 8080, 'TCP');
    const opened = labSnapshot(createCluster(withPolicies(ALLOW_8080)), LAB.tasks, 8080, 'TCP', first);
    const typing = labSnapshot(createCluster(withPolicies(ALLOW_8080)), LAB.tasks, 8080, 'TCP', opened);
    expect(typing.matrix).toBe(opened.matrix);
    const closed = labSnapshot(createCluster(LAB_YAML), LAB.tasks, 8080, 'TCP', typing);
    expect(closed.matrix.changed).toEqual([[1], [], []]);
    expect(closed.matrix.allowed[0]).toEqual([false, false, false]);
  });

  it('spans namespaces, extra pods and external hosts, and marks the cells an added policy changes (lesson 7)', async () => {
    const { POLICY_START, withPolicies: lesson7 } = await import('../simulator/policy/fixture.ts');
    const span = { namespaces: ['shop', 'monitoring', 'sandbox'], system: ['kube-system/coredns'], external: ['203.0.113.20'] };
    const before = labSnapshot(createCluster(POLICY_START), [], 53, 'UDP', null, span);
    expect(before.matrix.columns.at(-1)).toBe('203.0.113.20');
    expect(before.matrix.listening.at(-1)).toBe(true); // an external host is assumed to answer
    const after = labSnapshot(createCluster(lesson7('default-deny-all')), [], 53, 'UDP', before, span);
    const frontend = after.matrix.pods.indexOf('shop/frontend');
    // default-deny-all drops frontend's queries to both CoreDNS pods and to the external host.
    expect(after.matrix.changed[frontend]?.map((j) => after.matrix.columns[j]?.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''))).toEqual(['kube-system/coredns', 'kube-system/coredns', '203.0.113.20']);
    expect(after.matrix.changed[after.matrix.pods.indexOf('monitoring/grafana')]).toEqual([]);
  });
});

