/**
 * The kubectl a learner types: a shell-like tokenizer, kubectl's flag parsing and error messages, and the
 * commands get / describe / exec / apply / delete / label. Never throws; every outcome is
 * { stdout, stderr, exitCode }.
 *
 * Exit codes: 0 success; 1 kubectl errors (unknown command/flag/resource, NotFound, invalid manifest) and
 * failed exec commands that exit 1 (ping, wget, nc, nslookup, unknown binary); otherwise `kubectl exec`
 * passes the command's own code through, as real kubectl does, with `command terminated with exit code N`
 * on stderr: curl 6 (could not resolve host), 7 (connection refused), 28 (timed out); dig 9 (no servers reached).
 *
 * Tools inside pods (busybox/curl/dnsutils flavoured): ping (default 3 packets: -c N), curl, wget, nc -z,
 * nslookup, dig, cat /etc/resolv.conf|/etc/hosts, hostname, sh -c '<one command>'.
 * ICMP is not governed by NetworkPolicy; the simulator follows Calico/Cilium: a pod isolated in a direction
 * drops ICMP unless a rule without `ports` matches the peer. A ClusterIP never answers ping (iptables kube-proxy).
 */
import { ManifestError, parseManifests } from './manifest.ts';
import { execInPod } from './exec/index.ts';
import { tokenize } from './shell-words.ts';
import { parseSelectorString, formatLabels, formatSelector, matchesSelector } from './selectors.ts';
import { endpointSlices } from './services.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { ConnectRequest, ConnectResult, KubectlResult, LabelSelector, PodModel } from './types.ts';
import * as F from './kubectl-format.ts';

export { tokenize };

/** Resource kinds kubectl knows here. */
export type ResourceKind = 'pods' | 'services' | 'endpoints' | 'endpointslices' | 'networkpolicies' | 'nodes' | 'namespaces' | 'deployments';

/** What kubectl needs from the cluster (implemented by createCluster). */
export interface KubectlHost {
  state(): ClusterState;
  connect(request: ConnectRequest): ConnectResult;
  /** Applies manifest text; returns kubectl's lines ("pod/x created"); throws ManifestError. */
  apply(text: string): string[];
  /** Deletes one object; returns an error message (kubectl style) or null. */
  remove(kind: ResourceKind, namespace: string, name: string): string | null;
  /** Sets (value) or removes (null) labels; returns an error message or null. */
  label(kind: ResourceKind, namespace: string, name: string, changes: Record<string, string | null>, overwrite: boolean): string | null;
}

const RESOURCES: Record<string, ResourceKind> = {
  pod: 'pods', pods: 'pods', po: 'pods',
  service: 'services', services: 'services', svc: 'services',
  endpoints: 'endpoints', ep: 'endpoints',
  endpointslice: 'endpointslices', endpointslices: 'endpointslices', 'endpointslice.discovery.k8s.io': 'endpointslices', 'endpointslices.discovery.k8s.io': 'endpointslices',
  networkpolicy: 'networkpolicies', networkpolicies: 'networkpolicies', netpol: 'networkpolicies', 'networkpolicy.networking.k8s.io': 'networkpolicies', 'networkpolicies.networking.k8s.io': 'networkpolicies',
  node: 'nodes', nodes: 'nodes', no: 'nodes',
  namespace: 'namespaces', namespaces: 'namespaces', ns: 'namespaces',
  deployment: 'deployments', deployments: 'deployments', deploy: 'deployments', 'deployment.apps': 'deployments', 'deployments.apps': 'deployments',
};

const CLUSTER_SCOPED: ResourceKind[] = ['nodes', 'namespaces'];

/** The resource name kubectl uses in messages ('pods', 'services', …) and the prefix of `-o name`. */
const NAME_PREFIX: Record<ResourceKind, string> = {
  pods: 'pod', services: 'service', endpoints: 'endpoints', endpointslices: 'endpointslice.discovery.k8s.io',
  networkpolicies: 'networkpolicy.networking.k8s.io', nodes: 'node', namespaces: 'namespace', deployments: 'deployment.apps',
};
const NOT_FOUND_NAME: Record<ResourceKind, string> = {
  pods: 'pods', services: 'services', endpoints: 'endpoints', endpointslices: 'endpointslices.discovery.k8s.io',
  networkpolicies: 'networkpolicies.networking.k8s.io', nodes: 'nodes', namespaces: 'namespaces', deployments: 'deployments.apps',
};

