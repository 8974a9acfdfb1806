/**
 * DaemonSets (apps/v1, simulated: their pods are PodModel entries, one per eligible node). The table follows
 * kubernetes `pkg/printers/internalversion/printers.go` daemonSetColumnDefinitions / printDaemonSet: NAME, DESIRED,
 * CURRENT, READY, UP-TO-DATE, AVAILABLE, NODE SELECTOR (`<none>` when empty), AGE; `-o wide` adds CONTAINERS,
 * IMAGES, SELECTOR. `-o yaml` carries the status counts the controller writes.
 */
import { FIXED_AGE, meta, selectorObject } from '../kubectl-format.ts';
import { formatSelector } from '../selectors.ts';
import type { ClusterState } from '../state.ts';
import { keyOf, sortByKey } from '../state.ts';
import type { DaemonSetModel } from '../types.ts';
import { defineKind } from './kind.ts';
import type { Entry } from './kind.ts';
import { pullPolicy } from './pods.ts';

/** A DaemonSet with the counts its status reports. */
export interface DaemonSetView {
  daemonSet: DaemonSetModel;
  /** Nodes that should run a pod (= pods created: the controller creates one per eligible node). */
  desired: number;
  ready: number;
}

function view(ds: DaemonSetModel, state: ClusterState): DaemonSetView {
  const pods = state.model.pods.filter((p) => p.ownerDaemonSet === keyOf(ds));
  return { daemonSet: ds, desired: pods.length, ready: pods.filter((p) => p.phase === 'Running' && p.ready).length };
}

const labelsText = (l: Record<string, string> | undefined) =>
  l && Object.keys(l).length
    ? Object.keys(l)
        .sort()
        .map((k) => `${k}=${l[k]}`)
        .join(',')
    : '<none>';

function daemonSetObject(v: DaemonSetView): Record<string, unknown> {
  const d = v.daemonSet;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta({ ...d, annotations: { 'deprecated.daemonset.template.generation': '1', ...d.annotations } }, { generation: 1 }),
    spec: {
      revisionHistoryLimit: 10,
      selector: selectorObject(d.selector),
      template: {
        metadata: { labels: { ...d.templateLabels } },
        spec: {
          containers: d.containers.map((c) => ({ ...(c.args ? { args: [...c.args] } : {}), ...(c.command ? { command: [...c.command] } : {}), image: c.image, imagePullPolicy: pullPolicy(c.image), name: c.name, ...(c.ports.length ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort, ...(p.hostPort ? { hostPort: p.hostPort } : {}), ...(p.name ? { name: p.name } : {}), protocol: p.protocol })) } : {}) })),
          ...(d.hostNetwork ? { hostNetwork: true } : {}),
          ...(d.nodeSelector ? { nodeSelector: { ...d.nodeSelector } } : {}),
          restartPolicy: 'Always',
          ...(d.tolerations.length ? { tolerations: d.tolerations.map((t) => ({ ...t })) } : {}),
        },
      },
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
    status: {
      currentNumberScheduled: v.desired,
      desiredNumberScheduled: v.desired,
      numberAvailable: v.ready,
      numberMisscheduled: 0,
      numberReady: v.ready,
      observedGeneration: 1,
      updatedNumberScheduled: v.desired,
    },
  };
}

/** DaemonSets (apps/v1). */
export const daemonsets = defineKind<DaemonSetView>({
  kind: 'DaemonSet',
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  inAll: true,
  source: 'model',
  list: (state) => sortByKey(state.model.daemonSets ?? []).map((d) => ({ namespace: d.namespace, name: d.name, labels: d.labels, value: view(d, state) })),
  object: (e: Entry<DaemonSetView>) => daemonSetObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'DESIRED', cell: (e) => String(e.value.desired) },
    { header: 'CURRENT', cell: (e) => String(e.value.desired) },
    { header: 'READY', cell: (e) => String(e.value.ready) },
    { header: 'UP-TO-DATE', cell: (e) => String(e.value.desired) },
    { header: 'AVAILABLE', cell: (e) => String(e.value.ready) },
    { header: 'NODE SELECTOR', cell: (e) => labelsText(e.value.daemonSet.nodeSelector) },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'CONTAINERS', wide: true, cell: (e) => e.value.daemonSet.containers.map((c) => c.name).join(',') },
    { header: 'IMAGES', wide: true, cell: (e) => e.value.daemonSet.containers.map((c) => c.image).join(',') },
    { header: 'SELECTOR', wide: true, cell: (e) => formatSelector(e.value.daemonSet.selector) },
  ],
});
