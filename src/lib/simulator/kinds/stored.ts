/**
 * Kinds the simulator stores but does not simulate (ClusterModel.storedObjects): ConfigMaps, Secrets,
 * ServiceAccounts, RBAC, PersistentVolumes and claims, CustomResourceDefinitions and custom resources.
 * Tables follow printers.go (printConfigMap, printSecret, printServiceAccount, printRoleBinding,
 * printClusterRoleBinding, printPersistentVolumeClaim, printPersistentVolume); kinds without a printer
 * (Roles, ClusterRoles, CRDs) get the API server's default table, NAME and CREATED AT; custom resources get
 * their CRD's additionalPrinterColumns, by default NAME and AGE. Describe texts follow describe.go, and
 * custom resources use its generic describer.
 *
 * As in every cluster, each namespace also holds a `default` ServiceAccount and the `kube-root-ca.crt`
 * ConfigMap (root-ca-cert-publisher); the simulator has no CA, so that ConfigMap's certificate is a stand-in.
 * Deleting them succeeds and their controllers put them back at once.
 */
import { evalJsonPath } from '../jsonpath.ts';
import { ageOf, base64, base64DecodedLength, FIXED_AGE, FIXED_TIMESTAMP, meta } from '../kubectl-format.ts';
import type { ClusterState } from '../state.ts';
import type { StoredObjectModel } from '../types.ts';
import { describeEvents, DescribeWriter, goList, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind, sortEntries } from './kind.ts';
import type { AnyKind, Column, Entry, KindDef } from './kind.ts';
import { ROOT_CA_CONFIGMAP } from './pods.ts';
import { GATEWAY_CRDS } from '../l7/crd-schema.ts';
import { installedGatewayCrds } from '../l7/crds.ts';

/** A stored object as listed, and whether a controller (not a manifest) made it. */
export interface StoredEntryValue {
  object: StoredObjectModel;
  /** Made by a controller (the default ServiceAccount, kube-root-ca.crt): deleting it has no lasting effect. */
  implicit: boolean;
}

import { DEFAULT_COREFILE } from '../dns/corefile.ts';

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
const STAND_IN_CA = '-----BEGIN CERTIFICATE-----\n(stand-in: the simulated cluster has no certificate authority)\n-----END CERTIFICATE-----\n';

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function implicitObjects(state: ClusterState, kind: 'ServiceAccount' | 'ConfigMap'): StoredObjectModel[] {
  // kubeadm's CoreDNS ConfigMap (dns/corefile.ts DEFAULT_COREFILE) comes with the implicit CoreDNS Deployment.
  const coredns = kind === 'ConfigMap' && state.deployments.get('kube-system/coredns')?.implicit ? [corednsConfigMap()] : [];
  return [...coredns, ...state.model.namespaces.map((ns): StoredObjectModel =>
    kind === 'ServiceAccount'
      ? { apiVersion: 'v1', kind, name: 'default', namespace: ns.name, labels: {}, annotations: {}, raw: { apiVersion: 'v1', kind, metadata: { name: 'default', namespace: ns.name } } }
      : {
          apiVersion: 'v1',
          kind,
          name: ROOT_CA_CONFIGMAP,
          namespace: ns.name,
          labels: {},
          annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION },
          raw: { apiVersion: 'v1', data: { 'ca.crt': STAND_IN_CA }, kind, metadata: { annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION }, name: ROOT_CA_CONFIGMAP, namespace: ns.name } },
        },
  )];
}

