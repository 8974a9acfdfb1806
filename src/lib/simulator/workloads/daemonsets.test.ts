/**
 * DaemonSets. Sources:
 * - kubernetes `pkg/controller/daemon/daemon_controller.go` (one pod per node that should run it, generateName
 *   `<name>-`: five random characters) and `pkg/controller/daemon/util/daemonset_util.go`
 *   AddOrUpdateDaemonPodTolerations (not-ready/unreachable NoExecute, pressure and unschedulable NoSchedule,
 *   network-unavailable for hostNetwork; *not* not-ready NoSchedule);
 * - `pkg/printers/internalversion/printers.go` daemonSetColumnDefinitions (NAME DESIRED CURRENT READY UP-TO-DATE
 *   AVAILABLE NODE SELECTOR AGE; wide CONTAINERS IMAGES SELECTOR);
 * - flannel `Documentation/kube-flannel.yml` (kube-flannel-ds in namespace kube-flannel, hostNetwork, tolerates
 *   NoSchedule) and kubeadm's kube-proxy DaemonSet (kube-system, hostNetwork, nodeSelector kubernetes.io/os=linux);
 * - hostNetwork pods report their node's IP (https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { tolerates } from './daemonsets.ts';

const twoNodes = `apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.0.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-2}
spec: {podCIDR: 10.244.1.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-3}
spec: {podCIDR: 10.244.2.0/24}
`;
const agent = (tolerations = '') => `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
${tolerations}      containers: [{name: agent, image: busybox:1.36, command: [sleep, "86400"]}]
`;
const missing = { cni: { nodes: { 'node-3': { confFiles: {} } } } };

describe('DaemonSets', () => {
  it('runs one pod per node, named <daemonset>-<5 chars>, on every node whose taints it tolerates', () => {
    const c = createCluster(`${twoNodes}${agent()}`, missing);
    const pods = c.model.pods.filter((p) => p.ownerDaemonSet === 'default/agent');
    // node-3 is NotReady: the not-ready:NoSchedule taint is not among the controller's own tolerations.
    expect(pods.map((p) => p.nodeName)).toEqual(expect.arrayContaining(['node-1', 'node-2']));
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods[0]?.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    const table = c.kubectl('get ds').stdout.split('\n');
    expect(table[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/);
    expect(table[1]).toMatch(/^agent\s+2\s+2\s+2\s+2\s+2\s+<none>\s+5m$/);
    expect(c.kubectl('get ds -o wide').stdout.split('\n')[0]).toMatch(/AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
  });

  it('a NoSchedule toleration lets it onto the NotReady node, where a pod-network pod waits for the network', () => {
    const c = createCluster(`${twoNodes}${agent('      tolerations: [{operator: Exists, effect: NoSchedule}]\n')}`, missing);
    const on3 = c.model.pods.find((p) => p.ownerDaemonSet === 'default/agent' && p.nodeName === 'node-3');
    expect(on3?.startError?.reason).toBe('NetworkNotReady');
  });

  it('the system DaemonSets: kube-proxy in kube-system and flannel in kube-flannel, hostNetwork pods with the node IP', () => {
    const c = createCluster(twoNodes, { ...missing, systemDaemonSets: true });
    const out = c.kubectl('get ds -A').stdout;
    expect(out).toMatch(/kube-flannel\s+kube-flannel-ds\s+3\s+3\s+3\s+3\s+3\s+<none>/);
    expect(out).toMatch(/kube-system\s+kube-proxy\s+3\s+3\s+3\s+3\s+3\s+kubernetes\.io\/os=linux/);
    const proxy = c.model.pods.filter((p) => p.ownerDaemonSet === 'kube-system/kube-proxy');
    for (const p of proxy) expect(p.ip).toBe(c.state.nodes.get(p.nodeName)?.internalIP);
    // hostNetwork pods start even where the pod network is not ready (kubelet.go: only non-hostNetwork pods wait).
    expect(proxy.find((p) => p.nodeName === 'node-3')).toMatchObject({ phase: 'Running', ip: '172.18.0.4' });
    expect(c.kubectl('get pods -n kube-flannel -o wide').stdout).toMatch(/kube-flannel-ds-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+5m\s+172\.18\.0\.2\s+node-1/);
  });

  it('deleting a daemon pod brings a new one under a new name on the same node', () => {
    const c = createCluster(`${twoNodes}${agent()}`);
    const old = c.model.pods.find((p) => p.ownerDaemonSet && p.nodeName === 'node-1')!;
    expect(c.kubectl(`delete pod ${old.name}`).exitCode).toBe(0);
    const now = c.model.pods.find((p) => p.ownerDaemonSet && p.nodeName === 'node-1')!;
    expect(now.name).not.toBe(old.name);
  });

  it('matches tolerations as v1helper.TolerationsTolerateTaint does', () => {
    const taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
    expect(tolerates([{ operator: 'Exists' }], taint)).toBe(true);
    expect(tolerates([{ operator: 'Exists', effect: 'NoExecute' }], taint)).toBe(false);
    expect(tolerates([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }], taint)).toBe(true);
    expect(tolerates([{ key: 'other', operator: 'Exists' }], taint)).toBe(false);
  });
});
