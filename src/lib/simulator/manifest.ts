/**
 * Manifest parsing and validation: YAML text (multi-document) or parsed objects → typed, unallocated models.
 * Every problem is reported as a ManifestError naming the document, line/column (for text) and field path.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, isNode } from 'yaml';
import type { Document } from 'yaml';
import { isIPv6Cidr, parseCidr, ipToInt, cidrContainsCidr } from './ipam.ts';
import type {
  ContainerModel,
  ContainerPort,
  DeploymentModel,
  IPBlockModel,
  LabelSelector,
  LabelSelectorRequirement,
  NamespaceModel,
  NetworkPolicyModel,
  NodeModel,
  PodModel,
  PodPhase,
  PolicyPeerModel,
  PolicyPortModel,
  PolicyRuleModel,
  PolicyType,
  Protocol,
  ServiceModel,
  ServicePortModel,
  ServiceType,
} from './types.ts';
import { matchesSelector } from './selectors.ts';

/** Largest manifest input accepted, in bytes (1 MiB). */
export const MAX_MANIFEST_BYTES = 1_048_576;

/** Details attached to a ManifestError. */
export interface ManifestErrorInit {
  /** 1-based document number (as printed in the message); null when not tied to a document. */
  documentIndex?: number | null;
  line?: number | null;
  column?: number | null;
  path?: string | null;
  kind?: string | null;
  name?: string | null;
}

/** The only error createCluster throws: bad YAML, unknown kind, wrong apiVersion, invalid or missing field, oversize input. */
export class ManifestError extends Error {
  /** 1-based document number, as in the message ("document 2"); null when the error concerns the whole input. */
  readonly documentIndex: number | null;
  /** 1-based line in the YAML text, when known. */
  readonly line: number | null;
  /** 1-based column in the YAML text, when known. */
  readonly column: number | null;
  /** Field path such as `spec.ingress[0].from[1].podSelector`, when the error concerns a field. */
  readonly path: string | null;
  /** The problem alone, without the location prefix. */
  readonly detail: string;

  constructor(detail: string, init: ManifestErrorInit = {}) {
    super(ManifestError.format(detail, init));
    this.name = 'ManifestError';
    this.detail = detail;
    this.documentIndex = init.documentIndex ?? null;
    this.line = init.line ?? null;
    this.column = init.column ?? null;
    this.path = init.path ?? null;
  }

  private static format(detail: string, init: ManifestErrorInit): string {
    const loc: string[] = [];
    if (init.documentIndex != null) loc.push(`document ${init.documentIndex}`);
    if (init.line != null) loc.push(`line ${init.line}`);
    if (init.column != null) loc.push(`column ${init.column}`);
    const where = loc.join(', ');
    const field = init.path ? `${init.path}: ` : '';
    if (init.kind) {
      const name = init.name ? ` "${init.name}"` : '';
      return `${init.kind}${name}${where ? ` (${where})` : ''}: ${field}${detail}`;
    }
    return `${where ? `${where}: ` : ''}${field}${detail}`;
  }
}

/** A validated object from a manifest, not yet scheduled or given addresses. */
export type ParsedObject =
  | { kind: 'Namespace'; documentIndex: number; value: NamespaceModel }
  | { kind: 'Node'; documentIndex: number; value: NodeModel }
  | { kind: 'Pod'; documentIndex: number; value: PodModel }
  | { kind: 'Service'; documentIndex: number; value: ServiceModel }
  | { kind: 'Deployment'; documentIndex: number; value: DeploymentModel }
  | { kind: 'NetworkPolicy'; documentIndex: number; value: NetworkPolicyModel };

/** Manifest input accepted by createCluster / parseManifests. */
export type ManifestInput = string | Record<string, unknown> | ReadonlyArray<unknown>;

const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

type Locator = (path: Array<string | number>) => { line: number; column: number } | null;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pathText(path: Array<string | number>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return `${typeof v} ${String(v)}`;
}

