/**
 * What the lab draws, as plain serialisable data: the topology (nodes with their pods, Services,
 * NetworkPolicies) and the reachability matrix. The same functions run at build time (the page's first
 * view, passed to the island as props) and in the browser after every edit.
 */
import { formatSelector, listenerOn, matchesSelector, type Cluster, type NetworkPolicyModel, type PodModel, type PolicyType } from '../simulator/core.ts';
import { checkTasks, type CheckableTask, type TaskResult } from './check-tasks.ts';
import type { MatrixProtocol } from './lab-state.ts';

/** A pod as the topology shows it. */
export interface TopologyPod {
  /** `namespace/name`. */
  readonly key: string;
  /** Pod name. */
  readonly name: string;
  /** Namespace. */
  readonly namespace: string;
  /** Pod IP, '' when it has none. */
  readonly ip: string;
  /** Lifecycle phase. */
  readonly phase: string;
  /** Labels as `key=value` strings, sorted. */
  readonly labels: readonly string[];
  /** Declared container ports as `8080/TCP` (named ones as `http:8080/TCP`). */
  readonly ports: readonly string[];
  /** True for pods the cluster runs on its own (CoreDNS). */
  readonly system: boolean;
}

/** A node and the pods scheduled on it. */
export interface TopologyNode {
  /** Node name. */
  readonly name: string;
  /** The node's pod CIDR. */
  readonly podCIDR: string;
  /** The node's InternalIP. */
  readonly internalIP: string;
  /** Its pods, declared ones first. */
  readonly pods: readonly TopologyPod[];
}

/** A Service as the topology shows it. */
export interface TopologyService {
  /** `namespace/name`. */
  readonly key: string;
  /** Service type. */
  readonly type: string;
  /** ClusterIP, or 'None' for a headless Service. */
  readonly clusterIP: string;
  /** Ports as `8080/TCP→http`. */
  readonly ports: readonly string[];
  /** Selector as `app=backend`, or '<none>'. */
  readonly selector: string;
  /** Ready endpoints as `pod (ip)`. */
  readonly endpoints: readonly string[];
  /** True for Services the cluster runs on its own (kube-dns). */
  readonly system: boolean;
}

/** A NetworkPolicy as the topology shows it. */
export interface TopologyPolicy {
  /** `namespace/name`. */
  readonly key: string;
  /** Its pod selector, as `app=backend` or '(all pods)'. */
  readonly selects: string;
  /** The pods it selects, as `namespace/name`. */
  readonly pods: readonly string[];
  /** The directions it isolates. */
  readonly types: readonly PolicyType[];
  /** Number of ingress and egress rules. */
  readonly rules: { readonly ingress: number; readonly egress: number };
}

/** The whole topology. */
export interface Topology {
  /** Nodes, by name. */
  readonly nodes: readonly TopologyNode[];
  /** Pods without a node (Pending). */
  readonly unscheduled: readonly TopologyPod[];
  /** Services. */
  readonly services: readonly TopologyService[];
  /** NetworkPolicies. */
  readonly policies: readonly TopologyPolicy[];
}

/** The reachability matrix for one port and protocol. */
export interface MatrixView {
  /** Port the matrix is drawn for. */
  readonly port: number;
  /** Protocol the matrix is drawn for. */
  readonly protocol: MatrixProtocol;
  /** Row and column pods, `namespace/name`. */
  readonly pods: readonly string[];
  /** allowed[i][j]: can pods[i] connect to pods[j]? */
  readonly allowed: ReadonlyArray<ReadonlyArray<boolean>>;
  /** listening[j]: does a process in pods[j] listen on the port? Where none does, every connection is refused, whatever the policies say. */
  readonly listening: ReadonlyArray<boolean>;
}

/** Everything the lab draws from one cluster. */
export interface LabSnapshot {
  /** Nodes, pods, Services, policies. */
  readonly topology: Topology;
  /** The reachability matrix. */
  readonly matrix: MatrixView;
  /** The guided tasks, checked. */
  readonly tasks: readonly TaskResult[];
}

function podView(pod: PodModel): TopologyPod {
  return {
    key: `${pod.namespace}/${pod.name}`,
    name: pod.name,
    namespace: pod.namespace,
    ip: pod.ip,
    phase: pod.phase,
    labels: Object.keys(pod.labels)
      .sort()
      .map((key) => `${key}=${pod.labels[key] ?? ''}`),
    ports: pod.containers.flatMap((container) => container.ports.map((port) => `${port.name ? `${port.name}:` : ''}${port.containerPort}/${port.protocol}`)),
    system: pod.implicit,
  };
}

