/**
 * StatefulSets (apps/v1): stored as written, their pods simulated (workloads/statefulsets.ts). The table follows
 * kubernetes pkg/printers/internalversion/printers.go statefulSetColumnDefinitions / printStatefulSet: NAME,
 * READY (`readyReplicas/replicas`), AGE; `-o wide` adds CONTAINERS and IMAGES. `-o yaml` adds the status the
 * controller writes.
 */
import { FIXED_AGE } from '../kubectl-format.ts';
import type { ClusterState } from '../state.ts';
import { sortByKey } from '../state.ts';
import type { StoredObjectModel } from '../types.ts';
import { statefulSetRevision } from '../workloads/statefulsets.ts';
import { defineKind } from './kind.ts';
import type { Entry } from './kind.ts';
import { storedObject } from './stored.ts';
import type { StoredEntryValue } from './stored.ts';

/** A StatefulSet with its pod counts. */
export interface StatefulSetView extends StoredEntryValue {
  replicas: number;
  ready: number;
}

function view(o: StoredObjectModel, state: ClusterState): StatefulSetView {
  const key = `${o.namespace}/${o.name}`;
  const pods = state.model.pods.filter((p) => p.ownerStatefulSet === key);
  return { object: o, implicit: false, replicas: o.statefulSet?.replicas ?? 0, ready: pods.filter((p) => p.phase === 'Running' && p.ready).length };
}

function statefulSetObject(v: StatefulSetView): Record<string, unknown> {
  const rev = statefulSetRevision(v.object);
  const created = v.replicas;
  return {
    ...storedObject(v.object),
    status: { availableReplicas: v.ready, collisionCount: 0, currentReplicas: created, currentRevision: rev, observedGeneration: 1, readyReplicas: v.ready, replicas: created, updateRevision: rev, updatedReplicas: created },
  };
}

/** StatefulSets (apps/v1). */
export const statefulsets = defineKind<StatefulSetView>({
  kind: 'StatefulSet',
  group: 'apps',
  version: 'v1',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  namespaced: true,
  inAll: true,
  source: 'stored',
  list: (state) =>
    sortByKey(state.model.storedObjects.filter((o) => o.kind === 'StatefulSet' && o.apiVersion.startsWith('apps/'))).map((o) => ({ namespace: o.namespace, name: o.name, labels: o.labels, value: view(o, state) })),
  object: (e: Entry<StatefulSetView>) => statefulSetObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'READY', cell: (e) => `${e.value.ready}/${e.value.replicas}` },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'CONTAINERS', wide: true, cell: (e) => (e.value.object.statefulSet?.containers ?? []).map((c) => c.name).join(',') },
    { header: 'IMAGES', wide: true, cell: (e) => (e.value.object.statefulSet?.containers ?? []).map((c) => c.image).join(',') },
  ],
});