/** Validation context for one document. */
class Ctx {
  doc: number;
  kind: string | null = null;
  name: string | null = null;
  locate: Locator;
  constructor(doc: number, locate: Locator) {
    this.doc = doc;
    this.locate = locate;
  }
  fail(path: Array<string | number>, detail: string): never {
    const pos = this.locate(path);
    throw new ManifestError(detail, {
      documentIndex: this.doc,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: path.length ? pathText(path) : null,
      kind: this.kind,
      name: this.name,
    });
  }
  obj(v: unknown, path: Array<string | number>, what: string): Record<string, unknown> {
    if (!isPlainObject(v)) this.fail(path, `expected ${what}, got ${describeValue(v)}`);
    return v;
  }
  optObj(v: unknown, path: Array<string | number>, what: string): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    return this.obj(v, path, what);
  }
  list(v: unknown, path: Array<string | number>, what: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `expected ${what}, got ${describeValue(v)}`);
    return v;
  }
  optList(v: unknown, path: Array<string | number>, what: string): unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    return this.list(v, path, what);
  }
  str(v: unknown, path: Array<string | number>, what = 'a string'): string {
    if (typeof v !== 'string') this.fail(path, `expected ${what}, got ${describeValue(v)}`);
    return v;
  }
  optStr(v: unknown, path: Array<string | number>, what = 'a string'): string | undefined {
    if (v === undefined || v === null) return undefined;
    return this.str(v, path, what);
  }
  int(v: unknown, path: Array<string | number>, min: number, max: number, what: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(path, `expected ${what}, got ${describeValue(v)}`);
    if (v < min || v > max) this.fail(path, `expected ${what} between ${min} and ${max}, got ${v}`);
    return v;
  }
  required<T>(v: T | undefined | null, path: Array<string | number>, expected: string): T {
    if (v === undefined || v === null) this.fail(path, `required field missing, expected ${expected}`);
    return v;
  }
  known(o: Record<string, unknown>, path: Array<string | number>, fields: string[]): void {
    for (const k of Object.keys(o)) {
      if (!fields.includes(k)) this.fail([...path, k], `unknown field "${k}", expected one of: ${fields.join(', ')}`);
    }
  }
}

function labelMap(ctx: Ctx, v: unknown, path: Array<string | number>, what = 'labels'): Record<string, string> {
  const o = ctx.optObj(v, path, `a map of ${what}`);
  const out: Record<string, string> = {};
  if (!o) return out;
  for (const [k, val] of Object.entries(o)) {
    const value = typeof val === 'number' || typeof val === 'boolean' ? null : val;
    if (typeof value !== 'string') {
      ctx.fail([...path, k], `expected a string value, got ${describeValue(val)} (quote it: "${String(val)}")`);
    }
    if (what === 'labels') checkLabel(ctx, [...path, k], k, value);
    out[k] = value;
  }
  return out;
}

function checkLabelKey(ctx: Ctx, path: Array<string | number>, key: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if ((slash >= 0 && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) || !LABEL_NAME.test(name) || name.length > 63) {
    ctx.fail(path, `invalid label key "${key}", expected an optional DNS prefix and a name of at most 63 alphanumerics, '-', '_' or '.'`);
  }
}

function checkLabel(ctx: Ctx, path: Array<string | number>, key: string, value: string): void {
  checkLabelKey(ctx, path, key);
  if (!LABEL_VALUE.test(value) || value.length > 63) {
    ctx.fail(path, `invalid label value "${value}", expected at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`);
  }
}

function labelSelector(ctx: Ctx, v: unknown, path: Array<string | number>): LabelSelector {
  const o = ctx.obj(v, path, 'a label selector (matchLabels and/or matchExpressions)');
  ctx.known(o, path, ['matchLabels', 'matchExpressions']);
  const matchLabels = labelMap(ctx, o.matchLabels, [...path, 'matchLabels']);
  const matchExpressions: LabelSelectorRequirement[] = [];
  const exprs = ctx.optList(o.matchExpressions, [...path, 'matchExpressions'], 'a list of requirements') ?? [];
  exprs.forEach((e, i) => {
    const p = [...path, 'matchExpressions', i];
    const r = ctx.obj(e, p, 'a requirement with key, operator and values');
    ctx.known(r, p, ['key', 'operator', 'values']);
    const key = ctx.str(ctx.required(r.key, [...p, 'key'], 'a label key'), [...p, 'key']);
    checkLabelKey(ctx, [...p, 'key'], key);
    const op = ctx.str(ctx.required(r.operator, [...p, 'operator'], 'one of In, NotIn, Exists, DoesNotExist'), [...p, 'operator']);
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') {
      ctx.fail([...p, 'operator'], `unsupported operator "${op}", expected one of In, NotIn, Exists, DoesNotExist`);
    }
    const rawValues = ctx.optList(r.values, [...p, 'values'], 'a list of strings') ?? [];
    const values = rawValues.map((x, j) => ctx.str(x, [...p, 'values', j], 'a string value'));
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      ctx.fail([...p, 'values'], `must be specified when operator is "${op}", expected a non-empty list`);
    }
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      ctx.fail([...p, 'values'], `may not be specified when operator is "${op}", expected no values`);
    }
    matchExpressions.push({ key, operator: op, values });
  });
  return { matchLabels, matchExpressions };
}