type Out = KubectlResult;
const ok = (stdout: string, stderr = ''): Out => ({ stdout, stderr, exitCode: 0 });
const err = (stderr: string, exitCode = 1, stdout = ''): Out => ({ stdout, stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode });

interface FlagSpec {
  long: string;
  short?: string;
  value: boolean;
}

interface Parsed {
  flags: Map<string, string[]>;
  args: string[];
  /** Arguments after `--`. */
  rest: string[] | null;
}

function parseFlags(cmd: string, tokens: string[], specs: FlagSpec[]): Parsed | Out {
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  const usage = `See 'kubectl ${cmd} --help' for usage.`;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '--') return { flags, args, rest: tokens.slice(i + 1) };
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq >= 0 ? t.slice(2, eq) : t.slice(2);
      const spec = specs.find((s) => s.long === name);
      if (!spec) return err(`error: unknown flag: --${name}\n${usage}`);
      if (spec.value) {
        let v: string | undefined = eq >= 0 ? t.slice(eq + 1) : tokens[++i];
        if (v === undefined) return err(`error: flag needs an argument: --${name}\n${usage}`);
        if (eq < 0 && v === '--') v = undefined;
        if (v === undefined) return err(`error: flag needs an argument: --${name}\n${usage}`);
        add(spec.long, v);
      } else {
        const v = eq >= 0 ? t.slice(eq + 1) : 'true';
        if (v !== 'true' && v !== 'false') return err(`error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax\n${usage}`);
        add(spec.long, v);
      }
    } else if (t.startsWith('-') && t.length > 1 && t !== '-') {
      const body = t.slice(1);
      for (let j = 0; j < body.length; j++) {
        const c = body[j] as string;
        const spec = specs.find((s) => s.short === c);
        if (!spec) return err(`error: unknown shorthand flag: '${c}' in ${t}\n${usage}`);
        if (spec.value) {
          let v = body.slice(j + 1);
          if (v.startsWith('=')) v = v.slice(1);
          if (v === '') {
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

function isOut(x: Parsed | Out): x is Out {
  return (x as Out).exitCode !== undefined;
}

const last = (p: Parsed, k: string): string | undefined => {
  const v = p.flags.get(k);
  return v ? v[v.length - 1] : undefined;
};
const flag = (p: Parsed, k: string): boolean => last(p, k) === 'true';

const NS_FLAGS: FlagSpec[] = [
  { long: 'namespace', short: 'n', value: true },
  { long: 'all-namespaces', short: 'A', value: false },
];

const HELP = `kubectl controls the Kubernetes cluster manager.

Commands available in this simulator:
  get         Display one or many resources
  describe    Show details of a specific resource or group of resources
  exec        Execute a command in a container
  apply       Apply a configuration to a resource by file name or stdin
  delete      Delete resources by file names, stdin, resources and names, or by resources and label selector
  label       Update the labels on a resource

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

function run(host: KubectlHost, line: string, stdin: string | undefined): Out {
  const tokens = tokenize(line);
  if (tokens === null) return err('error: unterminated quote in command line');
  if (tokens[0] === 'kubectl' || tokens[0] === 'k') tokens.shift();
  if (tokens.length === 0 || tokens[0] === '--help' || tokens[0] === '-h' || tokens[0] === 'help') return ok(HELP);
  const verb = tokens[0] as string;
  const rest = tokens.slice(1);
  switch (verb) {
    case 'get':
      return cmdGet(host, rest);
    case 'describe':
      return cmdDescribe(host, rest);
    case 'exec':
      return cmdExec(host, rest);
    case 'apply':
      return cmdApply(host, rest, stdin);
    case 'delete':
      return cmdDelete(host, rest, stdin);
    case 'label':
      return cmdLabel(host, rest);
    default:
      if (verb.startsWith('-')) return err(`error: unknown flag: ${verb}\nSee 'kubectl --help' for usage.`);
      return err(`error: unknown command "${verb}" for "kubectl"\nRun 'kubectl --help' for usage.`);
  }
}

interface Target {
  kind: ResourceKind;
  name?: string;
}

/** Parses `pods`, `pods,svc`, `pod/web`, `pod web db` argument forms. */
function parseTargets(args: string[], allowAll: boolean): Target[] | Out {
  if (args.length === 0) return [];
  const first = args[0] as string;
  if (first.includes('/')) {
    const out: Target[] = [];
    for (const a of args) {
      const [t, ...nm] = a.split('/');
      const kind = RESOURCES[(t ?? '').toLowerCase()];
      if (!kind) return err(`error: the server doesn't have a resource type "${t}"`);
      const name = nm.join('/');
      if (!name) return err(`error: arguments in resource/name form must have a single resource and name`);
      out.push({ kind, name });
    }
    return out;
  }
  const kinds: ResourceKind[] = [];
  for (const t of first.split(',')) {
    if (allowAll && t.toLowerCase() === 'all') {
      kinds.push('pods', 'services', 'deployments');
      continue;
    }
    const kind = RESOURCES[t.toLowerCase()];
    if (!kind) return err(`error: the server doesn't have a resource type "${t}"`);
    kinds.push(kind);
  }
  const names = args.slice(1);
  if (names.some((n) => n.includes('/'))) return err('error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'');
  if (names.length === 0) return kinds.map((kind) => ({ kind }));
  if (kinds.length > 1) return err('error: you may only specify a single resource type');
  const kind = kinds[0] as ResourceKind;
  return names.map((name) => ({ kind, name }));
}

interface Item {
  kind: ResourceKind;
  namespace: string;
  name: string;
  labels: Record<string, string>;
}

function listItems(state: ClusterState, kind: ResourceKind): Item[] {
  const m = state.model;
  switch (kind) {
    case 'pods':
      return m.pods.map((p) => ({ kind, namespace: p.namespace, name: p.name, labels: p.labels }));
    case 'services':
      return m.services.map((s) => ({ kind, namespace: s.namespace, name: s.name, labels: s.labels }));
    case 'endpoints':
      return m.services.map((s) => ({ kind, namespace: s.namespace, name: s.name, labels: s.labels }));
    case 'endpointslices':
      return m.services.flatMap((s) => endpointSlices(state, s).map((sl) => ({ kind, namespace: s.namespace, name: sl.name, labels: { 'kubernetes.io/service-name': s.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } })));
    case 'networkpolicies':
      return m.networkPolicies.map((n) => ({ kind, namespace: n.namespace, name: n.name, labels: n.labels }));
    case 'nodes':
      return m.nodes.map((n) => ({ kind, namespace: '', name: n.name, labels: n.labels }));
    case 'namespaces':
      return m.namespaces.map((n) => ({ kind, namespace: '', name: n.name, labels: n.labels }));
    case 'deployments':
      return m.deployments.map((d) => ({ kind, namespace: d.namespace, name: d.name, labels: d.labels }));
  }
}

function objectOf(state: ClusterState, it: Item): Record<string, unknown> | Array<Record<string, unknown>> {
  const k = `${it.namespace}/${it.name}`;
  switch (it.kind) {
    case 'pods':
      return F.podObject(state.pods.get(k) as PodModel);
    case 'services':
      return F.serviceObject(state.services.get(k)!);
    case 'endpoints':
      return F.endpointsObject(state.services.get(k)!, state);
    case 'endpointslices': {
      const svc = state.model.services.find((s) => s.namespace === it.namespace && endpointSlices(state, s).some((sl) => sl.name === it.name))!;
      return F.endpointSliceObjects(svc, state).filter((o) => (o.metadata as { name: string }).name === it.name);
    }
    case 'networkpolicies':
      return F.networkPolicyObject(state.model.networkPolicies.find((n) => n.namespace === it.namespace && n.name === it.name)!);
    case 'nodes':
      return F.nodeObject(state.nodes.get(it.name)!);
    case 'namespaces':
      return F.namespaceObject(state.namespaces.get(it.name)!);
    case 'deployments':
      return F.deploymentObject(state.deployments.get(k)!, state);
  }
}

function header(kind: ResourceKind, wide: boolean): string[] {
  switch (kind) {
    case 'pods':
      return wide ? ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
    case 'services':
      return wide ? ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'] : ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];
    case 'endpoints':
      return ['NAME', 'ENDPOINTS', 'AGE'];
    case 'endpointslices':
      return ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'];
    case 'networkpolicies':
      return ['NAME', 'POD-SELECTOR', 'AGE'];
    case 'nodes':
      return wide ? ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
    case 'namespaces':
      return ['NAME', 'STATUS', 'AGE'];
    case 'deployments':
      return wide ? ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'] : ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
  }
}

function row(state: ClusterState, it: Item, wide: boolean): string[] {
  const k = `${it.namespace}/${it.name}`;
  const age = F.FIXED_AGE;
  switch (it.kind) {
    case 'pods': {
      const p = state.pods.get(k)!;
      const n = p.containers.length;
      const status = p.phase === 'Pending' && p.nodeName ? 'ContainerCreating' : p.phase === 'Succeeded' ? 'Completed' : p.phase === 'Failed' ? 'Error' : p.phase;
      const base = [p.name, `${p.ready ? n : 0}/${n}`, status, '0', age];
      return wide ? [...base, p.ip || '<none>', p.nodeName || '<none>', '<none>', '<none>'] : base;
    }
    case 'services': {
      const s = state.services.get(k)!;
      const base = [s.name, s.type, s.headless ? 'None' : s.clusterIP, F.externalIPColumn(s), F.portsColumn(s), age];
      return wide ? [...base, s.selector ? formatLabels(s.selector) : '<none>'] : base;
    }
    case 'endpoints':
      return [it.name, F.endpointsColumn(state.services.get(k)!, state), age];
    case 'endpointslices': {
      const svc = state.model.services.find((s) => s.namespace === it.namespace && endpointSlices(state, s).some((sl) => sl.name === it.name))!;
      const sl = endpointSlices(state, svc).find((x) => x.name === it.name)!;
      const ports = sl.ports.length ? sl.ports.map((p) => String(p.port)).join(',') : '<unset>';
      const ips = sl.endpoints.map((e) => e.ip);
      const eps = ips.length === 0 ? '<none>' : ips.length <= 3 ? ips.join(',') : `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...`;
      return [sl.name, 'IPv4', ports, eps, age];
    }
    case 'networkpolicies': {
      const np = state.model.networkPolicies.find((n) => n.namespace === it.namespace && n.name === it.name)!;
      return [np.name, formatSelector(np.podSelector), age];
    }
    case 'nodes': {
      const n = state.nodes.get(it.name)!;
      const roles = Object.keys(n.labels)
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length))
        .sort()
        .join(',') || '<none>';
      const base = [n.name, 'Ready', roles, age, F.NODE_VERSION];
      return wide ? [...base, n.internalIP, '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-60-generic', 'containerd://2.1.1'] : base;
    }
    case 'namespaces':
      return [it.name, 'Active', age];
    case 'deployments': {
      const d = state.deployments.get(k)!;
      const pods = state.model.pods.filter((p) => p.ownerDeployment === k);
      const ready = pods.filter((p) => p.ready).length;
      const base = [d.name, `${ready}/${d.replicas}`, String(pods.length), String(ready), age];
      return wide ? [...base, d.containers.map((c) => c.name).join(','), d.containers.map((c) => c.image).join(','), formatSelector(d.selector)] : base;
    }
  }
}

