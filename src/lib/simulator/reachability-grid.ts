/**
 * The lab's multi-namespace reachability grid: rows are the declared pods of chosen namespaces, columns are
 * the same pods, then extra destination pods (e.g. the kube-system CoreDNS pods) and hosts outside the cluster.
 * A pod cell equals `connect({ from, to: 'ns/pod', port, protocol }).allowed` (see reachability.ts: policies, the
 * nodes' routes and firewalls, the listening process); an external
 * cell equals `connect({ from, to: '<IP>', port, protocol }).allowed`: only the source's egress policies judge
 * it (NetworkPolicy has no say at a host outside the cluster, which is assumed to answer, as connect does).
 *
 * `reachabilityGrid` reads pod cells off the bitset matrix of reachability.ts (masked by the routes) and external cells off each
 * source's egress rules; `naiveReachabilityGrid` evaluates every cell on its own, as the specification reads.
 */
import { connect } from './connect.ts';
import { cidrContains } from './ipam.ts';
import { directionAllows } from './network-policy.ts';
import { canAnswer, canSend, fastSquares, matrixPods, pairAllowed } from './reachability.ts';
import { podServes } from './services.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { PodModel, WireProtocol } from './types.ts';

/** What the grid spans (all optional: without them it is the plain pod matrix of every declared pod). */
export interface GridOptions {
  /** Port (default 80). */
  port?: number;
  /** Protocol (default TCP). */
  protocol?: WireProtocol;
  /** Row (and column) pods: the declared pods of these namespaces, in 'ns/name' order (default: every declared pod). */
  namespaces?: readonly string[];
  /** Extra destination pods, each `namespace/prefix`: the pods of that namespace whose name starts with prefix (implicit ones included). */
  system?: readonly string[];
  /** Extra destination hosts by IPv4 address (meant for hosts outside the cluster). */
  external?: readonly string[];
}

/** A reachability grid: allowed[i][j] says whether rows[i] can connect to columns[j]. */
export interface ReachabilityGrid {
  /** Source pods, 'ns/name'. */
  rows: string[];
  /** Destinations: the row pods, then the extra pods ('ns/name'), then the external IPs. */
  columns: string[];
  /** One row per source, one cell per column. */
  allowed: boolean[][];
}

/** The grid's row pods and extra destination pods. */
export function gridPods(state: ClusterState, options: GridOptions): { rows: PodModel[]; extra: PodModel[] } {
  const namespaces = options.namespaces;
  const rows = namespaces ? state.model.pods.filter((p) => !p.implicit && namespaces.includes(p.namespace)) : matrixPods(state);
  const inRows = new Set(rows.map(keyOf));
  const extra: PodModel[] = [];
  for (const entry of options.system ?? []) {
    const slash = entry.indexOf('/');
    const ns = entry.slice(0, slash);
    const prefix = entry.slice(slash + 1);
    for (const p of state.model.pods) {
      if (p.namespace === ns && p.name.startsWith(prefix) && !inRows.has(keyOf(p))) {
        inRows.add(keyOf(p));
        extra.push(p);
      }
    }
  }
  return { rows, extra };
}

/** True when `ip` is outside the cluster: no pod, node or Service address, nor inside the pod or Service ranges. */
export function isOutsideCluster(state: ClusterState, ip: string): boolean {
  return !state.podsByIP.has(ip) && !state.nodesByIP.has(ip) && !cidrContains(state.model.clusterCIDR, ip) && !cidrContains(state.model.serviceCIDR, ip);
}

/** One external cell, judged on its own: the source can send and its egress policies allow the IP. */
export function externalAllowed(state: ClusterState, src: PodModel, ip: string, port: number, protocol: WireProtocol): boolean {
  if (!isOutsideCluster(state, ip)) return connect(state, { from: keyOf(src), to: ip, port, protocol }).allowed;
  return canSend(src) && directionAllows(state, src, { kind: 'ip', ip }, port, protocol, 'Egress');
}

