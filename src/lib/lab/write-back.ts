/**
 * Writing the terminal's changes back into the manifests. The editor's text is the lab's single source of
 * truth (it is what is saved, shared and reset), so when `kubectl delete` or `kubectl label` changes the
 * running cluster, the lab edits the text to match: the deleted object's document is removed, or the
 * object's `metadata.labels` are rewritten in place (other documents, comments and formatting untouched).
 *
 * Only changes to objects declared in the text can be written. A change the text cannot express (deleting
 * a Deployment's pod, which its ReplicaSet replaces; labelling the implicit `default` namespace or the
 * CoreDNS pods) is refused here, and the lab keeps it in the running cluster only, saying so. Every written
 * text is verified: it must rebuild a cluster with exactly the objects and labels of the changed one.
 */
import { isMap, isNode, parseAllDocuments, type Document } from 'yaml';
import { createCluster, parseManifests, type ClusterModel, type ParsedObject } from '../simulator/core.ts';

/** The outcome of writeBack: the new text, or why the change cannot be written. */
export type WriteBack = { readonly ok: true; readonly text: string; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

const AUTO_NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/** A text that changes exactly when the objects of a model or their labels change (IPs and specs ignored). */
export function modelFingerprint(model: ClusterModel): string {
  const labels = (l: Record<string, string>): string =>
    Object.keys(l)
      .sort()
      .map((key) => `${key}=${l[key] ?? ''}`)
      .join(',');
  const lines = [
    ...model.namespaces.map((o) => `Namespace ${o.name} ${labels(o.labels)}`),
    ...model.nodes.map((o) => `Node ${o.name} ${labels(o.labels)}`),
    ...model.pods.map((o) => `Pod ${o.namespace}/${o.name} ${labels(o.labels)}`),
    ...model.services.map((o) => `Service ${o.namespace}/${o.name} ${labels(o.labels)}`),
    ...model.deployments.map((o) => `Deployment ${o.namespace}/${o.name} ${labels(o.labels)}`),
    ...(model.daemonSets ?? []).map((o) => `DaemonSet ${o.namespace}/${o.name} ${labels(o.labels)}`),
    ...model.networkPolicies.map((o) => `NetworkPolicy ${o.namespace}/${o.name} ${labels(o.labels)}`),
  ];
  return lines.sort().join('\n');
}

/** The labels of the object `o` in `model`, or null when the model no longer has it. */
function labelsIn(model: ClusterModel, o: ParsedObject): Record<string, string> | null {
  const ns = 'namespace' in o.value ? o.value.namespace : '';
  const name = o.value.name;
  const same = (x: { namespace: string; name: string }) => x.namespace === ns && x.name === name;
  switch (o.kind) {
    case 'Namespace':
      return model.namespaces.find((x) => x.name === name && !x.implicit)?.labels ?? null;
    case 'Node':
      return model.nodes.find((x) => x.name === name && !x.implicit)?.labels ?? null;
    case 'Pod':
      return model.pods.find((x) => same(x) && !x.implicit)?.labels ?? null;
    case 'Service':
      return model.services.find((x) => same(x) && !x.implicit)?.labels ?? null;
    case 'Deployment':
      return model.deployments.find((x) => same(x) && !x.implicit)?.labels ?? null;
    case 'DaemonSet':
      return (model.daemonSets ?? []).find((x) => same(x) && !x.implicit)?.labels ?? null;
    case 'NetworkPolicy':
      return model.networkPolicies.find(same)?.labels ?? null;
    case 'Stored':
      return model.storedObjects.find((x) => same(x) && x.kind === o.value.kind && x.apiVersion === o.value.apiVersion)?.labels ?? null;
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
}

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A label key or value as YAML: plain when that reads back as the same string, JSON-quoted otherwise. */
export function yamlString(text: string): string {
  return /^[A-Za-z][-A-Za-z0-9_./]*$/.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function keyIs(node: unknown, key: string): boolean {
  return isNode(node) ? (node as { value?: unknown }).value === key : node === key;
}

/** The edit that sets `metadata.labels` of `doc` to `labels`, or null when the document's shape is unusual. */
function labelEdit(text: string, doc: Document.Parsed, labels: Record<string, string>): Edit | null {
  const root = doc.contents;
  if (!isMap(root) || root.flow) return null;
  const metadata = root.items.find((pair) => keyIs(pair.key, 'metadata'))?.value;
  if (!isMap(metadata) || metadata.flow || metadata.items.length === 0) return null;
  const firstKey = metadata.items[0]?.key;
  if (!isNode(firstKey) || !firstKey.range) return null;
  const indent = ' '.repeat(columnOf(text, firstKey.range[0]));
  const entries = Object.keys(labels).map((key) => `${yamlString(key)}: ${yamlString(labels[key] ?? '')}`);
  const pair = metadata.items.find((item) => keyIs(item.key, 'labels'));
  if (!pair) {
    if (entries.length === 0) return { from: 0, to: 0, insert: '' };
    const block = `labels:\n${entries.map((entry) => `${indent}  ${entry}\n`).join('')}${indent}`;
    return { from: firstKey.range[0], to: firstKey.range[0], insert: block };
  }
  const key = pair.key;
  const value = pair.value;
  if (!isNode(key) || !key.range || !isNode(value) || !value.range) return null;
  const from = key.range[0];
  const to = value.range[1];
  const trailingNewline = text.slice(from, to).endsWith('\n') ? '\n' : '';
  if (entries.length === 0) return { from, to, insert: `labels: {}${trailingNewline}` };
  if (isMap(value) && !value.flow && value.items.length > 0) {
    const first = value.items[0]?.key;
    const childIndent = isNode(first) && first.range ? ' '.repeat(columnOf(text, first.range[0])) : `${indent}  `;
    return { from, to, insert: `labels:\n${entries.map((entry) => `${childIndent}${entry}`).join('\n')}${trailingNewline}` };
  }
  if (isMap(value) && value.flow) return { from, to, insert: `labels: {${entries.join(', ')}}${trailingNewline}` };
  return null;
}

/** Applies non-overlapping edits to `text`. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);
  return out;
}

/**
 * The text after writing `after` (the cluster changed by kubectl) into `text` (the manifests it was built
 * from). Fails, with a reason, when the text is invalid or the change cannot be expressed in it.
 */
export function writeBack(text: string, after: ClusterModel): WriteBack {
  let objects: ParsedObject[];
  try {
    objects = parseManifests(text);
  } catch {
    return { ok: false, reason: 'the manifests in the editor have an error' };
  }
  // uniqueKeys off: the text was already read by the simulator (which refuses duplicate keys), and the
  // library's check is quadratic in the size of a map.
  const docs = Array.from(parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })) as Document.Parsed[];
  const perDocument = new Map<number, number>();
  for (const o of objects) perDocument.set(o.documentIndex, (perDocument.get(o.documentIndex) ?? 0) + 1);
  const edits: Edit[] = [];
  for (const o of objects) {
    const current = labelsIn(after, o);
    const index = o.documentIndex - 1;
    const doc = docs[index];
    if (!doc) return { ok: false, reason: 'the manifests changed while the command ran' };
    let declared = o.value.labels;
    let wanted = current;
    if (o.kind === 'Namespace' && current) {
      declared = Object.fromEntries(Object.entries(declared).filter(([key]) => key !== AUTO_NAMESPACE_LABEL));
      wanted = Object.fromEntries(Object.entries(current).filter(([key]) => key !== AUTO_NAMESPACE_LABEL));
    }
    if (wanted && sameLabels(declared, wanted)) continue;
    if ((perDocument.get(o.documentIndex) ?? 0) > 1) return { ok: false, reason: `${o.kind} "${o.value.name}" is one item of a List document` };
    if (wanted === null) {
      const next = docs[index + 1];
      edits.push({ from: doc.range[0], to: next ? next.range[0] : text.length, insert: '' });
      continue;
    }
    const edit = labelEdit(text, doc, wanted);
    if (!edit) return { ok: false, reason: `the metadata of ${o.kind} "${o.value.name}" is not written as a plain block` };
    edits.push(edit);
  }
  if (edits.length === 0) {
    return modelFingerprint(createCluster(text).model) === modelFingerprint(after)
      ? { ok: true, text, changed: false }
      : { ok: false, reason: 'the change concerns objects the manifests do not declare' };
  }
  const written = applyEdits(text, edits);
  let rebuilt: ClusterModel;
  try {
    rebuilt = createCluster(written).model;
  } catch {
    return { ok: false, reason: 'the edited manifests would not be valid' };
  }
  if (modelFingerprint(rebuilt) !== modelFingerprint(after)) {
    return { ok: false, reason: 'the change concerns objects the manifests do not declare' };
  }
  return { ok: true, text: written, changed: true };
}
