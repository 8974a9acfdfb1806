/**
 * One manifest object → a validated model, in the API server's order: resolve the kind (`no matches for
 * kind`), decode strictly (wrong types, unknown fields), apply the API's defaults, then validate with the
 * API server's rules and messages (kubernetes/kubernetes v1.35 pkg/apis/core/validation/validation.go,
 * pkg/apis/apps/validation, pkg/apis/networking/validation; see each function's comment). The first problem
 * found is thrown as a ManifestError naming the document, the line and column, and the API field path.
 *
 * Kinds the simulator does not model (ConfigMap, RBAC, StatefulSet, custom resources…) are checked up to their
 * metadata (and a StatefulSet's or ReplicaSet's pod template) and kept as StoredObjectModel.
 */
import { lookupKind, qualifiedKind, servesVersion, splitApiVersion } from './api-resources.ts';
import type { KindInfo, NameRule } from './api-resources.ts';
import { KIND_SCHEMAS, STORED_OBJECT, strictDecode, workloadSchema } from './api-schema.ts';
import type { GoType } from './api-schema.ts';
import { utf8Length } from '../utf8-length.ts';
import {
  GoStruct,
  errorBody,
  goJSON,
  goQuote,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  isStrictSubset,
  isValidCidrLegacy,
  isValidIP,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  parseCidrSloppy,
  parseIPv4Sloppy,
  supportedValues,
} from './api-validation.ts';
import type { FieldError, FieldErrorType } from './api-validation.ts';
import { ManifestError } from './manifest-error.ts';
import type { FieldPath, Locator } from './manifest-yaml.ts';
import type { ParsedObject } from './manifest.ts';
import { matchesSelector } from './selectors.ts';
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
  StoredObjectModel,
} from './types.ts';

type Obj = Record<string, unknown>;

/** Most replicas one Deployment may ask for in this simulator (the API server accepts any non-negative number). */
export const MAX_SIMULATED_REPLICAS = 100;

/** Most unknown fields a strict decoding error lists (the API server lists them all; hostile input has thousands). */
const MAX_LISTED_FIELDS = 20;

/** Longest JSON of an object quoted in a `Object 'Kind' is missing in '…'` message. */
const MAX_QUOTED_OBJECT = 300;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
// After strict decoding the types are known: these read a field, with Go's zero value for null or absent.
function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function has(v: unknown): boolean {
  return v !== null && v !== undefined;
}
/** A string field the API defaults when it is empty or absent. */
function orDefault(v: unknown, fallback: string): string {
  return str(v) || fallback;
}

/** `a.b[0].c` from ['a', 'b', 0, 'c'] (field.Path.String()). */
export function pathText(path: FieldPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/** Where an object sits in the input, and what it is (for messages). */
interface ObjectRef {
  doc: number;
  locate: Locator;
  /** Prefix of the object inside its document (['items', 3] for an item of a List). */
  prefix: FieldPath;
}

/** The validation context of one object: throws the API server's errors at exact locations. */
class Ctx {
  private readonly ref: ObjectRef;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  constructor(ref: ObjectRef, group: string, kind: string, name: string) {
    this.ref = ref;
    this.group = group;
    this.kind = kind;
    this.name = name;
  }

  private at(loc: FieldPath): { line: number | null; column: number | null } {
    const pos = this.ref.locate([...this.ref.prefix, ...loc]);
    return { line: pos?.line ?? null, column: pos?.column ?? null };
  }

  /** Throws a validation error (`<Kind> "<name>" is invalid: <field>: <body>`). */
  fail(loc: FieldPath, type: FieldErrorType, value: unknown, detail: string, field = pathText(loc)): never {
    const fe: FieldError = { type, field, value, detail };
    const body = errorBody(fe);
    throw new ManifestError(`${qualifiedKind(this.group, this.kind)} ${goQuote(this.name)} is invalid: ${field}: ${body}`, {
      documentIndex: this.ref.doc,
      ...this.at(loc),
      path: field,
      kind: this.kind,
      group: this.group,
      name: this.name,
      reason: 'Invalid',
      complete: true,
    });
  }
  invalid(loc: FieldPath, value: unknown, detail: string, field?: string): never {
    return this.fail(loc, 'Invalid value', value, detail, field);
  }
  required(loc: FieldPath, detail = '', field?: string): never {
    return this.fail(loc, 'Required value', undefined, detail, field);
  }
  unsupported(loc: FieldPath, value: unknown, values: readonly string[], field?: string): never {
    return this.fail(loc, 'Unsupported value', value, supportedValues(values), field);
  }
  forbidden(loc: FieldPath, detail: string, field?: string): never {
    return this.fail(loc, 'Forbidden', undefined, detail, field);
  }
  duplicate(loc: FieldPath, value: unknown, field?: string): never {
    return this.fail(loc, 'Duplicate value', value, '', field);
  }
  /** Throws the first message of a format check, as `Invalid value`. */
  check(loc: FieldPath, value: unknown, messages: string[], field?: string): void {
    const first = messages[0];
    if (first !== undefined) this.invalid(loc, value, first, field);
  }
  /** A simulator limit (the API server would accept the value): said plainly, not dressed as API validation. */
  limit(loc: FieldPath, detail: string): never {
    const field = pathText(loc);
    throw new ManifestError(`${qualifiedKind(this.group, this.kind)} ${goQuote(this.name)}: ${field}: ${detail}`, {
      documentIndex: this.ref.doc,
      ...this.at(loc),
      path: field,
      kind: this.kind,
      group: this.group,
      name: this.name,
      reason: 'Invalid',
      complete: true,
    });
  }
}

function nameMessages(rule: NameRule, name: string): string[] {
  switch (rule) {
    case 'label':
      return isDNS1123Label(name);
    case 'dns1035':
      return isDNS1035Label(name);
    case 'path-segment':
      return isValidPathSegmentName(name);
    default:
      return isDNS1123Subdomain(name);
  }
}

/** `ValidateLabels` (meta/v1/validation): keys are qualified names, values label values; errors name the map. */
function labels(ctx: Ctx, v: unknown, loc: FieldPath, field = pathText(loc)): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, raw] of Object.entries(obj(v))) {
    const value = str(raw);
    ctx.check([...loc, k], k, isQualifiedName(k), field);
    ctx.check([...loc, k], value, isLabelValue(value), field);
    out[k] = value;
  }
  return out;
}

