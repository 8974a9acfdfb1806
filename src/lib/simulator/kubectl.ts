/**
 * The kubectl a learner types: the commands get / describe / exec / apply / delete / label, with kubectl
 * v1.35's output and error messages. Flags and resource arguments are read in kubectl-args.ts; every kind
 * is a KindDef of the registry (kinds/registry.ts); this file only knows commands. Never throws; every
 * outcome is { stdout, stderr, exitCode }.
 *
 * Exit codes: 0 success; 1 kubectl errors (unknown command/flag/resource, NotFound, invalid manifest) and
 * failed exec commands that exit 1 (ping, wget, nc, nslookup, unknown binary); otherwise `kubectl exec`
 * passes the command's own code through, as real kubectl does, with `command terminated with exit code N`
 * on stderr: curl 6 (could not resolve host), 7 (connection refused), 28 (timed out); dig 9 (no servers reached).
 *
 * Tools inside pods (busybox/curl/dnsutils flavoured) live in exec/.
 */
import { parseAllDocuments } from 'yaml';
import { ManifestError, parseManifests } from './manifest.ts';
import type { ManifestInput, ParsedObject } from './manifest.ts';
import { execInPod } from './exec/index.ts';
import { evalJsonPath } from './jsonpath.ts';
import { tokenize } from './shell-words.ts';
import { formatLabels } from './selectors.ts';
import type { ClusterState } from './state.ts';
import type { ConnectRequest, ConnectResult, KubectlResult, PodModel } from './types.ts';
import * as F from './kubectl-format.ts';
import { kindPrefix, notFoundMessage } from './kinds/kind.ts';
import type { AnyKind } from './kinds/kind.ts';
import { allKinds, kindByPrefix, kindFor, resolveResource } from './kinds/registry.ts';
import { err, flag, isOut, last, NAMESPACE_FLAGS, NS_FLAGS, ok, parseFlags, parseSelection, scopeOf, selectedDefs, unknownType, visit, warningsFor } from './kubectl-args.ts';
import type { FlagSpec, Info, Out } from './kubectl-args.ts';
import { describeGeneric, groupOf } from './kinds/stored.ts';
import { cmdDebug } from './kubectl-debug.ts';
import { cmdExpose } from './kubectl-expose.ts';
import { cmdScale } from './kubectl-scale.ts';
import { cmdLogs } from './kubectl-logs.ts';
import { probeNotes } from './workloads/probes.ts';
import type { DebugHost } from './kubectl-debug.ts';
import { aroundStderr, Transcript } from './output.ts';

export { tokenize, evalJsonPath };

/** An object kubectl asks the cluster to change: its kind (API kind and group), namespace ('' if cluster-scoped) and name. */
export interface ObjectRef {
  kind: string;
  group: string;
  namespace: string;
  name: string;
}

/**
 * How an apply is made: `warnings` collects kubectl apply's warnings, each with the number of result lines printed
 * before it (kubectl warns about an object just before it prints that object's line); `lastApplied: false` creates
 * objects as `kubectl expose` does (no last-applied annotation).
 */
export interface ApplyOptions {
  warnings?: { afterLines: number; text: string }[];
  lastApplied?: boolean;
}

/** What kubectl needs from the cluster (implemented by createCluster). */
export interface KubectlHost {
  state(): ClusterState;
  connect(request: ConnectRequest): ConnectResult;
  /** This terminal's HTTP request counter (ExecHost.nextRequest): curl's weighted backends rotate with it. */
  nextRequest?(key: string): number;
  /** Applies manifests; returns kubectl's lines ("pod/x created"); throws ManifestError. */
  apply(input: ManifestInput, options?: ApplyOptions): string[];
  /** Deletes one object; returns an error message (kubectl style) or null. */
  remove(ref: ObjectRef): string | null;
  /** Sets (value) or removes (null) labels; returns an error message or null. */
  label(ref: ObjectRef, changes: Record<string, string | null>, overwrite: boolean): string | null;
  /** Sets a workload's spec.replicas (the scale subresource); returns an error message or null. */
  scale?(ref: ObjectRef, replicas: number): string | null;
  /** Changes a node's routing table (`ip route add|del` in a node debugging pod). */
  editRoute?: DebugHost['editRoute'];
  /** The nodes' conntrack tables (`conntrack -L` in a node debugging pod). */
  conntrack?: DebugHost['conntrack'];
}