function protocol(ctx: Ctx, v: unknown, path: Array<string | number>): Protocol {
  if (v === undefined || v === null) return 'TCP';
  const p = ctx.str(v, path, 'one of TCP, UDP, SCTP');
  if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') ctx.fail(path, `unsupported value "${p}", expected one of TCP, UDP, SCTP`);
  return p;
}

function portName(ctx: Ctx, v: string, path: Array<string | number>): string {
  if (v.length > 15 || !PORT_NAME.test(v) || !/[a-z]/.test(v) || v.includes('--')) {
    ctx.fail(path, `invalid port name "${v}", expected at most 15 lowercase alphanumerics or '-' with at least one letter`);
  }
  return v;
}

function intOrString(ctx: Ctx, v: unknown, path: Array<string | number>): number | string {
  if (typeof v === 'number') return ctx.int(v, path, 1, 65535, 'a port number');
  if (typeof v === 'string') {
    if (/^[0-9]+$/.test(v)) ctx.fail(path, `expected a port number or a port name, got the string "${v}" (write it unquoted as a number)`);
    return portName(ctx, v, path);
  }
  return ctx.fail(path, `expected a port number or a port name, got ${describeValue(v)}`);
}

function metadata(ctx: Ctx, raw: Record<string, unknown>, namespaced: boolean, nameRule: RegExp, nameRuleText: string) {
  const md = ctx.obj(ctx.required(raw.metadata, ['metadata'], 'a map with at least a name'), ['metadata'], 'a map with at least a name');
  const name = ctx.str(ctx.required(md.name, ['metadata', 'name'], 'the object name (a string)'), ['metadata', 'name']);
  ctx.name = name;
  if (!nameRule.test(name) || name.length > (nameRule === DNS1123_SUBDOMAIN ? 253 : 63)) {
    ctx.fail(['metadata', 'name'], `invalid name "${name}", expected ${nameRuleText}`);
  }
  let namespace = 'default';
  if (namespaced) {
    const ns = ctx.optStr(md.namespace, ['metadata', 'namespace']);
    if (ns !== undefined) {
      if (!DNS1123_LABEL.test(ns) || ns.length > 63) ctx.fail(['metadata', 'namespace'], `invalid namespace "${ns}", expected a DNS-1123 label (lowercase alphanumerics and '-')`);
      namespace = ns;
    }
  }
  const labels = labelMap(ctx, md.labels, ['metadata', 'labels']);
  const annotations = labelMap(ctx, md.annotations, ['metadata', 'annotations'], 'annotations');
  return { name, namespace, labels, annotations };
}

const SUBDOMAIN_TEXT = "a DNS-1123 subdomain (lowercase alphanumerics, '-' and '.')";
const LABEL_TEXT = "a DNS-1123 label (lowercase alphanumerics and '-', at most 63 characters)";
const DNS1035_TEXT = "a DNS-1035 label (lowercase alphanumerics and '-', starting with a letter, at most 63 characters)";

function containers(ctx: Ctx, v: unknown, path: Array<string | number>): ContainerModel[] {
  const list = ctx.list(ctx.required(v, path, 'a list of containers'), path, 'a list of containers');
  if (list.length === 0) ctx.fail(path, 'expected at least one container');
  const names = new Set<string>();
  return list.map((c, i) => {
    const p = [...path, i];
    const o = ctx.obj(c, p, 'a container (name, image, ports)');
    const name = ctx.str(ctx.required(o.name, [...p, 'name'], 'the container name'), [...p, 'name']);
    if (!DNS1123_LABEL.test(name)) ctx.fail([...p, 'name'], `invalid container name "${name}", expected ${LABEL_TEXT}`);
    if (names.has(name)) ctx.fail([...p, 'name'], `duplicate container name "${name}"`);
    names.add(name);
    const image = ctx.str(ctx.required(o.image, [...p, 'image'], 'a container image such as nginx:1.27'), [...p, 'image']);
    const portsRaw = ctx.optList(o.ports, [...p, 'ports'], 'a list of container ports') ?? [];
    const ports: ContainerPort[] = portsRaw.map((cp, j) => {
      const pp = [...p, 'ports', j];
      const po = ctx.obj(cp, pp, 'a container port (containerPort, name, protocol)');
      const containerPort = ctx.int(ctx.required(po.containerPort, [...pp, 'containerPort'], 'a port number'), [...pp, 'containerPort'], 1, 65535, 'a port number');
      const nm = ctx.optStr(po.name, [...pp, 'name']);
      const out: ContainerPort = { containerPort, protocol: protocol(ctx, po.protocol, [...pp, 'protocol']) };
      if (nm !== undefined) out.name = portName(ctx, nm, [...pp, 'name']);
      return out;
    });
    const container: ContainerModel = { name, image, ports };
    const argv = (field: 'command' | 'args') => ctx.optList(o[field], [...p, field], 'a list of strings')?.map((x, j) => ctx.str(x, [...p, field, j], 'a string'));
    const command = argv('command');
    const args = argv('args');
    if (command !== undefined) container.command = command;
    if (args !== undefined) container.args = args;
    return container;
  });
}

