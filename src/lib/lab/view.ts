/**
 * What the lab draws, as plain serialisable data: the topology (nodes with their pods, Services,
 * NetworkPolicies) and the reachability matrix. The same functions run at build time (the page's first
 * view, passed to the island as props) and in the browser after every edit.
 */
import { formatSelector, matchesSelector, type Cluster, type NetworkPolicyModel, type PodModel, type PolicyPlugin, type PolicyType } from '../simulator/core.ts';
import { directionAllows } from '../simulator/network-policy.ts';
import { pluginNote } from '../simulator/policy/plugin-note.ts';
import { columnAnswers, gridWithRefusals } from '../simulator/reachability-grid.ts';
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

/** What the matrix spans (lab.yaml's `matrix:` block without its ports); empty: every declared pod. */
export interface MatrixSpan {
  /** Row (and column) namespaces. */
  readonly namespaces?: readonly string[] | undefined;
  /** Extra destination pods, `namespace/name-prefix`. */
  readonly system?: readonly string[] | undefined;
  /** Destination hosts outside the cluster, by IP. */
  readonly external?: readonly string[] | undefined;
}

/** The reachability matrix for one port and protocol. */
export interface MatrixView {
  /** Port the matrix is drawn for. */
  readonly port: number;
  /** Protocol the matrix is drawn for. */
  readonly protocol: MatrixProtocol;
  /** Row pods (sources), `namespace/name`. */
  readonly pods: readonly string[];
  /** Columns (destinations): the row pods, then extra pods (`namespace/name`), then external hosts (IPs). */
  readonly columns: readonly string[];
  /** allowed[i][j]: can pods[i] connect to columns[j]? */
  readonly allowed: ReadonlyArray<ReadonlyArray<boolean>>;
  /** listening[j]: does columns[j] answer on the port (a pod with a listener; an external host is assumed to)? */
  readonly listening: ReadonlyArray<boolean>;
  /**
   * refused[i]: the columns (without a listener) that pods[i]'s connection reaches and is refused by; a connection the
   * policies drop on the way never gets there and is denied (it times out), as connect() says.
   */
  readonly refused: ReadonlyArray<ReadonlyArray<number>>;
  /** changed[i]: the columns of row i whose verdict changed with the last edit that changed the matrix (same port). */
  readonly changed: ReadonlyArray<ReadonlyArray<number>>;
  /** The policy plugin in force (`none`: policies stored, not enforced). */
  readonly plugin: PolicyPlugin;
  /** A sentence saying what the plugin in force does with policies. */
  readonly pluginNote: string;
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

const NO_CHANGE: readonly number[] = [];

/** The reachability matrix of `cluster` on `port`/`protocol` over `span` (default: every declared pod). */
export function matrixOf(cluster: Cluster, port: number, protocol: MatrixProtocol, span: MatrixSpan = {}): MatrixView {
  const options = { port, protocol, ...(span.namespaces ? { namespaces: span.namespaces } : {}), ...(span.system ? { system: span.system } : {}), ...(span.external ? { external: span.external } : {}) };
  // A connection is refused where it gets to a pod that does not listen: read off the bitset matrix with the
  // grid (one judging of the policies for both) when the grid is, else traced by connect() (which judges the
  // source's egress policies first, so a connection they drop never gets there: only the others are traced).
  const { grid, refused: fast } = gridWithRefusals(cluster.state, options, true);
  const listening = grid.columns.map((column) => columnAnswers(cluster.state, column, port, protocol));
  const closed = listening.flatMap((answers, j) => (answers ? [] : [j]));
  const refused = grid.rows.map((from, i) => {
    if (closed.length === 0) return NO_CHANGE;
    if (fast) {
      const row = fast[i] ?? [];
      return row.length ? row : NO_CHANGE;
    }
    const src = cluster.state.pods.get(from);
    return closed.filter((j) => {
      const to = grid.columns[j]!;
      const dst = cluster.state.pods.get(to);
      if (src && dst && to !== from && !directionAllows(cluster.state, src, { kind: 'pod', pod: dst }, port, protocol, 'Egress')) return false;
      return cluster.connect({ from, to, port, protocol }).status === 'refused';
    });
  });
  return { port, protocol, pods: grid.rows, columns: grid.columns, allowed: grid.allowed, listening, refused, changed: grid.rows.map(() => NO_CHANGE), plugin: cluster.model.network.policyPlugin, pluginNote: pluginNote(cluster.model.network.policyPlugin, cluster.model.network.policyAfterDnat !== false) };
}

/** changed[i] for `next` against `previous`: the cells (matched by row and column key) whose verdict differs. */
export function matrixDiff(previous: MatrixView, next: MatrixView): ReadonlyArray<ReadonlyArray<number>> {
  const rowAt = new Map(previous.pods.map((key, i) => [key, i]));
  const colAt = new Map(previous.columns.map((key, j) => [key, j]));
  const cols = next.columns.map((key) => colAt.get(key) ?? -1);
  return next.pods.map((key, i) => {
    const before = previous.allowed[rowAt.get(key) ?? -1];
    const row = next.allowed[i] ?? [];
    if (!before) return NO_CHANGE;
    const out: number[] = [];
    row.forEach((cell, j) => {
      const b = cols[j] ?? -1;
      if (b >= 0 && before[b] !== cell) out.push(j);
    });
    return out.length ? out : NO_CHANGE;
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameRow<T>(a: ReadonlyArray<T> | undefined, b: ReadonlyArray<T>): a is ReadonlyArray<T> {
  return a !== undefined && a.length === b.length && a.every((cell, i) => cell === b[i]);
}

/**
 * `next`, reusing the rows (and the whole matrix) of `previous` that did not change, with the cells that
 * changed marked: on the same port, an edit that changes verdicts marks those cells; one that changes none
 * keeps the previous marks (so they stay while the learner types on); a new port or protocol marks none.
 */
function shareMatrix(previous: MatrixView, next: MatrixView): MatrixView {
  const samePort = previous.port === next.port && previous.protocol === next.protocol;
  if (!sameJson(previous.pods, next.pods) || !sameJson(previous.columns, next.columns)) return samePort ? { ...next, changed: matrixDiff(previous, next) } : next;
  let changed = !samePort || !sameRow(previous.listening, next.listening) || previous.plugin !== next.plugin || previous.pluginNote !== next.pluginNote;
  let verdicts = false;
  const allowed = next.allowed.map((row, i) => {
    const before = previous.allowed[i];
    if (sameRow(before, row)) return before;
    changed = true;
    verdicts = true;
    return row;
  });
  const refused = next.refused.map((row, i) => {
    const before = previous.refused[i];
    if (sameRow(before, row)) return before;
    changed = true;
    return row;
  });
  if (!changed) return previous;
  const marks = !samePort ? next.changed : verdicts ? matrixDiff(previous, next) : previous.changed;
  return {
    port: next.port,
    protocol: next.protocol,
    pods: previous.pods,
    columns: previous.columns,
    allowed,
    listening: sameRow(previous.listening, next.listening) ? previous.listening : next.listening,
    refused,
    changed: marks.map((row, i) => { const before = previous.changed[i]; return before && sameRow(before, row) ? before : row; }),
    plugin: next.plugin,
    pluginNote: next.pluginNote,
  };
}

/**
 * Topology, matrix and checked tasks of `cluster`. With `previous`, the parts (and matrix rows) that did
 * not change are the previous objects, so the island redraws only what changed.
 */
export function labSnapshot(cluster: Cluster, tasks: readonly CheckableTask[], port: number, protocol: MatrixProtocol, previous?: LabSnapshot | null, span: MatrixSpan = {}): LabSnapshot {
  const topology = topologyOf(cluster);
  const matrix = matrixOf(cluster, port, protocol, span);
  const results = checkTasks(cluster, tasks);
  if (!previous) return { topology, matrix, tasks: results };
  return {
    topology: sameJson(previous.topology, topology) ? previous.topology : topology,
    matrix: shareMatrix(previous.matrix, matrix),
    tasks: sameJson(previous.tasks, results) ? previous.tasks : results,
  };
}
