/**
 * Init containers and hostPath/configMap volumes, against their sources:
 * - flannel Documentation/kube-flannel.yml (tag v0.28.5, lines 134-158, 211-223): the `install-cni` init container
 *   runs `cp -f /etc/kube-flannel/cni-conf.json /etc/cni/net.d/10-flannel.conflist` with the hostPath volume `cni`
 *   (/etc/cni/net.d) and the configMap volume `flannel-cfg` (kube-flannel-cfg); the DaemonSet is hostNetwork and
 *   tolerates `operator: Exists, effect: NoSchedule`. From v0.28.8 the command is `/opt/bin/install-conf SRC DEST`
 *   (cmd/install_conf/main.go: exactly two arguments, CopyFileAtomic).
 * - kubernetes pkg/printers/internalversion/printers.go printPod: the first init container not terminated with exit
 *   code 0 decides STATUS: `Init:<terminated reason>`, `Init:<waiting reason>` unless that is PodInitializing, else
 *   `Init:<i>/<n>`; past the init containers a waiting reason (PodInitializing) is printed as is.
 * - pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses: with init containers the default waiting reason is
 *   PodInitializing (ContainerCreating without).
 * - pkg/apis/core/validation validateHostPathVolumeSource (path required, validatePathNoBacksteps "must not contain
 *   '..'", validateHostPathType), validateKeyToPath ("must be a relative path").
 * - https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations: the tolerations the
 *   controller adds (not-ready and unreachable NoExecute; disk/memory/pid-pressure and unschedulable NoSchedule;
 *   network-unavailable NoSchedule for host-network pods only) do not include not-ready:NoSchedule. Checked in the
 *   source: kubernetes/kubernetes pkg/controller/daemon/util/daemonset_util.go, AddOrUpdateDaemonPodTolerations
 *   (exactly those seven, the last `if spec.HostNetwork`).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { parseManifests } from '../manifest.ts';
import { controllerTolerations } from './daemonsets.ts';
import { mountProblem, runInitContainers } from './init-containers.ts';
import type { PodModel } from '../types.ts';

const NODES = `apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
spec: {podCIDR: 10.244.0.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-3, labels: {kubernetes.io/hostname: node-3}}
spec: {podCIDR: 10.244.2.0/24}
`;
const CONFLIST = '{"cniVersion":"1.1.0","name":"cbr0","plugins":[{"type":"bridge","bridge":"cni0","isGateway":true,"ipam":{"type":"host-local","ranges":[[{"subnet":"10.244.2.0/24"}]]}}]}';
const configMap = (key = '10-bridge.conflist') => `---
apiVersion: v1
kind: ConfigMap
metadata: {name: cni-cfg, namespace: kube-system}
data:
  ${key}: '${CONFLIST}'
`;
const installer = (opts: { tolerations?: boolean; args?: string; command?: string } = {}) => `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: install, namespace: kube-system}
spec:
  selector: {matchLabels: {app: install}}
  template:
    metadata: {labels: {app: install}}
    spec:
      hostNetwork: true
      nodeSelector: {kubernetes.io/hostname: node-3}
${opts.tolerations === false ? '' : '      tolerations: [{operator: Exists, effect: NoSchedule}]\n'}      initContainers:
      - name: install-cni
        image: busybox:1.36
        command: [${opts.command ?? 'cp'}]
        args: [${opts.args ?? '-f, /etc/cfg/10-bridge.conflist, /etc/cni/net.d/10-bridge.conflist'}]
        volumeMounts: [{name: cni, mountPath: /etc/cni/net.d}, {name: cfg, mountPath: /etc/cfg/}]
      containers: [{name: pause, image: registry.k8s.io/pause:3.10}]
      volumes:
      - {name: cni, hostPath: {path: /etc/cni/net.d}}
      - {name: cfg, configMap: {name: cni-cfg}}
`;
const POD_E = `---
apiVersion: v1
kind: Pod
metadata: {name: pod-e}
spec:
  nodeName: node-3
  containers: [{name: web, image: nginxinc/nginx-unprivileged:1.27, ports: [{containerPort: 8080}]}]
`;
const empty = { cni: { nodes: { 'node-3': { confFiles: {} } } } };
const status = (c: ReturnType<typeof createCluster>, ns = 'kube-system') => c.kubectl(`get pods -n ${ns} -o wide`).stdout;

describe('spec.volumes, volumeMounts and initContainers', () => {
  it('keeps hostPath and configMap volumes, mounts and init containers in order', () => {
    const [o] = parseManifests(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: a, hostPath: {path: /etc/cni/net.d, type: DirectoryOrCreate}}, {name: b, configMap: {name: c, items: [{key: k, path: f.json}]}}, {name: e, emptyDir: {}}]
  initContainers: [{name: one, image: busybox:1.36, command: [cp], volumeMounts: [{name: a, mountPath: /host}]}, {name: two, image: busybox:1.36}]
  containers: [{name: main, image: busybox:1.36}]
`);
    expect(o?.kind === 'Pod' && o.value.volumes).toEqual([{ name: 'a', hostPath: { path: '/etc/cni/net.d' } }, { name: 'b', configMap: { name: 'c', items: [{ key: 'k', path: 'f.json' }] } }, { name: 'e' }]);
    expect(o?.kind === 'Pod' && o.value.initContainers?.map((c) => [c.name, c.volumeMounts])).toEqual([['one', [{ name: 'a', mountPath: '/host' }]], ['two', undefined]]);
  });

  it.each([
    ['{name: v, hostPath: {path: ""}}', 'Pod "p" is invalid: spec.volumes[0].hostPath.path: Required value'],
    ['{name: v, hostPath: {path: /etc/../root}}', `Pod "p" is invalid: spec.volumes[0].hostPath.path: Invalid value: "/etc/../root": must not contain '..'`],
    ['{name: v, hostPath: {path: /x, type: Dir}}', 'Pod "p" is invalid: spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"'],
    ['{name: v, configMap: {name: ""}}', 'Pod "p" is invalid: spec.volumes[0].configMap.name: Required value'],
    ['{name: v, configMap: {name: c, items: [{key: k, path: /abs}]}}', 'Pod "p" is invalid: spec.volumes[0].configMap.items[0].path: Invalid value: "/abs": must be a relative path'],
  ])('refuses %s as the API server does', (vol, message) => {
    expect(() => parseManifests(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [${vol}]\n  containers: [{name: c, image: x}]\n`)).toThrow(message);
  });

  it('refuses a subPath on a hostPath mount, a simulator limit said plainly', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [{name: v, hostPath: {path: /etc}}]\n  containers: [{name: c, image: x, volumeMounts: [{name: v, mountPath: /m, subPath: cni}]}]\n')).toThrow(
      'Pod "p": spec.containers[0].volumeMounts[0].subPath: this simulator does not model subPath on hostPath and configMap volumes; mount the whole volume',
    );
  });
});

describe('what an installer init container does', () => {
  const pod = (args: string[], command = ['cp']): PodModel => ({
    name: 'i', namespace: 'kube-system', labels: {}, annotations: {}, nodeName: 'node-3', ip: '172.18.0.4', phase: 'Running', ready: true, implicit: false, containers: [],
    initContainers: [{ name: 'install-cni', image: 'ghcr.io/flannel-io/flannel:v0.28.9', ports: [], command, args, volumeMounts: [{ name: 'cni', mountPath: '/etc/cni/net.d' }, { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' }] }],
    volumes: [{ name: 'cni', hostPath: { path: '/etc/cni/net.d' } }, { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } }],
  });
  const data = () => ({ 'cni-conf.json': CONFLIST });

  it("flannel's cp -f and install-conf both write the ConfigMap's file into the node's /etc/cni/net.d", () => {
    expect(runInitContainers(pod(['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist']), data).writes).toEqual({ '10-flannel.conflist': CONFLIST });
    expect(runInitContainers(pod(['/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'], ['/opt/bin/install-conf']), data).writes).toEqual({ '10-flannel.conflist': CONFLIST });
    // cp SRC DIR keeps the source's name
    expect(runInitContainers(pod(['/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/']), data).writes).toEqual({ 'cni-conf.json': CONFLIST });
  });

  it('a source the ConfigMap lacks fails with exit code 1; a command it does not model is taken to complete, with a note', () => {
    const failed = runInitContainers(pod(['/etc/kube-flannel/nope.json', '/etc/cni/net.d/x.conflist']), data);
    expect(failed.status.blocked).toEqual({ reason: 'Error', exitCode: 1 });
    expect(failed.status.done).toBe(0);
    const other = runInitContainers(pod(['-c', 'sleep 5'], ['sh']), data);
    expect(other.status.done).toBe(1);
    expect(other.writes).toEqual({});
    expect(other.status.notes).toEqual(['[simulator] init container install-cni of pod i: what [sh -c sleep 5] does is not modelled; it is taken to have completed.']);
  });

  it("mounts fail as the kubelet's configmap volume plugin says, unless optional", () => {
    const p = pod([]);
    expect(mountProblem(p, () => undefined)).toBe('MountVolume.SetUp failed for volume "flannel-cfg" : configmap "kube-flannel-cfg" not found');
    p.volumes = [{ name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg', items: [{ key: 'missing', path: 'a' }] } }];
    expect(mountProblem(p, data)).toBe('MountVolume.SetUp failed for volume "flannel-cfg" : configmap references non-existent config key: missing');
    p.volumes = [{ name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg', optional: true } }];
    expect(mountProblem(p, () => undefined)).toBeNull();
  });
});

describe('a node comes up when its installer runs', () => {
  it("a NotReady node's taint keeps an installer without the toleration away; the controller's own tolerations do not cover it", () => {
    expect(controllerTolerations(true).some((t) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule')).toBe(false);
    expect(controllerTolerations(false).some((t) => t.key === 'node.kubernetes.io/network-unavailable')).toBe(false);
    const c = createCluster(NODES + configMap() + installer({ tolerations: false }) + POD_E, empty);
    expect(c.kubectl('get ds install -n kube-system').stdout).toMatch(/^install\s+0\s+0\s+0\s+0\s+0\s/m);
    expect(c.kubectl('get nodes').stdout).toMatch(/node-3\s+NotReady/);
  });

  it('with the toleration, the cp lands in /etc/cni/net.d: the node turns Ready and the waiting pod gets an address from the conflist', () => {
    const c = createCluster(NODES + configMap() + installer() + POD_E, empty);
    expect(c.kubectl('get nodes').stdout).toMatch(/node-3\s+Ready/);
    expect(status(c)).toMatch(/^install-\w{5}\s+1\/1\s+Running\s+0\s+\S+\s+172\.18\.0\.3\s+node-3/m);
    expect(c.kubectl('get pods -o wide').stdout).toMatch(/^pod-e\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.2\.2\s+node-3/m);
    expect(c.model.nodes.find((n) => n.name === 'node-3')?.cni?.confFiles).toEqual({ '10-bridge.conflist': CONFLIST });
  });

  it('prints Init:0/1 while the ConfigMap is missing, Init:Error when the file is not in it, and PodInitializing once init is done but the container waits', () => {
    const missing = createCluster(NODES + installer(), empty);
    expect(status(missing)).toMatch(/^install-\w{5}\s+0\/1\s+Init:0\/1\s/m);
    expect(missing.kubectl('describe pod -n kube-system -l app=install').stdout).toContain('FailedMount');
    const wrongKey = createCluster(NODES + configMap('other.conflist') + installer(), empty);
    expect(status(wrongKey)).toMatch(/^install-\w{5}\s+0\/1\s+Init:Error\s/m);
    const pending = createCluster(`${NODES}---\napiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  nodeName: node-1\n  initContainers: [{name: i, image: busybox:1.36, command: ["true"]}]\n  containers: [{name: c, image: busybox:1.36}]\nstatus: {phase: Pending}\n`);
    expect(status(pending, 'default')).toMatch(/^w\s+0\/1\s+PodInitializing\s/m);
  });

  it('a bare pod that tolerates not-ready:NoSchedule may be scheduled to a NotReady node (hostNetwork: no CNI needed)', () => {
    const c = createCluster(`apiVersion: v1\nkind: Node\nmetadata: {name: node-3}\nspec: {podCIDR: 10.244.2.0/24}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: h}\nspec:\n  hostNetwork: true\n  tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoSchedule}]\n  containers: [{name: c, image: busybox:1.36}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: plain}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n`, empty);
    const out = status(c, 'default');
    expect(out).toMatch(/^h\s+1\/1\s+Running\s+0\s+\S+\s+172\.18\.0\.2\s+node-3/m);
    expect(out).toMatch(/^plain\s+0\/1\s+Pending\s/m);
  });
});