function parsePod(ctx: Ctx, raw: Record<string, unknown>): PodModel {
  const md = metadata(ctx, raw, true, DNS1123_SUBDOMAIN, SUBDOMAIN_TEXT);
  const spec = ctx.obj(ctx.required(raw.spec, ['spec'], 'a pod spec with containers'), ['spec'], 'a pod spec with containers');
  const cs = containers(ctx, spec.containers, ['spec', 'containers']);
  const nodeName = ctx.optStr(spec.nodeName, ['spec', 'nodeName']) ?? '';
  if (nodeName && !DNS1123_SUBDOMAIN.test(nodeName)) ctx.fail(['spec', 'nodeName'], `invalid node name "${nodeName}", expected ${SUBDOMAIN_TEXT}`);
  const hostname = ctx.optStr(spec.hostname, ['spec', 'hostname']);
  const subdomain = ctx.optStr(spec.subdomain, ['spec', 'subdomain']);
  const status = ctx.optObj(raw.status, ['status'], 'a pod status') ?? {};
  const phaseRaw = ctx.optStr(status.phase, ['status', 'phase']) ?? 'Running';
  const phases: PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
  if (!phases.includes(phaseRaw as PodPhase)) ctx.fail(['status', 'phase'], `unsupported phase "${phaseRaw}", expected one of ${phases.join(', ')}`);
  const phase = phaseRaw as PodPhase;
  let ip = ctx.optStr(status.podIP, ['status', 'podIP']) ?? '';
  if (ip && ipToInt(ip) === null) ctx.fail(['status', 'podIP'], `invalid IP "${ip}", expected an IPv4 address`);
  if (ip) ip = ip.trim();
  let readyCondition = true;
  const conds = ctx.optList(status.conditions, ['status', 'conditions'], 'a list of conditions') ?? [];
  conds.forEach((c, i) => {
    const co = ctx.obj(c, ['status', 'conditions', i], 'a condition (type, status)');
    if (co.type === 'Ready' && (co.status === 'False' || co.status === false)) readyCondition = false;
  });
  const pod: PodModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    nodeName,
    ip,
    phase,
    ready: phase === 'Running' && readyCondition,
    containers: cs,
    implicit: false,
  };
  if (hostname !== undefined) pod.hostname = hostname;
  if (subdomain !== undefined) pod.subdomain = subdomain;
  const rawMeta = raw.metadata as Record<string, unknown>;
  if (rawMeta.deletionTimestamp !== undefined && rawMeta.deletionTimestamp !== null) pod.terminating = true;
  return pod;
}

function parseNamespace(ctx: Ctx, raw: Record<string, unknown>): NamespaceModel {
  const md = metadata(ctx, raw, false, DNS1123_LABEL, LABEL_TEXT);
  return { name: md.name, labels: { ...md.labels, 'kubernetes.io/metadata.name': md.name }, annotations: md.annotations, implicit: false };
}

function parseNode(ctx: Ctx, raw: Record<string, unknown>): NodeModel {
  const md = metadata(ctx, raw, false, DNS1123_SUBDOMAIN, SUBDOMAIN_TEXT);
  const spec = ctx.optObj(raw.spec, ['spec'], 'a node spec') ?? {};
  let podCIDR = ctx.optStr(spec.podCIDR, ['spec', 'podCIDR']) ?? '';
  if (podCIDR) {
    const c = parseCidr(podCIDR);
    if (!c || !podCIDR.includes('/')) ctx.fail(['spec', 'podCIDR'], `invalid CIDR "${podCIDR}", expected an IPv4 CIDR such as 10.244.1.0/24`);
    podCIDR = c.text;
  }
  const status = ctx.optObj(raw.status, ['status'], 'a node status') ?? {};
  let internalIP = '';
  const addrs = ctx.optList(status.addresses, ['status', 'addresses'], 'a list of addresses') ?? [];
  addrs.forEach((a, i) => {
    const ao = ctx.obj(a, ['status', 'addresses', i], 'an address (type, address)');
    if (ao.type === 'InternalIP') {
      const ip = ctx.str(ao.address, ['status', 'addresses', i, 'address']);
      if (ipToInt(ip) === null) ctx.fail(['status', 'addresses', i, 'address'], `invalid IP "${ip}", expected an IPv4 address`);
      internalIP = ip.trim();
    }
  });
  return { name: md.name, labels: { 'kubernetes.io/hostname': md.name, 'kubernetes.io/os': 'linux', ...md.labels }, annotations: md.annotations, podCIDR, internalIP, implicit: false };
}