/** `ValidateAnnotations` (apimachinery pkg/api/validation/objectmeta.go): lower-cased keys are qualified names; 256 KiB in all. */
function annotations(ctx: Ctx, v: unknown, loc: FieldPath): Record<string, string> {
  const out: Record<string, string> = {};
  let size = 0;
  for (const [k, raw] of Object.entries(obj(v))) {
    const value = str(raw);
    ctx.check([...loc, k], k, isQualifiedName(k.toLowerCase()), pathText(loc));
    size += utf8Length(k) + utf8Length(value);
    out[k] = value;
  }
  if (size > 256 * 1024) ctx.fail(loc, 'Too long', undefined, `may not be more than ${256 * 1024} bytes`);
  return out;
}

interface Meta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** `ValidateObjectMetaAccessor`: name (by the kind's rule), namespace (DNS label; cleared for cluster-scoped kinds), labels, annotations. */
function metadata(ctx: Ctx, raw: Obj, info: KindInfo): Meta {
  const md = obj(raw.metadata);
  const name = str(md.name);
  if (name === '') ctx.required(has(raw.metadata) ? ['metadata', 'name'] : ['metadata'], 'name or generateName is required', 'metadata.name');
  ctx.check(['metadata', 'name'], name, nameMessages(info.nameRule, name));
  let namespace = '';
  if (info.namespaced) {
    namespace = str(md.namespace) || 'default';
    ctx.check(['metadata', 'namespace'], namespace, isDNS1123Label(namespace));
  }
  return { name, namespace, labels: labels(ctx, md.labels, ['metadata', 'labels']), annotations: annotations(ctx, md.annotations, ['metadata', 'annotations']) };
}

/** `ValidateLabelSelector` (meta/v1/validation). */
function labelSelector(ctx: Ctx, v: unknown, loc: FieldPath): LabelSelector {
  const o = obj(v);
  const matchLabels = labels(ctx, o.matchLabels, [...loc, 'matchLabels']);
  const matchExpressions: LabelSelectorRequirement[] = arr(o.matchExpressions).map((e, i) => {
    const p = [...loc, 'matchExpressions', i];
    const r = obj(e);
    const key = str(r.key);
    const operator = str(r.operator);
    const values = arr(r.values).map(str);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) ctx.required([...p, 'values'], "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) ctx.forbidden([...p, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      ctx.invalid([...p, 'operator'], operator, 'not a valid selector operator');
    }
    ctx.check([...p, 'key'], key, isQualifiedName(key));
    values.forEach((value, j) => ctx.check([...p, 'values', j], value, isLabelValue(value)));
    return { key, operator: operator as LabelSelectorRequirement['operator'], values };
  });
  return { matchLabels, matchExpressions };
}

/** The protocols Services, container ports and policies accept (`supportedPortProtocols`, sets.List order). */
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** A port's protocol: TCP when unset (SetDefaults_ContainerPort/_Service: also when ""; a policy port only when absent). */
function protocol(ctx: Ctx, v: unknown, loc: FieldPath, policy = false): Protocol {
  const p = policy ? (has(v) ? str(v) : 'TCP') : orDefault(v, 'TCP');
  if (!PROTOCOLS.includes(p)) ctx.unsupported(loc, p, policy ? ['TCP', 'UDP', 'SCTP'] : PROTOCOLS);
  return p as Protocol;
}

/** `ValidatePortNumOrName`: an IntOrString port. */
function portNumOrName(ctx: Ctx, v: number | string, loc: FieldPath): void {
  if (typeof v === 'number') ctx.check(loc, v, isValidPortNum(v));
  else ctx.check(loc, v, isValidPortName(v));
}

const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
];
// validateVolumeSource names a few sources by other paths than their JSON keys.
const VOLUME_SOURCE_FIELD: Record<string, string> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };

/** `ValidateVolumes`: names are unique DNS labels and each volume has exactly one source. */
function volumes(ctx: Ctx, v: unknown, loc: FieldPath): Set<string> {
  const names = new Set<string>();
  arr(v).forEach((item, i) => {
    const p = [...loc, i];
    const vol = obj(item);
    const sources = VOLUME_SOURCES.filter((s) => has(vol[s]));
    if (sources.length === 0) ctx.required(p, 'must specify a volume type');
    const second = sources[1];
    if (second !== undefined) ctx.forbidden([...p, second], 'may not specify more than 1 volume type', pathText([...p, VOLUME_SOURCE_FIELD[second] ?? second]));
    const name = str(vol.name);
    if (name === '') ctx.required([...p, 'name']);
    ctx.check([...p, 'name'], name, isDNS1123Label(name));
    if (names.has(name)) ctx.duplicate([...p, 'name'], name);
    names.add(name);
  });
  return names;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map(str) : undefined;
}

/** `validateContainerCommon`: name, image, terminationMessagePolicy, ports, volumeMounts, imagePullPolicy. */
function container(ctx: Ctx, c: Obj, p: FieldPath, vols: Set<string>): ContainerModel {
  const name = str(c.name);
  if (name === '') ctx.required([...p, 'name']);
  ctx.check([...p, 'name'], name, isDNS1123Label(name));
  const image = str(c.image);
  if (image === '') ctx.required([...p, 'image']);
  const terminationMessagePolicy = orDefault(c.terminationMessagePolicy, 'File');
  if (!TERMINATION_MESSAGE_POLICIES.includes(terminationMessagePolicy)) ctx.unsupported([...p, 'terminationMessagePolicy'], terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES);
  const portNames = new Set<string>();
  const ports: ContainerPort[] = arr(c.ports).map((item, j) => {
    const pp = [...p, 'ports', j];
    const po = obj(item);
    const portName = str(po.name);
    if (portName !== '') {
      ctx.check([...pp, 'name'], portName, isValidPortName(portName));
      if (portNames.has(portName)) ctx.duplicate([...pp, 'name'], portName);
      portNames.add(portName);
    }
    const containerPort = typeof po.containerPort === 'number' ? po.containerPort : 0;
    if (containerPort === 0) ctx.required([...pp, 'containerPort']);
    ctx.check([...pp, 'containerPort'], containerPort, isValidPortNum(containerPort));
    if (typeof po.hostPort === 'number' && po.hostPort !== 0) ctx.check([...pp, 'hostPort'], po.hostPort, isValidPortNum(po.hostPort));
    const out: ContainerPort = { containerPort, protocol: protocol(ctx, po.protocol, [...pp, 'protocol']) };
    if (portName !== '') out.name = portName;
    return out;
  });
  const mountPaths = new Set<string>();
  arr(c.volumeMounts).forEach((item, j) => {
    const mp = [...p, 'volumeMounts', j];
    const m = obj(item);
    const mountName = str(m.name);
    if (mountName === '') ctx.required([...mp, 'name']);
    if (!vols.has(mountName)) ctx.fail([...mp, 'name'], 'Not found', mountName, '');
    const mountPath = str(m.mountPath);
    if (mountPath === '') ctx.required([...mp, 'mountPath']);
    if (mountPaths.has(mountPath)) ctx.invalid([...mp, 'mountPath'], mountPath, 'must be unique');
    mountPaths.add(mountPath);
  });
  const pullPolicy = orDefault(c.imagePullPolicy, 'IfNotPresent');
  if (!PULL_POLICIES.includes(pullPolicy)) ctx.unsupported([...p, 'imagePullPolicy'], pullPolicy, PULL_POLICIES);
  const out: ContainerModel = { name, image, ports };
  const command = stringList(c.command);
  const args = stringList(c.args);
  if (command) out.command = command;
  if (args) out.args = args;
  return out;
}