function selectedBy(policy: NetworkPolicyModel, pods: readonly PodModel[]): string[] {
  return pods.filter((pod) => pod.namespace === policy.namespace && matchesSelector(policy.podSelector, pod.labels)).map((pod) => `${pod.namespace}/${pod.name}`);
}

/** The topology of `cluster`. */
export function topologyOf(cluster: Cluster): Topology {
  const { model } = cluster;
  const order = (a: PodModel, b: PodModel): number => Number(a.implicit) - Number(b.implicit) || (a.namespace + a.name < b.namespace + b.name ? -1 : 1);
  const nodes = [...model.nodes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((node) => ({
      name: node.name,
      podCIDR: node.podCIDR,
      internalIP: node.internalIP,
      pods: model.pods.filter((pod) => pod.nodeName === node.name).sort(order).map(podView),
    }));
  const services = model.services.map((service) => {
    const key = `${service.namespace}/${service.name}`;
    const endpoints = cluster
      .endpointSlices(key)
      .flatMap((slice) => slice.endpoints)
      .filter((endpoint) => endpoint.ready)
      .map((endpoint) => `${endpoint.pod.split('/')[1] ?? endpoint.pod} (${endpoint.ip})`);
    return {
      key,
      type: service.type,
      clusterIP: service.headless ? 'None' : service.clusterIP,
      ports: service.ports.map((port) => `${port.port}/${port.protocol}${String(port.targetPort) !== String(port.port) ? `→${port.targetPort}` : ''}`),
      selector: service.selector ? Object.entries(service.selector).map(([k, v]) => `${k}=${v}`).join(',') || '<none>' : '<none>',
      endpoints: [...new Set(endpoints)],
      system: service.implicit,
    };
  });
  const policies = model.networkPolicies.map((policy) => {
    const selector = formatSelector(policy.podSelector);
    return {
      key: `${policy.namespace}/${policy.name}`,
      selects: selector === '' || selector === '<none>' ? '(all pods in the namespace)' : selector,
      pods: selectedBy(policy, model.pods),
      types: [...policy.policyTypes],
      rules: { ingress: policy.ingress.length, egress: policy.egress.length },
    };
  });
  return { nodes, unscheduled: model.pods.filter((pod) => pod.nodeName === '').map(podView), services, policies };
}

/** The reachability matrix of `cluster` on `port`/`protocol` (declared pods only). */
export function matrixOf(cluster: Cluster, port: number, protocol: MatrixProtocol): MatrixView {
  const { pods, allowed } = cluster.reachability({ port, protocol });
  const listening = pods.map((key) => {
    const pod = cluster.state.pods.get(key);
    return !!pod && pod.phase === 'Running' && listenerOn(pod, port, protocol) !== undefined;
  });
  return { port, protocol, pods, allowed, listening };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameRow(a: ReadonlyArray<boolean> | undefined, b: ReadonlyArray<boolean>): a is ReadonlyArray<boolean> {
  return a !== undefined && a.length === b.length && a.every((cell, i) => cell === b[i]);
}

/** `next`, reusing the rows (and the whole matrix) of `previous` that did not change. */
function shareMatrix(previous: MatrixView, next: MatrixView): MatrixView {
  if (!sameJson(previous.pods, next.pods)) return next;
  let changed = previous.port !== next.port || previous.protocol !== next.protocol || !sameRow(previous.listening, next.listening);
  const allowed = next.allowed.map((row, i) => {
    const before = previous.allowed[i];
    if (sameRow(before, row)) return before;
    changed = true;
    return row;
  });
  return changed ? { port: next.port, protocol: next.protocol, pods: previous.pods, allowed, listening: sameRow(previous.listening, next.listening) ? previous.listening : next.listening } : previous;
}

/**
 * Topology, matrix and checked tasks of `cluster`. With `previous`, the parts (and matrix rows) that did
 * not change are the previous objects, so the island redraws only what changed.
 */
export function labSnapshot(cluster: Cluster, tasks: readonly CheckableTask[], port: number, protocol: MatrixProtocol, previous?: LabSnapshot | null): LabSnapshot {
  const topology = topologyOf(cluster);
  const matrix = matrixOf(cluster, port, protocol);
  const results = checkTasks(cluster, tasks);
  if (!previous) return { topology, matrix, tasks: results };
  return {
    topology: sameJson(previous.topology, topology) ? previous.topology : topology,
    matrix: shareMatrix(previous.matrix, matrix),
    tasks: sameJson(previous.tasks, results) ? previous.tasks : results,
  };
}
