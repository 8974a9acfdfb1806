/**
 * Events (core/v1) as `kubectl get events` lists them: one per pod event the pod view computes (Scheduled,
 * Pulled, Created, Started, FailedScheduling, NetworkNotReady, FailedCreatePodSandBox), in the API server's order
 * (namespace, then name: `<object>.<hex time>`, so each object's events stay in the order they happened).
 * Columns after kubernetes `pkg/printers/internalversion/printers.go` (eventColumnDefinitions, printEvent):
 * LAST SEEN, TYPE, REASON, OBJECT (`kind/name`, kind lower-cased), MESSAGE; `-o wide` adds SUBOBJECT, SOURCE
 * (formatEventSource: `component, host`), FIRST SEEN, COUNT and NAME.
 */
import { podTemplateHash } from '../build.ts';
import { FIXED_AGE, FIXED_TIMESTAMP, hexId } from '../kubectl-format.ts';
import { keyOf, sortByKey } from '../state.ts';
import { defineKind } from './kind.ts';
import type { Entry } from './kind.ts';
import { podView } from './pods.ts';

/** One event, with what it is about. */
export interface EventView {
  name: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  object: { kind: string; name: string; namespace: string; fieldPath?: string };
  source: { component: string; host?: string };
}

const FIELD = /^(spec\.(?:initContainers|containers)\{[^}]+\}): /;

/**
 * Every event of the cluster: the events of every pod's view, and for each Deployment the deployment controller's
 * `Scaled up replica set %s from %d to %d` (pkg/controller/deployment/sync.go scaleReplicaSet) and the ReplicaSet's
 * `Created pod: %v` per replica (pkg/controller/controller_utils.go, SuccessfulCreate).
 */
export function clusterEvents(state: Parameters<typeof podView>[1]): EventView[] {
  const out: EventView[] = [];
  for (const d of sortByKey(state.model.deployments)) {
    if (d.replicas === 0) continue;
    const rs = `${d.name}-${podTemplateHash(d)}`;
    const at = (name: string, i: number) => `${name}.${hexId(`event:${d.namespace}/${name}`, 12)}${i.toString(16).padStart(4, '0')}`;
    out.push({ name: at(d.name, 0), namespace: d.namespace, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs} from 0 to ${d.replicas}`, object: { kind: 'Deployment', name: d.name, namespace: d.namespace }, source: { component: 'deployment-controller' } });
    const current = state.model.pods.filter((p) => p.ownerDeployment === keyOf(d)).map((p) => p.name);
    current.forEach((pod, i) => out.push({ name: at(rs, i), namespace: d.namespace, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod}`, object: { kind: 'ReplicaSet', name: rs, namespace: d.namespace }, source: { component: 'replicaset-controller' } }));
  }
  for (const pod of sortByKey(state.model.pods)) {
    podView(pod, state).events.forEach((e, i) => {
      const field = FIELD.exec(e.message);
      out.push({
        // record.EventRecorder names an event `<object>.<%x of the time in ns>`: increasing within one object.
        name: `${pod.name}.${hexId(`event:${keyOf(pod)}`, 12)}${i.toString(16).padStart(4, '0')}`,
        namespace: pod.namespace,
        type: e.type,
        reason: e.reason,
        message: field ? e.message.slice(field[0].length) : e.message,
        object: { kind: 'Pod', name: pod.name, namespace: pod.namespace, ...(field?.[1] ? { fieldPath: field[1] } : {}) },
        source: e.from === 'kubelet' && pod.nodeName ? { component: 'kubelet', host: pod.nodeName } : { component: e.from },
      });
    });
  }
  return out.sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** formatEventSource: the component, with the host after a comma when there is one. */
function sourceText(s: EventView['source']): string {
  return s.component ? (s.host ? `${s.component}, ${s.host}` : s.component) : '<unknown>';
}

/** The Event object as `-o yaml` prints it. */
export function eventObject(e: EventView): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    count: 1,
    firstTimestamp: FIXED_TIMESTAMP,
    involvedObject: { apiVersion: e.object.kind === 'Pod' ? 'v1' : 'apps/v1', kind: e.object.kind, name: e.object.name, namespace: e.object.namespace, ...(e.object.fieldPath ? { fieldPath: e.object.fieldPath } : {}) },
    kind: 'Event',
    lastTimestamp: FIXED_TIMESTAMP,
    message: e.message,
    metadata: { creationTimestamp: FIXED_TIMESTAMP, name: e.name, namespace: e.namespace },
    reason: e.reason,
    reportingComponent: e.source.component,
    reportingInstance: e.source.host ?? '',
    source: { component: e.source.component, ...(e.source.host ? { host: e.source.host } : {}) },
    type: e.type,
  };
}

/** Events (core/v1). */
export const events = defineKind<EventView>({
  kind: 'Event',
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  source: 'derived',
  list: (state) => clusterEvents(state).map((e) => ({ namespace: e.namespace, name: e.name, labels: {}, value: e })),
  object: (e: Entry<EventView>) => eventObject(e.value),
  columns: [
    { header: 'LAST SEEN', cell: () => FIXED_AGE },
    { header: 'TYPE', cell: (e) => e.value.type },
    { header: 'REASON', cell: (e) => e.value.reason },
    { header: 'OBJECT', cell: (e) => `${e.value.object.kind.toLowerCase()}/${e.value.object.name}` },
    { header: 'SUBOBJECT', wide: true, cell: (e) => e.value.object.fieldPath ?? '' },
    { header: 'SOURCE', wide: true, cell: (e) => sourceText(e.value.source) },
    { header: 'MESSAGE', cell: (e) => e.value.message },
    { header: 'FIRST SEEN', wide: true, cell: () => FIXED_AGE },
    { header: 'COUNT', wide: true, cell: () => '1' },
    { header: 'NAME', wide: true, cell: (e) => e.name },
  ],
});
