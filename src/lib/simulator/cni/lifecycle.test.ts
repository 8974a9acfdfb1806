/**
 * Lifecycle traces against the real order of events and the lesson 3 brief's tracker (§5). Sources:
 * - kubelet `pkg/kubelet/kuberuntime/kuberuntime_manager.go` SyncPod (RunPodSandbox → PodSandboxStatus → containers;
 *   `Failed to create pod sandbox: %v`) and `pkg/kubelet/kubelet.go` (`network is not ready: %v`);
 * - containerd `internal/cri/server/sandbox_run.go` (netns, setupPodNetwork, teardownPodNetwork on failure);
 * - CNI SPEC.md spec-v1.1.0 §3 (ADD in order with prevResult, DEL in reverse, DEL after a failed ADD) and §5 (result);
 * - host-local allocator.go (round-robin, exhaustion text) and disk backend (file per IP, last_reserved_ip.0 kept on release).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { podCreateTrace, podDeleteTrace } from './lifecycle.ts';
import { TWO_NODES_YAML } from '../fixtures.ts';

const scenario = `${TWO_NODES_YAML}---
apiVersion: v1
kind: Pod
metadata: {name: pod-a, labels: {app: a}}
spec: {nodeName: node-1, containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]}
status: {podIP: 10.244.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-b, labels: {app: b}}
spec: {nodeName: node-2, containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]}
status: {podIP: 10.244.1.5}
`;

describe('pod-create trace', () => {
  it('walks the ten steps: bind, RunPodSandbox, netns, bridge ADD, veth, host-local, result, portmap, sandbox status, containers', () => {
    const r = podCreateTrace(createCluster(scenario), { pod: 'pod-d', action: 'create', node: 'node-2' });
    expect(r).toMatchObject({ allowed: true, status: 'running', node: 'node-2' });
    expect(r.steps.map((s) => s.phase)).toEqual(['schedule', 'sandbox', 'sandbox', 'cni', 'cni', 'ipam', 'cni', 'cni', 'status', 'status']);
    expect(r.actors).toEqual(['pod-d', 'kubelet (node-2)', 'containerd', 'CNI plugins', 'host-local', 'node-2 interfaces']);
    // The brief's tracker: 251 free at the start (.5 and CoreDNS's address taken), 250 after the allocation.
    expect(r.initialState).toMatchObject({ 'host-local': '251 free', 'node-2 interfaces': 'eth0, cni0, 2 × veth' });
    expect(r.steps[5]?.state['host-local']).toBe('10.244.1.6 (250 free)');
    expect(r.steps[3]?.details).toContain('CNI_COMMAND=ADD');
    expect(r.steps[3]?.details).toContain('CNI_IFNAME=eth0');
    const result = JSON.parse(r.steps[6]!.details.replace(/^Result on stdout: /, '')) as { ips: Array<{ address: string; gateway: string }>; cniVersion: string };
    expect(result.cniVersion).toBe('1.1.0');
    expect(result.ips).toEqual([{ address: '10.244.1.6/24', gateway: '10.244.1.1', interface: 2 }]);
    expect(r.steps[7]?.result).toBe('prevResult passed through');
    expect(r.steps.at(-1)?.state['pod-d']).toBe('Running 1/1');
  });

  it('ipam-exhausted: host-local fails, the bridge returns an error, DEL runs, FailedCreatePodSandBox, the pod is not Failed', () => {
    const full = [2, 3, 4, 5, 6].map((n) => `---
apiVersion: v1
kind: Pod
metadata: {name: p${n}}
spec: {nodeName: node-2, containers: [{name: c, image: busybox:1.36}]}
status: {podIP: 10.244.1.${n}}
`).join('');
    const r = podCreateTrace(createCluster(`${scenario.replace('pod-b', 'pod-x').replace('10.244.1.5', '10.244.0.9').replace('nodeName: node-2', 'nodeName: node-1').replace('10.244.1.0/24', '10.244.1.0/29')}${full}`), { pod: 'pod-d', action: 'create', node: 'node-2' });
    expect(r).toMatchObject({ allowed: false, status: 'sandbox-failed' });
    const ipam = r.steps.find((s) => s.phase === 'ipam')!;
    expect(ipam).toMatchObject({ outcome: 'error', details: 'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.6' });
    const del = r.steps.findIndex((s) => /DEL/.test(s.action));
    const event = r.steps.findIndex((s) => /FailedCreatePodSandBox/.test(s.action));
    expect(del).toBeGreaterThan(r.steps.indexOf(ipam));
    expect(event).toBeGreaterThan(del);
    expect(r.steps[event]?.details).toMatch(/^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" failed \(add\): failed to allocate/);
    expect(r.steps.at(-1)?.state['pod-d']).toBe('ContainerCreating (no IP)');
  });

  it('no-config: node Ready=False with NetworkPluginNotReady, the not-ready taint, and no sandbox for the pinned pod', () => {
    const c = createCluster(`${scenario}---
apiVersion: v1
kind: Node
metadata: {name: node-3}
spec: {podCIDR: 10.244.2.0/24}
`, { cni: { nodes: { 'node-3': { confFiles: {} } } } });
    const r = podCreateTrace(c, { pod: 'pod-e', action: 'create', node: 'node-3' });
    expect(r).toMatchObject({ allowed: false, status: 'network-not-ready' });
    const text = r.steps.map((s) => `${s.action} ${s.details}`).join('\n');
    expect(text).toContain('KubeletNotReady: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
    expect(text).toContain('node.kubernetes.io/not-ready:NoSchedule');
    expect(r.steps.some((s) => s.phase === 'cni')).toBe(false); // no RunPodSandbox, so no plugin ever runs
    // The bridge plugin creates cni0 on its first ADD (plugins/main/bridge setupBridge): a node that never ran it has none.
    expect(r.initialState['node-3 interfaces']).toBe('eth0 only (no cni0: no pod network)');
    expect(new Set(r.steps.map((s) => s.state['node-3 interfaces']))).toEqual(new Set(['eth0 only (no cni0: no pod network)']));
  });
});

describe('pod-delete trace', () => {
  it('DEL runs in reverse (portmap, then bridge, then host-local releases the address); last_reserved_ip stays', () => {
    const c = createCluster(scenario);
    const r = podDeleteTrace(c, { pod: 'pod-b', action: 'delete' });
    const cni = r.steps.filter((s) => s.phase === 'cni' || s.phase === 'ipam').map((s) => s.actor);
    expect(cni).toEqual(['CNI portmap', 'CNI bridge', 'CNI host-local']);
    expect(r.steps.find((s) => s.phase === 'ipam')?.details).toContain('/var/lib/cni/networks/cbr0/10.244.1.5');
    expect(r.steps.find((s) => s.phase === 'ipam')?.state['host-local']).toBe('252 free (released 10.244.1.5)');
    expect(r.steps.at(-1)?.state['pod-b']).toBe('Deleted');
    expect(c.state.nodes.get('node-2')?.cni?.ipam.cbr0?.lastReserved['0']).toBe('10.244.1.5');
  });
});
