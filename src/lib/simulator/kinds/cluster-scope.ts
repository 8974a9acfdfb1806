/**
 * Cluster-scoped simulated kinds: Nodes (printers.go printNode: STATUS from the Ready condition, ROLES
 * from node-role.kubernetes.io/* and kubernetes.io/role labels, VERSION the kubelet's; `-o wide` adds
 * INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME) and Namespaces (printNamespace;
 * describe.go describeNamespace with no quotas or limit ranges).
 */
import { FIXED_AGE, meta, NODE_KERNEL, NODE_OS_IMAGE, NODE_RUNTIME, NODE_VERSION } from '../kubectl-format.ts';
import { nodeReadyCondition, nodeTaints } from '../cni/pod-network.ts';
import type { NamespaceModel, NodeModel } from '../types.ts';
import { DescribeWriter, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind, sortEntries } from './kind.ts';

/** ROLES of `kubectl get nodes` (printers.go findNodeRoles), `<none>` when the node has no role label. */
export function nodeRoles(n: NodeModel): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

/** STATUS of `kubectl get nodes` (printers.go printNode: the Ready condition's status). */
export function nodeStatus(n: NodeModel): 'Ready' | 'NotReady' {
  return nodeReadyCondition(n).status === 'True' ? 'Ready' : 'NotReady';
}

/** A Node object: its Ready condition from the runtime's network state (NotReady nodes carry the not-ready taint). */
export function nodeObject(n: NodeModel): Record<string, unknown> {
  const ready = nodeReadyCondition(n);
  const taints = nodeTaints(n);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(n),
    spec: { ...(n.podCIDR ? { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] } : {}), ...(taints.length ? { taints } : {}) },
    status: {
      addresses: [
        ...(n.internalIP ? [{ address: n.internalIP, type: 'InternalIP' }] : []),
        { address: n.name, type: 'Hostname' },
      ],
      conditions: [{ message: ready.message, reason: ready.reason, status: ready.status, type: 'Ready' }],
      nodeInfo: { architecture: 'amd64', containerRuntimeVersion: NODE_RUNTIME, kernelVersion: NODE_KERNEL, kubeProxyVersion: '', kubeletVersion: NODE_VERSION, operatingSystem: 'linux', osImage: NODE_OS_IMAGE },
    },
  };
}

/** Nodes (core/v1). */
export const nodes = defineKind<NodeModel>({
  kind: 'Node',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  source: 'model',
  list: (state) => sortEntries(state.model.nodes.map((n) => ({ namespace: '', name: n.name, labels: n.labels, value: n }))),
  object: (e) => nodeObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'STATUS', cell: (e) => nodeStatus(e.value) },
    { header: 'ROLES', cell: (e) => nodeRoles(e.value) },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'VERSION', cell: () => NODE_VERSION },
    { header: 'INTERNAL-IP', wide: true, cell: (e) => e.value.internalIP || '<none>' },
    { header: 'EXTERNAL-IP', wide: true, cell: () => '<none>' },
    { header: 'OS-IMAGE', wide: true, cell: () => NODE_OS_IMAGE },
    { header: 'KERNEL-VERSION', wide: true, cell: () => NODE_KERNEL },
    { header: 'CONTAINER-RUNTIME', wide: true, cell: () => NODE_RUNTIME },
  ],
});

/** A Namespace object. */
export function namespaceObject(n: NamespaceModel): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(n), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

/** `kubectl describe namespace` (describe.go describeNamespace, no ResourceQuota or LimitRange objects). */
export function describeNamespace(n: NamespaceModel): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${n.name}\n`);
  printLabelsMultiline(w, 'Labels', n.labels);
  printAnnotationsMultiline(w, 'Annotations', n.annotations);
  w.write(0, 'Status:\tActive\n');
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}

/** Namespaces (core/v1). */
export const namespaces = defineKind<NamespaceModel>({
  kind: 'Namespace',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  source: 'model',
  list: (state) => sortEntries(state.model.namespaces.map((n) => ({ namespace: '', name: n.name, labels: n.labels, value: n }))),
  object: (e) => namespaceObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'STATUS', cell: () => 'Active' },
    { header: 'AGE', cell: () => FIXED_AGE },
  ],
  describe: (e) => describeNamespace(e.value),
});