/** kube-system/coredns as kubeadm creates it (cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap). */
function corednsConfigMap(): StoredObjectModel {
  return { apiVersion: 'v1', kind: 'ConfigMap', name: 'coredns', namespace: 'kube-system', labels: {}, annotations: {}, raw: { apiVersion: 'v1', data: { Corefile: DEFAULT_COREFILE }, kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' } } };
}

/** Stored kinds with their own KindDef elsewhere (kinds/ingress.ts, kinds/gateway.ts). */
const L7_KINDS = ['Ingress|networking.k8s.io', 'IngressClass|networking.k8s.io', ...Object.entries(GATEWAY_CRDS).map(([kind, c]) => `${kind}|${c.group}`)];

/**
 * The Gateway API CRDs the cluster option gatewayChannel installs (l7/crds.ts), as CustomResourceDefinition objects:
 * names, scope and versions as the v1.6.1 files declare them (served and unserved); the openAPIV3Schema is left out.
 */
function gatewayCrds(state: ClusterState): StoredObjectModel[] {
  const channel = state.model.l7?.gatewayChannel;
  return installedGatewayCrds(channel).map(({ kind, crd: c }) => {
    const name = `${c.plural}.${c.group}`;
    const annotations = { ...c.annotations, 'gateway.networking.k8s.io/channel': channel ?? '' };
    const names = { ...(c.categories.length ? { categories: c.categories } : {}), kind, listKind: `${kind}List`, plural: c.plural, ...(c.shortNames.length ? { shortNames: c.shortNames } : {}), singular: c.singular };
    const versions = [...c.versions.map((v) => ({ name: v, served: true, storage: v === c.storageVersion })), ...(c.unservedVersions ?? []).map((v) => ({ name: v, served: false, storage: false }))];
    const spec = { group: c.group, names, scope: c.namespaced ? 'Namespaced' : 'Cluster', versions };
    return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name, namespace: '', labels: {}, annotations, raw: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { annotations, name }, spec } };
  });
}

/** The stored objects of one kind and group, with the controller-made ones of that kind, sorted. */
export function storedEntries(state: ClusterState, kind: string, group: string): Array<Entry<StoredEntryValue>> {
  const own = (state.model.storedObjects ?? []).filter((o) => o.kind === kind && groupOf(o.apiVersion) === group);
  const entries: Array<Entry<StoredEntryValue>> = own.map((o) => ({ namespace: o.namespace, name: o.name, labels: o.labels, value: { object: o, implicit: false } }));
  if (kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io') {
    const taken = new Set(own.map((o) => o.name));
    for (const o of gatewayCrds(state)) if (!taken.has(o.name)) entries.push({ namespace: '', name: o.name, labels: {}, value: { object: o, implicit: true } });
  }
  if (group === '' && (kind === 'ServiceAccount' || kind === 'ConfigMap')) {
    const taken = new Set(own.map((o) => `${o.namespace}/${o.name}`));
    for (const o of implicitObjects(state, kind)) if (!taken.has(`${o.namespace}/${o.name}`)) entries.push({ namespace: o.namespace, name: o.name, labels: o.labels, value: { object: o, implicit: true } });
  }
  return sortEntries(entries);
}

/** The stored object as `-o yaml` prints it: the manifest, with the metadata the API server adds. */
export function storedObject(o: StoredObjectModel): Record<string, unknown> {
  const raw = { ...o.raw };
  const metadata = { ...rec(raw.metadata), ...meta({ name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels: o.labels, annotations: o.annotations }) };
  if (!Object.keys(o.labels).length) delete metadata.labels;
  if (!Object.keys(o.annotations).length) delete metadata.annotations;
  raw.metadata = metadata;
  raw.apiVersion = o.apiVersion;
  raw.kind = o.kind;
  if (o.kind === 'Secret' && groupOf(o.apiVersion) === '') {
    // The API server folds stringData into data (base64) and defaults the type.
    const data: Record<string, unknown> = { ...rec(raw.data) };
    for (const [k, v] of Object.entries(rec(raw.stringData))) data[k] = base64(str(v));
    delete raw.stringData;
    if (Object.keys(data).length) raw.data = data;
    raw.type = str(raw.type) || 'Opaque';
  }
  return raw;
}

function dataKeys(o: StoredObjectModel, ...fields: string[]): string[] {
  const keys = new Set<string>();
  for (const f of fields) for (const k of Object.keys(rec(o.raw[f]))) keys.add(k);
  return [...keys];
}

function header(w: DescribeWriter, o: StoredObjectModel, withNamespace = true): void {
  w.write(0, `Name:\t${o.name}\n`);
  if (withNamespace) w.write(0, `Namespace:\t${o.namespace}\n`);
  printLabelsMultiline(w, 'Labels', o.labels);
  printAnnotationsMultiline(w, 'Annotations', o.annotations);
}

const sortStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function describeConfigMap(o: StoredObjectModel): string {
  const w = new DescribeWriter();
  header(w, o);
  w.write(0, '\nData\n====\n');
  const data = rec(o.raw.data);
  for (const k of Object.keys(data).sort(sortStrings)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${str(data[k])}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = rec(o.raw.binaryData);
  for (const k of Object.keys(binary).sort(sortStrings)) w.write(0, `${k}: ${base64DecodedLength(str(binary[k]))} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, []);
  return w.toString();
}

function describeSecret(o: StoredObjectModel): string {
  const w = new DescribeWriter();
  header(w, o);
  const type = str(o.raw.type) || 'Opaque';
  w.write(0, `\nType:\t${type}\n`);
  w.write(0, '\nData\n====\n');
  const data = rec(o.raw.data);
  const stringData = rec(o.raw.stringData);
  for (const k of dataKeys(o, 'data', 'stringData').sort(sortStrings)) {
    const bytes = k in stringData ? new TextEncoder().encode(str(stringData[k])).length : base64DecodedLength(str(data[k]));
    w.write(0, `${k}:\t${bytes} bytes\n`);
  }
  return w.toString();
}

function describeServiceAccount(o: StoredObjectModel): string {
  const w = new DescribeWriter();
  header(w, o);
  const pull = arr(o.raw.imagePullSecrets).map((s) => str(rec(s).name));
  if (pull.length === 0) w.write(0, 'Image pull secrets:\t<none>\n');
  else pull.forEach((n, i) => w.write(0, `${i === 0 ? 'Image pull secrets:' : '                   '}\t${n}\n`));
  describeEvents(w, []);
  return w.toString();
}

interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const strings = (v: unknown): string[] => arr(v).map(str);

/** rbac.BreakdownRule + CompactRules + SortableRuleSlice (kubectl pkg/util/rbac), as describe role prints rules. */
export function compactRules(rawRules: unknown[]): PolicyRule[] {
  const simple = new Map<string, PolicyRule>();
  const others: PolicyRule[] = [];
  for (const r of rawRules.map(rec)) {
    const verbs = strings(r.verbs);
    const names = strings(r.resourceNames);
    for (const group of strings(r.apiGroups)) {
      for (const resource of strings(r.resources)) {
        for (const verb of verbs) {
          for (const name of names.length ? names : [null]) {
            const key = JSON.stringify([group, resource, name]);
            const existing = simple.get(key);
            if (existing) {
              if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
            } else simple.set(key, { verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: name === null ? [] : [name], nonResourceURLs: [] });
          }
        }
      }
    }
    for (const url of strings(r.nonResourceURLs)) for (const verb of verbs) others.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  }
  const all = [...others, ...simple.values()];
  const text = (r: PolicyRule) => `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
  return all.map((r) => ({ r, t: text(r) })).sort((a, b) => sortStrings(a.t, b.t)).map((x) => x.r);
}

/** describe.go CombineResourceGroup: `pods`, `deployments.apps`, `pods/log`. */
function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const [first = '', sub] = (resources[0] as string).split(/\/(.*)/s);
  let combine = first;
  if (groups.length > 0 && groups[0] !== '') combine += `.${groups[0]}`;
  if (sub !== undefined) combine += `/${sub}`;
  return combine;
}

function describeRole(o: StoredObjectModel): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.name}\n`);
  printLabelsMultiline(w, 'Labels', o.labels);
  printAnnotationsMultiline(w, 'Annotations', o.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of compactRules(arr(o.raw.rules))) w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  return w.toString();
}

function describeBinding(o: StoredObjectModel): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.name}\n`);
  printLabelsMultiline(w, 'Labels', o.labels);
  printAnnotationsMultiline(w, 'Annotations', o.annotations);
  const ref = rec(o.raw.roleRef);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${str(ref.kind)}\n`);
  w.write(1, `Name:\t${str(ref.name)}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of arr(o.raw.subjects).map(rec)) w.write(1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
  return w.toString();
}

