/**
 * Pods get their addresses through their node's CNI chain. Expected texts come from upstream:
 * - host-local `main.go` cmdAdd `failed to allocate for range %d: %v` and allocator.go's exhaustion error
 *   (containernetworking/plugins 3d27709); libcni `api.go` AddNetworkList `plugin %s failed (add): %w` with
 *   pluginDescription `type=%q` (containernetworking/cni 3f51e88);
 * - containerd `internal/cri/server/sandbox_run.go` `failed to setup network for sandbox %q: %w` (301026e);
 * - kubelet `pkg/kubelet/kuberuntime/kuberuntime_manager.go` `Failed to create pod sandbox: %v` (FailedCreatePodSandBox)
 *   and `pkg/kubelet/kubelet.go` `network is not ready: %v` (NetworkNotReady), hostNetwork pods exempt;
 * - kube-scheduler TaintToleration filter + the not-ready taint of the node lifecycle controller; the v1.34+
 *   FailedScheduling wording as clusters print it (`had untolerated taint(s). no new claims to deallocate, preemption: …`);
 * - hostNetwork pods report the node's address as their IP (https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { sandboxId } from './pod-network.ts';
import { freeAddresses } from './node-state.ts';

const node = (name: string, cidr: string) => `---
apiVersion: v1
kind: Node
metadata: {name: ${name}}
spec: {podCIDR: ${cidr}}
`;
const pod = (name: string, nodeName: string, extra = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: worker}}
spec:
  nodeName: ${nodeName}
  containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]
${extra}
`;

describe('pod addresses from host-local', () => {
  it('a node\'s first model hands out the lowest free addresses; later pods continue round-robin after the highest', () => {
    const c = createCluster(`${node('node-1', '10.244.0.0/24')}${node('node-2', '10.244.1.0/24')}${pod('pod-a', 'node-1', 'status: {podIP: 10.244.0.5}')}${pod('pod-b', 'node-2', 'status: {podIP: 10.244.1.5}')}`);
    const dns = c.model.pods.filter((p) => p.namespace === 'kube-system' && p.nodeName === 'node-2');
    expect(dns.map((p) => p.ip)).toEqual(['10.244.1.2']);
    c.apply(pod('pod-d', 'node-2'));
    expect(c.state.pods.get('default/pod-d')?.ip).toBe('10.244.1.6');
    const cni = c.state.nodes.get('node-2')!.cni!;
    expect(cni.ipam.cbr0?.lastReserved).toEqual({ '0': '10.244.1.6' });
    expect(Object.keys(cni.ipam.cbr0?.reservations ?? {}).sort()).toEqual(['10.244.1.2', '10.244.1.5', '10.244.1.6']);
    expect(freeAddresses(cni)).toBe(250);
  });

  it('deleting a pod releases its address (DEL), but the next pod does not get it back', () => {
    const c = createCluster(`${node('node-1', '10.244.0.0/24')}${pod('a', 'node-1')}${pod('b', 'node-1')}`);
    const b = c.state.pods.get('default/b')!.ip;
    c.kubectl('delete pod b');
    expect(Object.keys(c.state.nodes.get('node-1')!.cni!.ipam.cbr0!.reservations)).not.toContain(b);
    c.apply(pod('e', 'node-1'));
    expect(c.state.pods.get('default/e')?.ip).not.toBe(b);
  });

  it('an exhausted range leaves the new pod Pending without an IP, with the kubelet\'s FailedCreatePodSandBox text', () => {
    const full = [2, 3, 4, 5, 6].map((n) => pod(`p${n}`, 'node-2', `status: {podIP: 10.244.1.${n}}`)).join('');
    const c = createCluster(`${node('node-1', '10.244.0.0/24')}${node('node-2', '10.244.1.0/29')}${full}${pod('pod-d', 'node-2')}`);
    const d = c.state.pods.get('default/pod-d')!;
    expect(d).toMatchObject({ ip: '', phase: 'Pending', ready: false });
    expect(d.startError).toEqual({
      reason: 'FailedCreatePodSandBox',
      message: `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId(d)}": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.6`,
    });
    expect(sandboxId(d)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a node without a CNI config: its pods wait with NetworkNotReady, the scheduler avoids it, hostNetwork pods still run', () => {
    const c = createCluster(`${node('node-3', '10.244.2.0/24')}${pod('pod-e', 'node-3')}${pod('agent', 'node-3', '  hostNetwork: true')}`, { cni: { nodes: { 'node-3': { confFiles: {} } } } });
    expect(c.state.pods.get('default/pod-e')?.startError).toEqual({
      reason: 'NetworkNotReady',
      message: 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    });
    expect(c.state.pods.get('default/agent')).toMatchObject({ ip: c.state.nodes.get('node-3')!.internalIP, phase: 'Running' });
    const dns = c.model.pods.filter((p) => p.namespace === 'kube-system' && p.ownerDeployment);
    expect(dns.every((p) => p.nodeName === '' && p.phase === 'Pending')).toBe(true);
    expect(dns[0]?.startError).toEqual({ reason: 'FailedScheduling', message: '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.' });
  });

  it('a missing plugin binary fails ADD with libcni\'s FindInPath error', () => {
    const c = createCluster(`${node('node-1', '10.244.0.0/24')}${pod('a', 'node-1')}`, { cni: { nodes: { 'node-1': { binaries: ['bridge', 'portmap', 'loopback'] } } } });
    expect(c.state.pods.get('default/a')?.startError?.message).toMatch(/plugin type="bridge" failed \(add\): failed to find plugin "host-local" in path \[\/opt\/cni\/bin\]$/);
  });

  it('hostNetwork pods take the node\'s InternalIP and consume no pod address', () => {
    const c = createCluster(`${node('node-1', '10.244.0.0/24')}${pod('agent', 'node-1', '  hostNetwork: true')}${pod('a', 'node-1')}`);
    expect(c.state.pods.get('default/agent')?.ip).toBe('172.18.0.2');
    expect(Object.keys(c.state.nodes.get('node-1')!.cni!.ipam.cbr0!.reservations)).not.toContain('172.18.0.2');
  });
});
