/**
 * The lab's editable state: the whole scenario as YAML text (what the learner edits, and what the
 * simulator runs), the port and protocol the reachability matrix is drawn for, and the implementation
 * choices the cluster runs with (kube-proxy mode, policy plugin). It is the unit that is
 * saved in localStorage, encoded into share links and restored by a reset. Plain data, no DOM, no
 * simulator: the island imports this module on first load, so it must stay tiny.
 */
import { utf8Length } from '../utf8-length.ts';
import type { DatapathMode, FirewallRule, RouteEdit } from '../simulator/types.ts';

export { utf8Length };

/** Version of the saved and shared lab format (bumped on an incompatible change). */
export const LAB_STATE_VERSION = 1;

/** Largest manifest text the lab accepts, in bytes: the simulator's own limit (1 MiB). */
export const MAX_LAB_YAML_BYTES = 1_048_576;

/** Protocols the reachability matrix can be drawn for. */
export const MATRIX_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** A protocol the reachability matrix can be drawn for. */
export type MatrixProtocol = (typeof MATRIX_PROTOCOLS)[number];

/** kube-proxy modes the lab can run (the simulator's KubeProxyMode). */
export const LAB_PROXY_MODES = ['iptables', 'nftables', 'ipvs'] as const;

/** flannel backends the lab can run (the simulator's DatapathMode). */
export const LAB_DATAPATHS = ['host-gw', 'vxlan'] as const;

/** Policy plugins the lab can run (the simulator's PolicyPlugin). */
export const LAB_POLICY_PLUGINS = ['calico', 'cilium', 'none'] as const;

/**
 * The settings a lab cluster runs with (the simulator's ClusterOptions): what Kubernetes leaves to kube-proxy
 * and the plugin, which lab.yaml's `settings` may extend with the backend, the ranges, node routes and
 * firewall rules; `routes` also grows when the learner types `ip route add|del` in a node shell.
 */
export interface LabNetwork {
  readonly kubeProxyMode: (typeof LAB_PROXY_MODES)[number];
  readonly policyPlugin: (typeof LAB_POLICY_PLUGINS)[number];
  readonly datapath?: DatapathMode;
  readonly clusterCIDR?: string;
  readonly serviceCIDR?: string;
  readonly podToPodSnat?: boolean;
  readonly policyAfterDnat?: boolean;
  readonly routes?: readonly RouteEdit[];
  readonly firewall?: readonly FirewallRule[];
}

/** What a lab runs unless the learner switches: the course's default cluster (iptables, Calico-like). */
export const DEFAULT_LAB_NETWORK: LabNetwork = { kubeProxyMode: 'iptables', policyPlugin: 'calico' };

/** A lab's starting network: the defaults with lab.yaml's settings (already mapped to ClusterOptions) over them. */
export function labNetworkFrom(settings: Partial<LabNetwork> = {}): LabNetwork {
  return { ...DEFAULT_LAB_NETWORK, ...settings };
}

/** True when two networks are the same settings. */
export function sameLabNetwork(a: LabNetwork, b: LabNetwork): boolean {
  return canonicalNetwork(a) === canonicalNetwork(b);
}

function canonicalNetwork(n: LabNetwork): string {
  return JSON.stringify([n.kubeProxyMode, n.policyPlugin, n.datapath ?? 'host-gw', n.clusterCIDR ?? '', n.serviceCIDR ?? '', n.podToPodSnat ?? false, n.routes ?? [], n.firewall ?? [], n.policyAfterDnat ?? true]);
}

/** What the learner can change in the lab. */
export interface LabState {
  /** The whole scenario, as multi-document YAML. */
  readonly yaml: string;
  /** Port of the reachability matrix, 1–65535. */
  readonly port: number;
  /** Protocol of the reachability matrix. */
  readonly protocol: MatrixProtocol;
  /** kube-proxy mode and policy plugin of the lab's cluster. */
  readonly network: LabNetwork;
}