interface PodSpecModel {
  containers: ContainerModel[];
  nodeName: string;
  hostname?: string;
  subdomain?: string;
  restartPolicy: string;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/**
 * `ValidatePodSpec` (the parts a manifest can get wrong): volumes, containers, init containers, host ports,
 * restartPolicy, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostname, subdomain. `isPod` is false
 * for pod templates (hostPort rules differ; ephemeral containers are refused with another message).
 */
function podSpec(ctx: Ctx, spec: Obj, loc: FieldPath, isPod: boolean): PodSpecModel {
  const vols = volumes(ctx, spec.volumes, [...loc, 'volumes']);
  const list = arr(spec.containers);
  if (list.length === 0) ctx.required([...loc, 'containers']);
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  const hostNetwork = spec.hostNetwork === true;
  // validatePodHostNetworkDeps (regular containers only) and checkHostPortConflicts.
  const checkHostPorts = (c: Obj, p: FieldPath, seen: Set<string>, regular: boolean): void => {
    arr(c.ports).forEach((item, j) => {
      const po = obj(item);
      const cp = typeof po.containerPort === 'number' ? po.containerPort : 0;
      // SetDefaults_PodSpec: with hostNetwork, an unset hostPort becomes the containerPort.
      const hp = typeof po.hostPort === 'number' && po.hostPort !== 0 ? po.hostPort : hostNetwork ? cp : 0;
      if (regular && hostNetwork && hp !== cp) ctx.invalid([...p, 'ports', j, 'hostPort'], hp, 'must match `containerPort` when `hostNetwork` is true');
      if (hp === 0) return;
      const key = `${orDefault(po.protocol, 'TCP')}/${str(po.hostIP)}/${hp}`;
      if (seen.has(key)) ctx.duplicate([...p, 'ports', j, 'hostPort'], key);
      seen.add(key);
    });
  };
  const containers = list.map((item, i) => {
    const p = [...loc, 'containers', i];
    const c = obj(item);
    const model = container(ctx, c, p, vols);
    if (names.has(model.name)) ctx.duplicate([...p, 'name'], model.name);
    names.add(model.name);
    if (has(c.restartPolicy)) ctx.forbidden([...p, 'restartPolicy'], 'may not be set for non-init containers');
    return model;
  });
  containers.forEach((_c, i) => checkHostPorts(obj(list[i]), [...loc, 'containers', i], hostPorts, true));
  arr(spec.initContainers).forEach((item, i) => {
    const p = [...loc, 'initContainers', i];
    const c = obj(item);
    const model = container(ctx, c, p, vols);
    let restartAlways = false;
    if (has(c.restartPolicy)) {
      if (str(c.restartPolicy) !== 'Always') ctx.unsupported([...p, 'restartPolicy'], str(c.restartPolicy), ['Always']);
      restartAlways = true;
    }
    if (names.has(model.name)) ctx.duplicate([...p, 'name'], model.name);
    names.add(model.name);
    checkHostPorts(c, p, new Set(), false);
    if (!restartAlways) {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (has(c[f])) ctx.forbidden([...p, f], 'may not be set for init containers without restartPolicy=Always');
      }
    }
  });
  if (arr(spec.ephemeralContainers).length > 0) {
    ctx.forbidden([...loc, 'ephemeralContainers'], isPod ? 'cannot be set on create' : 'ephemeral containers not allowed in pod template');
  }
  const restartPolicy = orDefault(spec.restartPolicy, 'Always');
  if (!RESTART_POLICIES.includes(restartPolicy)) ctx.unsupported([...loc, 'restartPolicy'], restartPolicy, RESTART_POLICIES);
  const dnsPolicy = orDefault(spec.dnsPolicy, 'ClusterFirst');
  if (!DNS_POLICIES.includes(dnsPolicy)) ctx.unsupported([...loc, 'dnsPolicy'], dnsPolicy, DNS_POLICIES);
  if (dnsPolicy === 'None' && !has(spec.dnsConfig)) ctx.required([...loc, 'dnsConfig'], 'must provide `dnsConfig` when `dnsPolicy` is None');
  labels(ctx, spec.nodeSelector, [...loc, 'nodeSelector']);
  const serviceAccountName = str(spec.serviceAccountName);
  if (serviceAccountName) ctx.check([...loc, 'serviceAccountName'], serviceAccountName, isDNS1123Subdomain(serviceAccountName));
  const nodeName = str(spec.nodeName);
  if (nodeName) ctx.check([...loc, 'nodeName'], nodeName, isDNS1123Subdomain(nodeName));
  const out: PodSpecModel = { containers, nodeName, restartPolicy };
  if (has(spec.hostname) && str(spec.hostname) !== '') {
    ctx.check([...loc, 'hostname'], str(spec.hostname), isDNS1123Label(str(spec.hostname)));
    out.hostname = str(spec.hostname);
  }
  if (has(spec.subdomain) && str(spec.subdomain) !== '') {
    ctx.check([...loc, 'subdomain'], str(spec.subdomain), isDNS1123Label(str(spec.subdomain)));
    out.subdomain = str(spec.subdomain);
  }
  return out;
}

