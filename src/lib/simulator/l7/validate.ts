/**
 * Validation of Gateway API objects as the API server validates a custom resource against its CRD's
 * openAPIV3Schema (apiextensions-apiserver): strict decoding (`unknown field "spec.x"`, kubectl v1.35 sends
 * fieldValidation=Strict), then the schema's types, enums, bounds, patterns and required fields, then structural
 * defaulting (the CRD `default:` values, applied where a field is absent and its parent present). The schema is
 * the v1.6.1 CRD of the installed channel: a field that only the Experimental channel's CRD has (HTTPRoute
 * `retry`, `sessionPersistence`, the `ExternalAuth` filter…) is an unknown field on a Standard-channel cluster,
 * and the message says so. CEL rules (x-kubernetes-validations) are not evaluated; the evaluator reports the
 * conditions their violations would cause where it can.
 */
import { goQuote } from '../api-validation.ts';
import type { Ctx, Obj, ObjectRef } from '../manifest-context.ts';
import { pathText } from '../manifest-context.ts';
import { ManifestError } from '../manifest-error.ts';
import type { FieldPath } from '../manifest-yaml.ts';
import type { GatewayChannel, SchemaNode } from './crd-types.ts';

/** The API group of the Gateway API kinds. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

function jsonType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const TYPE_NAMES: Record<string, string> = { o: 'object', m: 'object', any: 'object', a: 'array', s: 'string', i: 'integer', b: 'boolean', n: 'number' };

function typeOk(node: SchemaNode, v: unknown): boolean {
  const t = jsonType(v);
  switch (node.t) {
    case 'is':
      return t === 'string' || t === 'integer';
    case 'n':
      return t === 'number' || t === 'integer';
    default:
      return TYPE_NAMES[node.t] === t;
  }
}

const patterns = new Map<string, RegExp>();
/** The CRD pattern as a RegExp (compiled once; the v1.6.1 patterns are anchored and were checked against long adversarial input). */
function pattern(p: string): RegExp {
  let r = patterns.get(p);
  if (!r) {
    r = new RegExp(p, 'u');
    patterns.set(p, r);
  }
  return r;
}

/** Copies a default value (defaults are JSON; objects must not be shared between objects). */
function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Validates `raw` (one Gateway API object) against its kind's schema for `channel` and returns a defaulted copy.
 * Throws ManifestError through `ctx` at the first problem (unknown fields are reported together, as strict decoding does).
 */
export function validateCustomResource(ctx: Ctx, ref: ObjectRef, raw: Obj, schema: SchemaNode, channel: GatewayChannel, version: string): Obj {
  const at = (loc: FieldPath) => {
    const pos = ref.locate([...ref.prefix, ...loc]);
    return { documentIndex: ref.doc, line: pos?.line ?? null, column: pos?.column ?? null };
  };
  const unknown: Array<{ path: FieldPath; experimental: boolean }> = [];
  const walkUnknown = (v: unknown, node: SchemaNode, path: FieldPath): void => {
    if (v === null || v === undefined) return;
    if (node.t === 'o' && node.f && typeof v === 'object' && !Array.isArray(v)) {
      for (const key of Object.keys(v).sort()) {
        const child = node.f[key];
        const p = [...path, key];
        if (path.length === 1 && path[0] === 'metadata') continue;
        if (!child) unknown.push({ path: p, experimental: false });
        else if (child.x && channel === 'standard') unknown.push({ path: p, experimental: true });
        else walkUnknown((v as Obj)[key], child, p);
      }
    } else if (node.t === 'a' && node.a && Array.isArray(v)) v.forEach((item, i) => walkUnknown(item, node.a as SchemaNode, [...path, i]));
  };
  walkUnknown(raw, schema, []);
  const first = unknown[0];
  if (first) {
    const listed = unknown.slice(0, 20).map((u) => `unknown field ${goQuote(pathText(u.path))}`).join(', ');
    const exp = unknown.filter((u) => u.experimental).map((u) => pathText(u.path));
    const hint = exp.length
      ? ` (${exp.join(', ')} ${exp.length === 1 ? 'is a field' : 'are fields'} of the Experimental channel of Gateway API v1.6.1; this cluster has the Standard-channel CRDs installed — the simulator's cluster option gatewayChannel: experimental installs the Experimental ones)`
      : '';
    throw new ManifestError(`${ctx.kind} in version ${goQuote(version)} cannot be handled as a ${ctx.kind}: strict decoding error: ${listed}${hint}`, {
      ...at(first.path),
      path: pathText(first.path),
      kind: ctx.kind,
      group: ctx.group,
      name: ctx.name,
      reason: 'BadRequest',
      complete: true,
    });
  }
  const check = (v: unknown, node: SchemaNode, path: FieldPath): void => {
    if (v === null || v === undefined) return;
    const field = pathText(path);
    if (!typeOk(node, v)) ctx.invalid(path, jsonType(v), `${field} in body must be of type ${TYPE_NAMES[node.t] ?? 'string'}: ${goQuote(jsonType(v))}`);
    if (node.e && (typeof v === 'string' || typeof v === 'number')) {
      const allowed = channel === 'standard' && node.xe ? node.e.filter((e) => !node.xe?.includes(e)) : node.e;
      if (!allowed.includes(v)) ctx.unsupported(path, v, allowed.map(String));
    }
    if (typeof v === 'number') {
      if (node.min !== undefined && v < node.min) ctx.invalid(path, v, `${field} in body should be greater than or equal to ${node.min}`);
      if (node.max !== undefined && v > node.max) ctx.invalid(path, v, `${field} in body should be less than or equal to ${node.max}`);
    }
    if (typeof v === 'string' && node.maxLength !== undefined && [...v].length > node.maxLength) ctx.fail(path, 'Too long', v, `may not be more than ${node.maxLength} bytes`);
    if (typeof v === 'string' && node.p !== undefined && !pattern(node.p).test(v)) ctx.invalid(path, v, `${field} in body should match '${node.p}'`);
    if (node.t === 'a' && Array.isArray(v)) {
      if (node.maxItems !== undefined && v.length > node.maxItems) ctx.fail(path, 'Too many', v.length, `must have at most ${node.maxItems} items`);
      v.forEach((item, i) => check(item, node.a as SchemaNode, [...path, i]));
    }
    if (node.t === 'o' && node.f && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Obj;
      for (const r of node.r ?? []) if (o[r] === undefined || o[r] === null) ctx.required([...path, r], '');
      for (const [key, child] of Object.entries(node.f)) if (!(path.length === 0 && key === 'metadata')) check(o[key], child, [...path, key]);
    }
  };
  check(raw, schema, []);
  return withDefaults(raw, schema, channel) as Obj;
}

/** Structural defaulting: a copy of `v` with the schema's defaults filled in where fields are absent. */
export function withDefaults(v: unknown, node: SchemaNode, channel: GatewayChannel): unknown {
  if (node.t === 'a' && node.a && Array.isArray(v)) return v.map((item) => withDefaults(item, node.a as SchemaNode, channel));
  if (node.t !== 'o' || !node.f || typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Obj = { ...(v as Obj) };
  for (const [key, child] of Object.entries(node.f)) {
    if (out[key] === undefined && child.d !== undefined && (!child.x || channel === 'experimental')) out[key] = clone(child.d);
    if (out[key] !== undefined && out[key] !== null && key !== 'metadata') out[key] = withDefaults(out[key], child, channel);
  }
  return out;
}
