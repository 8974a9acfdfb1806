/**
 * Manifest parsing and validation: YAML text (multi-document) or parsed objects → typed, unallocated models,
 * validated as a v1.35 API server validates them (see manifest-objects.ts). Every problem is reported as a
 * ManifestError naming the document, line/column (for text), the API field path and the API server's message.
 * Objects of kinds the simulator does not model are accepted and returned as `Stored` objects.
 */
import { kubectlTypeName, splitApiVersion } from './api-resources.ts';
import { ManifestError } from './manifest-error.ts';
import { clusterScopedCustomKinds, parseObject } from './manifest-objects.ts';
import { readYamlDocuments, YamlDocuments } from './manifest-yaml.ts';
import type { Locator } from './manifest-yaml.ts';
import type { GatewayChannel } from './l7/crd-types.ts';
import type { DaemonSetModel, DeploymentModel, NamespaceModel, NetworkPolicyModel, NodeModel, PodModel, ServiceModel, StoredObjectModel } from './types.ts';
import { utf8Length } from '../utf8-length.ts';

export { ManifestError } from './manifest-error.ts';
export type { ManifestErrorInit, ManifestErrorReason } from './manifest-error.ts';

/** Largest manifest input accepted, in bytes (1 MiB). */
export const MAX_MANIFEST_BYTES = 1_048_576;

/** A validated object from a manifest, not yet scheduled or given addresses. */
export type ParsedObject =
  | { kind: 'Namespace'; documentIndex: number; value: NamespaceModel }
  | { kind: 'Node'; documentIndex: number; value: NodeModel }
  | { kind: 'Pod'; documentIndex: number; value: PodModel }
  | { kind: 'Service'; documentIndex: number; value: ServiceModel }
  | { kind: 'Deployment'; documentIndex: number; value: DeploymentModel }
  | { kind: 'DaemonSet'; documentIndex: number; value: DaemonSetModel }
  | { kind: 'NetworkPolicy'; documentIndex: number; value: NetworkPolicyModel }
  | { kind: 'Stored'; documentIndex: number; value: StoredObjectModel };

/** Manifest input accepted by createCluster / parseManifests: YAML text, documents already read from text, one object, or objects. */
export type ManifestInput = string | YamlDocuments | Record<string, unknown> | ReadonlyArray<unknown>;

/** The kind and API group of an object as the API names them (`Deployment`/`apps`, `ConfigMap`/''). */
export function objectType(o: ParsedObject): { kind: string; group: string } {
  if (o.kind === 'Stored') return { kind: o.value.kind, group: splitApiVersion(o.value.apiVersion).group };
  const group = o.kind === 'Deployment' || o.kind === 'DaemonSet' ? 'apps' : o.kind === 'NetworkPolicy' ? 'networking.k8s.io' : '';
  return { kind: o.kind, group };
}

/**
 * An object's identity in the cluster, `Kind[.group]/namespace/name` (namespace '' for cluster-scoped kinds):
 * two objects with the same key are the same object, whatever their apiVersion.
 */
export function objectKey(o: ParsedObject): string {
  const { kind, group } = objectType(o);
  const namespace = 'namespace' in o.value ? o.value.namespace : '';
  return `${kind}${group && o.kind === 'Stored' ? `.${group}` : ''}/${namespace}/${o.value.name}`;
}

/** kubectl's name for an object in its output lines: `pod/web`, `deployment.apps/web`, `configmap/app-config`. */
export function kubectlName(o: ParsedObject): string {
  const { kind, group } = objectType(o);
  return `${kubectlTypeName(group, kind)}/${o.value.name}`;
}

/** The error for an object defined a second time in one input (the simulator's rule: one definition per object). */
export function duplicateObjectError(o: ParsedObject, firstDocument: number): ManifestError {
  const { kind, group } = objectType(o);
  return new ManifestError(`duplicate object, already defined in document ${firstDocument}`, {
    documentIndex: o.documentIndex,
    kind,
    group,
    name: o.value.name,
    path: 'metadata.name',
    reason: 'Conflict',
  });
}

function tooLarge(bytes: number): ManifestError {
  return new ManifestError(`Manifest input is ${bytes} bytes; the limit is 1 MB (1,048,576 bytes)`, { reason: 'Syntax' });
}

const noLocation: Locator = () => null;

/**
 * Parses manifest input (YAML text, documents already read from YAML text, one object, or an array of objects)
 * into validated, unallocated objects. Read documents give the same objects and errors as their text.
 */
export function parseManifests(input: unknown, parseOptions: { gatewayChannel?: GatewayChannel | 'none' } = {}): ParsedObject[] {
  let docs: Array<{ index: number; value: unknown; locate: Locator }>;
  if (typeof input === 'string') {
    const bytes = utf8Length(input);
    if (bytes > MAX_MANIFEST_BYTES) throw tooLarge(bytes);
    docs = readYamlDocuments(input);
  } else if (input instanceof YamlDocuments) {
    docs = [...input.documents];
  } else if (Array.isArray(input)) {
    checkObjectSize(input);
    docs = input.map((value: unknown, i) => ({ index: i + 1, value, locate: noLocation }));
  } else if (typeof input === 'object' && input !== null) {
    checkObjectSize(input);
    docs = [{ index: 1, value: input, locate: noLocation }];
  } else {
    throw new ManifestError(`expected YAML text, a manifest object or an array of manifest objects, got ${input === null ? 'null' : typeof input}`);
  }
  const present = docs.filter((d) => d.value !== null && d.value !== undefined); // empty documents (a trailing ---)
  const options = { clusterScoped: clusterScopedCustomKinds(present.map((d) => d.value)), ...(parseOptions.gatewayChannel ? { gatewayChannel: parseOptions.gatewayChannel } : {}) };
  if (!(input instanceof YamlDocuments)) return present.flatMap((d) => parseObject(d.value, d.index, d.locate, options));
  // Documents already read are the lab's: its evaluator hands over the same values for the pieces an edit did
  // not touch, so their objects are taken from the last parse (same value, number and options, same objects).
  const context = `${parseOptions.gatewayChannel ?? ''}|${[...options.clusterScoped].sort().join(',')}`;
  return present.flatMap((d) => {
    if (typeof d.value !== 'object' || d.value === null) return parseObject(d.value, d.index, d.locate, options);
    const kept = parsedDocuments.get(d.value);
    if (kept && kept.index === d.index && kept.context === context) return kept.objects;
    const objects = parseObject(d.value, d.index, d.locate, options);
    parsedDocuments.set(d.value, { index: d.index, context, objects });
    return objects;
  });
}

/**
 * The objects parsed from each read document's value (by identity), with the document's number and the parse's
 * options: parsing is a pure function of the three, and neither values nor objects are changed after it (the
 * cluster copies what it allocates into), so a value read once parses once while its number and options hold.
 */
const parsedDocuments = new WeakMap<object, { readonly index: number; readonly context: string; readonly objects: readonly ParsedObject[] }>();

function checkObjectSize(input: unknown): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch (e) {
    const deep = e instanceof RangeError;
    throw new ManifestError(deep ? 'manifest objects nest too deeply to be read' : 'manifest objects must be plain JSON data (no cycles, no BigInt)', { reason: 'Syntax' });
  }
  if (text !== undefined) {
    const bytes = utf8Length(text);
    if (bytes > MAX_MANIFEST_BYTES) throw tooLarge(bytes);
  }
}