/** `ValidatePodTemplateSpec`: template labels and annotations (reported at `spec.template.labels`), then the pod spec. */
function podTemplate(ctx: Ctx, tpl: Obj, loc: FieldPath): { labels: Record<string, string>; annotations: Record<string, string>; spec: PodSpecModel } {
  const tmd = obj(tpl.metadata);
  const templateLabels = labels(ctx, tmd.labels, [...loc, 'metadata', 'labels'], pathText([...loc, 'labels']));
  const templateAnnotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(tmd.annotations))) {
    ctx.check([...loc, 'metadata', 'annotations', k], k, isQualifiedName(k.toLowerCase()), pathText([...loc, 'annotations']));
    templateAnnotations[k] = str(v);
  }
  const spec = podSpec(ctx, obj(tpl.spec), [...loc, 'spec'], false);
  return { labels: templateLabels, annotations: templateAnnotations, spec };
}

/** The selector of a workload: required, valid, non-empty (with the kind's own message), matching the template labels. */
function workloadSelector(ctx: Ctx, spec: Obj, emptyMessage: string): LabelSelector {
  if (!has(spec.selector)) ctx.required(['spec', 'selector']);
  const selector = labelSelector(ctx, spec.selector, ['spec', 'selector']);
  if (Object.keys(selector.matchLabels).length + selector.matchExpressions.length === 0) {
    ctx.invalid(['spec', 'selector'], new GoStruct({}), emptyMessage);
  }
  const templateLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(obj(obj(spec.template).metadata).labels))) templateLabels[k] = str(v);
  if (!matchesSelector(selector, templateLabels)) {
    ctx.invalid(['spec', 'template', 'metadata', 'labels'], templateLabels, '`selector` does not match template `labels`');
  }
  return selector;
}

const PHASES: PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** ValidatePodCreate (metadata, pod spec) plus what the simulator reads from status and deletionTimestamp. */
function parsePod(ctx: Ctx, raw: Obj, info: KindInfo): PodModel {
  const md = metadata(ctx, raw, info);
  const spec = podSpec(ctx, obj(raw.spec), ['spec'], true);
  // The API server resets status on create; the simulator reads it as the scenario's state.
  const status = obj(raw.status);
  const phase = (has(status.phase) ? str(status.phase) : 'Running') as PodPhase;
  if (!PHASES.includes(phase)) ctx.unsupported(['status', 'phase'], phase, PHASES);
  let ip = str(status.podIP);
  if (ip) {
    ctx.check(['status', 'podIP'], ip, isValidIP(ip));
    const v4 = parseIPv4Sloppy(ip);
    if (!v4) ctx.limit(['status', 'podIP'], `this simulated cluster is IPv4 single-stack, expected an IPv4 address, got "${ip}"`);
    ip = v4.join('.');
  }
  let readyCondition = true;
  for (const c of arr(status.conditions)) {
    const co = obj(c);
    if (co.type === 'Ready' && co.status === 'False') readyCondition = false;
  }
  const pod: PodModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    nodeName: spec.nodeName,
    ip,
    phase,
    ready: phase === 'Running' && readyCondition,
    containers: spec.containers,
    implicit: false,
  };
  if (spec.hostname !== undefined) pod.hostname = spec.hostname;
  if (spec.subdomain !== undefined) pod.subdomain = spec.subdomain;
  if (has(obj(raw.metadata).deletionTimestamp)) pod.terminating = true;
  return pod;
}