function parseService(ctx: Ctx, raw: Record<string, unknown>): ServiceModel {
  const md = metadata(ctx, raw, true, DNS1035_LABEL, DNS1035_TEXT);
  const spec = ctx.obj(ctx.required(raw.spec, ['spec'], 'a service spec with ports'), ['spec'], 'a service spec');
  const typeRaw = ctx.optStr(spec.type, ['spec', 'type']) ?? 'ClusterIP';
  if (typeRaw !== 'ClusterIP' && typeRaw !== 'NodePort' && typeRaw !== 'LoadBalancer') {
    ctx.fail(['spec', 'type'], `unsupported type "${typeRaw}", expected one of ClusterIP, NodePort, LoadBalancer${typeRaw === 'ExternalName' ? ' (ExternalName is not simulated)' : ''}`);
  }
  const type: ServiceType = typeRaw;
  let clusterIP = ctx.optStr(spec.clusterIP, ['spec', 'clusterIP']) ?? '';
  const headless = clusterIP === 'None';
  if (clusterIP && !headless) {
    if (ipToInt(clusterIP) === null) ctx.fail(['spec', 'clusterIP'], `invalid IP "${clusterIP}", expected an IPv4 address or None`);
    clusterIP = clusterIP.trim();
  }
  if (headless && type !== 'ClusterIP') ctx.fail(['spec', 'clusterIP'], `may not be None when type is ${type}, expected a ClusterIP service`);
  const selObj = ctx.optObj(spec.selector, ['spec', 'selector'], 'a map of labels');
  const selector = selObj ? labelMap(ctx, selObj, ['spec', 'selector']) : null;
  const portsRaw = ctx.optList(spec.ports, ['spec', 'ports'], 'a list of service ports');
  if (!portsRaw && !headless) ctx.required(undefined, ['spec', 'ports'], 'a list of service ports');
  const names = new Set<string>();
  const ports: ServicePortModel[] = (portsRaw ?? []).map((pr, i) => {
    const p = ['spec', 'ports', i];
    const o = ctx.obj(pr, p, 'a service port (port, targetPort, protocol, name)');
    const port = ctx.int(ctx.required(o.port, [...p, 'port'], 'a port number'), [...p, 'port'], 1, 65535, 'a port number');
    const targetPort = o.targetPort === undefined || o.targetPort === null ? port : intOrString(ctx, o.targetPort, [...p, 'targetPort']);
    const proto = protocol(ctx, o.protocol, [...p, 'protocol']);
    const out: ServicePortModel = { port, targetPort, protocol: proto };
    const nm = ctx.optStr(o.name, [...p, 'name']);
    if (nm !== undefined) {
      out.name = portName(ctx, nm, [...p, 'name']);
      if (names.has(nm)) ctx.fail([...p, 'name'], `duplicate port name "${nm}"`);
      names.add(nm);
    } else if ((portsRaw ?? []).length > 1) {
      ctx.fail([...p, 'name'], 'required field missing, expected a port name (required when a Service has more than one port)');
    }
    if (o.nodePort !== undefined && o.nodePort !== null) {
      if (type === 'ClusterIP') ctx.fail([...p, 'nodePort'], 'may not be used when type is ClusterIP, expected type NodePort or LoadBalancer');
      out.nodePort = ctx.int(o.nodePort, [...p, 'nodePort'], 30000, 32767, 'a node port');
    }
    return out;
  });
  const status = ctx.optObj(raw.status, ['status'], 'a service status') ?? {};
  const lb = ctx.optObj(status.loadBalancer, ['status', 'loadBalancer'], 'a load balancer status') ?? {};
  const ingress = ctx.optList(lb.ingress, ['status', 'loadBalancer', 'ingress'], 'a list of ingress points') ?? [];
  const loadBalancerIPs = ingress
    .map((x) => (isPlainObject(x) && typeof x.ip === 'string' ? x.ip : ''))
    .filter((x) => x !== '');
  return { name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, type, clusterIP, headless, selector, ports, loadBalancerIPs, implicit: false };
}

