/**
 * DaemonSet expansion: one pod per node the DaemonSet's pods may run on, named as the controller names them
 * (generateName `<daemonset>-` plus five characters, e.g. `kube-flannel-ds-7xk2p`), bound to the node by the default
 * scheduler (the controller pins each pod with node affinity), labelled `controller-revision-hash` and
 * `pod-template-generation`. Which nodes: every node unless one of its NoSchedule/NoExecute taints is not tolerated
 * by the template's tolerations plus the ones the controller adds itself (pkg/controller/daemon/util
 * AddOrUpdateDaemonPodTolerations: not-ready and unreachable NoExecute, disk/memory/pid-pressure and unschedulable
 * NoSchedule, network-unavailable NoSchedule for hostNetwork pods). Also the system DaemonSets of a kubeadm cluster
 * with flannel (kube-proxy in kube-system; kube-flannel-ds in kube-flannel, as flannel's kube-flannel.yml installs it).
 */
import { safeHash } from '../ipam.ts';
import { keyOf } from '../state.ts';
import type { DaemonSetModel, NodeModel, PodModel, TolerationModel } from '../types.ts';
import { addOrUpdateToleration } from './tolerations.ts';

/** The tolerations the DaemonSet controller adds to every daemon pod (hostNetwork pods one more). */
export function controllerTolerations(hostNetwork: boolean): TolerationModel[] {
  const t: TolerationModel[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** v1helper.TolerationsTolerateTaint: does one of the tolerations match the taint? */
export function tolerates(tolerations: readonly TolerationModel[], taint: { key: string; value?: string; effect: string }): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (!t.key) return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

/** The controller-revision-hash of a DaemonSet's template (derived from its 'ns/name'). */
export function revisionHash(ds: Pick<DaemonSetModel, 'namespace' | 'name'>): string {
  return safeHash(`rev:${ds.namespace}/${ds.name}`, 10);
}

/** The daemon pod's name on a node (generation `gen` after deletions). */
export function daemonPodName(ds: Pick<DaemonSetModel, 'namespace' | 'name'>, node: string, gen: number): string {
  return `${ds.name}-${safeHash(`${ds.namespace}/${ds.name}@${node}#${gen}`, 5)}`;
}

/** The pods of a DaemonSet: one on each node whose taints it tolerates (`taintsOf` gives a node's taints). */
export function expandDaemonSet(ds: DaemonSetModel, nodes: readonly NodeModel[], taintsOf: (n: NodeModel) => Array<{ key: string; effect: string }>, generations?: ReadonlyMap<string, number>): PodModel[] {
  // NewPod copies the template's, then AddOrUpdateDaemonPodTolerations adds (or updates in place) the controller's.
  const all = controllerTolerations(!!ds.hostNetwork).reduce(addOrUpdateToleration, [...ds.tolerations]);
  const pods: PodModel[] = [];
  for (const n of nodes) {
    if (ds.nodeSelector && !Object.entries(ds.nodeSelector).every(([k, v]) => n.labels[k] === v)) continue;
    if (!taintsOf(n).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute').every((t) => tolerates(all, t))) continue;
    const gen = generations?.get(`${keyOf(ds)}@${n.name}`) ?? 0;
    const pod: PodModel = {
      name: daemonPodName(ds, n.name, gen),
      namespace: ds.namespace,
      labels: { ...ds.templateLabels, 'controller-revision-hash': revisionHash(ds), 'pod-template-generation': '1' },
      annotations: { ...ds.templateAnnotations },
      nodeName: n.name,
      nodeAssignment: 'scheduler',
      ip: '',
      phase: 'Running',
      ready: true,
      containers: ds.containers.map((c) => ({ ...c, ports: c.ports.map((p) => ({ ...p })) })),
      ownerDaemonSet: keyOf(ds),
      implicit: ds.implicit,
    };
    if (ds.hostNetwork) pod.hostNetwork = true;
    if (ds.dns) pod.dns = ds.dns;
    if (ds.initContainers) pod.initContainers = ds.initContainers;
    if (ds.volumes) pod.volumes = ds.volumes;
    pod.tolerations = all;
    pods.push(pod);
  }
  return pods;
}

/** kube-proxy as kubeadm deploys it (kube-system, hostNetwork, tolerates every taint). */
export function kubeProxyDaemonSet(version = 'v1.35.0'): DaemonSetModel {
  return {
    name: 'kube-proxy',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-proxy' },
    annotations: {},
    selector: { matchLabels: { 'k8s-app': 'kube-proxy' }, matchExpressions: [] },
    templateLabels: { 'k8s-app': 'kube-proxy' },
    templateAnnotations: {},
    containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${version}`, ports: [], command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] }],
    hostNetwork: true,
    tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { operator: 'Exists' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    implicit: true,
  };
}

/** flannel's agent as Documentation/kube-flannel.yml installs it (namespace kube-flannel, hostNetwork, tolerates NoSchedule). */
export function flannelDaemonSet(): DaemonSetModel {
  return {
    name: 'kube-flannel-ds',
    namespace: 'kube-flannel',
    labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
    annotations: {},
    selector: { matchLabels: { app: 'flannel' }, matchExpressions: [] },
    templateLabels: { app: 'flannel', tier: 'node' },
    templateAnnotations: {},
    containers: [{ name: 'kube-flannel', image: 'ghcr.io/flannel-io/flannel:v0.28.9', ports: [{ name: 'healthz', containerPort: 8081, protocol: 'TCP', hostPort: 8081 }], command: ['/opt/bin/flanneld'], args: ['--ip-masq', '--kube-subnet-mgr', '--healthz-port=8081'] }],
    hostNetwork: true,
    tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
    implicit: true,
  };
}