const HELP = `kubectl controls the Kubernetes cluster manager.

Commands available in this simulator:
  get         Display one or many resources
  describe    Show details of a specific resource or group of resources
  exec        Execute a command in a container
  logs        Print the logs for a container in a pod
  apply       Apply a configuration to a resource by file name or stdin
  delete      Delete resources by file names, stdin, resources and names, or by resources and label selector
  label       Update the labels on a resource
  debug       Create debugging sessions for troubleshooting workloads and nodes
  expose      Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  scale       Set a new size for a deployment, replica set, or replication controller

Usage:
  kubectl [flags] [options]
`;

/** Runs one kubectl command line against the host. `stdin` is the text piped in (for `apply -f -`). */
export function runKubectl(host: KubectlHost, commandLine: string, stdin?: string): KubectlResult {
  try {
    return run(host, typeof commandLine === 'string' ? commandLine : '', typeof stdin === 'string' ? stdin : undefined);
  } catch (e) {
    if (e instanceof ManifestError) return err(`error: ${e.message}`);
    return err(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * client-go's warning handler prints each `Warning:` header of an API response as the response arrives, so the
 * API's warnings reach the terminal before the command prints what it read (the commands that read objects:
 * exec, debug and apply order their own output).
 */
function apiWarningsFirst(result: Out): Out {
  const warnings = /^(?:Warning: [^\n]*\n)+/.exec(result.stderr)?.[0];
  if (!warnings) return result;
  return aroundStderr({ ...result, stderr: result.stderr.slice(warnings.length) }, warnings);
}

function run(host: KubectlHost, line: string, stdin: string | undefined): Out {
  const tokens = tokenize(line);
  if (tokens === null) return err('error: unterminated quote in command line');
  if (tokens[0] === 'kubectl' || tokens[0] === 'k') tokens.shift();
  // --namespace is a persistent flag of the root command: `kubectl -n prod get pods` works like `kubectl get pods -n prod`.
  const global: string[] = [];
  while (tokens.length && /^(-n|--namespace)(=.*)?$|^-n.+/.test(tokens[0] as string)) {
    const t = tokens.shift() as string;
    global.push(t);
    if (t === '-n' || t === '--namespace') {
      if (!tokens.length) return err(`error: flag needs an argument: ${t === '-n' ? "'n' in -n" : '--namespace'}\nSee 'kubectl --help' for usage.`);
      global.push(tokens.shift() as string);
    }
  }
  if (tokens.length === 0 || tokens[0] === '--help' || tokens[0] === '-h' || tokens[0] === 'help') return ok(HELP);
  const verb = tokens[0] as string;
  const rest = [...global, ...tokens.slice(1)];
  switch (verb) {
    case 'get':
      return apiWarningsFirst(cmdGet(host, rest));
    case 'describe':
      return apiWarningsFirst(cmdDescribe(host, rest));
    case 'exec':
      return cmdExec(host, rest);
    case 'apply':
      return cmdApply(host, rest, stdin);
    case 'delete':
      return apiWarningsFirst(cmdDelete(host, rest, stdin));
    case 'label':
      return apiWarningsFirst(cmdLabel(host, rest));
    case 'debug':
      return cmdDebug(host, rest);
    case 'expose':
      return apiWarningsFirst(cmdExpose(host, rest));
    case 'scale':
      return apiWarningsFirst(cmdScale(host, rest));
    case 'logs':
      return cmdLogs(host, rest);
    default:
      if (verb.startsWith('-')) return err(`error: unknown flag: ${verb.split('=')[0]}\nSee 'kubectl --help' for usage.`);
      return err(`error: unknown command "${verb}" for "kubectl"\nRun 'kubectl --help' for usage.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// get

const GET_FLAGS: FlagSpec[] = [
  ...NS_FLAGS,
  { long: 'selector', short: 'l', value: true },
  { long: 'output', short: 'o', value: true },
  { long: 'show-labels', value: false },
  { long: 'show-kind', value: false },
  { long: 'no-headers', value: false },
  { long: 'ignore-not-found', value: false },
  { long: 'watch', short: 'w', value: false },
];

/** kubectl get's allowed -o formats (sorted as NoCompatiblePrinterError prints them; kyaml since v1.34). */
const FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml';
const NOT_SIMULATED_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'jsonpath-as-json', 'jsonpath-file', 'template', 'templatefile', 'kyaml'];

function cmdGet(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('get', tokens, GET_FLAGS);
  if (isOut(p)) return p;
  const state = host.state();
  const output = last(p, 'output') ?? '';
  const eq = output.indexOf('=');
  const format = eq >= 0 ? output.slice(0, eq) : output;
  const template = eq >= 0 ? output.slice(eq + 1) : '';
  if (!FORMATS.split(',').includes(format) && format !== '') return err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}`);
  if (format === 'jsonpath' && template === '') return err('error: template format specified but no template given');
  if (NOT_SIMULATED_FORMATS.includes(format)) return err(`error: -o ${format} is not simulated here; use -o yaml, -o json, -o jsonpath=..., -o name or -o wide`);
  if (flag(p, 'show-labels') && format !== '' && format !== 'wide') return err(`error: --show-labels option cannot be used with ${format} printer`);
  if (p.args.length === 0) {
    return err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
  }
  const sel = parseSelection(state, p.args);
  if (isOut(sel)) return sel;
  const scope = scopeOf(p);
  if (isOut(scope)) return scope;
  const visited = visit(state, sel, scope, { allowEmptySelector: true, selectAll: false });
  if (isOut(visited)) return visited;
  const { infos, singleItem } = visited;
  const errors = flag(p, 'ignore-not-found') ? visited.errors.filter((e) => !e.includes('(NotFound)')) : visited.errors;
  const warn = warningsFor(selectedDefs(sel));
  const errText = errors.map((e) => `${e}\n`).join('');
  const code = errors.length ? 1 : 0;
  if (format === 'yaml' || format === 'json' || format === 'jsonpath' || format === 'name') {
    if (singleItem && errors.length) return { stdout: '', stderr: warn + errText, exitCode: 1 };
    if (format === 'name') return { stdout: infos.map((i) => `${kindPrefix(i.def)}/${i.entry.name}\n`).join(''), stderr: warn + errText, exitCode: code };
    const objs = infos.map((i) => i.def.object(i.entry, state));
    const asList = !(singleItem && objs.length === 1);
    if (format === 'jsonpath') {
      const r = evalJsonPath(template, asList ? F.listOf(objs) : objs[0]);
      if (r === null) return err(`error: error parsing jsonpath ${template}`);
      return { stdout: r, stderr: warn + errText, exitCode: code };
    }
    return { stdout: F.serialize(objs, asList, format), stderr: warn + errText, exitCode: code };
  }
  const wide = format === 'wide';
  const withKind = flag(p, 'show-kind') || new Set(infos.map((i) => i.def)).size > 1;
  const blocks: string[] = [];
  for (let i = 0; i < infos.length; ) {
    const def = (infos[i] as Info).def;
    let j = i;
    while (j < infos.length && (infos[j] as Info).def === def) j++;
    const group = infos.slice(i, j);
    i = j;
    const columns = def.columns.filter((c) => wide || !c.wide);
    let head = columns.map((c) => c.header);
    let rows = group.map((g) => columns.map((c) => c.cell(g.entry, state)));
    if (withKind) rows = rows.map((r, k) => [`${kindPrefix(def)}/${(group[k] as Info).entry.name}`, ...r.slice(1)]);
    if (scope.allNamespaces && def.namespaced) {
      head = ['NAMESPACE', ...head];
      rows = rows.map((r, k) => [(group[k] as Info).entry.namespace, ...r]);
    }
    if (flag(p, 'show-labels')) {
      head = [...head, 'LABELS'];
      rows = rows.map((r, k) => [...r, formatLabels((group[k] as Info).entry.labels)]);
    }
    blocks.push(F.formatTable(flag(p, 'no-headers') ? null : head, rows));
  }
  const stdout = blocks.join(flag(p, 'no-headers') ? '' : '\n');
  if (stdout === '' && errors.length === 0 && !flag(p, 'ignore-not-found')) {
    const allNamespaced = !scope.allNamespaces && infos.every((i) => i.def.namespaced);
    return { stdout: '', stderr: `${warn}${allNamespaced ? `No resources found in ${scope.namespace} namespace.` : 'No resources found'}\n`, exitCode: 0 };
  }
  return { stdout, stderr: warn + errText, exitCode: code };
}

// ---------------------------------------------------------------------------------------------------------
// describe

/** Drops the trailing `Events:` section (`describe --show-events=false`). */
function withoutEvents(text: string): string {
  const at = text.lastIndexOf('\nEvents:');
  return at < 0 ? text : text.slice(0, at + 1);
}

function describeOne(info: Info, state: ClusterState, showEvents = true): string | null {
  const s = describeText(info, state);
  return s === null || showEvents ? s : withoutEvents(s);
}

function describeText(info: Info, state: ClusterState): string | null {
  const { def, entry } = info;
  if (def.describe) return def.describe(entry, state);
  // Kinds with no describer of their own in kubectl get its generic describer; those kubectl describes
  // specially but the simulator does not (nodes, replicasets, persistentvolumes) are refused.
  if (def.source === 'stored') {
    const o = def.object(entry, state);
    const md = (o.metadata ?? {}) as { annotations?: Record<string, string> };
    return describeGeneric(o, { name: entry.name, namespace: entry.namespace, labels: entry.labels, annotations: md.annotations ?? {} });
  }
  return null;
}

function cmdDescribe(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('describe', tokens, [...NS_FLAGS, { long: 'selector', short: 'l', value: true }, { long: 'show-events', value: false }]);
  if (isOut(p)) return p;
  const state = host.state();
  if (p.args.length === 0) return err('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  const sel = parseSelection(state, p.args);
  if (isOut(sel)) return sel;
  const scope = scopeOf(p);
  if (isOut(scope)) return scope;
  const visited = visit(state, sel, scope, { allowEmptySelector: true, selectAll: false });
  if (isOut(visited)) return visited;
  const warn = warningsFor(selectedDefs(sel));
  const texts: string[] = [];
  const errors: string[] = [];
  const showEvents = last(p, 'show-events') !== 'false';
  const refuse = (def: AnyKind) => `error: describe is not simulated for ${def.plural}; try kubectl get ${def.plural} -o yaml`;
  // DescribeMatchingResources: `describe TYPE PREFIX` with no exact match describes every object whose name starts with PREFIX.
  if (visited.errors.length > 0 && visited.infos.length === 0 && p.args.length === 2 && 'types' in sel && sel.types.length === 1) {
    const def = sel.types[0] as AnyKind;
    const prefix = p.args[1] as string;
    const matches = def.list(state).filter((e) => (!def.namespaced || e.namespace === scope.namespace) && e.name.startsWith(prefix));
    if (matches.length === 0) return { stdout: '', stderr: `${warn}${visited.errors.join('\n')}\n`, exitCode: 1 };
    let stdout = '';
    for (const entry of matches) {
      const s = describeOne({ def, entry }, state, showEvents);
      if (s === null) return err(warn + refuse(def));
      stdout += `${s}\n`;
    }
    return { stdout, stderr: warn, exitCode: 0 };
  }
  errors.push(...visited.errors);
  const refused = new Set<AnyKind>();
  for (const info of visited.infos) {
    const s = describeOne(info, state, showEvents);
    if (s === null) {
      if (!refused.has(info.def)) errors.push(refuse(info.def));
      refused.add(info.def);
    } else texts.push(s);
  }
  if (visited.infos.length === 0 && errors.length === 0) {
    return { stdout: '', stderr: `${warn}${scope.allNamespaces ? 'No resources found' : `No resources found in ${scope.namespace} namespace.`}\n`, exitCode: 0 };
  }
  // Readiness probes the simulator could not run (workloads/probes.ts) are named, marked as the simulator's own note.
  const notes = visited.infos.map((i) => (i.def.kind === 'Pod' && i.def.group === '' ? probeNotes(i.entry.value as PodModel) : '')).join('');
  return { stdout: texts.join('\n\n'), stderr: warn + errors.map((e) => `${e}\n`).join('') + notes, exitCode: errors.length ? 1 : 0 };
}

// ---------------------------------------------------------------------------------------------------------
// apply

/** `A`, `A and B`, `A, B and C`. */
function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function cmdApply(host: KubectlHost, tokens: string[], stdin: string | undefined): Out {
  const p = parseFlags('apply', tokens, [{ long: 'filename', short: 'f', value: true }, ...NS_FLAGS, { long: 'dry-run', value: true }]);
  if (isOut(p)) return p;
  const files = p.flags.get('filename');
  if (!files || files.length === 0) return err("error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples");
  if (p.args.length > 0) return err(`error: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  for (const f of files) if (f !== '-') return err(`error: the path "${f}" does not exist (this simulator reads manifests from stdin: kubectl apply -f -)`);
  if (stdin === undefined || stdin.trim() === '') return err('error: no objects passed to apply');
  const ns = last(p, 'namespace');
  let input: ManifestInput = stdin;
  if (ns !== undefined) {
    const scoped = withNamespace(host.state(), stdin, ns);
    if (isOut(scoped)) return scoped;
    input = scoped;
  }
  let lines: string[];
  const warnings: NonNullable<ApplyOptions['warnings']> = [];
  try {
    lines = host.apply(input, { warnings });
  } catch (e) {
    if (e instanceof ManifestError) return err(`error: error validating data: ${e.message}`);
    throw e;
  }
  // One note for the whole apply: which of the applied kinds are kept but not simulated.
  const state = host.state();
  const stored: string[] = [];
  for (const l of lines) {
    const def = kindByPrefix(state, l.slice(0, l.indexOf('/')));
    // kube-system/coredns is read by the DNS model (its Corefile configures CoreDNS: dns/config.ts); so are StatefulSets.
    if (l.startsWith('configmap/coredns ') && state.model.storedObjects.some((o) => o.kind === 'ConfigMap' && o.namespace === 'kube-system' && o.name === 'coredns')) continue;
    if (def && def.kind === 'StatefulSet') continue;
    if (def && def.source === 'stored' && !stored.includes(def.kind)) stored.push(def.kind);
  }
  const t = new Transcript();
  lines.forEach((line, index) => {
    for (const w of warnings) if (w.afterLines === index) t.err(`${w.text}\n`);
    t.out(`${line}\n`);
  });
  if (stored.length) t.err(`[simulator] ${listWords(stored)} objects are stored as written; they do not affect networking in this simulator\n`);
  return t.result(0);
}

/** `-n NS` on apply/delete: sets metadata.namespace on namespaced objects, and refuses objects that name another namespace. */
function withNamespace(state: ClusterState, text: string, ns: string): ManifestInput | Out {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return text;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of list) {
    if (d.errors.length) return text; // let the manifest parser report it
    const js: unknown = d.toJS();
    if (js === null || js === undefined) continue;
    if (typeof js !== 'object' || Array.isArray(js)) return text;
    const o = js as Record<string, unknown>;
    const kind = typeof o.kind === 'string' ? o.kind : '';
    const def = kindFor(state, kind, groupOf(typeof o.apiVersion === 'string' ? o.apiVersion : ''));
    const md = o.metadata && typeof o.metadata === 'object' && !Array.isArray(o.metadata) ? (o.metadata as Record<string, unknown>) : null;
    if (md && (def ? def.namespaced : true)) {
      const own = md.namespace;
      if (typeof own === 'string' && own !== '' && own !== ns) {
        return err(`error: the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`);
      }
      o.metadata = { ...md, namespace: ns };
    }
    out.push(o);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// delete

/** The ref of a parsed manifest object (simulated kinds, or stored ones carrying a StoredObjectModel). */
function refOfParsed(state: ClusterState, o: ParsedObject): { def: AnyKind; namespace: string; name: string } | null {
  const v = o.value as unknown as { kind?: unknown; apiVersion?: unknown; raw?: unknown; name: string; namespace?: string };
  const stored = typeof v.raw === 'object' && typeof v.kind === 'string' && typeof v.apiVersion === 'string';
  const def = stored ? kindFor(state, v.kind as string, groupOf(v.apiVersion as string)) : allKinds(state).find((k) => k.source === 'model' && k.kind === o.kind);
  if (!def) return null;
  return { def, namespace: def.namespaced ? v.namespace || 'default' : '', name: v.name };
}

function cmdDelete(host: KubectlHost, tokens: string[], stdin: string | undefined): Out {
  const p = parseFlags('delete', tokens, [
    ...NS_FLAGS,
    { long: 'filename', short: 'f', value: true },
    { long: 'selector', short: 'l', value: true },
    { long: 'all', value: false },
    { long: 'now', value: false },
    { long: 'force', value: false },
    { long: 'grace-period', value: true },
    { long: 'ignore-not-found', value: false },
    { long: 'wait', value: false },
    { long: 'output', short: 'o', value: true },
  ]);
  if (isOut(p)) return p;
  const state = host.state();
  const output = last(p, 'output') ?? '';
  if (output !== '' && output !== 'name') return err(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  const selectAll = flag(p, 'all');
  if (selectAll && last(p, 'selector') !== undefined) return err('error: cannot set --all and --selector at the same time');
  let grace = -1;
  const graceFlag = last(p, 'grace-period');
  if (graceFlag !== undefined) {
    if (!/^-?\d+$/.test(graceFlag)) return err(`error: invalid argument "${graceFlag}" for "--grace-period" flag: strconv.ParseInt: parsing "${graceFlag}": invalid syntax\nSee 'kubectl delete --help' for usage.`);
    grace = Number(graceFlag);
  }
  if (flag(p, 'now')) {
    if (grace !== -1) return err('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !flag(p, 'force')) grace = 1;
  if (flag(p, 'force') && grace < 0) grace = 0;
  let warnings = '';
  if (grace === 0 && flag(p, 'force')) warnings += 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
  if (grace > 0 && flag(p, 'force')) return err('error: --force and --grace-period greater than 0 cannot be specified together');
  const scope = scopeOf(p);
  if (isOut(scope)) return scope;
  const ignoreNotFound = p.flags.has('ignore-not-found') ? flag(p, 'ignore-not-found') : selectAll || scope.selector !== null;
  const operation = grace === 0 ? 'force deleted' : 'deleted';
  let targets: Array<{ def: AnyKind; namespace: string; name: string }> = [];
  const errors: string[] = [];
  const files = p.flags.get('filename');
  if (files) {
    if (p.args.length) return err('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    for (const f of files) if (f !== '-') return err(`error: the path "${f}" does not exist`);
    if (!stdin || stdin.trim() === '') return err('error: no objects passed to delete');
    let input: ManifestInput = stdin;
    const nsFlag = last(p, 'namespace');
    if (nsFlag !== undefined) {
      const scoped = withNamespace(state, stdin, nsFlag);
      if (isOut(scoped)) return scoped;
      input = scoped;
    }
    let objs: ParsedObject[];
    try {
      objs = parseManifests(input);
    } catch (e) {
      if (e instanceof ManifestError) return err(`error: ${e.message}`);
      throw e;
    }
    for (const o of objs) {
      const ref = refOfParsed(state, o);
      if (ref) targets.push(ref);
    }
  } else {
    if (p.args.length === 0) return err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const sel = parseSelection(state, p.args);
    if (isOut(sel)) return sel;
    const pairs = 'tuples' in sel ? sel.tuples : sel.names.length ? sel.types.flatMap((def) => sel.names.map((name) => ({ def, name }))) : null;
    if (pairs) {
      if (scope.selector !== null || selectAll) return err('tuples' in sel ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
      if ('types' in sel && sel.types.length > 1) return err('error: you must specify only one resource');
      for (const { def, name } of pairs) {
        if (def.namespaced && scope.allNamespaces) return err('error: a resource cannot be retrieved by name across all namespaces');
        targets.push({ def, namespace: def.namespaced ? scope.namespace : '', name });
      }
    } else {
      const visited = visit(state, sel, scope, { allowEmptySelector: false, selectAll });
      if (isOut(visited)) return visited;
      targets = visited.infos.map((i) => ({ def: i.def, namespace: i.entry.namespace, name: i.entry.name }));
    }
  }
  const warn = warningsFor(targets.map((t) => t.def));
  const lines: string[] = [];
  let clusterScopeWarned = false;
  for (const t of targets) {
    if (!t.def.namespaced && last(p, 'namespace') !== undefined && !scope.allNamespaces && !clusterScopeWarned) {
      warnings += 'Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n';
      clusterScopeWarned = true;
    }
    const e = host.remove({ kind: t.def.kind, group: t.def.group, namespace: t.namespace, name: t.name });
    if (e) {
      if (!(ignoreNotFound && e.includes('(NotFound)'))) errors.push(e);
      continue;
    }
    if (output === 'name') lines.push(`${kindPrefix(t.def)}/${t.name}`);
    else lines.push(`${kindPrefix(t.def)} "${t.name}" ${operation}${t.def.namespaced ? ` from ${t.namespace} namespace` : ''}`);
  }
  if (lines.length === 0 && errors.length === 0) lines.push('No resources found');
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: warn + warnings + errors.map((e) => `${e}\n`).join(''), exitCode: errors.length ? 1 : 0 };
}

// ---------------------------------------------------------------------------------------------------------
// label

const LABEL_KEY = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** content.IsLabelValue's messages. */
function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  return errs;
}

/** content.IsLabelKey's messages (the API server validates keys). */
function labelKeyErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  if (parts.length > 2) return ["a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  const name = parts.length === 2 ? (parts[1] as string) : (parts[0] as string);
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS_SUBDOMAIN.test(prefix)) errs.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!LABEL_KEY.test(name)) errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  return errs;
}

/** Length of `"labels":{...}` in the object's JSON (0 when empty: omitempty), for label's labeled/unlabeled choice. */
function labelsJsonLength(labels: Record<string, string>): number {
  const keys = Object.keys(labels);
  return keys.length ? JSON.stringify(Object.fromEntries(keys.sort().map((k) => [k, labels[k]]))).length + 10 : 0;
}

function cmdLabel(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('label', tokens, [...NS_FLAGS, { long: 'overwrite', value: false }, { long: 'selector', short: 'l', value: true }, { long: 'all', value: false }, { long: 'list', value: false }]);
  if (isOut(p)) return p;
  const state = host.state();
  // cmdutil.GetResourcesAndPairs: resources first, then KEY=VALUE / KEY- changes.
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of p.args) {
    const change = (s.includes('=') && !s.startsWith('=')) || (s.endsWith('-') && s !== '-');
    if (change) pairs.push(s);
    else if (pairs.length) return err(`error: all resources must be specified before label changes: ${s}`);
    else resources.push(s);
  }
  const changes: Record<string, string | null> = {};
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) return err(`error: invalid label spec: ${spec}`);
      const errs = labelValueErrors(parts[1] as string);
      if (errs.length) return err(`error: invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      changes[parts[0] as string] = parts[1] as string;
    } else remove.push(spec.slice(0, -1));
  }
  for (const k of remove) {
    if (k in changes) return err('error: can not both modify and remove a label in the same command');
    changes[k] = null;
  }
  if (flag(p, 'all') && last(p, 'selector') !== undefined) return err('error: cannot set --all and --selector at the same time');
  if (resources.length < 1) return err('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (pairs.length < 1 && !flag(p, 'list')) return err('error: at least one label update is required');
  const sel = parseSelection(state, resources);
  if (isOut(sel)) return sel;
  const scope = scopeOf(p);
  if (isOut(scope)) return scope;
  const visited = visit(state, sel, scope, { allowEmptySelector: flag(p, 'all'), selectAll: flag(p, 'all') });
  if (isOut(visited)) return visited;
  const lines: string[] = [];
  const errors = [...visited.errors];
  for (const { def, entry } of visited.infos) {
    const name = `${kindPrefix(def)}/${entry.name}`;
    if (flag(p, 'list')) {
      if (visited.infos.length > 1) lines.push(`Listing labels for ${def.kind}.${def.group}/${entry.name}:`);
      for (const [k, v] of Object.entries(entry.labels)) lines.push(`${visited.infos.length > 1 ? ' ' : ''}${k}=${v}`);
      continue;
    }
    const before = entry.labels;
    if (!flag(p, 'overwrite')) {
      const conflicts = Object.entries(changes).filter(([k, v]) => v !== null && k in before && before[k] !== v);
      if (conflicts.length) {
        errors.push(conflicts.map(([k]) => `error: '${k}' already has a value (${before[k]}), and --overwrite is false`).join('\n'));
        continue;
      }
    }
    const keyErrs = Object.entries(changes).filter(([, v]) => v !== null).flatMap(([k]) => labelKeyErrors(k).map((m) => `metadata.labels: Invalid value: ${JSON.stringify(k)}: ${m}`));
    if (keyErrs.length) {
      errors.push(keyErrs.length === 1 ? `The ${def.kind} "${entry.name}" is invalid: ${keyErrs[0]}` : `The ${def.kind} "${entry.name}" is invalid: \n${keyErrs.map((m) => `* ${m}`).join('\n')}`);
      continue;
    }
    for (const k of remove) if (!(k in before)) lines.push(`label ${JSON.stringify(k)} not found.`);
    const after: Record<string, string> = { ...before };
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete after[k];
      else after[k] = v;
    }
    const same = Object.keys(after).length === Object.keys(before).length && Object.entries(after).every(([k, v]) => before[k] === v);
    if (!same) {
      const e = host.label({ kind: def.kind, group: def.group, namespace: entry.namespace, name: entry.name }, changes, true);
      if (e) {
        errors.push(e);
        continue;
      }
    }
    const msg = same ? 'not labeled' : !flag(p, 'overwrite') && labelsJsonLength(after) < labelsJsonLength(before) ? 'unlabeled' : 'labeled';
    lines.push(`${name} ${msg}`);
  }
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: warningsFor(selectedDefs(sel)) + errors.map((e) => `${e}\n`).join(''), exitCode: errors.length ? 1 : 0 };
}

// ---------------------------------------------------------------------------------------------------------
// exec

function cmdExec(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('exec', tokens, [
    ...NAMESPACE_FLAGS,
    { long: 'container', short: 'c', value: true },
    { long: 'stdin', short: 'i', value: false },
    { long: 'tty', short: 't', value: false },
    { long: 'quiet', short: 'q', value: false },
  ]);
  if (isOut(p)) return p;
  const state = host.state();
  const ns = last(p, 'namespace') || 'default';
  if (p.args.length === 0) return err("error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples");
  if (p.args.length > 1) return err('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples');
  if (!p.rest || p.rest.length === 0) return err('error: you must specify at least one command for the container');
  let podRef = p.args[0] as string;
  let pod: PodModel | undefined;
  if (podRef.includes('/')) {
    const [t, name] = podRef.split('/', 2) as [string, string];
    const def = resolveResource(state, t);
    if (def?.kind === 'Pod') podRef = name;
    else if (def?.kind === 'Deployment' || def?.kind === 'Service') {
      const owner = `${ns}/${name}`;
      if (def.kind === 'Deployment' && !state.deployments.has(owner)) return err(notFoundMessage(def, name));
      if (def.kind === 'Service' && !state.services.has(owner)) return err(notFoundMessage(def, name));
      const s = state.services.get(owner);
      pod = state.model.pods.find((x) => x.namespace === ns && x.phase === 'Running' && (def.kind === 'Deployment' ? x.ownerDeployment === owner : !!s?.selector && Object.entries(s.selector).every(([k, v]) => x.labels[k] === v)));
      if (!pod) return err(`error: cannot attach to ${t}/${name}: no running pod found`);
    } else if (!def) return unknownType(t);
    else return err(`error: cannot attach to ${kindPrefix(def)}: not implemented`);
  }
  pod ??= state.pods.get(`${ns}/${podRef}`);
  if (!pod) return err(`Error from server (NotFound): pods "${podRef}" not found`);
  // kubectl pkg/cmd/exec/exec.go ExecOptions.Run and pkg/cmd/util/podcmd FindOrDefaultContainerByName.
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return err(`error: cannot exec into a container in a completed pod; current phase is ${pod.phase}`);
  const allNames = pod.containers.map((c) => c.name).join(', ');
  const wanted = last(p, 'container') ?? pod.annotations['kubectl.kubernetes.io/default-container'];
  const container = wanted !== undefined ? pod.containers.find((c) => c.name === wanted) : pod.containers[0];
  if (!container) return err(`error: container ${wanted ?? ''} is not valid for pod ${pod.name} out of: ${allNames}`);
  const defaulted = wanted === undefined && pod.containers.length > 1 && !p.flags.has('quiet') ? `Defaulted container "${container.name}" out of: ${allNames}\n` : '';
  if (pod.phase !== 'Running') return err(`${defaulted}error: unable to upgrade connection: container not found ("${container.name}")`);
  const res = execInPod(host, pod, p.rest, { container, stdin: p.flags.has('stdin') });
  // A program's non-zero exit reaches kubectl as a NonZeroExitCode status: client-go's errorDecoderV4 makes it
  // "command terminated with exit code N" and kubectl exits N (kubectl's CheckErr, utilexec.ExitError).
  const { internal: _internal, ...printed } = res;
  if (res.exitCode !== 0 && !res.internal) return aroundStderr(printed, defaulted, `command terminated with exit code ${res.exitCode}\n`);
  return aroundStderr(printed, defaulted);
}