/** rbac.SubjectsStrings: users, groups and `namespace:name` service accounts of a binding. */
function subjects(o: StoredObjectModel, kind: 'User' | 'Group' | 'ServiceAccount'): string {
  return arr(o.raw.subjects)
    .map(rec)
    .filter((s) => str(s.kind) === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${str(s.namespace)}:${str(s.name)}` : str(s.name)))
    .join(', ');
}

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
function accessModes(v: unknown): string {
  const modes = strings(v);
  const out: string[] = [];
  if (modes.includes('ReadWriteOnce')) out.push('RWO');
  if (modes.includes('ReadOnlyMany')) out.push('ROX');
  if (modes.includes('ReadWriteMany')) out.push('RWX');
  if (modes.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** The storage class of a PVC or PV (spec.storageClassName, or the beta annotation). */
function storageClass(o: StoredObjectModel): string {
  const spec = rec(o.raw.spec);
  return str(o.annotations['volume.beta.kubernetes.io/storage-class']) || str(spec.storageClassName);
}

/** The phase of a claim: nothing provisions or binds volumes here, so a claim stays Pending unless its manifest says otherwise. */
function claimPhase(o: StoredObjectModel): string {
  return str(rec(o.raw.status).phase) || 'Pending';
}

function describeClaim(o: StoredObjectModel): string {
  const w = new DescribeWriter();
  const spec = rec(o.raw.spec);
  w.write(0, `Name:\t${o.name}\n`);
  w.write(0, `Namespace:\t${o.namespace}\n`);
  w.write(0, `StorageClass:\t${storageClass(o)}\n`);
  w.write(0, `Status:\t${claimPhase(o)}\n`);
  w.write(0, `Volume:\t${str(spec.volumeName)}\n`);
  printLabelsMultiline(w, 'Labels', o.labels);
  printAnnotationsMultiline(w, 'Annotations', o.annotations);
  w.write(0, `Finalizers:\t${goList(['kubernetes.io/pvc-protection'])}\n`);
  w.write(0, 'Capacity:\t\n');
  w.write(0, 'Access Modes:\t\n');
  if (str(spec.volumeMode)) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  w.write(0, 'Used By:\t<none>\n');
  describeEvents(w, []);
  return w.toString();
}

const age: Column<StoredEntryValue> = { header: 'AGE', cell: () => FIXED_AGE };
const name: Column<StoredEntryValue> = { header: 'NAME', cell: (e) => e.name };
const createdAt: Column<StoredEntryValue> = { header: 'CREATED AT', cell: () => FIXED_TIMESTAMP };

interface StoredSpec {
  kind: string;
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  columns: ReadonlyArray<Column<StoredEntryValue>>;
  describe?: (o: StoredObjectModel) => string;
}

function storedKind(spec: StoredSpec): AnyKind {
  const { describe, ...names } = spec;
  const def: KindDef<StoredEntryValue> = {
    ...names,
    source: 'stored',
    list: (state) => storedEntries(state, spec.kind, spec.group),
    object: (e) => storedObject(e.value.object),
  };
  if (describe) def.describe = (e: Entry<StoredEntryValue>) => describe(e.value.object);
  return defineKind(def);
}

/** The stored kinds kubectl has printers (or the default table) for. */
export const STORED_KINDS: readonly AnyKind[] = [
  storedKind({
    kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true,
    columns: [name, { header: 'DATA', cell: (e) => String(dataKeys(e.value.object, 'data', 'binaryData').length) }, age],
    describe: describeConfigMap,
  }),
  storedKind({
    kind: 'Secret', group: '', version: 'v1', plural: 'secrets', singular: 'secret', shortNames: [], namespaced: true,
    columns: [name, { header: 'TYPE', cell: (e) => str(e.value.object.raw.type) || 'Opaque' }, { header: 'DATA', cell: (e) => String(dataKeys(e.value.object, 'data', 'stringData').length) }, age],
    describe: describeSecret,
  }),
  storedKind({
    kind: 'ServiceAccount', group: '', version: 'v1', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true,
    columns: [name, { header: 'SECRETS', cell: (e) => String(arr(e.value.object.raw.secrets).length) }, age],
    describe: describeServiceAccount,
  }),
  storedKind({
    kind: 'PersistentVolumeClaim', group: '', version: 'v1', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true,
    columns: [
      name,
      { header: 'STATUS', cell: (e) => claimPhase(e.value.object) },
      { header: 'VOLUME', cell: (e) => str(rec(e.value.object.raw.spec).volumeName) },
      { header: 'CAPACITY', cell: (e) => (str(rec(e.value.object.raw.spec).volumeName) ? str(rec(rec(e.value.object.raw.status).capacity).storage) : '') },
      { header: 'ACCESS MODES', cell: (e) => (str(rec(e.value.object.raw.spec).volumeName) ? accessModes(rec(e.value.object.raw.status).accessModes) : '') },
      { header: 'STORAGECLASS', cell: (e) => storageClass(e.value.object) },
      { header: 'VOLUMEATTRIBUTESCLASS', cell: (e) => str(rec(e.value.object.raw.spec).volumeAttributesClassName) || '<unset>' },
      age,
      { header: 'VOLUMEMODE', wide: true, cell: (e) => str(rec(e.value.object.raw.spec).volumeMode) || '<unset>' },
    ],
    describe: describeClaim,
  }),
  storedKind({
    kind: 'PersistentVolume', group: '', version: 'v1', plural: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false,
    columns: [
      name,
      { header: 'CAPACITY', cell: (e) => str(rec(rec(e.value.object.raw.spec).capacity).storage) || '0' },
      { header: 'ACCESS MODES', cell: (e) => accessModes(rec(e.value.object.raw.spec).accessModes) },
      { header: 'RECLAIM POLICY', cell: (e) => str(rec(e.value.object.raw.spec).persistentVolumeReclaimPolicy) || 'Retain' },
      { header: 'STATUS', cell: (e) => str(rec(e.value.object.raw.status).phase) || 'Available' },
      { header: 'CLAIM', cell: (e) => { const c = rec(rec(e.value.object.raw.spec).claimRef); return str(c.name) ? `${str(c.namespace)}/${str(c.name)}` : ''; } },
      { header: 'STORAGECLASS', cell: (e) => storageClass(e.value.object) },
      { header: 'VOLUMEATTRIBUTESCLASS', cell: (e) => str(rec(e.value.object.raw.spec).volumeAttributesClassName) || '<unset>' },
      { header: 'REASON', cell: () => '' },
      age,
      { header: 'VOLUMEMODE', wide: true, cell: (e) => str(rec(e.value.object.raw.spec).volumeMode) || 'Filesystem' },
    ],
  }),
  storedKind({ kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', singular: 'role', shortNames: [], namespaced: true, columns: [name, createdAt], describe: describeRole }),
  storedKind({ kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], namespaced: false, columns: [name, createdAt], describe: describeRole }),
  ...(['RoleBinding', 'ClusterRoleBinding'] as const).map((kind) =>
    storedKind({
      kind, group: 'rbac.authorization.k8s.io', version: 'v1', plural: `${kind.toLowerCase()}s`, singular: kind.toLowerCase(), shortNames: [], namespaced: kind === 'RoleBinding',
      columns: [
        name,
        { header: 'ROLE', cell: (e) => `${str(rec(e.value.object.raw.roleRef).kind)}/${str(rec(e.value.object.raw.roleRef).name)}` },
        age,
        { header: 'USERS', wide: true, cell: (e) => subjects(e.value.object, 'User') },
        { header: 'GROUPS', wide: true, cell: (e) => subjects(e.value.object, 'Group') },
        { header: 'SERVICEACCOUNTS', wide: true, cell: (e) => subjects(e.value.object, 'ServiceAccount') },
      ],
      describe: describeBinding,
    }),
  ),
  storedKind({ kind: 'CustomResourceDefinition', group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false, columns: [name, createdAt] }),
];

/** apimachinery meta.UnsafeGuessKindToResource: `Widget` → `widgets`, `Policy` → `policies`, `Class` → `classes`. */
export function guessPlural(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

/** smartLabelFor (describe.go): `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`. */
export function smartLabel(field: string): string {
  if (!/^[\p{L}-]+$/u.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-+|[^A-Za-z-]+/g) ?? [field];
  const acronyms = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);
  return parts
    .filter((p) => p !== '_')
    .map((p) => (acronyms.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()))
    .join(' ');
}

function printUnstructured(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string, skip: Set<string>): void {
  for (const field of Object.keys(content).sort(sortStrings)) {
    const path = `${prefix}.${field}`;
    if (skip.has(path)) continue;
    const value = content[field];
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructured(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, path, skip);
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** Go's %v of a JSON scalar (nil prints as <nil>). */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort(sortStrings).map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

/** describe.go genericDescriber: name, namespace, labels, annotations, then every other field of the object. */
export function describeGeneric(object: Record<string, unknown>, o: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> }): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.name}\n`);
  w.write(0, `Namespace:\t${o.namespace}\n`);
  printLabelsMultiline(w, 'Labels', o.labels);
  printAnnotationsMultiline(w, 'Annotations', o.annotations);
  printUnstructured(w, 0, object, '', new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']));
  describeEvents(w, []);
  return w.toString();
}

/** What a CustomResourceDefinition says about the resources of its kind. */
interface CrdNames {
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  version: string;
  columns: Array<{ name: string; type: string; jsonPath: string; priority: number }> | null;
}

function crdNames(state: ClusterState, kind: string, group: string): CrdNames | null {
  for (const crd of state.model.storedObjects ?? []) {
    if (crd.kind !== 'CustomResourceDefinition') continue;
    const spec = rec(crd.raw.spec);
    const names = rec(spec.names);
    if (str(spec.group) !== group || str(names.kind) !== kind) continue;
    const versions = arr(spec.versions).map(rec);
    const served = versions.find((v) => v.storage === true) ?? versions[0] ?? {};
    const apc = arr(served.additionalPrinterColumns).map(rec);
    return {
      plural: str(names.plural) || guessPlural(kind),
      singular: str(names.singular) || kind.toLowerCase(),
      shortNames: strings(names.shortNames),
      namespaced: str(spec.scope) !== 'Cluster',
      version: str(served.name) || 'v1',
      columns: apc.length ? apc.map((c) => ({ name: str(c.name), type: str(c.type), jsonPath: str(c.jsonPath), priority: typeof c.priority === 'number' ? c.priority : 0 })) : null,
    };
  }
  return null;
}

/** One additionalPrinterColumns cell: a missing value is a nil cell, which kubectl prints empty. */
function crdCell(object: Record<string, unknown>, c: { type: string; jsonPath: string }): string {
  const value = evalJsonPath(`{${c.jsonPath}}`, object);
  if (value === null || value === '') return '';
  if (c.type === 'date') return ageOf(value);
  return value;
}

/** A kind for custom resources (or any other stored kind without a printer): names from its CRD when there is one. */
export function customKind(state: ClusterState, kind: string, group: string, sample: StoredObjectModel | undefined): AnyKind {
  const names = crdNames(state, kind, group);
  const columns: Array<Column<StoredEntryValue>> = names?.columns
    ? [name, ...names.columns.map((c): Column<StoredEntryValue> => ({ header: c.name.toUpperCase(), ...(c.priority > 0 ? { wide: true } : {}), cell: (e) => crdCell(storedObject(e.value.object), c) }))]
    : [name, age];
  return storedKind({
    kind,
    group,
    version: names?.version ?? (sample ? sample.apiVersion.slice(sample.apiVersion.indexOf('/') + 1) : 'v1'),
    plural: names?.plural ?? guessPlural(kind),
    singular: names?.singular ?? kind.toLowerCase(),
    shortNames: names?.shortNames ?? [],
    namespaced: names ? names.namespaced : (sample?.namespace ?? '') !== '',
    columns,
    describe: (o) => describeGeneric(storedObject(o), o),
  });
}

/** Every (kind, group) among the stored objects and CRDs that STORED_KINDS does not cover. */
export function customKinds(state: ClusterState): AnyKind[] {
  // StatefulSets are stored too, but have their own kind (kinds/statefulsets.ts).
  const known = new Set([...STORED_KINDS.map((k) => `${k.kind}|${k.group}`), 'StatefulSet|apps', ...L7_KINDS]);
  const seen = new Map<string, StoredObjectModel | undefined>();
  for (const o of state.model.storedObjects ?? []) {
    const key = `${o.kind}|${groupOf(o.apiVersion)}`;
    if (!known.has(key) && !seen.has(key)) seen.set(key, o);
    if (o.kind === 'CustomResourceDefinition') {
      const spec = rec(o.raw.spec);
      const k = `${str(rec(spec.names).kind)}|${str(spec.group)}`;
      if (str(rec(spec.names).kind) && !known.has(k) && !seen.has(k)) seen.set(k, undefined);
    }
  }
  return [...seen].map(([key, sample]) => {
    const [kind = '', group = ''] = key.split('|');
    return customKind(state, kind, group, sample);
  });
}