/** ValidateNamespace: a DNS-label name; the API server adds the kubernetes.io/metadata.name label. */
function parseNamespace(ctx: Ctx, raw: Obj, info: KindInfo): NamespaceModel {
  const md = metadata(ctx, raw, info);
  arr(obj(raw.spec).finalizers).forEach((f, i) => ctx.check(['spec', 'finalizers', i], str(f), isQualifiedName(str(f))));
  return { name: md.name, labels: { ...md.labels, 'kubernetes.io/metadata.name': md.name }, annotations: md.annotations, implicit: false };
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateNode: metadata, taints (validateNodeTaints), podCIDRs (valid CIDRs); status addresses are the scenario's. */
function parseNode(ctx: Ctx, raw: Obj, info: KindInfo): NodeModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  arr(spec.taints).forEach((t, i) => {
    const p = ['spec', 'taints', i];
    const taint = obj(t);
    ctx.check([...p, 'key'], str(taint.key), isQualifiedName(str(taint.key)), pathText(['metadata', 'taints', i, 'key']));
    ctx.check([...p, 'value'], str(taint.value), isLabelValue(str(taint.value)), pathText(['metadata', 'taints', i, 'value']));
    const effect = str(taint.effect);
    if (effect === '') ctx.required([...p, 'effect'], '', pathText(['metadata', 'taints', i, 'effect']));
    if (!TAINT_EFFECTS.includes(effect)) ctx.unsupported([...p, 'effect'], effect, TAINT_EFFECTS, pathText(['metadata', 'taints', i, 'effect']));
  });
  // Convert_v1_NodeSpec_To_core_NodeSpec: podCIDR alone becomes podCIDRs[0].
  const cidrs = arr(spec.podCIDRs).length > 0 ? arr(spec.podCIDRs).map(str) : str(spec.podCIDR) ? [str(spec.podCIDR)] : [];
  const cidrLoc = (i: number): FieldPath => (arr(spec.podCIDRs).length > 0 ? ['spec', 'podCIDRs', i] : ['spec', 'podCIDR']);
  cidrs.forEach((c, i) => ctx.check(cidrLoc(i), c, isValidCidrLegacy(c), `spec.podCIDRs[${i}]`));
  let podCIDR = '';
  const first = cidrs[0];
  if (first !== undefined) {
    const parsed = parseCidrSloppy(first);
    if (!parsed || parsed.v6) ctx.limit(cidrLoc(0), `this simulated cluster is IPv4 single-stack, expected an IPv4 CIDR such as 10.244.1.0/24, got "${first}"`);
    podCIDR = first;
  }
  let internalIP = '';
  arr(obj(raw.status).addresses).forEach((a, i) => {
    const ao = obj(a);
    if (ao.type !== 'InternalIP') return;
    const ip = str(ao.address);
    const v4 = parseIPv4Sloppy(ip);
    if (!v4) ctx.limit(['status', 'addresses', i, 'address'], `this simulated cluster is IPv4 single-stack, expected an IPv4 InternalIP, got "${ip}"`);
    internalIP = v4.join('.');
  });
  return { name: md.name, labels: { 'kubernetes.io/hostname': md.name, 'kubernetes.io/os': 'linux', ...md.labels }, annotations: md.annotations, podCIDR, internalIP, implicit: false };
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
/** The NodePort range of a default API server (--service-node-port-range). */
const NODE_PORT_RANGE = { min: 30000, max: 32767 };

/** The result of parsing a Service: modelled, or stored (ExternalName Services are not simulated). */
type ServiceResult = { kind: 'Service'; value: ServiceModel } | { kind: 'Stored'; value: StoredObjectModel };

/**
 * ValidateService (validation.go) with SetDefaults_Service's defaults, then what allocation refuses
 * (nodePort range: pkg/registry/core/service/portallocator; a second IP family: single-stack IPv4 cluster).
 */
function parseService(ctx: Ctx, raw: Obj, info: KindInfo): ServiceResult {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const type = orDefault(spec.type, 'ClusterIP');
  let clusterIP = str(spec.clusterIP);
  const clusterIPs = arr(spec.clusterIPs).map(str);
  if (!clusterIP && clusterIPs[0]) clusterIP = clusterIPs[0]; // normalizeClusterIPs: clusterIP follows clusterIPs[0]
  const ipsLoc: FieldPath = has(spec.clusterIP) ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs'];
  const headless = clusterIP === 'None';
  const portsRaw = arr(spec.ports);
  if (portsRaw.length === 0 && !headless && type !== 'ExternalName') ctx.required(['spec', 'ports']);
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    ctx.invalid(ipsLoc, 'None', `may not be set to 'None' for ${type} services`, 'spec.clusterIPs[0]');
  }
  if (type === 'ExternalName') {
    if (clusterIP !== '') ctx.forbidden(ipsLoc, 'may not be set for ExternalName services', 'spec.clusterIPs');
    if (arr(spec.ipFamilies).length > 0) ctx.forbidden(['spec', 'ipFamilies'], 'may not be set for ExternalName services');
    if (has(spec.ipFamilyPolicy)) ctx.forbidden(['spec', 'ipFamilyPolicy'], 'may not be set for ExternalName services');
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname === '') ctx.required(['spec', 'externalName']);
    ctx.check(['spec', 'externalName'], cname, isDNS1123Subdomain(cname));
  }
  const names = new Set<string>();
  const ports: ServicePortModel[] = portsRaw.map((item, i) => {
    const p = ['spec', 'ports', i];
    const o = obj(item);
    const name = str(o.name);
    if (portsRaw.length > 1 && name === '') ctx.required([...p, 'name']);
    if (name !== '') {
      ctx.check([...p, 'name'], name, isDNS1123Label(name));
      if (names.has(name)) ctx.duplicate([...p, 'name'], name);
      names.add(name);
    }
    const port = typeof o.port === 'number' ? o.port : 0;
    ctx.check([...p, 'port'], port, isValidPortNum(port));
    const proto = protocol(ctx, o.protocol, [...p, 'protocol']);
    // SetDefaults_Service: a targetPort of 0 or "" (or none) is the port.
    const tp = o.targetPort;
    const targetPort = tp === undefined || tp === null || tp === 0 || tp === '' ? port : (tp as number | string);
    portNumOrName(ctx, targetPort, [...p, 'targetPort']);
    if (has(o.appProtocol)) ctx.check([...p, 'appProtocol'], str(o.appProtocol), isQualifiedName(str(o.appProtocol)));
    const out: ServicePortModel = { port, targetPort, protocol: proto };
    if (name !== '') out.name = name;
    if (typeof o.nodePort === 'number' && o.nodePort !== 0) out.nodePort = o.nodePort; // 0 means unset
    return out;
  });
  const selector = has(spec.selector) ? labels(ctx, spec.selector, ['spec', 'selector']) : null;
  const affinity = orDefault(spec.sessionAffinity, 'None');
  if (!SESSION_AFFINITIES.includes(affinity)) ctx.unsupported(['spec', 'sessionAffinity'], affinity, SESSION_AFFINITIES);
  if (affinity === 'None' && has(spec.sessionAffinityConfig)) ctx.forbidden(['spec', 'sessionAffinityConfig'], 'must not be set when session affinity is None');
  // ValidateServiceClusterIPsRelatedFields
  if (type !== 'ExternalName') {
    if (has(spec.clusterIP) && clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
      ctx.invalid(['spec', 'clusterIPs'], clusterIPs, 'first value must match `clusterIP`');
    }
    const ips = clusterIPs.length > 0 ? clusterIPs : clusterIP ? [clusterIP] : [];
    ips.forEach((ip, i) => {
      if (i === 0 && ip === 'None') {
        if (ips.length > 1) ctx.invalid(['spec', 'clusterIPs'], ips, "'None' must be the first and only value");
        return;
      }
      ctx.check(clusterIPs.length > 0 ? ['spec', 'clusterIPs', i] : ['spec', 'clusterIP'], ip, isValidIP(ip), `spec.clusterIPs[${i}]`);
    });
    if (ips.length > 2) ctx.invalid(['spec', 'clusterIPs'], ips, 'may only hold up to 2 values');
  }
  arr(spec.externalIPs).forEach((ip, i) => ctx.check(['spec', 'externalIPs', i], str(ip), isValidIP(str(ip))));
  if (!SERVICE_TYPES.includes(type)) ctx.unsupported(['spec', 'type'], type, SERVICE_TYPES);
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort !== undefined) ctx.forbidden(['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'");
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort !== undefined) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(key)) ctx.duplicate(['spec', 'ports', i, 'nodePort'], p.nodePort);
      nodePorts.add(key);
    }
    const key = `${p.protocol}/${p.port}`;
    // The bad value is the internal core.ServicePort key {Protocol, Port} as json.Marshal renders it.
    if (portKeys.has(key)) ctx.duplicate(['spec', 'ports', i], new GoStruct({ Name: '', Protocol: p.protocol, AppProtocol: null, Port: p.port, TargetPort: 0, NodePort: 0 }));
    portKeys.add(key);
  });
  if (arr(spec.loadBalancerSourceRanges).length > 0) {
    if (type !== 'LoadBalancer') ctx.forbidden(['spec', 'loadBalancerSourceRanges'], "may only be used when `type` is 'LoadBalancer'", 'spec.LoadBalancerSourceRanges');
    // "due to a historical accident … these values are allowed to be space-padded" (ValidateService).
    arr(spec.loadBalancerSourceRanges).forEach((r, i) => ctx.check(['spec', 'loadBalancerSourceRanges', i], str(r).trim(), isValidCidrLegacy(str(r).trim()), `spec.LoadBalancerSourceRanges[${i}]`));
  }
  if (has(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    ctx.forbidden(['spec', 'allocateLoadBalancerNodePorts'], "may only be used when `type` is 'LoadBalancer'");
  }
  if (has(spec.loadBalancerClass)) {
    if (type === 'LoadBalancer') ctx.check(['spec', 'loadBalancerClass'], str(spec.loadBalancerClass), isQualifiedName(str(spec.loadBalancerClass)));
    else ctx.forbidden(['spec', 'loadBalancerClass'], "may only be used when `type` is 'LoadBalancer'");
  }
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  if (str(spec.externalTrafficPolicy) !== '') {
    const etp = str(spec.externalTrafficPolicy);
    if (!externallyAccessible && etp !== '') ctx.invalid(['spec', 'externalTrafficPolicy'], etp, 'may only be set for externally-accessible services');
    if (externallyAccessible && !TRAFFIC_POLICIES.includes(etp)) ctx.unsupported(['spec', 'externalTrafficPolicy'], etp, TRAFFIC_POLICIES);
  }
  if (has(spec.internalTrafficPolicy) && !TRAFFIC_POLICIES.includes(str(spec.internalTrafficPolicy))) {
    ctx.unsupported(['spec', 'internalTrafficPolicy'], str(spec.internalTrafficPolicy), TRAFFIC_POLICIES);
  }
  if (has(spec.trafficDistribution) && !TRAFFIC_DISTRIBUTIONS.includes(str(spec.trafficDistribution))) {
    ctx.unsupported(['spec', 'trafficDistribution'], str(spec.trafficDistribution), TRAFFIC_DISTRIBUTIONS);
  }
  if (type === 'ExternalName') {
    return { kind: 'Stored', value: stored(raw, info, md) };
  }
  // Allocation (the API server's registry): node ports inside the range, one IPv4 ClusterIP.
  ports.forEach((p, i) => {
    if (p.nodePort !== undefined && (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max)) {
      ctx.invalid(['spec', 'ports', i, 'nodePort'], p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);
    }
  });
  const families = clusterIPs.length > 0 ? clusterIPs : clusterIP && !headless ? [clusterIP] : [];
  families.forEach((ip, i) => {
    if (ip !== 'None' && !parseIPv4Sloppy(ip)) ctx.invalid(i === 0 ? ipsLoc : ['spec', 'clusterIPs', i], 'IPv6', 'not configured on this cluster', `spec.ipFamilies[${i}]`);
    if (i > 0) ctx.invalid(['spec', 'clusterIPs'], families, 'may specify no more than one IP for each IP family');
  });
  arr(spec.ipFamilies).forEach((f, i) => {
    if (str(f) === 'IPv6') ctx.invalid(['spec', 'ipFamilies', i], 'IPv6', 'not configured on this cluster');
    else if (str(f) !== 'IPv4') ctx.unsupported(['spec', 'ipFamilies', i], str(f), ['IPv4', 'IPv6']);
  });
  if (clusterIP && !headless) clusterIP = (parseIPv4Sloppy(clusterIP) ?? []).join('.');
  const lbIngress = arr(obj(obj(raw.status).loadBalancer).ingress);
  const loadBalancerIPs = lbIngress.map((x) => str(obj(x).ip)).filter((x) => x !== '');
  return {
    kind: 'Service',
    value: { name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, type: type as ServiceType, clusterIP, headless, selector, ports, loadBalancerIPs, implicit: false },
  };
}

