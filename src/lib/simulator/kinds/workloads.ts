/**
 * Deployments (simulated: their replicas are PodModel entries) and the one ReplicaSet per Deployment the
 * deployment controller keeps (`<deployment>-<pod-template-hash>`, derived). Tables follow printers.go
 * printDeployment and printReplicaSet; `describe deployment` follows describe.go describeDeployment with
 * DescribePodTemplate (a template has no container statuses and no service account volume).
 */
import { podTemplateHash } from '../build.ts';
import { FIXED_AGE, FIXED_DESCRIBE_TIME, meta, selectorObject } from '../kubectl-format.ts';
import { formatSelector } from '../selectors.ts';
import type { ClusterState } from '../state.ts';
import { keyOf, sortByKey } from '../state.ts';
import type { ContainerModel, DeploymentModel, LabelSelector } from '../types.ts';
import { describeEvents, DescribeWriter, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind } from './kind.ts';
import { pullPolicy } from './pods.ts';
import { describeTolerations } from '../workloads/tolerations.ts';

/** A Deployment with its replica counts. */
export interface DeploymentView {
  deployment: DeploymentModel;
  /** `<name>-<pod-template-hash>`. */
  replicaSet: string;
  hash: string;
  /** Pods that exist (status.replicas). */
  total: number;
  ready: number;
}

function deploymentView(d: DeploymentModel, state: ClusterState): DeploymentView {
  const pods = state.model.pods.filter((p) => p.ownerDeployment === keyOf(d));
  const hash = podTemplateHash(d);
  return { deployment: d, replicaSet: `${d.name}-${hash}`, hash, total: pods.length, ready: pods.filter((p) => p.phase === 'Running' && p.ready).length };
}

/** The annotation the deployment controller sets on a Deployment and its ReplicaSet. */
const REVISION = { 'deployment.kubernetes.io/revision': '1' };

function templateContainer(c: ContainerModel): Record<string, unknown> {
  return {
    ...(c.args ? { args: [...c.args] } : {}),
    ...(c.command ? { command: [...c.command] } : {}),
    image: c.image,
    imagePullPolicy: pullPolicy(c.image),
    name: c.name,
    ...(c.ports.length ? { ports: c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })) } : {}),
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