function parseDeployment(ctx: Ctx, raw: Record<string, unknown>): DeploymentModel {
  const md = metadata(ctx, raw, true, DNS1123_SUBDOMAIN, SUBDOMAIN_TEXT);
  const spec = ctx.obj(ctx.required(raw.spec, ['spec'], 'a deployment spec (replicas, selector, template)'), ['spec'], 'a deployment spec');
  const replicas = spec.replicas === undefined || spec.replicas === null ? 1 : ctx.int(spec.replicas, ['spec', 'replicas'], 0, 100, 'a replica count');
  const selector = labelSelector(ctx, ctx.required(spec.selector, ['spec', 'selector'], 'a label selector matching the template labels'), ['spec', 'selector']);
  const tpl = ctx.obj(ctx.required(spec.template, ['spec', 'template'], 'a pod template'), ['spec', 'template'], 'a pod template');
  const tmd = ctx.optObj(tpl.metadata, ['spec', 'template', 'metadata'], 'template metadata') ?? {};
  const templateLabels = labelMap(ctx, tmd.labels, ['spec', 'template', 'metadata', 'labels']);
  const templateAnnotations = labelMap(ctx, tmd.annotations, ['spec', 'template', 'metadata', 'annotations'], 'annotations');
  if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) {
    ctx.fail(['spec', 'selector'], 'empty selector is invalid for deployment, expected matchLabels or matchExpressions');
  }
  if (!matchesSelector(selector, templateLabels)) {
    ctx.fail(['spec', 'template', 'metadata', 'labels'], '`selector` does not match template `labels`, expected labels matching spec.selector');
  }
  const tspec = ctx.obj(ctx.required(tpl.spec, ['spec', 'template', 'spec'], 'a pod spec with containers'), ['spec', 'template', 'spec'], 'a pod spec');
  const cs = containers(ctx, tspec.containers, ['spec', 'template', 'spec', 'containers']);
  const out: DeploymentModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    replicas,
    selector,
    templateLabels,
    templateAnnotations,
    containers: cs,
    implicit: false,
  };
  const nodeName = ctx.optStr(tspec.nodeName, ['spec', 'template', 'spec', 'nodeName']);
  if (nodeName) out.nodeName = nodeName;
  return out;
}

function ipBlock(ctx: Ctx, v: unknown, path: Array<string | number>): IPBlockModel {
  const o = ctx.obj(v, path, 'an ipBlock (cidr, except)');
  ctx.known(o, path, ['cidr', 'except']);
  const cidrText = ctx.str(ctx.required(o.cidr, [...path, 'cidr'], 'a CIDR such as 10.0.0.0/16'), [...path, 'cidr']);
  const v4 = parseCidr(cidrText);
  const isV6 = isIPv6Cidr(cidrText);
  if ((!v4 || !cidrText.includes('/')) && !isV6) ctx.fail([...path, 'cidr'], `invalid CIDR "${cidrText}", expected a CIDR such as 10.0.0.0/16`);
  const exceptRaw = ctx.optList(o.except, [...path, 'except'], 'a list of CIDRs') ?? [];
  const except = exceptRaw.map((e, i) => {
    const t = ctx.str(e, [...path, 'except', i], 'a CIDR');
    const ev4 = parseCidr(t);
    if ((!ev4 || !t.includes('/')) && !isIPv6Cidr(t)) ctx.fail([...path, 'except', i], `invalid CIDR "${t}", expected a CIDR such as 10.0.1.0/24`);
    if (v4 && ev4 && (!cidrContainsCidr(v4.text, ev4.text) || ev4.prefix <= v4.prefix)) {
      ctx.fail([...path, 'except', i], `"${t}" must be a strict subset of "${cidrText}", expected a smaller block inside the cidr`);
    }
    return t.trim();
  });
  return { cidr: cidrText.trim(), except };
}

