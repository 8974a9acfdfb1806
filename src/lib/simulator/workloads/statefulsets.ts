/**
 * The StatefulSet controller's pods (kubernetes pkg/controller/statefulset stateful_set_utils.go): replica i is
 * named `<set>-<i>` (getPodName), with spec.hostname = its name and spec.subdomain = spec.serviceName
 * (updateIdentity), and the labels `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index` and
 * `controller-revision-hash` (`<set>-<hash>`) added to the template's. With a headless governing Service of that
 * name, each pod gets `<set>-<i>.<service>.<ns>.svc.<zone>` (kubernetes/dns spec §2.4.1). Deleting a pod brings
 * back a pod of the same name. OrderedReady start-up order is not modelled: every replica is created.
 */
import { safeHash } from '../ipam.ts';
import type { PodModel, StoredObjectModel } from '../types.ts';

/** The controller-revision-hash label value of a StatefulSet (`<name>-<10-char hash>`). */
export function statefulSetRevision(o: { namespace: string; name: string }): string {
  return `${o.name}-${safeHash(`sts:${o.namespace}/${o.name}`, 10)}`;
}

/** The pods of a stored StatefulSet (unscheduled, without IPs). */
export function expandStatefulSet(o: StoredObjectModel): PodModel[] {
  const s = o.statefulSet;
  if (!s) return [];
  const pods: PodModel[] = [];
  for (let i = 0; i < s.replicas; i++) {
    const name = `${o.name}-${i}`;
    const pod: PodModel = {
      name,
      namespace: o.namespace,
      labels: { ...s.templateLabels, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': statefulSetRevision(o), 'statefulset.kubernetes.io/pod-name': name },
      annotations: { ...s.templateAnnotations },
      nodeName: s.nodeName ?? '',
      nodeAssignment: s.nodeName ? 'spec' : 'scheduler',
      ip: '',
      phase: 'Running',
      ready: true,
      containers: s.containers.map((c) => ({ ...c, ports: c.ports.map((p) => ({ ...p })) })),
      hostname: name,
      ownerStatefulSet: `${o.namespace}/${o.name}`,
      implicit: false,
    };
    if (s.serviceName) pod.subdomain = s.serviceName;
    if (s.hostNetwork) pod.hostNetwork = true;
    if (s.dns) pod.dns = s.dns;
    pods.push(pod);
  }
  return pods;
}