const DEPLOYMENT_STRATEGIES = ['Recreate', 'RollingUpdate'];

/** ValidateDeployment / ValidateDeploymentSpec (pkg/apis/apps/validation) with SetDefaults_Deployment's defaults. */
function parseDeployment(ctx: Ctx, raw: Obj, info: KindInfo): DeploymentModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (replicas < 0) ctx.invalid(['spec', 'replicas'], replicas, 'must be greater than or equal to 0');
  const selector = workloadSelector(ctx, spec, 'empty selector is invalid for deployment');
  const tpl = podTemplate(ctx, obj(spec.template), ['spec', 'template']);
  if (tpl.spec.restartPolicy !== 'Always') ctx.unsupported(['spec', 'template', 'spec', 'restartPolicy'], tpl.spec.restartPolicy, ['Always']);
  if (has(obj(obj(spec.template).spec).activeDeadlineSeconds)) {
    ctx.forbidden(['spec', 'template', 'spec', 'activeDeadlineSeconds'], 'activeDeadlineSeconds in ReplicaSet is not Supported');
  }
  const strategy = obj(spec.strategy);
  const strategyType = orDefault(strategy.type, 'RollingUpdate');
  if (!DEPLOYMENT_STRATEGIES.includes(strategyType)) ctx.unsupported(['spec', 'strategy', 'type'], strategyType, DEPLOYMENT_STRATEGIES, 'spec.strategy');
  if (strategyType === 'Recreate' && has(strategy.rollingUpdate)) {
    ctx.forbidden(['spec', 'strategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'");
  }
  for (const f of ['minReadySeconds', 'revisionHistoryLimit']) {
    if (typeof spec[f] === 'number' && (spec[f] as number) < 0) ctx.invalid(['spec', f], spec[f], 'must be greater than or equal to 0');
  }
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (typeof spec.progressDeadlineSeconds === 'number') {
    if (spec.progressDeadlineSeconds < 0) ctx.invalid(['spec', 'progressDeadlineSeconds'], spec.progressDeadlineSeconds, 'must be greater than or equal to 0');
    if (spec.progressDeadlineSeconds <= minReady) ctx.invalid(['spec', 'progressDeadlineSeconds'], spec.progressDeadlineSeconds, 'must be greater than minReadySeconds');
  }
  if (replicas > MAX_SIMULATED_REPLICAS) ctx.limit(['spec', 'replicas'], `this simulator runs at most ${MAX_SIMULATED_REPLICAS} replicas per Deployment, got ${replicas}`);
  const out: DeploymentModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    replicas,
    selector,
    templateLabels: tpl.labels,
    templateAnnotations: tpl.annotations,
    containers: tpl.spec.containers,
    implicit: false,
  };
  if (tpl.spec.nodeName) out.nodeName = tpl.spec.nodeName;
  return out;
}