function policyRules(ctx: Ctx, v: unknown, path: Array<string | number>, peerField: 'from' | 'to'): PolicyRuleModel[] {
  const list = ctx.optList(v, path, 'a list of rules') ?? [];
  return list.map((r, i) => {
    const p = [...path, i];
    const o = ctx.optObj(r, p, `a rule (${peerField}, ports)`) ?? {};
    ctx.known(o, p, [peerField, 'ports']);
    const peersRaw = ctx.optList(o[peerField], [...p, peerField], 'a list of peers');
    const peers: PolicyPeerModel[] | null =
      peersRaw && peersRaw.length > 0
        ? peersRaw.map((pr, j) => {
            const pp = [...p, peerField, j];
            const po = ctx.obj(pr, pp, 'a peer (podSelector, namespaceSelector and/or ipBlock)');
            ctx.known(po, pp, ['podSelector', 'namespaceSelector', 'ipBlock']);
            const peer: PolicyPeerModel = {};
            if (po.podSelector !== undefined && po.podSelector !== null) peer.podSelector = labelSelector(ctx, po.podSelector, [...pp, 'podSelector']);
            if (po.namespaceSelector !== undefined && po.namespaceSelector !== null) peer.namespaceSelector = labelSelector(ctx, po.namespaceSelector, [...pp, 'namespaceSelector']);
            if (po.ipBlock !== undefined && po.ipBlock !== null) {
              if (peer.podSelector || peer.namespaceSelector) ctx.fail(pp, 'may not specify more than 1 peer type: ipBlock cannot be combined with podSelector or namespaceSelector');
              peer.ipBlock = ipBlock(ctx, po.ipBlock, [...pp, 'ipBlock']);
            }
            if (!peer.podSelector && !peer.namespaceSelector && !peer.ipBlock) {
              ctx.fail(pp, 'must specify a peer, expected podSelector, namespaceSelector or ipBlock');
            }
            return peer;
          })
        : null;
    const portsRaw = ctx.optList(o.ports, [...p, 'ports'], 'a list of ports') ?? [];
    const ports: PolicyPortModel[] = portsRaw.map((pr, j) => {
      const pp = [...p, 'ports', j];
      const po = ctx.optObj(pr, pp, 'a port (protocol, port, endPort)') ?? {};
      ctx.known(po, pp, ['protocol', 'port', 'endPort']);
      const out: PolicyPortModel = { protocol: protocol(ctx, po.protocol, [...pp, 'protocol']) };
      if (po.port !== undefined && po.port !== null) out.port = intOrString(ctx, po.port, [...pp, 'port']);
      if (po.endPort !== undefined && po.endPort !== null) {
        const endPort = ctx.int(po.endPort, [...pp, 'endPort'], 1, 65535, 'a port number');
        if (typeof out.port !== 'number') ctx.fail([...pp, 'endPort'], 'may not be specified when port is a name or missing, expected a numeric port with endPort');
        if (endPort < out.port) ctx.fail([...pp, 'endPort'], `must be greater than or equal to port (${out.port}), got ${endPort}`);
        out.endPort = endPort;
      }
      return out;
    });
    return { peers, ports };
  });
}

function parseNetworkPolicy(ctx: Ctx, raw: Record<string, unknown>): NetworkPolicyModel {
  const md = metadata(ctx, raw, true, DNS1123_SUBDOMAIN, SUBDOMAIN_TEXT);
  const spec = ctx.obj(ctx.required(raw.spec, ['spec'], 'a policy spec with podSelector'), ['spec'], 'a policy spec');
  ctx.known(spec, ['spec'], ['podSelector', 'policyTypes', 'ingress', 'egress']);
  const podSelector =
    spec.podSelector === undefined || spec.podSelector === null
      ? { matchLabels: {}, matchExpressions: [] }
      : labelSelector(ctx, spec.podSelector, ['spec', 'podSelector']);
  const ingress = policyRules(ctx, spec.ingress, ['spec', 'ingress'], 'from');
  const egress = policyRules(ctx, spec.egress, ['spec', 'egress'], 'to');
  const typesRaw = ctx.optList(spec.policyTypes, ['spec', 'policyTypes'], 'a list containing Ingress and/or Egress');
  let policyTypes: PolicyType[];
  if (typesRaw && typesRaw.length > 0) {
    policyTypes = [];
    typesRaw.forEach((t, i) => {
      const s = ctx.str(t, ['spec', 'policyTypes', i], 'Ingress or Egress');
      if (s !== 'Ingress' && s !== 'Egress') ctx.fail(['spec', 'policyTypes', i], `unsupported value "${s}", expected Ingress or Egress`);
      if (!policyTypes.includes(s)) policyTypes.push(s);
    });
    policyTypes.sort();
  } else {
    // Documented default: Ingress always, Egress when the policy has any egress rules.
    policyTypes = egress.length > 0 ? ['Egress', 'Ingress'] : ['Ingress'];
  }
  return {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    podSelector,
    policyTypes,
    ingress,
    egress,
    policyTypesDeclared: !!typesRaw && typesRaw.length > 0,
  };
}

