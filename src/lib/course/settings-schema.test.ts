import { describe, expect, it } from 'vitest';
import { clusterOptions, clusterSettingsSchema } from './settings-schema.ts';
import { formatIssues } from './field-schemas.ts';
import { lessonSchema } from './lesson-schema.ts';
import { labSchema } from '../lab/lab-schema.ts';
import { buildScenario } from './contract-simulation.ts';

const TWO_NODES = `
apiVersion: v1
kind: Node
metadata: { name: node-1 }
---
apiVersion: v1
kind: Node
metadata: { name: node-2 }
`;

const problems = (value: unknown): string[] => {
  const parsed = clusterSettingsSchema.safeParse(value);
  return parsed.success ? [] : formatIssues('lesson.yaml', parsed.error);
};

describe('scenario settings (settings-contract §1)', () => {
  it('accepts every field of the contract and maps it to createCluster options', () => {
    const settings = clusterSettingsSchema.parse({
      datapath: 'vxlan',
      kubeProxyMode: 'nftables',
      policyPlugin: 'none',
      podToPodSnat: true,
      routes: [{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.3', dev: 'eth0' }],
      firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'DROP' }],
    });
    expect(clusterOptions(settings)).toEqual({
      datapath: 'vxlan',
      kubeProxyMode: 'nftables',
      policyPlugin: 'none',
      podToPodSnat: true,
      routes: [{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.3', dev: 'eth0' }],
      firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'DROP' }],
    });
  });

  it('names the field of an author typo', () => {
    expect(problems({ datapth: 'vxlan' })).toEqual(['lesson.yaml: unknown field "datapth" (check the spelling)']);
    expect(problems({ datapath: 'geneve' })).toEqual(['lesson.yaml: datapath: must be one of: host-gw, vxlan']);
    expect(problems({ routes: [{ node: 'node-1', delete: '10.244.1.0/33' }] })).toEqual(['lesson.yaml: routes[0].delete: must be "default" or an IPv4 CIDR such as 10.244.1.0/24']);
    expect(problems({ routes: [{ node: 'node-1', add: '10.244.1.0/24' }] })).toEqual(['lesson.yaml: routes[0]: an added route needs via, dev or both']);
    expect(problems({ firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'ACCEPT' }] })).toEqual(['lesson.yaml: firewall[0].action: must be one of: DROP']);
    expect(problems({ serviceCIDR: '10.96.0.0' })).toEqual(['lesson.yaml: serviceCIDR: must be an IPv4 CIDR such as 10.96.0.0/12']);
  });

  it('lesson.yaml keys settings by scenario; lab.yaml takes them directly, and a solution may be commands alone', () => {
    const lesson = lessonSchema.shape.settings.parse({ 'p2p-vxlan': { datapath: 'vxlan' } });
    expect(lesson).toEqual({ 'p2p-vxlan': { datapath: 'vxlan' } });
    const lab = labSchema.safeParse({ scenario: 'x', settings: { datapath: 'vxlan' }, tasks: [{ id: 'a', title: 'Fix it', goal: 'Make it work again.', hint: 'Look.', expect: [{ from: 'default/a', to: 'default/b', port: 80, allowed: true }] }], solution: { commands: ['kubectl debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- ip route add 10.244.1.0/24 via 172.18.0.3'] } });
    expect(lab.success).toBe(true);
  });

  it('upstreamDns: the resolver outside the cluster and its external names (lesson 6 brief §5: 192.0.2.53, api.payments.example)', () => {
    const settings = clusterSettingsSchema.parse({ upstreamDns: { server: '192.0.2.53', records: { 'api.payments.example': ['203.0.113.20'] } } });
    expect(clusterOptions(settings)).toEqual({ upstreamDns: { server: '192.0.2.53', records: { 'api.payments.example': ['203.0.113.20'] } } });
    expect(problems({ upstreamDns: { records: { payments: ['203.0.113.20'] } } })).toEqual(['lesson.yaml: upstreamDns.records.payments: must be a DNS name with at least two labels, such as api.payments.example']);
    expect(problems({ upstreamDns: { records: { 'api.payments.example': ['203.0.113'] } } })).toEqual(['lesson.yaml: upstreamDns.records.api.payments.example[0]: must be an IPv4 address such as 172.18.0.3']);
    expect(problems({ upstreamDns: { sever: '1.1.1.1' } })).toEqual(['lesson.yaml: upstreamDns: unknown field "sever" (check the spelling)']);
  });

  it('a DNS trace (kind: dns) names the pod, the name and optionally the query type', () => {
    const t = lessonSchema.shape.traces.parse({ ndots: { kind: 'dns', scenario: 'dns', from: 'shop/frontend', name: 'api.payments.example.', type: 'A' } }).ndots;
    expect(t && 'name' in t ? t.name : undefined).toBe('api.payments.example.');
    expect(lessonSchema.shape.traces.safeParse({ x: { kind: 'dns', scenario: 'dns', from: 'shop/frontend', name: 'a..b' } }).success).toBe(false);
  });

  it('a trace may start on a node', () => {
    const probe = lessonSchema.shape.traces.parse({ probe: { scenario: 'model', from: 'node:node-2', to: 'default/pod-b', port: 8080 } }).probe;
    expect(probe && 'from' in probe ? probe.from : undefined).toBe('node:node-2');
  });

  it('what needs the cluster fails the build naming lesson.yaml and the field', () => {
    const settings = clusterSettingsSchema.parse({ routes: [{ node: 'node-3', delete: '10.244.1.0/24' }] });
    expect(() => buildScenario(TWO_NODES, settings, 'scenarios/x.yaml', 'lesson.yaml: settings.x')).toThrow('lesson.yaml: settings.x.routes[0].node: no node "node-3" in this cluster (nodes: node-1, node-2).');
    const overlap = clusterSettingsSchema.parse({ serviceCIDR: '10.244.0.0/16' });
    expect(() => buildScenario(TWO_NODES, overlap, 'scenarios/x.yaml', 'lesson.yaml: settings.overlap')).toThrow(/^lesson\.yaml: settings\.overlap\.serviceCIDR: 10\.244\.0\.0\/16 overlaps the pod network \(clusterCIDR 10\.244\.0\.0\/16\)/);
    const firewall = clusterSettingsSchema.parse({ firewall: [{ node: 'node-9', protocol: 'UDP', port: 8472, action: 'DROP' }] });
    expect(() => buildScenario(TWO_NODES, firewall, 'scenarios/x.yaml', 'lab.yaml: settings')).toThrow('lab.yaml: settings.firewall[0].node: no node "node-9"');
  });

  it('builds the cluster with the settings', () => {
    const cluster = buildScenario(TWO_NODES, clusterSettingsSchema.parse({ datapath: 'vxlan', kubeProxyMode: 'ipvs' }), 'a', 'b');
    expect(cluster.model.network).toMatchObject({ datapath: 'vxlan', kubeProxyMode: 'ipvs' });
  });

  it('a node with an empty /etc/cni/net.d is NotReady, and a CNI typo or unknown node names its field', () => {
    const settings = clusterSettingsSchema.parse({ cni: { nodes: { 'node-2': { confFiles: {} } } } });
    // kubelet's NotReady reason for a runtime without a network config (kubelet.go, runtime network condition).
    expect(buildScenario(TWO_NODES, settings, 'a', 'b').kubectl('get nodes').stdout).toMatch(/^node-2\s+NotReady\s/m);
    expect(clusterSettingsSchema.safeParse({ cni: { nodes: { 'node-2': { confFile: {} } } } }).success).toBe(false);
    const unknown = clusterSettingsSchema.parse({ cni: { nodes: { 'node-7': { confFiles: {} } } } });
    expect(() => buildScenario(TWO_NODES, unknown, 'scenarios/x.yaml', 'lesson.yaml: settings.x')).toThrow('lesson.yaml: settings.x.cni.nodes.node-7: no node "node-7" in this cluster (nodes: node-1, node-2).');
  });

  it('system DaemonSets put kube-proxy on every node', () => {
    const cluster = buildScenario(TWO_NODES, clusterSettingsSchema.parse({ systemDaemonSets: true }), 'a', 'b');
    expect(cluster.kubectl('get pods -n kube-system').stdout).toMatch(/^kube-proxy-[a-z0-9]{5}\s/m);
  });
});
