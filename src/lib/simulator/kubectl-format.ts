/**
 * What every kubectl renderer shares: the simulator's fixed clock (every object was created at
 * 2025-01-01T00:00:00Z and "now" is five minutes later, so AGE is `5m` and every render is
 * deterministic), the node facts `get nodes` prints, the tab-aligned table of `kubectl get`,
 * `-o yaml|json` serialisation (keys sorted, as kubectl prints unstructured objects), and small
 * encoders. The per-kind renderers live in `kinds/`.
 */
import { stringify } from 'yaml';
import { KUBE_DNS_IP } from './build.ts';
import { fnv1a } from './ipam.ts';
import { alignTabs, GET_TABWRITER } from './tabwriter.ts';

/** The creationTimestamp every object shows. */
export const FIXED_TIMESTAMP = '2025-01-01T00:00:00Z';
/** The simulator's "now": five minutes after every object was created. */
export const NOW_MS = Date.parse(FIXED_TIMESTAMP) + 5 * 60_000;
/** The AGE every object shows (translateTimestampSince of FIXED_TIMESTAMP). */
export const FIXED_AGE = '5m';
/** FIXED_TIMESTAMP in describe's time.RFC1123Z layout. */
export const FIXED_DESCRIBE_TIME = 'Wed, 01 Jan 2025 00:00:00 +0000';
/** FIXED_TIMESTAMP as Go prints a metav1.Time with %s (NetworkPolicy's "Created on"). */
export const FIXED_GO_TIME = '2025-01-01 00:00:00 +0000 UTC';
/** kubeletVersion of every node: Kubernetes v1.35. */
export const NODE_VERSION = 'v1.35.0';
/** status.nodeInfo.osImage of every node (a kind node image: Debian 12). */
export const NODE_OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
/** status.nodeInfo.kernelVersion of every node. */
export const NODE_KERNEL = '6.8.0-60-generic';
/** status.nodeInfo.containerRuntimeVersion of every node (containerd 2.x, as v1.35 clusters run). */
export const NODE_RUNTIME = 'containerd://2.2.0';
/** The nameserver shown by nslookup and dig. */
export const DNS_SERVER = KUBE_DNS_IP;

/** apimachinery pkg/util/duration.HumanDuration: `45s`, `5m`, `3m20s`, `4h5m`, `3d`, `<invalid>`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: the age of an RFC 3339 timestamp at the simulator's "now" (`<unknown>` if unparsable). */
export function ageOf(timestamp: string): string {
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(NOW_MS - t);
}

/** Lays out a `kubectl get` table (cells joined by tabs through kubectl's tabwriter). */
export function formatTable(header: string[] | null, rows: string[][]): string {
  const all = header ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  return alignTabs(`${all.map((r) => r.join('\t')).join('\n')}\n`, GET_TABWRITER);
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** The List `kubectl get -o yaml|json` wraps several (or zero) objects in. */
export function listOf(objects: Array<Record<string, unknown>>): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * Serialises objects like `-o yaml` / `-o json` (a List when listing), keys sorted as kubectl's unstructured
 * printer does. YAML follows sigs.k8s.io/yaml (go-yaml v2): sequences not indented under their key, and strings
 * YAML 1.1 would read as something else quoted (`"80"`, `"true"`, `"2025-01-01T00:00:00Z"`). Unlike go-yaml,
 * long plain strings are not folded at 80 columns.
 */
export function serialize(objects: Array<Record<string, unknown>>, asList: boolean, format: 'yaml' | 'json'): string {
  const value = sortKeysDeep(asList ? listOf(objects) : objects[0]);
  if (format === 'json') return `${JSON.stringify(value, null, 4)}\n`;
  return stringify(value, { lineWidth: 0, indentSeq: false, version: '1.1' });
}

/** Object metadata as the API server returns it (fixed creationTimestamp; labels/annotations only when set). */
export function meta(o: { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string> }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const m: Record<string, unknown> = { creationTimestamp: FIXED_TIMESTAMP, name: o.name };
  if (o.namespace !== undefined && o.namespace !== '') m.namespace = o.namespace;
  if (Object.keys(o.labels).length) m.labels = { ...o.labels };
  if (Object.keys(o.annotations).length) m.annotations = { ...o.annotations };
  return { ...m, ...extra };
}

/** A metav1.LabelSelector object (empty parts omitted). */
export function selectorObject(s: { matchLabels: Record<string, string>; matchExpressions: Array<{ key: string; operator: string; values: string[] }> }): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (Object.keys(s.matchLabels).length) o.matchLabels = { ...s.matchLabels };
  if (s.matchExpressions.length) o.matchExpressions = s.matchExpressions.map((e) => (e.values.length ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator }));
  return o;
}

/** A deterministic lowercase hex string of `length` digits derived from `seed` (stand-in for IDs and digests). */
export function hexId(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) out += fnv1a(`${round}:${seed}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of the UTF-8 bytes of `text` (how the API server stores a Secret's stringData). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += (B64[a >> 2] as string) + (B64[((a & 3) << 4) | ((b ?? 0) >> 4)] as string);
    out += b === undefined ? '=' : (B64[((b & 15) << 2) | ((c ?? 0) >> 6)] as string);
    out += c === undefined ? '=' : (B64[c & 63] as string);
  }
  return out;
}

/** Length in bytes of base64-encoded data (what `describe secret` reports), 0 when not valid base64. */
export function base64DecodedLength(data: string): number {
  const s = data.replace(/\s/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return 0;
  return (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
}