/** The serialised form of a lab state, as saved and shared. */
export interface LabStateRecord {
  /** Format version, LAB_STATE_VERSION. */
  readonly v: number;
  /** Lesson slug the state belongs to. */
  readonly lesson: string;
  /** The manifests. */
  readonly yaml: string;
  /** Matrix port. */
  readonly port: number;
  /** Matrix protocol. */
  readonly protocol: MatrixProtocol;
  /** Network settings; absent in records saved before they existed (read as the defaults). */
  readonly network?: LabNetwork;
}

/** The outcome of reading a saved or shared record: a state, or why it could not be used. */
export type LabStateParse = { readonly ok: true; readonly state: LabState } | { readonly ok: false; readonly error: string };

/** True when `value` is a valid matrix port (an integer 1–65535). */
export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** True when `value` is a protocol the matrix can be drawn for. */
export function isMatrixProtocol(value: unknown): value is MatrixProtocol {
  return typeof value === 'string' && (MATRIX_PROTOCOLS as readonly string[]).includes(value);
}

/** A port the matrix's picker offers (lab.yaml `matrix.ports`). */
export interface MatrixPort {
  readonly port: number;
  readonly protocol: MatrixProtocol;
}

/**
 * The matrix the lab opens on: the first of lab.yaml's `matrix.ports` when it lists some, else the port and
 * protocol of the first task's first check (TCP/80 without tasks).
 */
export function defaultMatrixOptions(
  tasks: ReadonlyArray<{ readonly expect: ReadonlyArray<{ readonly port: number; readonly protocol?: string | undefined }> }>,
  ports: readonly MatrixPort[] = [],
): {
  port: number;
  protocol: MatrixProtocol;
} {
  if (ports[0]) return { port: ports[0].port, protocol: ports[0].protocol };
  const first = tasks.find((task) => task.expect.length > 0)?.expect[0];
  const protocol = first?.protocol;
  return { port: first && isPort(first.port) ? first.port : 80, protocol: isMatrixProtocol(protocol) ? protocol : 'TCP' };
}

/** A lab state from its parts. */
export function labState(yaml: string, port: number, protocol: MatrixProtocol, network: LabNetwork = DEFAULT_LAB_NETWORK): LabState {
  return { yaml, port, protocol, network };
}

/** True when two states are the same (same text, port, protocol and network settings). */
export function sameLabState(a: LabState, b: LabState): boolean {
  return a.yaml === b.yaml && a.port === b.port && a.protocol === b.protocol && sameLabNetwork(a.network, b.network);
}

const isText = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isRouteEdit = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.node === 'string' && isText(r.delete) && isText(r.add) && isText(r.via) && isText(r.dev) && (typeof r.delete === 'string') !== (typeof r.add === 'string');
};
const isFirewallRule = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.node === 'string' && ['TCP', 'UDP', 'SCTP', 'ICMP'].includes(f.protocol as string) && (f.port === undefined || isPort(f.port)) && f.action === 'DROP';
};

/** True when `value` is a valid LabNetwork (its shape; the simulator checks nodes and addresses when it builds). */
export function isLabNetwork(value: unknown): value is LabNetwork {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (LAB_PROXY_MODES as readonly unknown[]).includes(v.kubeProxyMode) &&
    (LAB_POLICY_PLUGINS as readonly unknown[]).includes(v.policyPlugin) &&
    (v.datapath === undefined || v.datapath === 'host-gw' || v.datapath === 'vxlan') &&
    isText(v.clusterCIDR) &&
    isText(v.serviceCIDR) &&
    (v.podToPodSnat === undefined || typeof v.podToPodSnat === 'boolean') &&
    (v.policyAfterDnat === undefined || typeof v.policyAfterDnat === 'boolean') &&
    (v.routes === undefined || (Array.isArray(v.routes) && v.routes.length <= 1000 && v.routes.every(isRouteEdit))) &&
    (v.firewall === undefined || (Array.isArray(v.firewall) && v.firewall.length <= 1000 && v.firewall.every(isFirewallRule)))
  );
}

/** The record saved and shared for `state` of `lesson` (network settings only when they differ from the defaults). */
export function toRecord(lesson: string, state: LabState): LabStateRecord {
  const base = { v: LAB_STATE_VERSION, lesson, yaml: state.yaml, port: state.port, protocol: state.protocol };
  return sameLabNetwork(state.network, DEFAULT_LAB_NETWORK) ? base : { ...base, network: { ...state.network } };
}