/** `ValidateIPBlock` (networking validation): cidr required and valid (legacy parsing), each except a strict subset. */
function ipBlock(ctx: Ctx, v: unknown, loc: FieldPath): IPBlockModel {
  const o = obj(v);
  const cidr = str(o.cidr);
  if (cidr === '') ctx.required([...loc, 'cidr']);
  ctx.check([...loc, 'cidr'], cidr, isValidCidrLegacy(cidr));
  const outer = parseCidrSloppy(cidr);
  const except = arr(o.except).map((e, i) => {
    const t = str(e);
    ctx.check([...loc, 'except', i], t, isValidCidrLegacy(t));
    const inner = parseCidrSloppy(t);
    if (outer && inner && !isStrictSubset(outer, inner)) ctx.invalid([...loc, 'except', i], t, 'must be a strict subset of `cidr`');
    return t;
  });
  return { cidr, except };
}

/** `ValidateNetworkPolicyPort`. */
function policyPort(ctx: Ctx, v: unknown, loc: FieldPath): PolicyPortModel {
  const po = obj(v);
  const out: PolicyPortModel = { protocol: protocol(ctx, po.protocol, [...loc, 'protocol'], true) };
  const endPort = typeof po.endPort === 'number' ? po.endPort : undefined;
  if (has(po.port)) {
    const port = po.port as number | string;
    if (typeof port === 'number') {
      ctx.check([...loc, 'port'], port, isValidPortNum(port));
      if (endPort !== undefined) {
        if (endPort < port) ctx.invalid([...loc, 'endPort'], endPort, 'must be greater than or equal to `port`');
        ctx.check([...loc, 'endPort'], endPort, isValidPortNum(endPort));
        out.endPort = endPort;
      }
    } else {
      if (endPort !== undefined) ctx.invalid([...loc, 'endPort'], endPort, 'may not be specified when `port` is non-numeric');
      ctx.check([...loc, 'port'], port, isValidPortName(port));
    }
    out.port = port;
  } else if (endPort !== undefined) {
    ctx.invalid([...loc, 'endPort'], endPort, 'may not be specified when `port` is not specified');
  }
  return out;
}

/** `ValidateNetworkPolicyPeer`. */
function policyPeer(ctx: Ctx, v: unknown, loc: FieldPath): PolicyPeerModel {
  const po = obj(v);
  const peer: PolicyPeerModel = {};
  if (has(po.podSelector)) peer.podSelector = labelSelector(ctx, po.podSelector, [...loc, 'podSelector']);
  if (has(po.namespaceSelector)) peer.namespaceSelector = labelSelector(ctx, po.namespaceSelector, [...loc, 'namespaceSelector']);
  if (has(po.ipBlock)) peer.ipBlock = ipBlock(ctx, po.ipBlock, [...loc, 'ipBlock']);
  const count = Number(!!peer.podSelector) + Number(!!peer.namespaceSelector) + Number(!!peer.ipBlock);
  if (count === 0) ctx.required(loc, 'must specify a peer');
  if (count > 1 && peer.ipBlock) ctx.forbidden(loc, 'may not specify both ipBlock and another peer');
  return peer;
}

function policyRules(ctx: Ctx, v: unknown, loc: FieldPath, peerField: 'from' | 'to'): PolicyRuleModel[] {
  return arr(v).map((r, i) => {
    const p = [...loc, i];
    const o = obj(r);
    const ports = arr(o.ports).map((x, j) => policyPort(ctx, x, [...p, 'ports', j]));
    const peersRaw = arr(o[peerField]);
    const peers = peersRaw.length > 0 ? peersRaw.map((x, j) => policyPeer(ctx, x, [...p, peerField, j])) : null;
    return { peers, ports };
  });
}

/** ValidateNetworkPolicy (pkg/apis/networking/validation) with SetDefaults_NetworkPolicy's policyTypes. */
function parseNetworkPolicy(ctx: Ctx, raw: Obj, info: KindInfo): NetworkPolicyModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const podSelector = labelSelector(ctx, spec.podSelector, ['spec', 'podSelector']);
  const ingress = policyRules(ctx, spec.ingress, ['spec', 'ingress'], 'from');
  const egress = policyRules(ctx, spec.egress, ['spec', 'egress'], 'to');
  const typesRaw = arr(spec.policyTypes).map(str);
  if (typesRaw.length > 2) ctx.invalid(['spec', 'policyTypes'], typesRaw, 'may not specify more than two policyTypes');
  typesRaw.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') ctx.unsupported(['spec', 'policyTypes', i], t, ['Ingress', 'Egress']);
  });
  let policyTypes: PolicyType[];
  if (typesRaw.length > 0) policyTypes = [...new Set(typesRaw as PolicyType[])].sort();
  else policyTypes = egress.length > 0 ? ['Egress', 'Ingress'] : ['Ingress']; // Ingress always; Egress when there are egress rules
  return { name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, podSelector, policyTypes, ingress, egress, policyTypesDeclared: typesRaw.length > 0 };
}

function stored(raw: Obj, info: KindInfo, md: Meta): StoredObjectModel {
  return { apiVersion: str(raw.apiVersion), kind: info.kind, name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, raw };
}

/**
 * An object the simulator stores without simulating it: metadata validated for every kind; the workloads
 * that will later run pods (ReplicaSet, StatefulSet) also get their selector and pod template checked
 * (ValidateReplicaSetSpec; ValidateStatefulSetSpec's selector, template labels and restartPolicy).
 */
function parseStored(ctx: Ctx, raw: Obj, info: KindInfo, ref: ObjectRef): StoredObjectModel {
  const md = metadata(ctx, raw, info);
  if (info.group === 'apps' && (info.kind === 'ReplicaSet' || info.kind === 'StatefulSet')) {
    const spec = obj(raw.spec);
    decodeOrThrow(ref, ctx, raw, workloadSchema(info.kind));
    if (typeof spec.replicas === 'number' && spec.replicas < 0) ctx.invalid(['spec', 'replicas'], spec.replicas, 'must be greater than or equal to 0');
    workloadSelector(ctx, spec, info.kind === 'ReplicaSet' ? 'empty selector is invalid for deployment' : 'empty selector is not valid for statefulset.');
    const tpl = podTemplate(ctx, obj(spec.template), ['spec', 'template']);
    if (tpl.spec.restartPolicy !== 'Always') ctx.unsupported(['spec', 'template', 'spec', 'restartPolicy'], tpl.spec.restartPolicy, ['Always']);
  }
  return stored(raw, info, md);
}