const GET_FLAGS: FlagSpec[] = [
  ...NS_FLAGS,
  { long: 'selector', short: 'l', value: true },
  { long: 'output', short: 'o', value: true },
  { long: 'show-labels', value: false },
  { long: 'no-headers', value: false },
  { long: 'watch', short: 'w', value: false },
];

const FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

function namespaceOf(p: Parsed): string {
  return last(p, 'namespace') ?? 'default';
}

function cmdGet(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('get', tokens, GET_FLAGS);
  if (isOut(p)) return p;
  const state = host.state();
  const output = last(p, 'output') ?? '';
  let jsonpath: string | null = null;
  if (output.startsWith('jsonpath=') || output.startsWith('jsonpath-as-json=')) jsonpath = output.slice(output.indexOf('=') + 1);
  else if (!['', 'wide', 'yaml', 'json', 'name'].includes(output)) {
    return err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS}`);
  }
  if (p.args.length === 0) {
    return err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
  }
  const targets = parseTargets(p.args, true);
  if (!Array.isArray(targets)) return targets;
  const all = flag(p, 'all-namespaces');
  const ns = namespaceOf(p);
  let selector: LabelSelector | null = null;
  const sel = last(p, 'selector');
  if (sel !== undefined) {
    const parsed = parseSelectorString(sel);
    if (!parsed.ok) return err(parsed.error);
    selector = parsed.selector;
  }
  if (!all && !state.namespaces.has(ns) && targets.some((t) => !CLUSTER_SCOPED.includes(t.kind)) && targets.every((t) => t.name === undefined)) {
    return err(`No resources found in ${ns} namespace.`, 0);
  }
  const errors: string[] = [];
  const groups: Array<{ kind: ResourceKind; items: Item[] }> = [];
  for (const t of targets) {
    const scoped = !CLUSTER_SCOPED.includes(t.kind);
    let items = listItems(state, t.kind).filter((it) => !scoped || all || it.namespace === ns);
    if (t.name !== undefined) {
      if (all && scoped) return err('error: a resource cannot be retrieved by name across all namespaces');
      const exact = listItems(state, t.kind).filter((it) => it.name === t.name && (!scoped || it.namespace === ns));
      if (exact.length === 0) {
        errors.push(`Error from server (NotFound): ${NOT_FOUND_NAME[t.kind]} "${t.name}" not found`);
        continue;
      }
      items = exact;
    }
    if (selector) items = items.filter((it) => matchesSelector(selector as LabelSelector, it.labels));
    const g = groups.find((x) => x.kind === t.kind);
    if (g) g.items.push(...items);
    else groups.push({ kind: t.kind, items });
  }
  const named = targets.some((t) => t.name !== undefined);
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const stderrText = errors.length ? `${errors.join('\n')}\n` : '';
  const code = errors.length ? 1 : 0;
  const warn = groups.some((g) => g.kind === 'endpoints') ? 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n' : '';
  if (total === 0) {
    if (named) return { stdout: '', stderr: warn + stderrText, exitCode: code };
    const scopedOnly = targets.every((t) => !CLUSTER_SCOPED.includes(t.kind));
    const msg = all || !scopedOnly ? 'No resources found' : `No resources found in ${ns} namespace.`;
    return { stdout: '', stderr: `${warn}${stderrText}${msg}\n`, exitCode: code };
  }
  const flat = groups.flatMap((g) => g.items);
  if (output === 'yaml' || output === 'json' || jsonpath !== null) {
    const objs = flat.flatMap((it) => {
      const o = objectOf(state, it);
      return Array.isArray(o) ? o : [o];
    });
    const asList = !(named && objs.length === 1);
    if (jsonpath !== null) {
      const r = evalJsonPath(jsonpath, asList ? { apiVersion: 'v1', items: objs, kind: 'List' } : objs[0]);
      if (r === null) return err(`error: error parsing jsonpath ${jsonpath}`);
      return { stdout: r, stderr: warn + stderrText, exitCode: code };
    }
    return { stdout: F.serialize(objs, asList, output === 'json' ? 'json' : 'yaml'), stderr: warn + stderrText, exitCode: code };
  }
  if (output === 'name') {
    return { stdout: flat.map((it) => `${NAME_PREFIX[it.kind]}/${it.name}\n`).join(''), stderr: warn + stderrText, exitCode: code };
  }
  const wide = output === 'wide';
  const showKind = groups.length > 1 || targets.some((t) => t.kind !== targets[0]?.kind);
  const blocks: string[] = [];
  for (const g of groups) {
    if (g.items.length === 0) continue;
    let head = header(g.kind, wide);
    let rows = g.items.map((it) => row(state, it, wide));
    if (showKind) rows = rows.map((r, i) => [`${NAME_PREFIX[g.kind]}/${g.items[i]?.name ?? ''}`, ...r.slice(1)]);
    if (all && !CLUSTER_SCOPED.includes(g.kind)) {
      head = ['NAMESPACE', ...head];
      rows = rows.map((r, i) => [g.items[i]?.namespace ?? '', ...r]);
    }
    if (flag(p, 'show-labels')) {
      head = [...head, 'LABELS'];
      rows = rows.map((r, i) => [...r, formatLabels(g.items[i]?.labels ?? {})]);
    }
    blocks.push(F.formatTable(flag(p, 'no-headers') ? null : head, rows));
  }
  return { stdout: blocks.join('\n'), stderr: warn + stderrText, exitCode: code };
}

/** Evaluates a small JSONPath subset: `{.a.b}`, `{.items[*].x}`, `{.items[0].x}`, literal text between expressions. */
export function evalJsonPath(template: string, data: unknown): string | null {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = template.indexOf('}', open);
    if (close < 0) return null;
    const expr = template.slice(open + 1, close).trim();
    i = close + 1;
    if (expr === '"\\n"' || expr === "'\\n'") {
      out += '\n';
      continue;
    }
    if (!expr.startsWith('.') && expr !== '@') return null;
    let values: unknown[] = [data];
    const parts = expr.match(/\.[^.[\]]*|\[[^\]]*\]/g) ?? [];
    for (const part of parts) {
      const next: unknown[] = [];
      for (const v of values) {
        if (part.startsWith('[')) {
          const idx = part.slice(1, -1).trim();
          if (!Array.isArray(v)) continue;
          if (idx === '*') next.push(...v);
          else if (/^-?\d+$/.test(idx)) {
            const n = Number(idx);
            const item = v[n < 0 ? v.length + n : n];
            if (item !== undefined) next.push(item);
          } else return null;
        } else {
          const key = part.slice(1);
          if (key === '') next.push(v);
          else if (key === '*' && v && typeof v === 'object') next.push(...Object.values(v as Record<string, unknown>));
          else if (v && typeof v === 'object' && !Array.isArray(v) && key in (v as Record<string, unknown>)) next.push((v as Record<string, unknown>)[key]);
        }
      }
      values = next;
    }
    out += values.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(' ');
  }
  return out;
}

function cmdDescribe(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('describe', tokens, [...NS_FLAGS, { long: 'selector', short: 'l', value: true }]);
  if (isOut(p)) return p;
  const state = host.state();
  if (p.args.length === 0) return err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\nerror: Required resource not specified.");
  const targets = parseTargets(p.args, false);
  if (!Array.isArray(targets)) return targets;
  const ns = namespaceOf(p);
  const all = flag(p, 'all-namespaces');
  const texts: string[] = [];
  const errors: string[] = [];
  for (const t of targets) {
    if (!['pods', 'services', 'networkpolicies'].includes(t.kind)) {
      errors.push(`error: describe is simulated for pods, services and networkpolicies only, not "${t.kind}"`);
      continue;
    }
    let items = listItems(state, t.kind).filter((it) => all || it.namespace === ns);
    if (t.name !== undefined) {
      items = items.filter((it) => it.name === t.name || (t.kind === 'pods' && it.name.startsWith(`${t.name}-`) && state.pods.get(`${it.namespace}/${it.name}`)?.ownerDeployment === `${it.namespace}/${t.name}`));
      if (items.length === 0) {
        errors.push(`Error from server (NotFound): ${NOT_FOUND_NAME[t.kind]} "${t.name}" not found`);
        continue;
      }
    }
    const sel = last(p, 'selector');
    if (sel !== undefined) {
      const parsed = parseSelectorString(sel);
      if (!parsed.ok) return err(parsed.error);
      items = items.filter((it) => matchesSelector(parsed.selector, it.labels));
    }
    for (const it of items) {
      const k = `${it.namespace}/${it.name}`;
      if (t.kind === 'pods') texts.push(F.describePod(state.pods.get(k)!, state));
      else if (t.kind === 'services') texts.push(F.describeService(state.services.get(k)!, state));
      else texts.push(F.describeNetworkPolicy(state.model.networkPolicies.find((n) => keyOf(n) === k)!));
    }
  }
  if (texts.length === 0 && errors.length === 0) return err(`No resources found in ${ns} namespace.`, 0);
  return { stdout: texts.join('\n\n'), stderr: errors.length ? `${errors.join('\n')}\n` : '', exitCode: errors.length ? 1 : 0 };
}

function cmdApply(host: KubectlHost, tokens: string[], stdin: string | undefined): Out {
  const p = parseFlags('apply', tokens, [{ long: 'filename', short: 'f', value: true }, ...NS_FLAGS, { long: 'dry-run', value: true }]);
  if (isOut(p)) return p;
  const files = p.flags.get('filename');
  if (!files || files.length === 0) return err("error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples");
  if (p.args.length > 0) return err(`error: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  for (const f of files) if (f !== '-') return err(`error: the path "${f}" does not exist (this simulator reads manifests from stdin: kubectl apply -f -)`);
  if (stdin === undefined || stdin.trim() === '') return err('error: no objects passed to apply');
  let text = stdin;
  const ns = last(p, 'namespace');
  if (ns !== undefined) text = withNamespace(text, ns);
  try {
    const lines = host.apply(text);
    return ok(lines.map((l) => `${l}\n`).join(''));
  } catch (e) {
    if (e instanceof ManifestError) return err(`error: error validating data: ${e.message}`);
    throw e;
  }
}

