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
import { candidateNames, resolveName, resolvConf, DNS_TTL, lookupFqdn } from './dns.ts';
import type { DnsLookup } from './dns.ts';
import { dnsPath } from './connect.ts';
import { ipToInt, fnv1a } from './ipam.ts';
import { parseSelectorString, formatLabels, formatSelector, matchesSelector } from './selectors.ts';
import { endpointSlices } from './services.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { ConnectRequest, ConnectResult, KubectlResult, LabelSelector, PodModel } from './types.ts';
import * as F from './kubectl-format.ts';

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

/** Splits a command line like a POSIX shell (quotes, backslashes); returns null on an unterminated quote. */
export function tokenize(line: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (quote) return null;
  if (has) out.push(cur);
  return out;
}

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
  const container = last(p, 'container');
  if (container !== undefined && !pod.containers.some((c) => c.name === container)) {
    return err(`error: unable to upgrade connection: container ${container} not found in pod ${pod.name}`);
  }
  if (pod.phase !== 'Running') return err(`error: unable to upgrade connection: container not found ("${pod.containers[0]?.name ?? ''}")`);
  const res = execInPod(host, pod, p.rest);
  if (res.exitCode !== 0 && !res.internal) {
    return { stdout: res.stdout, stderr: `${res.stderr}command terminated with exit code ${res.exitCode}\n`, exitCode: res.exitCode };
  }
  return { stdout: res.stdout, stderr: res.stderr, exitCode: res.exitCode };
}

interface ExecOut extends KubectlResult {
  /** True when the error is kubectl's own (no "command terminated" line). */
  internal?: boolean;
}

function execInPod(host: KubectlHost, pod: PodModel, argv: string[]): ExecOut {
  const [bin0, ...args] = argv as [string, ...string[]];
  const bin = bin0.split('/').pop() ?? bin0;
  switch (bin) {
    case 'sh':
    case 'bash':
    case 'ash': {
      if (args[0] === '-c' && args[1] !== undefined) {
        const inner = tokenize(args[1]);
        if (inner === null) return { stdout: '', stderr: `${bin}: syntax error: unterminated quoted string\n`, exitCode: 2 };
        if (inner.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
        if (inner.some((t) => ['|', '&&', '||', ';', '>', '<'].includes(t))) return { stdout: '', stderr: `${bin}: pipes, redirections and command lists are not simulated; run one command at a time\n`, exitCode: 2 };
        return execInPod(host, pod, inner);
      }
      return { stdout: '', stderr: 'Unable to use a TTY - interactive shells are not simulated; pass a command after --, e.g. -- sh -c "wget -qO- web"\n', exitCode: 1, internal: true };
    }
    case 'ping':
      return ping(host, pod, args);
    case 'curl':
      return curl(host, pod, args);
    case 'wget':
      return wget(host, pod, args);
    case 'nc':
    case 'netcat':
      return nc(host, pod, args);
    case 'nslookup':
      return nslookup(host, pod, args);
    case 'dig':
      return dig(host, pod, args);
    case 'hostname':
      return { stdout: args.includes('-i') ? `${pod.ip}\n` : `${pod.hostname ?? pod.name}\n`, stderr: '', exitCode: 0 };
    case 'cat':
      return cat(pod, args);
    case 'true':
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'false':
      return { stdout: '', stderr: '', exitCode: 1 };
    case 'echo':
      return { stdout: `${args.join(' ')}\n`, stderr: '', exitCode: 0 };
    default:
      return {
        stdout: '',
        stderr: `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin0}": executable file not found in $PATH: unknown\n`,
        exitCode: 1,
        internal: true,
      };
  }
}

function hostsFile(pod: PodModel): string {
  const fqdn = pod.subdomain ? `${pod.hostname ?? pod.name}.${pod.subdomain}.${pod.namespace}.svc.cluster.local\t` : '';
  return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.ip}\t${fqdn}${pod.hostname ?? pod.name}\n`;
}

function cat(pod: PodModel, args: string[]): ExecOut {
  let out = '';
  for (const f of args) {
    if (f === '/etc/resolv.conf') out += resolvConf(pod.namespace);
    else if (f === '/etc/hosts') out += hostsFile(pod);
    else if (f === '/etc/hostname') out += `${pod.hostname ?? pod.name}\n`;
    else return { stdout: out, stderr: `cat: can't open '${f}': No such file or directory\n`, exitCode: 1 };
  }
  return { stdout: out, stderr: '', exitCode: 0 };
}