/** Throws the API server's decoding error for `value` (a type error first, else every unknown field). */
function decodeOrThrow(ref: ObjectRef, ctx: Ctx, value: unknown, schema: GoType): void {
  const { typeError, unknown } = strictDecode(value, schema);
  const first = typeError?.path ?? unknown[0];
  if (!first) return;
  const listed = unknown.slice(0, MAX_LISTED_FIELDS).map((p) => `unknown field ${goQuote(pathText(p))}`);
  if (unknown.length > MAX_LISTED_FIELDS) listed.push(`… (${unknown.length - MAX_LISTED_FIELDS} more)`);
  const detail = typeError ? typeError.message : `strict decoding error: ${listed.join(', ')}`;
  const { version } = splitApiVersion(str(obj(value).apiVersion) || 'v1');
  const pos = ref.locate([...ref.prefix, ...first]);
  throw new ManifestError(`${ctx.kind} in version ${goQuote(version)} cannot be handled as a ${ctx.kind}: ${detail}`, {
    documentIndex: ref.doc,
    line: pos?.line ?? null,
    column: pos?.column ?? null,
    path: pathText(first),
    kind: ctx.kind,
    group: ctx.group,
    name: ctx.name,
    reason: 'BadRequest',
    complete: true,
  });
}

/** Parsing options shared by the objects of one input. */
export interface ObjectOptions {
  /** `group/Kind` of custom resources that a CustomResourceDefinition in the input declares cluster-scoped. */
  clusterScoped: ReadonlySet<string>;
}

function decodeFailure(ref: ObjectRef, detail: string, loc: FieldPath = []): ManifestError {
  const pos = ref.locate([...ref.prefix, ...loc]);
  return new ManifestError(detail, { documentIndex: ref.doc, line: pos?.line ?? null, column: pos?.column ?? null, path: loc.length ? pathText(loc) : null, reason: 'Decode', complete: true });
}

function quotedJSON(v: unknown): string {
  const text = goJSON(v);
  return text.length > MAX_QUOTED_OBJECT ? `${text.slice(0, MAX_QUOTED_OBJECT)}…` : text;
}

/** Validates one document's object (a List yields its items) into ParsedObjects; throws ManifestError. */
export function parseObject(raw: unknown, doc: number, locate: Locator, options: ObjectOptions, prefix: FieldPath = []): ParsedObject[] {
  const ref: ObjectRef = { doc, locate, prefix };
  if (!isObj(raw)) {
    const what = Array.isArray(raw) ? 'array' : typeof raw === 'boolean' ? 'bool' : typeof raw;
    throw decodeFailure(ref, `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
  }
  const kind = raw.kind;
  if (typeof kind !== 'string' || kind === '') throw decodeFailure(ref, `Object 'Kind' is missing in '${quotedJSON(raw)}'`, has(kind) ? ['kind'] : []);
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
  if (kind.endsWith('List') && Array.isArray(raw.items)) {
    // A List (or a typed list such as PodList): its items, which inherit the list's type when they name none.
    const itemKind = kind.slice(0, -'List'.length);
    return raw.items.flatMap((item, i) => {
      const withType = isObj(item) && !has(item.kind) && !has(item.apiVersion) && kind !== 'List' ? { ...item, apiVersion, kind: itemKind } : item;
      return parseObject(withType, doc, locate, options, [...prefix, 'items', i]);
    });
  }
  const { group } = splitApiVersion(apiVersion);
  const info = lookupKind(apiVersion, kind, options.clusterScoped.has(`${group}/${kind}`));
  const name = str(obj(raw.metadata).name);
  if (!info) {
    const field = servesVersion(apiVersion) ? 'kind' : 'apiVersion';
    const pos = locate([...prefix, field]);
    throw new ManifestError(`no matches for kind ${goQuote(kind)} in version ${goQuote(apiVersion)}`, {
      documentIndex: doc,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: field,
      kind,
      group,
      name,
      reason: 'NoMatch',
      complete: true,
    });
  }
  const ctx = new Ctx(ref, info.group, info.kind, name);
  const simulated = info.group === '' || info.group === 'apps' || info.group === 'networking.k8s.io' ? KIND_SCHEMAS[info.kind] : undefined;
  decodeOrThrow(ref, ctx, raw, simulated ?? STORED_OBJECT);
  if (!simulated) return [{ kind: 'Stored', documentIndex: doc, value: parseStored(ctx, raw, info, ref) }];
  switch (info.kind) {
    case 'Namespace':
      return [{ kind: 'Namespace', documentIndex: doc, value: parseNamespace(ctx, raw, info) }];
    case 'Node':
      return [{ kind: 'Node', documentIndex: doc, value: parseNode(ctx, raw, info) }];
    case 'Pod':
      return [{ kind: 'Pod', documentIndex: doc, value: parsePod(ctx, raw, info) }];
    case 'Service': {
      const s = parseService(ctx, raw, info);
      return [s.kind === 'Service' ? { kind: 'Service', documentIndex: doc, value: s.value } : { kind: 'Stored', documentIndex: doc, value: s.value }];
    }
    case 'Deployment':
      return [{ kind: 'Deployment', documentIndex: doc, value: parseDeployment(ctx, raw, info) }];
    default:
      return [{ kind: 'NetworkPolicy', documentIndex: doc, value: parseNetworkPolicy(ctx, raw, info) }];
  }
}

/** `group/Kind` of every custom resource a CustomResourceDefinition among `values` declares with `scope: Cluster`. */
export function clusterScopedCustomKinds(values: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (!isObj(v)) return;
    if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
      v.items.forEach(visit);
      return;
    }
    if (v.kind !== 'CustomResourceDefinition') return;
    const spec = obj(v.spec);
    const crdKind = str(obj(spec.names).kind);
    if (spec.scope === 'Cluster' && crdKind) out.add(`${str(spec.group)}/${crdKind}`);
  };
  values.forEach(visit);
  return out;
}