/** Adds `metadata.namespace` (from `-n`) to every namespaced document that does not set one. */
function withNamespace(text: string, ns: string): string {
  return text
    .split(/^---\s*$/m)
    .map((doc) => (/^\s*namespace:/m.test(doc) || !/^metadata:\s*$/m.test(doc) || /^kind:\s*(Namespace|Node)\s*$/m.test(doc) ? doc : doc.replace(/^metadata:\s*$/m, `metadata:\n  namespace: ${ns}`)))
    .join('---\n');
}

function cmdDelete(host: KubectlHost, tokens: string[], stdin: string | undefined): Out {
  const p = parseFlags('delete', tokens, [...NS_FLAGS, { long: 'filename', short: 'f', value: true }, { long: 'selector', short: 'l', value: true }, { long: 'all', value: false }, { long: 'now', value: false }, { long: 'force', value: false }, { long: 'grace-period', value: true }, { long: 'ignore-not-found', value: false }]);
  if (isOut(p)) return p;
  const state = host.state();
  const ns = namespaceOf(p);
  const lines: string[] = [];
  const errors: string[] = [];
  const del = (kind: ResourceKind, namespace: string, name: string) => {
    const e = host.remove(kind, namespace, name);
    if (e) {
      if (!(flag(p, 'ignore-not-found') && e.includes('NotFound'))) errors.push(e);
    } else lines.push(`${NAME_PREFIX[kind].split('.')[0]} "${name}" deleted${CLUSTER_SCOPED.includes(kind) ? '' : ` from ${namespace} namespace`}`);
  };
  const files = p.flags.get('filename');
  if (files) {
    for (const f of files) if (f !== '-') return err(`error: the path "${f}" does not exist`);
    if (!stdin) return err('error: no objects passed to delete');
    let text = stdin;
    const nsFlag = last(p, 'namespace');
    if (nsFlag !== undefined) text = withNamespace(text, nsFlag);
    let objs;
    try {
      objs = parseManifests(text);
    } catch (e) {
      if (e instanceof ManifestError) return err(`error: ${e.message}`);
      throw e;
    }
    const kindMap: Record<string, ResourceKind> = { Pod: 'pods', Service: 'services', NetworkPolicy: 'networkpolicies', Node: 'nodes', Namespace: 'namespaces', Deployment: 'deployments' };
    for (const o of objs) del(kindMap[o.kind] as ResourceKind, 'namespace' in o.value ? o.value.namespace : '', o.value.name);
  } else {
    if (p.args.length === 0) return err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const targets = parseTargets(p.args, false);
    if (!Array.isArray(targets)) return targets;
    const sel = last(p, 'selector');
    for (const t of targets) {
      if (t.kind === 'endpoints' || t.kind === 'endpointslices') {
        errors.push(`error: ${t.kind} are managed by the control plane in this simulator; delete the Service or change pod labels instead`);
        continue;
      }
      if (t.name !== undefined) {
        del(t.kind, CLUSTER_SCOPED.includes(t.kind) ? '' : ns, t.name);
        continue;
      }
      if (sel === undefined && !flag(p, 'all')) return err('error: resource(s) were provided, but no name was specified');
      let items = listItems(state, t.kind).filter((it) => CLUSTER_SCOPED.includes(t.kind) || it.namespace === ns);
      if (sel !== undefined) {
        const parsed = parseSelectorString(sel);
        if (!parsed.ok) return err(parsed.error);
        items = items.filter((it) => matchesSelector(parsed.selector, it.labels));
      }
      for (const it of items) del(t.kind, it.namespace, it.name);
      if (items.length === 0 && lines.length === 0 && errors.length === 0) errors.push('No resources found');
    }
  }
  const stderr = errors.length ? `${errors.join('\n')}\n` : '';
  const onlyNoResources = errors.length === 1 && errors[0] === 'No resources found';
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr, exitCode: errors.length && !onlyNoResources ? 1 : 0 };
}