/** The grid evaluated cell by cell (the reference the fast grid is checked against). */
export function naiveReachabilityGrid(state: ClusterState, options: GridOptions = {}): ReachabilityGrid {
  const port = options.port ?? 80;
  const protocol = options.protocol ?? 'TCP';
  const { rows, extra } = gridPods(state, options);
  const dsts = [...rows, ...extra];
  const external = [...(options.external ?? [])];
  const allowed = rows.map((src) => [...dsts.map((dst) => pairAllowed(state, src, dst, port, protocol)), ...external.map((ip) => externalAllowed(state, src, ip, port, protocol))]);
  return { rows: rows.map(keyOf), columns: [...dsts.map(keyOf), ...external], allowed };
}

/** The grid from the bitset matrix (pods) and per-source egress verdicts (external hosts). */
export function reachabilityGrid(state: ClusterState, options: GridOptions = {}): ReachabilityGrid {
  return gridWithRefusals(state, options, false).grid;
}

/**
 * The grid and, when `withRefusals` asks and the grid is read off the bitsets, refusedCells' answer too, from one
 * judging of the policies and routes (the lab wants both on every keystroke). `refused` is null where
 * refusedCells is.
 */
export function gridWithRefusals(state: ClusterState, options: GridOptions, withRefusals: boolean): { grid: ReachabilityGrid; refused: number[][] | null } {
  const port = options.port ?? 80;
  const protocol = options.protocol ?? 'TCP';
  // Nothing enforced: every cell is cheap. The counterfactual pod-to-pod SNAT judges ingress by node addresses, which
  // the bitsets do not hold: cell by cell too.
  if (state.model.network.policyPlugin === 'none' || state.model.network.podToPodSnat) return { grid: naiveReachabilityGrid(state, options), refused: null };
  const { rows, extra } = gridPods(state, options);
  const universe = extra.length ? [...rows, ...extra] : rows;
  const external = [...(options.external ?? [])];
  const square = fastSquares(state, universe, port, protocol, external.length, canAnswer, withRefusals ? refusesOn : null);
  const allowed = square.allowed.length === rows.length ? square.allowed : square.allowed.slice(0, rows.length);
  const n = universe.length;
  external.forEach((ip, k) => {
    const outside = isOutsideCluster(state, ip);
    for (let i = 0; i < rows.length; i++) {
      const src = rows[i] as PodModel;
      (allowed[i] as boolean[])[n + k] = outside ? canSend(src) && directionAllows(state, src, { kind: 'ip', ip }, port, protocol, 'Egress') : externalAllowed(state, src, ip, port, protocol);
    }
  });
  const refused = square.refused && square.refused.length !== rows.length ? square.refused.slice(0, rows.length) : square.refused;
  return { grid: { rows: rows.map(keyOf), columns: [...universe.map(keyOf), ...external], allowed }, refused };
}

/** True when a column of the grid is a host outside the cluster (an IP, not 'ns/name'). */
export function isExternalColumn(column: string): boolean {
  return !column.includes('/');
}

/** True when the destination of a pod column answers on the port (a listener, or ICMP). */
export function columnAnswers(state: ClusterState, column: string, port: number, protocol: WireProtocol): boolean {
  if (isExternalColumn(column)) return true;
  const pod = state.pods.get(column);
  return !!pod && canAnswer(pod, port, protocol);
}

/**
 * True when a connection that gets to `p` on (port, protocol) is refused: its network namespace is up (it has an
 * IP) but nothing listens, because no container runs yet (ContainerCreating) or none listens there. ICMP is never
 * refused: the pod's kernel answers it.
 */
export function refusesOn(p: PodModel, port: number, protocol: WireProtocol): boolean {
  if (protocol === 'ICMP' || p.ip === '') return false;
  return p.phase === 'Pending' || (p.phase === 'Running' && !podServes(p, port, protocol));
}

/**
 * For each row of the grid over `options`, the pod columns where the connection is refused (connect() reports
 * `refused`: the policies and the routes carry it, and the pod does not listen), read off the bitset matrix with
 * the refusing pods as the ones that answer. Null where the grid is judged cell by cell (no plugin enforcing
 * policy, or the pod-to-pod SNAT counterfactual): the caller then asks connect().
 */
export function refusedCells(state: ClusterState, options: GridOptions = {}): number[][] | null {
  return gridWithRefusals(state, options, true).refused;
}