/** Validates one parsed document and returns its typed objects (a `List` yields several). */
function parseObject(raw: unknown, doc: number, locate: Locator, prefix: Array<string | number> = []): ParsedObject[] {
  const ctx = new Ctx(doc, (p) => locate([...prefix, ...p]));
  const o = ctx.obj(raw, [], 'a Kubernetes object with apiVersion, kind and metadata');
  const kind = ctx.str(ctx.required(o.kind, ['kind'], `an object kind (one of ${Object.keys(API_VERSIONS).join(', ')})`), ['kind'], 'an object kind');
  if (kind === 'List') {
    const items = ctx.list(ctx.required(o.items, ['items'], 'a list of objects'), ['items'], 'a list of objects');
    return items.flatMap((item, i) => parseObject(item, doc, locate, [...prefix, 'items', i]));
  }
  const expectedApi = API_VERSIONS[kind];
  if (expectedApi === undefined) {
    ctx.fail(['kind'], `unknown kind "${kind}", expected one of ${Object.keys(API_VERSIONS).join(', ')}`);
  }
  ctx.kind = kind;
  if (isPlainObject(o.metadata) && typeof o.metadata.name === 'string') ctx.name = o.metadata.name;
  const api = ctx.str(ctx.required(o.apiVersion, ['apiVersion'], `"${expectedApi}"`), ['apiVersion'], `"${expectedApi}"`);
  if (api !== expectedApi) {
    ctx.fail(['apiVersion'], `no matches for kind "${kind}" in version "${api}", expected "${expectedApi}"`);
  }
  ctx.known(o, [], ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  switch (kind) {
    case 'Namespace':
      return [{ kind, documentIndex: doc, value: parseNamespace(ctx, o) }];
    case 'Node':
      return [{ kind, documentIndex: doc, value: parseNode(ctx, o) }];
    case 'Pod':
      return [{ kind, documentIndex: doc, value: parsePod(ctx, o) }];
    case 'Service':
      return [{ kind, documentIndex: doc, value: parseService(ctx, o) }];
    case 'Deployment':
      return [{ kind, documentIndex: doc, value: parseDeployment(ctx, o) }];
    default:
      return [{ kind: 'NetworkPolicy', documentIndex: doc, value: parseNetworkPolicy(ctx, o) }];
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function tooLarge(bytes: number): ManifestError {
  return new ManifestError(`Manifest input is ${bytes} bytes; the limit is 1 MB (1,048,576 bytes)`);
}

function locatorFor(doc: Document, lc: LineCounter): Locator {
  return (path) => {
    // Point at the deepest existing node along the path (the key of a map entry, so the line names the field).
    let node: unknown = doc.contents;
    let best: unknown = node;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => (isNode(it.key) ? (it.key as { value?: unknown }).value === key : it.key === key));
        if (!pair) break;
        if (isNode(pair.key)) best = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item: unknown = node.items[key];
        if (!isNode(item)) break;
        best = item;
        node = item;
      } else break;
    }
    const range = isNode(best) ? best.range : undefined;
    if (!range) return null;
    const pos = lc.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
}

/** Parses manifest input (YAML text, one object, or an array of objects) into validated, unallocated objects. */
export function parseManifests(input: unknown): ParsedObject[] {
  if (typeof input === 'string') {
    const bytes = byteLength(input);
    if (bytes > MAX_MANIFEST_BYTES) throw tooLarge(bytes);
    const lc = new LineCounter();
    let docs: Document.Parsed[];
    try {
      docs = parseAllDocuments(input, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }) as unknown as Document.Parsed[];
    } catch (e) {
      throw new ManifestError(`invalid YAML: ${e instanceof Error ? e.message : String(e)}`, { documentIndex: 1 });
    }
    const out: ParsedObject[] = [];
    let n = 0;
    for (const doc of Array.from(docs)) {
      n++;
      const err = doc.errors[0];
      if (err) {
        const pos = lc.linePos(err.pos[0]);
        const msg = err.message.split('\n')[0] ?? err.message;
        throw new ManifestError(`invalid YAML: ${msg.replace(/ at line \d+, column \d+:?$/, '')}`, { documentIndex: n, line: pos.line, column: pos.col });
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        throw new ManifestError(`invalid YAML: ${e instanceof Error ? e.message : String(e)}`, { documentIndex: n });
      }
      if (value === null || value === undefined) continue; // empty document (e.g. a trailing ---)
      out.push(...parseObject(value, n, locatorFor(doc, lc)));
    }
    return out;
  }
  const noLocation: Locator = () => null;
  if (Array.isArray(input)) {
    checkObjectSize(input);
    const out: ParsedObject[] = [];
    input.forEach((item, i) => {
      if (item === null || item === undefined) return;
      out.push(...parseObject(item, i + 1, noLocation));
    });
    return out;
  }
  if (isPlainObject(input)) {
    checkObjectSize(input);
    return parseObject(input, 1, noLocation);
  }
  throw new ManifestError(`expected YAML text, a manifest object or an array of manifest objects, got ${describeValue(input)}`);
}

function checkObjectSize(input: unknown): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    throw new ManifestError('manifest objects must be plain JSON data (no cycles, no BigInt)');
  }
  if (text !== undefined) {
    const bytes = byteLength(text);
    if (bytes > MAX_MANIFEST_BYTES) throw tooLarge(bytes);
  }
}