function cmdLabel(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('label', tokens, [...NS_FLAGS, { long: 'overwrite', value: false }, { long: 'selector', short: 'l', value: true }, { long: 'all', value: false }]);
  if (isOut(p)) return p;
  const ns = namespaceOf(p);
  const args = [...p.args];
  if (args.length === 0) return err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl label -h' for help and examples");
  // Split resource arguments from key=value / key- changes.
  const isChange = (a: string) => /^[^=\s]+=[^=\s]*$/.test(a) || /^[^=\s]+-$/.test(a);
  const firstChange = args.findIndex((a, i) => i > 0 && isChange(a));
  if (firstChange < 0) return err("error: at least one label update is required\nSee 'kubectl label -h' for help and examples");
  const resArgs = args.slice(0, firstChange);
  const changesRaw = args.slice(firstChange);
  const targets = parseTargets(resArgs, false);
  if (!Array.isArray(targets)) return targets;
  const changes: Record<string, string | null> = {};
  for (const c of changesRaw) {
    if (!isChange(c)) return err(`error: invalid label spec: ${c}`);
    if (c.endsWith('-') && !c.includes('=')) changes[c.slice(0, -1)] = null;
    else {
      const [k, v] = c.split('=') as [string, string];
      const check = parseSelectorString(`${k}=${v}`);
      if (!check.ok || k.length > 316 || v.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)) return err(`error: invalid label value: "${c}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
      changes[k] = v;
    }
  }
  const lines: string[] = [];
  const errors: string[] = [];
  let names: Target[] = targets.filter((t) => t.name !== undefined);
  const sel = last(p, 'selector');
  if (names.length === 0) {
    const kind = targets[0]?.kind;
    if (!kind) return err('error: resource(s) were provided, but no name was specified');
    if (sel === undefined && !flag(p, 'all')) return err('error: resource(s) were provided, but no name was specified');
    let items = listItems(host.state(), kind).filter((it) => CLUSTER_SCOPED.includes(kind) || it.namespace === ns);
    if (sel !== undefined) {
      const parsed = parseSelectorString(sel);
      if (!parsed.ok) return err(parsed.error);
      items = items.filter((it) => matchesSelector(parsed.selector, it.labels));
    }
    names = items.map((it) => ({ kind, name: it.name }));
  }
  for (const t of names) {
    const e = host.label(t.kind, CLUSTER_SCOPED.includes(t.kind) ? '' : ns, t.name as string, changes, flag(p, 'overwrite'));
    if (e) errors.push(e);
    else {
      const unlabeled = Object.values(changes).every((v) => v === null);
      lines.push(`${NAME_PREFIX[t.kind]}/${t.name} ${unlabeled ? 'unlabeled' : 'labeled'}`);
    }
  }
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: errors.length ? `${errors.join('\n')}\n` : '', exitCode: errors.length ? 1 : 0 };
}

// ---------------------------------------------------------------------------------------------------------
// exec

function cmdExec(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('exec', tokens, [
    { long: 'namespace', short: 'n', value: true },
    { long: 'container', short: 'c', value: true },
    { long: 'stdin', short: 'i', value: false },
    { long: 'tty', short: 't', value: false },
    { long: 'quiet', short: 'q', value: false },
  ]);
  if (isOut(p)) return p;
  const state = host.state();
  const ns = namespaceOf(p);
  if (p.args.length === 0) return err("error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples");
  if (p.args.length > 1) return err('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples');
  if (!p.rest || p.rest.length === 0) return err('error: you must specify at least one command for the container');
  let podRef = p.args[0] as string;
  let pod: PodModel | undefined;
  if (podRef.includes('/')) {
    const [t, name] = podRef.split('/', 2) as [string, string];
    const kind = RESOURCES[t.toLowerCase()];
    if (kind === 'pods') podRef = name;
    else if (kind === 'deployments' || kind === 'services') {
      const owner = `${ns}/${name}`;
      if (kind === 'deployments' && !state.deployments.has(owner)) return err(`Error from server (NotFound): deployments.apps "${name}" not found`);
      if (kind === 'services' && !state.services.has(owner)) return err(`Error from server (NotFound): services "${name}" not found`);
      const svc = state.services.get(owner);
      pod = state.model.pods.find((x) => x.namespace === ns && x.phase === 'Running' && (kind === 'deployments' ? x.ownerDeployment === owner : !!svc?.selector && Object.entries(svc.selector).every(([k, v]) => x.labels[k] === v)));
      if (!pod) return err(`error: cannot attach to ${t}/${name}: no running pod found`);
    } else return err(`error: cannot attach to ${t}: not implemented`);
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
  if (res.exitCode !== 0 && !res.internal) {
    return { stdout: res.stdout, stderr: `${defaulted}${res.stderr}command terminated with exit code ${res.exitCode}\n`, exitCode: res.exitCode };
  }
  return { stdout: res.stdout, stderr: `${defaulted}${res.stderr}`, exitCode: res.exitCode };
}
