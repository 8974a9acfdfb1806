/**
 * One manifest object → a validated model, in the API server's order: resolve the kind (`no matches for
 * kind`), decode strictly (wrong types, unknown fields), apply the API's defaults, then validate with the
 * API server's rules and messages (kubernetes/kubernetes v1.35 pkg/apis/core/validation/validation.go,
 * pkg/apis/apps/validation, pkg/apis/networking/validation; see each function's comment). The first problem
 * found is thrown as a ManifestError naming the document, the line and column, and the API field path.
 *
 * This module dispatches by kind and validates Namespaces, Nodes and the stored kinds: kinds the simulator does
 * not model (ConfigMap, RBAC, StatefulSet, custom resources…) are checked up to their metadata (and a
 * StatefulSet's or ReplicaSet's pod template) and kept as StoredObjectModel. Pods and Deployments are in
 * manifest-workloads.ts, Services and NetworkPolicies in manifest-network.ts, the shared rules in
 * manifest-context.ts.
 */
import { lookupKind, servesVersion, splitApiVersion } from './api-resources.ts';
import type { KindInfo } from './api-resources.ts';
import { KIND_SCHEMAS, STORED_OBJECT, workloadSchema } from './api-schema.ts';
import { goJSON, goQuote, isDNS1123Label, isLabelValue, isQualifiedName, isValidCidrLegacy, parseCidrSloppy, parseIPv4Sloppy } from './api-validation.ts';
import { arr, Ctx, decodeOrThrow, has, isObj, metadata, obj, pathText, str, stored } from './manifest-context.ts';
import type { Obj, ObjectRef } from './manifest-context.ts';
import { ManifestError } from './manifest-error.ts';
import { parseNetworkPolicy, parseService } from './manifest-network.ts';
import { parseDaemonSet, parseDeployment, parsePod, podTemplate, workloadSelector } from './manifest-workloads.ts';
import type { FieldPath, Locator } from './manifest-yaml.ts';
import type { ParsedObject } from './manifest.ts';
import type { NamespaceModel, NodeModel, StoredObjectModel } from './types.ts';
import { parseGatewayObject, parseIngress, parseIngressClass } from './l7/manifest.ts';
import type { GatewayChannel } from './l7/crd-types.ts';
import { GATEWAY_API_GROUPS } from './l7/crds.ts';

/** Longest JSON of an object quoted in a `Object 'Kind' is missing in '…'` message. */
const MAX_QUOTED_OBJECT = 300;

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
    if (info.kind === 'StatefulSet') {
      // ValidateStatefulSetSpec: podManagementPolicy OrderedReady|Parallel; serviceName (optional since v1.29) names the governing Service.
      const pmp = str(spec.podManagementPolicy);
      if (pmp && pmp !== 'OrderedReady' && pmp !== 'Parallel') ctx.unsupported(['spec', 'podManagementPolicy'], pmp, ['OrderedReady', 'Parallel']);
      const serviceName = str(spec.serviceName);
      if (serviceName) ctx.check(['spec', 'serviceName'], serviceName, isDNS1123Label(serviceName));
      const out = stored(raw, info, md);
      out.statefulSet = {
        replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
        serviceName,
        templateLabels: tpl.labels,
        templateAnnotations: tpl.annotations,
        containers: tpl.spec.containers,
        ...(tpl.spec.nodeName ? { nodeName: tpl.spec.nodeName } : {}),
        ...(tpl.spec.hostNetwork ? { hostNetwork: true } : {}),
        ...(tpl.spec.dns ? { dns: tpl.spec.dns } : {}),
      };
      return out;
    }
  }
  return stored(raw, info, md);
}

/** Parsing options shared by the objects of one input. */
export interface ObjectOptions {
  /** `group/Kind` of custom resources that a CustomResourceDefinition in the input declares cluster-scoped. */
  clusterScoped: ReadonlySet<string>;
  /** Which Gateway API CRDs are installed (default standard): decides which fields a Gateway API object may have. */
  gatewayChannel?: GatewayChannel | 'none';
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
  if (GATEWAY_API_GROUPS.includes(info.group)) return [{ kind: 'Stored', documentIndex: doc, value: parseGatewayObject(ctx, ref, raw, info, options.gatewayChannel ?? 'standard') }];
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
    case 'DaemonSet':
      return [{ kind: 'DaemonSet', documentIndex: doc, value: parseDaemonSet(ctx, raw, info) }];
    case 'Ingress':
      return [{ kind: 'Stored', documentIndex: doc, value: parseIngress(ctx, raw, info) }];
    case 'IngressClass':
      return [{ kind: 'Stored', documentIndex: doc, value: parseIngressClass(ctx, raw, info) }];
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
