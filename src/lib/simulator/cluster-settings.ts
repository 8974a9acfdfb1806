/**
 * Checks of a cluster's settings (createCluster options) against the cluster they apply to: address ranges
 * that must not overlap (the pod network, the Service network and the node network: "Kubernetes IP address
 * ranges", https://kubernetes.io/docs/concepts/cluster-administration/networking/), and node edits (routes,
 * firewall rules) that must name an existing node and valid addresses. A problem is a SettingsError naming
 * the settings field (`routes[0].node`), so a lesson's build error points at lesson.yaml's line.
 */
import { ManifestError } from './manifest-error.ts';
import { ipToInt, parseCidr } from './ipam.ts';
import type { ClusterModel, FirewallRule, RouteEdit } from './types.ts';
import type { ClusterState } from './state.ts';
import { applyRouteEdit, nodeNetworkBeforeEdits } from './datapath/node-network.ts';
import type { NetworkNamespace, RouteEditError, RouteEditResult } from './datapath/node-network.ts';

/** A settings problem: which field (`serviceCIDR`, `routes[1].via`) and what is wrong with it. */
export class SettingsError extends ManifestError {
  /** The settings field path, e.g. `routes[0].node`. */
  readonly field: string;
  constructor(field: string, detail: string) {
    super(detail, { path: field });
    this.name = 'SettingsError';
    this.field = field;
  }
}

/** Two CIDR blocks share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  return x.base < y.base + y.size && y.base < x.base + x.size;
}

/** The clusterCIDR and serviceCIDR must be valid and disjoint (throws SettingsError). */
export function checkRanges(clusterCIDR: string, serviceCIDR: string): void {
  if (!parseCidr(clusterCIDR)) throw new SettingsError('clusterCIDR', `"${clusterCIDR}" is not an IPv4 CIDR such as 10.244.0.0/16`);
  if (!parseCidr(serviceCIDR)) throw new SettingsError('serviceCIDR', `"${serviceCIDR}" is not an IPv4 CIDR such as 10.96.0.0/12`);
  if (cidrsOverlap(clusterCIDR, serviceCIDR)) {
    throw new SettingsError('serviceCIDR', `${serviceCIDR} overlaps the pod network (clusterCIDR ${clusterCIDR}): a Service IP could equal a pod IP, so kube-proxy's rules would capture traffic meant for pods; the ranges for pods, Services and nodes must not overlap (kubeadm's defaults: podSubnet 10.244.0.0/16, serviceSubnet 10.96.0.0/12)`);
  }
}

/** A route destination as `ip route` takes it: `default` or an IPv4 CIDR (a bare address is a /32). */
export function isRouteDestination(text: string): boolean {
  return text === 'default' || parseCidr(text) !== null;
}

function checkNode(model: ClusterModel, field: string, node: string): void {
  if (!model.nodes.some((n) => n.name === node)) throw new SettingsError(field, `no node "${node}" in this cluster (nodes: ${model.nodes.map((n) => n.name).join(', ')})`);
}

/** Checks route edits and firewall rules against the built model (throws SettingsError). */
export function checkNodeEdits(model: ClusterModel, routes: readonly RouteEdit[] = [], firewall: readonly FirewallRule[] = []): void {
  routes.forEach((r, i) => {
    const at = `routes[${i}]`;
    checkNode(model, `${at}.node`, r.node);
    if ((r.delete === undefined) === (r.add === undefined)) throw new SettingsError(at, 'needs exactly one of delete and add');
    const dst = r.delete ?? r.add ?? '';
    if (!isRouteDestination(dst)) throw new SettingsError(`${at}.${r.delete !== undefined ? 'delete' : 'add'}`, `"${dst}" is not "default" or an IPv4 CIDR such as 10.244.1.0/24`);
    if (r.delete !== undefined && (r.via !== undefined || r.dev !== undefined)) throw new SettingsError(at, 'a deleted route takes no via or dev');
    if (r.via !== undefined && ipToInt(r.via) === null) throw new SettingsError(`${at}.via`, `"${r.via}" is not an IPv4 address`);
    if (r.add !== undefined && r.via === undefined && r.dev === undefined) throw new SettingsError(at, 'an added route needs via, dev or both');
  });
  firewall.forEach((f, i) => {
    checkNode(model, `firewall[${i}].node`, f.node);
    if (f.port !== undefined && f.protocol === 'ICMP') throw new SettingsError(`firewall[${i}].port`, 'ICMP has no ports');
  });
}

/** Checks that every node named in the CNI settings exists (throws SettingsError naming `cni.nodes.<node>`). */
export function checkCniNodes(model: ClusterModel, nodes: Readonly<Record<string, unknown>> = {}): void {
  for (const node of Object.keys(nodes)) checkNode(model, `cni.nodes.${node}`, node);
}

/** What `ip route` prints for a refused change (the kernel's errno, as RTNETLINK answers). */
export const ROUTE_ERRNO_TEXT: Record<RouteEditError, string> = {
  ESRCH: 'No such process',
  EEXIST: 'File exists',
  ENETUNREACH: 'Network is unreachable',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
};

/**
 * Replays route edits in order on each node's table as the kernel would apply them; the first one the kernel
 * refuses is returned with its index (null when every edit applies).
 */
export function firstRefusedEdit(state: ClusterState, edits: readonly RouteEdit[]): { index: number; result: Extract<RouteEditResult, { ok: false }> } | null {
  const tables = new Map<string, NetworkNamespace | null>();
  for (let index = 0; index < edits.length; index++) {
    const edit = edits[index]!;
    if (!tables.has(edit.node)) tables.set(edit.node, nodeNetworkBeforeEdits(state, edit.node));
    const ns = tables.get(edit.node);
    if (!ns) continue;
    const result = applyRouteEdit(ns, edit);
    if (!result.ok) return { index, result };
    tables.set(edit.node, result.ns);
  }
  return null;
}

/** Settings' route edits the kernel would refuse are settings errors (throws SettingsError naming the edit). */
export function checkRouteEditsApply(state: ClusterState, edits: readonly RouteEdit[]): void {
  const refused = firstRefusedEdit(state, edits);
  if (!refused) return;
  const edit = edits[refused.index]!;
  const field = `routes[${refused.index}].${edit.delete !== undefined ? 'delete' : 'add'}`;
  throw new SettingsError(field, `${edit.node} refuses it (${refused.result.detail}): \`ip route ${edit.delete !== undefined ? 'del' : 'add'}\` would answer "RTNETLINK answers: ${ROUTE_ERRNO_TEXT[refused.result.error]}"`);
}