/** Turns a host argument into a connect() target: own hostname via /etc/hosts, IPs as is, else DNS. */
function targetFor(pod: PodModel, host: string): string {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '127.0.0.1' || h === (pod.hostname ?? pod.name)) return keyOf(pod);
  return host;
}

function ping(host: KubectlHost, pod: PodModel, args: string[]): ExecOut {
  let count = 3;
  let dest: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c') count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-W' || a === '-w' || a === '-i' || a === '-s' || a === '-t') i++;
    else if (a === '-q' || a === '-4' || a === '-n') continue;
    else if (a.startsWith('-')) return { stdout: '', stderr: `ping: unrecognized option '${a}'\nBusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n`, exitCode: 1 };
    else dest = a;
  }
  if (!dest) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n', exitCode: 1 };
  if (!Number.isInteger(count) || count < 1 || count > 100) count = 3;
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, dest), protocol: 'ICMP' });
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return { stdout: '', stderr: `ping: bad address '${dest}'\n`, exitCode: 1 };
  if (r.status === 'error' && !r.target) return { stdout: '', stderr: `ping: ${r.reason}\n`, exitCode: 1 };
  const ip = r.target?.ip ?? dest;
  let out = `PING ${dest} (${ip}): 56 data bytes\n`;
  if (r.allowed) {
    const sameNode = r.steps.some((s) => s.action.startsWith('Bridge forwards') || s.action === 'Local delivery');
    const ttl = sameNode ? 64 : 62;
    const base = sameNode ? 0.07 : 0.35;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = base + (fnv1a(`${keyOf(pod)}>${ip}#${i}`) % 60) / 1000;
      times.push(t);
      out += `64 bytes from ${ip}: seq=${i} ttl=${ttl} time=${t.toFixed(3)} ms\n`;
    }
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    out += `\n--- ${dest} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\nround-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`;
    return { stdout: out, stderr: '', exitCode: 0 };
  }
  out += `\n--- ${dest} ping statistics ---\n${count} packets transmitted, 0 packets received, 100% packet loss\n`;
  return { stdout: out, stderr: '', exitCode: 1 };
}

interface Url {
  host: string;
  port: number;
  path: string;
  scheme: string;
}

function parseUrl(u: string): Url | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?#].*)?$/.exec(u);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return null;
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { scheme, host: m[2] ?? '', port, path: m[4] ?? '/' };
}

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

function bodyFor(host: KubectlHost, r: ConnectResult): { body: string; server: string } {
  const pod = r.target?.pod ? host.state().pods.get(r.target.pod) : undefined;
  if (!pod) return { body: `Hello from ${r.target?.ip ?? 'the server'}\n`, server: 'simulated' };
  const image = pod.containers.map((c) => c.image).join(' ');
  if (/nginx/.test(image)) return { body: NGINX_PAGE, server: 'nginx/1.27.5' };
  return { body: `${pod.hostname ?? pod.name}\n`, server: 'simulated' };
}