/**
 * Reads a saved or shared record (already JSON-parsed). Never throws: anything that is not a valid record
 * of this lesson, in this version, comes back as `{ ok: false, error }` with a sentence a learner can read.
 */
export function parseLabRecord(value: unknown, lesson: string): LabStateParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'it does not hold a lab' };
  const record = value as Record<string, unknown>;
  if (typeof record.v !== 'number') return { ok: false, error: 'it has no format version' };
  if (record.v > LAB_STATE_VERSION) return { ok: false, error: `it was made by a newer version of the course (format ${record.v})` };
  if (record.v !== LAB_STATE_VERSION) return { ok: false, error: `its format (${String(record.v)}) is not supported` };
  if (typeof record.lesson !== 'string') return { ok: false, error: 'it does not say which lesson it belongs to' };
  if (record.lesson !== lesson) return { ok: false, error: `it belongs to the lab of another lesson ("${record.lesson}")` };
  if (typeof record.yaml !== 'string') return { ok: false, error: 'it holds no manifests' };
  if (utf8Length(record.yaml) > MAX_LAB_YAML_BYTES) return { ok: false, error: 'its manifests are larger than 1 MiB' };
  if (!isPort(record.port)) return { ok: false, error: 'its matrix port is not a number from 1 to 65535' };
  if (!isMatrixProtocol(record.protocol)) return { ok: false, error: 'its matrix protocol is not TCP, UDP or SCTP' };
  if (record.network !== undefined && !isLabNetwork(record.network)) return { ok: false, error: `its network settings are not a kube-proxy mode (${LAB_PROXY_MODES.join(', ')}) and a policy plugin (${LAB_POLICY_PLUGINS.join(', ')})` };
  return { ok: true, state: labState(record.yaml, record.port, record.protocol, record.network === undefined ? DEFAULT_LAB_NETWORK : pickNetwork(record.network)) };
}

/** The network fields a saved or shared record carries (what the learner can change; pickNetwork keeps these). */
const RECORDED_NETWORK_KEYS: ReadonlySet<string> = new Set(['kubeProxyMode', 'policyPlugin', 'datapath', 'clusterCIDR', 'serviceCIDR', 'podToPodSnat', 'policyAfterDnat', 'routes', 'firewall']);

/**
 * `state` with the settings a record does not carry (the lab's or case's own, e.g. the Gateway API CRDs or the
 * upstream DNS of lab.yaml's `settings`) taken from `pristine`, the scenario it was loaded from: a restored or
 * shared lab runs on the same cluster as the one it was saved from.
 */
export function withLabSettings(state: LabState, pristine: LabState): LabState {
  const fixed = Object.fromEntries(Object.entries(pristine.network).filter(([key]) => !RECORDED_NETWORK_KEYS.has(key)));
  return Object.keys(fixed).length === 0 ? state : { ...state, network: { ...fixed, ...pickNetwork(state.network) } };
}

/** The LabNetwork fields of a validated record's network (nothing else it may carry). */
function pickNetwork(n: LabNetwork): LabNetwork {
  const out: { -readonly [K in keyof LabNetwork]: LabNetwork[K] } = { kubeProxyMode: n.kubeProxyMode, policyPlugin: n.policyPlugin };
  if (n.datapath !== undefined) out.datapath = n.datapath;
  if (n.clusterCIDR !== undefined) out.clusterCIDR = n.clusterCIDR;
  if (n.serviceCIDR !== undefined) out.serviceCIDR = n.serviceCIDR;
  if (n.podToPodSnat !== undefined) out.podToPodSnat = n.podToPodSnat;
  if (n.policyAfterDnat !== undefined) out.policyAfterDnat = n.policyAfterDnat;
  if (n.routes !== undefined) out.routes = n.routes.map((r) => ({ ...r }));
  if (n.firewall !== undefined) out.firewall = n.firewall.map((f) => ({ ...f }));
  return out;
}
