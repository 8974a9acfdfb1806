/**
 * `kubectl get events`, pod Events and node readiness as kubectl v1.35 prints them. Sources:
 * - kubernetes `pkg/printers/internalversion/printers.go` eventColumnDefinitions (LAST SEEN, TYPE, REASON, OBJECT,
 *   MESSAGE; wide: SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME) and printEvent (`kind/name`, kind lower-cased),
 *   printNode (STATUS NotReady when the Ready condition is not True);
 * - kubelet `pkg/kubelet/nodestatus/setters.go` ReadyCondition (KubeletNotReady + the runtime error) and
 *   `pkg/kubelet/kuberuntime/kuberuntime_manager.go` (FailedCreatePodSandBox from kubelet);
 * - the node lifecycle controller's `node.kubernetes.io/not-ready:NoSchedule` taint (TaintNodesByCondition);
 * - `pkg/controller/deployment/sync.go` (`Scaled up replica set %s from %d to %d`) and `controller_utils.go`
 *   (`Created pod: %v`).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const nodes = `apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.0.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-3}
spec: {podCIDR: 10.244.2.0/24}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-e}
spec: {nodeName: node-3, containers: [{name: c, image: busybox:1.36}]}
`;

describe('events and node readiness', () => {
  it('get events lists each pod\'s events with the printer\'s columns', () => {
    const c = createCluster(nodes, { cni: { nodes: { 'node-3': { confFiles: {} } } } });
    const out = c.kubectl('get events').stdout.split('\n');
    expect(out[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(out.find((l) => l.includes('pod/pod-e'))).toMatch(/^5m\s+Warning\s+NetworkNotReady\s+pod\/pod-e\s+network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized$/);
    const wide = c.kubectl('get events -o wide').stdout.split('\n');
    expect(wide[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME$/);
    expect(wide.find((l) => l.includes('pod/pod-e'))).toContain('kubelet, node-3');
  });

  it('describe pod shows the warning and no image pull for a pod without a sandbox', () => {
    const c = createCluster(nodes, { cni: { nodes: { 'node-3': { confFiles: {} } } } });
    const text = c.kubectl('describe pod pod-e').stdout;
    expect(text).toMatch(/Warning\s+NetworkNotReady\s+5m\s+kubelet\s+network is not ready: /);
    expect(text).not.toContain('Pulling');
    expect(c.kubectl('get pod pod-e').stdout).toMatch(/pod-e\s+0\/1\s+ContainerCreating/);
  });

  it('a node without CNI config is NotReady with KubeletNotReady and the not-ready taint', () => {
    const c = createCluster(nodes, { cni: { nodes: { 'node-3': { confFiles: {} } } } });
    expect(c.kubectl('get nodes').stdout).toMatch(/node-3\s+NotReady\s/);
    expect(c.kubectl('get nodes').stdout).toMatch(/node-1\s+Ready\s/);
    expect(c.kubectl(`get node node-3 -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}'`).stdout).toBe('container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
    expect(c.kubectl('get node node-3 -o jsonpath={.status.conditions[0].reason}').stdout).toBe('KubeletNotReady');
    expect(c.kubectl('get node node-3 -o jsonpath={.spec.taints}').stdout).toBe('[{"effect":"NoSchedule","key":"node.kubernetes.io/not-ready"}]');
  });

  it('an exhausted range gives FailedCreatePodSandBox from the kubelet, and the scheduler\'s FailedScheduling when no node is ready', () => {
    const c = createCluster(`apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.0.0/30}
---
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: node-1, containers: [{name: c, image: busybox:1.36}]}
status: {podIP: 10.244.0.2}
`, {});
    // A /30 leaves one address (.2) for pods; the CoreDNS replicas find none.
    const ev = c.kubectl('get events -n kube-system').stdout;
    expect(ev).toMatch(/Warning\s+FailedCreatePodSandBox\s+pod\/coredns-[a-z0-9]+-[a-z0-9]+\s+Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" failed \(add\): failed to allocate for range 0: no IP addresses available in range set: 10\.244\.0\.1-10\.244\.0\.2/);
    const none = createCluster('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n', { cni: { nodes: { 'node-1': { confFiles: {} } } } });
    expect(none.kubectl('get events').stdout).toMatch(/Warning\s+FailedScheduling\s+pod\/web\s+0\/1 nodes are available: 1 node\(s\) had untolerated taint\(s\)\./);
    expect(none.kubectl('get events -n kube-system').stdout).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/coredns\s+Scaled up replica set coredns-[a-z0-9]+ from 0 to 2/);
  });
});