function curl(host: KubectlHost, pod: PodModel, args: string[]): ExecOut {
  let url: string | undefined;
  let silent = false;
  let showErr = false;
  let head = false;
  let verbose = false;
  let include = false;
  let timeout: number | undefined;
  let discard = false;
  let writeOut: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-m' || a === '--max-time' || a === '--connect-timeout') timeout = Number(args[++i]);
    else if (a === '-o' || a === '--output') discard = args[++i] !== '-';
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '-H' || a === '--header' || a === '-X' || a === '--request' || a === '-d' || a === '--data' || a === '-A' || a === '--user-agent') i++;
    else if (a === '--head' || a === '-I') head = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showErr = true;
    else if (a === '--include') include = true;
    else if (a === '--fail' || a === '-k' || a === '--insecure' || a === '-L' || a === '--location') continue;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 's') silent = true;
        else if (c === 'S') showErr = true;
        else if (c === 'v') verbose = true;
        else if (c === 'I') head = true;
        else if (c === 'i') include = true;
        else if ('fkL'.includes(c)) continue;
        else return { stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
      }
    } else if (a.startsWith('-')) return { stdout: '', stderr: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
    else url = a;
  }
  const showErrors = !silent || showErr;
  const fail = (code: number, msg: string): ExecOut => ({ stdout: writeOut ? writeOut.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n') : '', stderr: showErrors ? `curl: (${code}) ${msg}\n` : '', exitCode: code });
  if (!url) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const u = parseUrl(url);
  if (!u) return fail(3, 'URL rejected: Malformed input to a URL function');
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, u.host), port: u.port, protocol: 'TCP' });
  const ms = timeout !== undefined && Number.isFinite(timeout) && timeout > 0 ? Math.round(timeout * 1000) + 1 : 10001;
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return fail(6, `Could not resolve host: ${u.host}`);
  if (r.status === 'refused') return fail(7, `Failed to connect to ${u.host} port ${u.port} after 1 ms: Connection refused`);
  if (r.status === 'timeout' || r.status === 'policy-denied') return fail(28, `Connection timed out after ${ms} milliseconds`);
  if (!r.allowed) return fail(7, `Failed to connect to ${u.host} port ${u.port}: ${r.reason}`);
  const ip = r.target?.ip ?? u.host;
  if (u.scheme === 'https') return fail(35, `OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number (the simulated server speaks plain HTTP on ${ip}:${u.port})`);
  const { body, server } = bodyFor(host, r);
  const headers = `HTTP/1.1 200 OK\r\nServer: ${server}\r\nContent-Type: text/${body.startsWith('<!DOCTYPE') ? 'html' : 'plain'}\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`;
  let stdout = '';
  let stderr = '';
  if (verbose) {
    stderr += `*   Trying ${ip}:${u.port}...\n* Connected to ${u.host} (${ip}) port ${u.port}\n> ${head ? 'HEAD' : 'GET'} ${u.path} HTTP/1.1\n> Host: ${u.host}${u.port === 80 ? '' : `:${u.port}`}\n> User-Agent: curl/8.14.1\n> Accept: */*\n>\n`;
    stderr += headers.split('\r\n').filter((l) => l !== '').map((l) => `< ${l}`).join('\n') + '\n<\n';
  }
  if (head) stdout += headers.replace(/\r\n/g, '\n');
  else {
    if (include) stdout += headers.replace(/\r\n/g, '\n');
    if (!discard) stdout += body;
  }
  if (writeOut) stdout += writeOut.replace(/%\{http_code\}/g, '200').replace(/%\{remote_ip\}/g, ip).replace(/\\n/g, '\n');
  return { stdout, stderr, exitCode: 0 };
}

function wget(host: KubectlHost, pod: PodModel, args: string[]): ExecOut {
  let url: string | undefined;
  let quiet = false;
  let toStdout = false;
  let spider = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-O') toStdout = args[++i] === '-';
    else if (a === '-T' || a === '--timeout' || a === '-U' || a === '--header') i++;
    else if (a === '--spider') spider = true;
    else if (a === '-qO-' || a === '-qO' || a === '-q') {
      quiet = true;
      if (a === '-qO-') toStdout = true;
      if (a === '-qO') toStdout = args[++i] === '-';
    } else if (a === '-O-') toStdout = true;
    else if (a.startsWith('-')) return { stdout: '', stderr: `wget: unrecognized option '${a}'\nBusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-T SEC] URL...\n`, exitCode: 1 };
    else url = a;
  }
  if (!url) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-T SEC] URL...\n', exitCode: 1 };
  const u = parseUrl(url);
  if (!u) return { stdout: '', stderr: `wget: bad address '${url}'\n`, exitCode: 1 };
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, u.host), port: u.port, protocol: 'TCP' });
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return { stdout: '', stderr: `wget: bad address '${u.host}'\n`, exitCode: 1 };
  const ip = r.target?.ip ?? u.host;
  const connecting = quiet ? '' : `Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${ip}:${u.port})\n`;
  if (r.status === 'refused') return { stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 };
  if (!r.allowed) return { stdout: '', stderr: `${connecting}wget: download timed out\n`, exitCode: 1 };
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, exitCode: 0 };
  const { body } = bodyFor(host, r);
  if (toStdout) return { stdout: body, stderr: quiet ? '' : `${connecting}writing to stdout\n-                    100% |********************************|   ${body.length}  0:00:00 ETA\nwritten to stdout\n`, exitCode: 0 };
  return { stdout: '', stderr: quiet ? '' : `${connecting}saving to 'index.html'\nindex.html           100% |********************************|   ${body.length}  0:00:00 ETA\n'index.html' saved\n`, exitCode: 0 };
}