function templateSpec(d: DeploymentModel, labels: Record<string, string>): Record<string, unknown> {
  return {
    metadata: { ...(Object.keys(labels).length ? { labels } : {}), ...(Object.keys(d.templateAnnotations).length ? { annotations: { ...d.templateAnnotations } } : {}) },
    spec: {
      containers: d.containers.map(templateContainer),
      dnsPolicy: 'ClusterFirst',
      ...(d.nodeName ? { nodeName: d.nodeName } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

function deploymentObject(v: DeploymentView): Record<string, unknown> {
  const d = v.deployment;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta({ ...d, annotations: { ...REVISION, ...d.annotations } }, { generation: 1 }),
    spec: {
      progressDeadlineSeconds: 600,
      replicas: d.replicas,
      revisionHistoryLimit: 10,
      selector: selectorObject(d.selector),
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: templateSpec(d, { ...d.templateLabels }),
    },
    status: {
      ...(v.ready ? { availableReplicas: v.ready } : {}),
      observedGeneration: 1,
      ...(v.ready ? { readyReplicas: v.ready } : {}),
      replicas: v.total,
      ...(v.total - v.ready > 0 ? { unavailableReplicas: v.total - v.ready } : {}),
      updatedReplicas: v.total,
    },
  };
}

function describeTemplateContainers(w: DescribeWriter, containers: ContainerModel[]): void {
  w.write(0, `  Containers:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    w.write(1, ` ${c.name}:\n`);
    w.write(2, `Image:\t${c.image}\n`);
    const ports = c.ports.map((p) => `${p.containerPort}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = c.ports.map((p) => `0/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command && c.command.length) {
      w.write(2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args && c.args.length) {
      w.write(2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    w.write(2, 'Environment:\t<none>\n');
    w.write(2, 'Mounts:\t<none>\n');
  }
}

/** `kubectl describe deployment` (describe.go describeDeployment). */
function describeDeployment(v: DeploymentView): string {
  const d = v.deployment;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${d.name}\n`);
  w.write(0, `Namespace:\t${d.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${FIXED_DESCRIBE_TIME}\n`);
  printLabelsMultiline(w, 'Labels', d.labels);
  printAnnotationsMultiline(w, 'Annotations', { ...REVISION, ...d.annotations });
  w.write(0, `Selector:\t${formatSelector(d.selector)}\n`);
  w.write(0, `Replicas:\t${d.replicas} desired | ${v.total} updated | ${v.total} total | ${v.ready} available | ${v.total - v.ready} unavailable\n`);
  w.write(0, 'StrategyType:\tRollingUpdate\n');
  w.write(0, 'MinReadySeconds:\t0\n');
  w.write(0, 'RollingUpdateStrategy:\t25% max unavailable, 25% max surge\n');
  w.write(0, 'Pod Template:\n');
  printLabelsMultiline(w, '  Labels', d.templateLabels);
  if (Object.keys(d.templateAnnotations).length) printAnnotationsMultiline(w, '  Annotations', d.templateAnnotations);
  describeTemplateContainers(w, d.containers);
  w.write(0, '  Volumes:\t<none>\n');
  printLabelsMultiline(w, '  Node-Selectors', {});
  w.write(0, describeTolerations(d.tolerations ?? [], '  Tolerations')); // describe.go DescribePodTemplate: the template's, as written
  const available = v.ready >= d.replicas;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  w.write(1, `Available \t${available ? 'True' : 'False'}\t${available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable'}\n`);
  w.write(1, `Progressing \tTrue\t${available ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated'}\n`);
  w.write(0, 'OldReplicaSets:\t<none>\n');
  w.write(0, `NewReplicaSet:\t${v.replicaSet} (${v.total}/${d.replicas} replicas created)\n`);
  describeEvents(w, d.replicas > 0 ? [{ type: 'Normal', reason: 'ScalingReplicaSet', age: FIXED_AGE, from: 'deployment-controller', message: `Scaled up replica set ${v.replicaSet} from 0 to ${d.replicas}` }] : []);
  return w.toString();
}

/** Deployments (apps/v1). */
export const deployments = defineKind<DeploymentView>({
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  inAll: true,
  source: 'model',
  list: (state) => sortByKey(state.model.deployments).map((d) => ({ namespace: d.namespace, name: d.name, labels: d.labels, value: deploymentView(d, state) })),
  object: (e) => deploymentObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'READY', cell: (e) => `${e.value.ready}/${e.value.deployment.replicas}` },
    { header: 'UP-TO-DATE', cell: (e) => String(e.value.total) },
    { header: 'AVAILABLE', cell: (e) => String(e.value.ready) },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'CONTAINERS', wide: true, cell: (e) => e.value.deployment.containers.map((c) => c.name).join(',') },
    { header: 'IMAGES', wide: true, cell: (e) => e.value.deployment.containers.map((c) => c.image).join(',') },
    { header: 'SELECTOR', wide: true, cell: (e) => formatSelector(e.value.deployment.selector) },
  ],
  describe: (e) => describeDeployment(e.value),
});

function replicaSetSelector(v: DeploymentView): LabelSelector {
  return { matchLabels: { ...v.deployment.selector.matchLabels, 'pod-template-hash': v.hash }, matchExpressions: v.deployment.selector.matchExpressions };
}

/** ReplicaSets (apps/v1), one per Deployment. */
export const replicasets = defineKind<DeploymentView>({
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  inAll: true,
  source: 'derived',
  list: (state) =>
    sortByKey(state.model.deployments.map((d) => ({ namespace: d.namespace, name: `${d.name}-${podTemplateHash(d)}`, d }))).map(({ d }) => {
      const v = deploymentView(d, state);
      return { namespace: d.namespace, name: v.replicaSet, labels: { ...d.templateLabels, 'pod-template-hash': v.hash }, value: v };
    }),
  object: (e) => {
    const v = e.value;
    const d = v.deployment;
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta(
        { name: v.replicaSet, namespace: d.namespace, labels: e.labels, annotations: { 'deployment.kubernetes.io/desired-replicas': String(d.replicas), 'deployment.kubernetes.io/max-replicas': String(d.replicas + Math.ceil(d.replicas / 4)), ...REVISION } },
        { generation: 1, ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: d.name }] },
      ),
      spec: { replicas: d.replicas, selector: selectorObject(replicaSetSelector(v)), template: templateSpec(d, { ...d.templateLabels, 'pod-template-hash': v.hash }) },
      status: { ...(v.ready ? { availableReplicas: v.ready } : {}), fullyLabeledReplicas: v.total, observedGeneration: 1, ...(v.ready ? { readyReplicas: v.ready } : {}), replicas: v.total },
    };
  },
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'DESIRED', cell: (e) => String(e.value.deployment.replicas) },
    { header: 'CURRENT', cell: (e) => String(e.value.total) },
    { header: 'READY', cell: (e) => String(e.value.ready) },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'CONTAINERS', wide: true, cell: (e) => e.value.deployment.containers.map((c) => c.name).join(',') },
    { header: 'IMAGES', wide: true, cell: (e) => e.value.deployment.containers.map((c) => c.image).join(',') },
    { header: 'SELECTOR', wide: true, cell: (e) => formatSelector(replicaSetSelector(e.value)) },
  ],
});
