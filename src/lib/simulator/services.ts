/**
 * Services: EndpointSlices (pods selected by the Service's selector, with readiness), targetPort resolution
 * (by number or by container port name) and backend choice.
 *
 * Backend choice is deterministic: kube-proxy picks a random ready endpoint in a real cluster; the simulator
 * picks the first ready endpoint in IP order, unless the caller names a preferred backend (`backend` hint:
 * 'ns/name', a pod name or a pod IP) that is a ready endpoint of that port.
 */
import { ipToInt, safeHash } from './ipam.ts';
import { matchesLabelMap } from './selectors.ts';
import { listenerOn } from './workloads/listeners.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { EndpointModel, EndpointPortModel, EndpointSliceModel, NodeModel, PodModel, Protocol, ServiceModel, ServicePortModel, WireProtocol } from './types.ts';

/** Resolves a Service port's targetPort on one pod: a number as is, a name via the pod's container ports; null if the name is absent. */
export function resolveTargetPort(svcPort: ServicePortModel, pod: PodModel): number | null {
  if (typeof svcPort.targetPort === 'number') return svcPort.targetPort;
  for (const c of pod.containers) {
    for (const cp of c.ports) if (cp.name === svcPort.targetPort && cp.protocol === svcPort.protocol) return cp.containerPort;
  }
  return null;
}

/** Pods a Service selects (same namespace, selector matches, pod has an IP), in IP order. */
export function selectedPods(state: ClusterState, svc: ServiceModel): PodModel[] {
  if (!svc.selector) return [];
  const selector = svc.selector;
  return state.model.pods
    .filter((p) => p.namespace === svc.namespace && p.ip !== '' && (p.phase === 'Running' || p.phase === 'Pending') && matchesLabelMap(selector, p.labels))
    .sort((a, b) => (ipToInt(a.ip) ?? 0) - (ipToInt(b.ip) ?? 0));
}

/** The node that runs kube-apiserver: the one labelled node-role.kubernetes.io/control-plane, else the first by name. */
export function apiServerNode(state: ClusterState): NodeModel | undefined {
  const nodes = state.model.nodes;
  return nodes.find((n) => 'node-role.kubernetes.io/control-plane' in n.labels) ?? nodes[0];
}

/** kube-apiserver's advertised endpoint (its node's InternalIP, secure port 6443), or null in a cluster without nodes. */
export function apiServerEndpoint(state: ClusterState): { ip: string; port: number } | null {
  const node = apiServerNode(state);
  return node ? { ip: node.internalIP, port: 6443 } : null;
}

/** The EndpointSlices of a Service: one per distinct resolution of its ports (usually exactly one). */
export function endpointSlices(state: ClusterState, svc: ServiceModel): EndpointSliceModel[] {
  if (svc.namespace === 'default' && svc.name === 'kubernetes' && svc.implicit) {
    // kube-apiserver writes this slice itself (named "kubernetes") with its own address, not a pod's.
    const api = apiServerEndpoint(state);
    const node = apiServerNode(state);
    return [{ name: 'kubernetes', namespace: 'default', service: 'kubernetes', endpoints: api ? [{ ip: api.ip, pod: '', nodeName: node?.name ?? '', ready: true, serving: true, terminating: false }] : [], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }];
  }
  const pods = selectedPods(state, svc);
  const groups = new Map<string, { ports: EndpointPortModel[]; endpoints: EndpointModel[] }>();
  for (const pod of pods) {
    const ports: EndpointPortModel[] = [];
    for (const sp of svc.ports) {
      const target = resolveTargetPort(sp, pod);
      if (target === null) continue;
      const ep: EndpointPortModel = { port: target, protocol: sp.protocol };
      if (sp.name !== undefined) ep.name = sp.name;
      ports.push(ep);
    }
    // A pod none of whose ports resolve still gets an endpoint, in a slice without ports (the reconciler groups
    // endpoints by their resolved port list: getEndpointPorts skips ports it cannot find), which kube-proxy ignores.
    const gk = JSON.stringify(ports);
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { ports, endpoints: [] }));
    // endpointslice controller podToEndpoint: ready = publishNotReadyAddresses || (serving && !terminating).
    g.endpoints.push({ ip: pod.ip, pod: keyOf(pod), nodeName: pod.nodeName, ready: svc.publishNotReadyAddresses === true || (pod.ready && !pod.terminating), serving: pod.ready, terminating: !!pod.terminating });
  }
  const slices: EndpointSliceModel[] = [];
  for (const [gk, g] of groups) {
    slices.push({ name: `${svc.name}-${safeHash(`${keyOf(svc)}|${gk}`, 5)}`, namespace: svc.namespace, service: svc.name, endpoints: g.endpoints, ports: g.ports });
  }
  if (slices.length === 0 && svc.selector) {
    // The reconciler's placeholder slice: no endpoints and no ports (endpointslice reconciler.go
    // newEndpointSlice(…, &endpointMeta{ports: []discovery.EndpointPort{}, …})).
    slices.push({ name: `${svc.name}-${safeHash(`${keyOf(svc)}|empty`, 5)}`, namespace: svc.namespace, service: svc.name, endpoints: [], ports: [] });
  }
  return slices.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The Service port matching (port, protocol), or undefined. */
