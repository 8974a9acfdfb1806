/**
 * How kubectl reads its command line: pflag's flag parsing with cobra's error messages, and the argument forms
 * of cli-runtime's resource.Builder (ResourceTypeOrNameArgs: `pods`, `pods,svc`, `pod/web`, `pod web db`,
 * `all`), turned into the objects a command works on, with the Builder's errors and NotFound messages.
 */
import { matchesSelector, parseSelectorString } from './selectors.ts';
import type { ClusterState } from './state.ts';
import type { KubectlResult, LabelSelector } from './types.ts';
import { notFoundMessage } from './kinds/kind.ts';
import type { AnyKind, Entry } from './kinds/kind.ts';
import { allCategory, resolveResource, resourcePart } from './kinds/registry.ts';

/** A command's outcome. */
export type Out = KubectlResult;
/** A successful outcome. */
export const ok = (stdout: string, stderr = ''): Out => ({ stdout, stderr, exitCode: 0 });
const withNewline = (s: string): string => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
/** A failed outcome (stderr gets its final newline). */
export const err = (stderr: string, exitCode = 1, stdout = ''): Out => ({ stdout, stderr: withNewline(stderr), exitCode });

/** One flag a command accepts. */
export interface FlagSpec {
  long: string;
  short?: string;
  value: boolean;
}

/** Flags and arguments of a command line. */
export interface Parsed {
  flags: Map<string, string[]>;
  args: string[];
  /** Arguments after `--`. */
  rest: string[] | null;
}

/** pflag's parsing, with cobra's error messages. */
export function parseFlags(cmd: string, tokens: string[], specs: FlagSpec[]): Parsed | Out {
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const add = (k: string, v: string) => {
    const list = flags.get(k);
    if (list) list.push(v);
    else flags.set(k, [v]);
  };
  const usage = `See 'kubectl ${cmd} --help' for usage.`;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '--') return { flags, args, rest: tokens.slice(i + 1) };
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq >= 0 ? t.slice(2, eq) : t.slice(2);
      const spec = byLong.get(name);
      if (!spec) return err(`error: unknown flag: --${name}\n${usage}`);
      if (spec.value) {
        const v: string | undefined = eq >= 0 ? t.slice(eq + 1) : tokens[++i];
        if (v === undefined || (eq < 0 && v === '--')) return err(`error: flag needs an argument: --${name}\n${usage}`);
        add(spec.long, v);
      } else {
        const v = eq >= 0 ? t.slice(eq + 1) : 'true';
        if (v !== 'true' && v !== 'false') return err(`error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax\n${usage}`);
        add(spec.long, v);
      }
    } else if (t.startsWith('-') && t.length > 1) {
      const body = t.slice(1);
      for (let j = 0; j < body.length; j++) {
        const c = body[j] as string;
        const spec = byShort.get(c);
        if (!spec) return err(`error: unknown shorthand flag: '${c}' in ${t}\n${usage}`);
        if (spec.value) {
          let v = body.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          else if (v === '') {
            const nextTok = tokens[++i];
            if (nextTok === undefined) return err(`error: flag needs an argument: '${c}' in ${t}\n${usage}`);
            v = nextTok;
          }
          add(spec.long, v);
          break;
        }
        add(spec.long, 'true');
      }
    } else {
      args.push(t);
    }
  }
  return { flags, args, rest: null };
}

/** True when a parse step produced an outcome (an error) instead of a value. */
export function isOut(x: unknown): x is Out {
  return typeof x === 'object' && x !== null && (x as Out).exitCode !== undefined;
}

/** The last value given for a flag. */
export const last = (p: Parsed, k: string): string | undefined => {
  const v = p.flags.get(k);
  return v ? v[v.length - 1] : undefined;
};
/** A boolean flag's value. */
export const flag = (p: Parsed, k: string): boolean => last(p, k) === 'true';

/** -n/--namespace alone: for commands that act in one namespace and have no -A (expose, logs, exec, debug). */
export const NAMESPACE_FLAGS: FlagSpec[] = [{ long: 'namespace', short: 'n', value: true }];

/** -n/--namespace and -A/--all-namespaces. */
export const NS_FLAGS: FlagSpec[] = [...NAMESPACE_FLAGS, { long: 'all-namespaces', short: 'A', value: false }];

/** What the arguments select: explicit `type/name` tuples, or types with optional names. */
export type Selection = { tuples: Array<{ def: AnyKind; name: string }> } | { types: AnyKind[]; names: string[] };

/** The Builder's error for an argument that names no kind. */
export function unknownType(arg: string): Out {
  return err(`error: the server doesn't have a resource type "${resourcePart(arg)}"`);
}