function nc(host: KubectlHost, pod: PodModel, args: string[]): ExecOut {
  let udp = false;
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-w' || a === '-W') i++;
    else if (/^-[zvunw0-9]+$/.test(a)) {
      if (a.includes('u')) udp = true;
    } else if (a.startsWith('-')) return { stdout: '', stderr: `nc: unrecognized option '${a}'\n`, exitCode: 1 };
    else pos.push(a);
  }
  const [h, portText] = pos;
  const port = Number(portText);
  if (!h || !portText || !Number.isInteger(port) || port < 1 || port > 65535) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n', exitCode: 1 };
  const r = host.connect({ from: keyOf(pod), to: targetFor(pod, h), port, protocol: udp ? 'UDP' : 'TCP' });
  if (r.status === 'nxdomain' || r.status === 'dns-timeout') return { stdout: '', stderr: `nc: bad address '${h}'\n`, exitCode: 1 };
  const ip = r.target?.ip ?? h;
  if (r.allowed) return { stdout: '', stderr: `${h} (${ip}:${port}) open\n`, exitCode: 0 };
  if (r.status === 'refused') return { stdout: '', stderr: `nc: ${h} (${ip}:${port}): Connection refused\n`, exitCode: 1 };
  return { stdout: '', stderr: `nc: ${h} (${ip}:${port}): Connection timed out\n`, exitCode: 1 };
}

function dnsReachable(host: KubectlHost, pod: PodModel): boolean {
  return dnsPath(host.state(), pod).ok;
}

function nslookup(host: KubectlHost, pod: PodModel, args: string[]): ExecOut {
  const names = args.filter((a) => !a.startsWith('-'));
  const name = names[0];
  if (!name) return { stdout: '', stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup HOST [DNS_SERVER]\n', exitCode: 1 };
  const header = `Server:\t\t${F.DNS_SERVER}\nAddress:\t${F.DNS_SERVER}#53\n\n`;
  if (!dnsReachable(host, pod)) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
  if (ipToInt(name) !== null) {
    return { stdout: `${header}** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  const lookup: DnsLookup = resolveName(host.state(), name, pod.namespace);
  if (!lookup.answer) return { stdout: `${header}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  const a = lookup.answer;
  return { stdout: `${header}${a.ips.map((ip) => `Name:\t${a.fqdn}\nAddress: ${ip}\n`).join('')}\n`, stderr: '', exitCode: 0 };
}

function dig(host: KubectlHost, pod: PodModel, args: string[]): ExecOut {
  let short = false;
  let search = false;
  let name: string | undefined;
  let type = 'A';
  for (const a of args) {
    if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a.startsWith('+') || a.startsWith('@')) continue;
    else if (['A', 'AAAA', 'SRV', 'ANY', 'a', 'srv'].includes(a)) type = a.toUpperCase();
    else if (a.startsWith('-')) continue;
    else name = a;
  }
  if (!name) name = '.';
  const state = host.state();
  const id = fnv1a(`${keyOf(pod)}?${name}`) % 65536;
  const banner = `\n; <<>> DiG 9.18.33 <<>> ${args.join(' ')}\n;; global options: +cmd\n`;
  if (!dnsReachable(host, pod)) {
    return { stdout: short ? ';; connection timed out; no servers could be reached\n' : `${banner};; connection timed out; no servers could be reached\n`, stderr: '', exitCode: 9 };
  }
  let answer = null;
  let qname = name.toLowerCase().replace(/\.$/, '');
  if (search) {
    for (const c of candidateNames(name, pod.namespace)) {
      answer = lookupFqdn(state, c);
      if (answer) {
        qname = c;
        break;
      }
    }
  } else answer = lookupFqdn(state, qname);
  const ips = answer && type !== 'AAAA' ? answer.ips : [];
  if (short) return { stdout: ips.map((ip) => `${ip}\n`).join(''), stderr: '', exitCode: 0 };
  const status = answer ? 'NOERROR' : 'NXDOMAIN';
  const lines = [
    banner.trimEnd(),
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`,
    `;; flags: qr aa rd; QUERY: 1, ANSWER: ${ips.length}, AUTHORITY: ${answer && ips.length ? 0 : 1}, ADDITIONAL: 1`,
    ';; WARNING: recursion requested but not available',
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `;${qname}.\t\t\tIN\t${type}`,
    '',
  ];
  if (ips.length) {
    lines.push(';; ANSWER SECTION:');
    for (const ip of ips) lines.push(`${qname}.\t${DNS_TTL}\tIN\tA\t${ip}`);
    lines.push('');
  } else {
    lines.push(';; AUTHORITY SECTION:', `cluster.local.\t\t${DNS_TTL}\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1735689600 7200 1800 86400 ${DNS_TTL}`, '');
  }
  lines.push(';; Query time: 0 msec', `;; SERVER: ${F.DNS_SERVER}#53(${F.DNS_SERVER}) (UDP)`, `;; WHEN: ${F.FIXED_DESCRIBE_TIME.replace('+0000', 'UTC')}`, `;; MSG SIZE  rcvd: ${60 + qname.length * 2 + ips.length * 16}`, '');
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
}