export function findServicePort(svc: ServiceModel, port: number, protocol: WireProtocol): ServicePortModel | undefined {
  return svc.ports.find((p) => p.port === port && p.protocol === protocol);
}

/** One ready backend of a Service port. */
export interface Backend {
  pod: PodModel;
  port: number;
}

/** Ready backends of one Service port (Ready and not terminating: EndpointSlice `ready`), in IP order. */
export function readyBackends(state: ClusterState, svc: ServiceModel, svcPort: ServicePortModel): Backend[] {
  const out: Backend[] = [];
  for (const pod of selectedPods(state, svc)) {
    if (!pod.ready || pod.terminating) continue;
    const port = resolveTargetPort(svcPort, pod);
    if (port !== null) out.push({ pod, port });
  }
  return out;
}

/**
 * The endpoints kube-proxy sends new connections to: the ready ones; when there are none, the serving
 * endpoints that are terminating (KEP-1669 ProxyTerminatingEndpoints, GA in v1.28:
 * https://kubernetes.io/docs/reference/networking/virtual-ips/#traffic-to-terminating-endpoints).
 */
export function proxyBackends(state: ClusterState, svc: ServiceModel, svcPort: ServicePortModel): Backend[] {
  const ready = readyBackends(state, svc, svcPort);
  if (ready.length) return ready;
  const out: Backend[] = [];
  for (const pod of selectedPods(state, svc)) {
    if (!pod.ready || !pod.terminating) continue;
    const port = resolveTargetPort(svcPort, pod);
    if (port !== null) out.push({ pod, port });
  }
  return out;
}

/** Picks the backend for a connection: the hinted one when kube-proxy would use it, else the first by IP; null when none. */
export function chooseBackend(state: ClusterState, svc: ServiceModel, svcPort: ServicePortModel, hint?: string): Backend | null {
  const list = proxyBackends(state, svc, svcPort);
  if (hint) {
    const h = hint.trim();
    const found = list.find((b) => keyOf(b.pod) === h || b.pod.name === h || b.pod.ip === h);
    if (found) return found;
  }
  return list[0] ?? null;
}

/** Text of a Service port for `kubectl get svc` (e.g. '80/TCP' or '80:30080/TCP'). */
export function formatServicePort(p: ServicePortModel): string {
  return p.nodePort !== undefined ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`;
}

/** True when a process in the pod listens on (port, protocol) (see workloads/listeners.ts). */
export function podServes(pod: PodModel, port: number, protocol: Protocol): boolean {
  return listenerOn(pod, port, protocol) !== undefined;
}