/** Splits `a,b` into unique types (SplitResourceArgument). */
function splitTypes(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/** Parses resource arguments like ResourceTypeOrNameArgs (after normalizeMultipleResourcesArgs). */
export function parseSelection(state: ClusterState, rawArgs: string[]): Selection | Out {
  let args = rawArgs;
  if (args.length >= 2) {
    const types = splitTypes(args[0] as string);
    if (types.length > 1) args = types.flatMap((t) => args.slice(1).map((n) => `${t}/${n}`));
  }
  const slashes = args.filter((a) => a.includes('/')).length;
  if (slashes > 0 && slashes !== args.length) {
    return err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
  }
  if (slashes > 0) {
    const tuples: Array<{ def: AnyKind; name: string }> = [];
    for (const a of args) {
      const seg = a.split('/');
      if (seg.length !== 2) return err('error: arguments in resource/name form may not have more than one slash');
      const [type = '', name = ''] = seg;
      if (!type || !name || splitTypes(type).length !== 1) return err('error: arguments in resource/name form must have a single resource and name');
      const def = resolveResource(state, type);
      if (!def) return unknownType(type);
      tuples.push({ def, name });
    }
    return { tuples };
  }
  if (args.length === 0) return { types: [], names: [] };
  const types: AnyKind[] = [];
  for (const t of splitTypes(args[0] as string)) {
    const expanded = t.toLowerCase() === 'all' ? allCategory() : [resolveResource(state, t)];
    for (const def of expanded) {
      if (!def) return unknownType(t);
      if (!types.includes(def)) types.push(def);
    }
  }
  return { types, names: args.slice(1) };
}

/** Options common to reading commands. */
export interface Scope {
  namespace: string;
  allNamespaces: boolean;
  selector: LabelSelector | null;
}

/** Namespace, -A and -l of a command line. */
export function scopeOf(p: Parsed): Scope | Out {
  let selector: LabelSelector | null = null;
  const sel = last(p, 'selector');
  if (sel !== undefined) {
    const parsed = parseSelectorString(sel);
    if (!parsed.ok) return err(parsed.error);
    selector = parsed.selector;
  }
  return { namespace: last(p, 'namespace') || 'default', allNamespaces: flag(p, 'all-namespaces'), selector };
}

/** One object found, with the kind it belongs to. */
export interface Info {
  def: AnyKind;
  entry: Entry;
}

/** The Builder's visit: objects by tuple, by name, or by type (and selector), with NotFound errors; `singleItem` as IntoSingleItemImplied. */
export function visit(state: ClusterState, sel: Selection, scope: Scope, options: { allowEmptySelector: boolean; selectAll: boolean }): { infos: Info[]; errors: string[]; singleItem: boolean } | Out {
  const inScope = (def: AnyKind, e: Entry) => !def.namespaced || scope.allNamespaces || e.namespace === scope.namespace;
  const find = (def: AnyKind, name: string): Info | string => {
    const entry = def.list(state).find((e) => e.name === name && (!def.namespaced || e.namespace === scope.namespace));
    return entry ? { def, entry } : notFoundMessage(def, name);
  };
  const byName = (pairs: Array<{ def: AnyKind; name: string }>, singleItem: boolean) => {
    const infos: Info[] = [];
    const errors: string[] = [];
    for (const { def, name } of pairs) {
      if (def.namespaced && scope.allNamespaces) return err('error: a resource cannot be retrieved by name across all namespaces');
      const r = find(def, name);
      if (typeof r === 'string') errors.push(r);
      else infos.push(r);
    }
    return { infos, errors, singleItem };
  };
  const hasSelector = scope.selector !== null || options.selectAll;
  if ('tuples' in sel) {
    if (hasSelector) return err('error: selectors and the all flag cannot be used when passing resource/name arguments');
    return byName(sel.tuples, sel.tuples.length === 1);
  }
  if (sel.names.length > 0) {
    if (hasSelector) return err('error: name cannot be provided when a selector is specified');
    if (sel.types.length > 1) return err('error: you must specify only one resource');
    const def = sel.types[0] as AnyKind;
    return byName(sel.names.map((name) => ({ def, name })), sel.names.length === 1);
  }
  if (!hasSelector && !options.allowEmptySelector) return err('error: resource(s) were provided, but no name was specified');
  const infos: Info[] = [];
  for (const def of sel.types) {
    for (const entry of def.list(state)) {
      if (!inScope(def, entry)) continue;
      if (scope.selector && !matchesSelector(scope.selector, entry.labels)) continue;
      infos.push({ def, entry });
    }
  }
  return { infos, errors: [], singleItem: false };
}

/** The API warnings of the kinds touched (printed once each on stderr, before anything else). */
export function warningsFor(defs: Iterable<AnyKind>): string {
  const seen = new Set<string>();
  for (const d of defs) if (d.warning) seen.add(d.warning);
  return [...seen].map((w) => `${w}\n`).join('');
}

/** The kinds a selection names. */
export function selectedDefs(sel: Selection): AnyKind[] {
  return 'tuples' in sel ? sel.tuples.map((t) => t.def) : sel.types;
}
