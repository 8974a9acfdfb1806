/**
 * The validation context the manifest validators share (manifest-objects, -workloads, -network): reading
 * decoded fields with Go's zero values, throwing the API server's errors at exact locations, and the rules
 * every kind uses (metadata, labels, annotations, label selectors, port protocols, strict decoding).
 */
import { qualifiedKind, splitApiVersion } from './api-resources.ts';
import type { KindInfo, NameRule } from './api-resources.ts';
import { strictDecode } from './api-schema.ts';
import type { GoType } from './api-schema.ts';
import { errorBody, goQuote, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName, isValidPathSegmentName, isValidPortName, isValidPortNum, supportedValues } from './api-validation.ts';
import type { FieldError, FieldErrorType } from './api-validation.ts';
import { ManifestError } from './manifest-error.ts';
import type { FieldPath, Locator } from './manifest-yaml.ts';
import type { LabelSelector, LabelSelectorRequirement, Protocol, StoredObjectModel } from './types.ts';
import { utf8Length } from '../utf8-length.ts';

/** A decoded JSON object. */
export type Obj = Record<string, unknown>;

/** Most unknown fields a strict decoding error lists (the API server lists them all; hostile input has thousands). */
const MAX_LISTED_FIELDS = 20;

/** True for a JSON object (not an array, not null). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
// After strict decoding the types are known: these read a field, with Go's zero value for null or absent.
/** The field as an object ({} when null or absent). */
export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}
/** The field as a list ([] when null or absent). */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
/** The field as a string ('' when null or absent). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
/** True when the field is set (neither null nor absent). */
export function has(v: unknown): boolean {
  return v !== null && v !== undefined;
}
/** A string field the API defaults when it is empty or absent. */
export function orDefault(v: unknown, fallback: string): string {
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
export interface ObjectRef {
  doc: number;
  locate: Locator;
  /** Prefix of the object inside its document (['items', 3] for an item of a List). */
  prefix: FieldPath;
}

/** The validation context of one object: throws the API server's errors at exact locations. */
export class Ctx {
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
export function labels(ctx: Ctx, v: unknown, loc: FieldPath, field = pathText(loc)): Record<string, string> {
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
export function annotations(ctx: Ctx, v: unknown, loc: FieldPath): Record<string, string> {
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

/** The validated metadata every model carries. */
export interface Meta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** `ValidateObjectMetaAccessor`: name (by the kind's rule), namespace (DNS label; cleared for cluster-scoped kinds), labels, annotations. */
export function metadata(ctx: Ctx, raw: Obj, info: KindInfo): Meta {
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
export function labelSelector(ctx: Ctx, v: unknown, loc: FieldPath): LabelSelector {
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
export function protocol(ctx: Ctx, v: unknown, loc: FieldPath, policy = false): Protocol {
  const p = policy ? (has(v) ? str(v) : 'TCP') : orDefault(v, 'TCP');
  if (!PROTOCOLS.includes(p)) ctx.unsupported(loc, p, policy ? ['TCP', 'UDP', 'SCTP'] : PROTOCOLS);
  return p as Protocol;
}

/** `ValidatePortNumOrName`: an IntOrString port. */
export function portNumOrName(ctx: Ctx, v: number | string, loc: FieldPath): void {
  if (typeof v === 'number') ctx.check(loc, v, isValidPortNum(v));
  else ctx.check(loc, v, isValidPortName(v));
}

/** The StoredObjectModel of a validated object. */
export function stored(raw: Obj, info: KindInfo, md: Meta): StoredObjectModel {
  return { apiVersion: str(raw.apiVersion), kind: info.kind, name: md.name, namespace: md.namespace, labels: md.labels, annotations: md.annotations, raw };
}

/** Throws the API server's decoding error for `value` (a type error first, else every unknown field). */
export function decodeOrThrow(ref: ObjectRef, ctx: Ctx, value: unknown, schema: GoType): void {
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
