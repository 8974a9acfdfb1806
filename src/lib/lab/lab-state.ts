/**
 * The lab's editable state: the whole scenario as YAML text (what the learner edits, and what the
 * simulator runs), the port and protocol the reachability matrix is drawn for, and the implementation
 * choices the cluster runs with (kube-proxy mode, policy plugin). It is the unit that is
 * saved in localStorage, encoded into share links and restored by a reset. Plain data, no DOM, no
 * simulator: the island imports this module on first load, so it must stay tiny.
 */
import { utf8Length } from '../utf8-length.ts';

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

/** Policy plugins the lab can run (the simulator's PolicyPlugin). */
export const LAB_POLICY_PLUGINS = ['calico', 'cilium', 'none'] as const;

/** The implementation choices a lab cluster runs with: what Kubernetes leaves to kube-proxy and the plugin. */
export interface LabNetwork {
  readonly kubeProxyMode: (typeof LAB_PROXY_MODES)[number];
  readonly policyPlugin: (typeof LAB_POLICY_PLUGINS)[number];
}

/** What a lab runs unless the learner switches: the course's default cluster (iptables, Calico-like). */
export const DEFAULT_LAB_NETWORK: LabNetwork = { kubeProxyMode: 'iptables', policyPlugin: 'calico' };

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

/** The matrix the lab opens on: the port and protocol of the first task's first check (TCP/80 without tasks). */
export function defaultMatrixOptions(tasks: ReadonlyArray<{ readonly expect: ReadonlyArray<{ readonly port: number; readonly protocol?: string | undefined }> }>): {
  port: number;
  protocol: MatrixProtocol;
} {
  const first = tasks[0]?.expect[0];
  const protocol = first?.protocol;
  return { port: first && isPort(first.port) ? first.port : 80, protocol: isMatrixProtocol(protocol) ? protocol : 'TCP' };
}

/** A lab state from its parts. */
export function labState(yaml: string, port: number, protocol: MatrixProtocol, network: LabNetwork = DEFAULT_LAB_NETWORK): LabState {
  return { yaml, port, protocol, network };
}

/** True when two states are the same (same text, port, protocol and network settings). */
export function sameLabState(a: LabState, b: LabState): boolean {
  return a.yaml === b.yaml && a.port === b.port && a.protocol === b.protocol && a.network.kubeProxyMode === b.network.kubeProxyMode && a.network.policyPlugin === b.network.policyPlugin;
}

/** True when `value` is a valid LabNetwork. */
export function isLabNetwork(value: unknown): value is LabNetwork {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (LAB_PROXY_MODES as readonly unknown[]).includes(v.kubeProxyMode) && (LAB_POLICY_PLUGINS as readonly unknown[]).includes(v.policyPlugin);
}

/** The record saved and shared for `state` of `lesson` (network settings only when they differ from the defaults). */
export function toRecord(lesson: string, state: LabState): LabStateRecord {
  const base = { v: LAB_STATE_VERSION, lesson, yaml: state.yaml, port: state.port, protocol: state.protocol };
  const isDefault = state.network.kubeProxyMode === DEFAULT_LAB_NETWORK.kubeProxyMode && state.network.policyPlugin === DEFAULT_LAB_NETWORK.policyPlugin;
  return isDefault ? base : { ...base, network: { kubeProxyMode: state.network.kubeProxyMode, policyPlugin: state.network.policyPlugin } };
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
  return { ok: true, state: labState(record.yaml, record.port, record.protocol, record.network === undefined ? DEFAULT_LAB_NETWORK : { kubeProxyMode: record.network.kubeProxyMode, policyPlugin: record.network.policyPlugin }) };
}
