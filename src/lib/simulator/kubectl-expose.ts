/**
 * `kubectl expose`: a new Service for a Pod, Service, Deployment or ReplicaSet, as kubectl v1.35 builds it
 * (kubernetes/kubectl pkg/cmd/expose/expose.go RunExpose and createService). The selector, ports, protocols and
 * labels are read from the exposed object's API form (what `kubectl get -o yaml` shows) as the polymorphic helpers
 * do (pkg/polymorphichelpers canbeexposed.go, mapbasedselectorforobject.go, portsforobject.go,
 * multiprotocolsforobject.go); the Service is then created through the host like any applied object, so the API
 * validation, ClusterIP allocation and EndpointSlices are the simulator's own. Stateless.
 */
import { ManifestError } from './manifest.ts';
import { err, isOut, last, NAMESPACE_FLAGS, parseFlags, parseSelection, scopeOf, selectedDefs, visit, warningsFor } from './kubectl-args.ts';
import type { Out } from './kubectl-args.ts';
import type { KubectlHost } from './kubectl.ts';
import * as F from './kubectl-format.ts';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strMap = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries(obj(v)).filter(([, x]) => typeof x === 'string')) as Record<string, string>;

/** The GroupKinds canBeExposed admits (ReplicationController and extensions/v1beta1 are not served by the simulator). */
const EXPOSABLE = new Set(['Pod', 'Service', 'apps/Deployment', 'apps/ReplicaSet']);

/** polymorphichelpers.MakeLabels: `k=v,k=v` (Go's map order is random; the result is parsed back into a map). */
function makeLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Go's `%+v` of []metav1.LabelSelectorRequirement: `[{Key:tier Operator:In Values:[a b]}]`. */
function goRequirements(exprs: unknown[]): string {
  return `[${exprs
    .map((e) => {
      const r = obj(e);
      return `{Key:${String(r.key ?? '')} Operator:${String(r.operator ?? '')} Values:[${arr(r.values).map(String).join(' ')}]}`;
    })
    .join(' ')}]`;
}

/** mapBasedSelectorForObject: the selector of the exposed object, or its error text. */
export function selectorFor(kind: string, o: Obj): { selector: string } | { error: string } {
  const spec = obj(o.spec);
  if (kind === 'Pod') {
    const labels = strMap(obj(o.metadata).labels);
    return Object.keys(labels).length ? { selector: makeLabels(labels) } : { error: 'the pod has no labels and cannot be exposed' };
  }
  if (kind === 'Service') return spec.selector === undefined || spec.selector === null ? { error: 'the service has no pod selector set' } : { selector: makeLabels(strMap(spec.selector)) };
  // apps/v1 Deployment and ReplicaSet: the selector must be set and have matchLabels.
  const word = kind === 'Deployment' ? 'deployment' : 'replicaset';
  const sel = obj(spec.selector);
  const matchLabels = strMap(sel.matchLabels);
  if (Object.keys(matchLabels).length === 0) return { error: `invalid ${word}: no selectors, therefore cannot be exposed` };
  const exprs = arr(sel.matchExpressions);
  if (exprs.length > 0) return { error: `couldn't convert expressions - "${goRequirements(exprs)}" to map-based selector format` };
  return { selector: makeLabels(matchLabels) };
}

/** The containers of a pod spec (Pod) or of the pod template (Deployment, ReplicaSet). */
function containersOf(kind: string, o: Obj): Obj[] {
  const spec = obj(o.spec);
  const podSpec = kind === 'Pod' ? spec : obj(obj(spec.template).spec);
  return arr(podSpec.containers).map(obj);
}

/** portsForObject: container ports (or a Service's ports), duplicates removed, in order. */
export function portsFor(kind: string, o: Obj): string[] {
  const list = kind === 'Service' ? arr(obj(o.spec).ports).map((p) => obj(p).port) : containersOf(kind, o).flatMap((c) => arr(c.ports).map((p) => obj(p).containerPort));
  const out: string[] = [];
  for (const p of list) {
    const key = String(typeof p === 'number' ? p : 0);
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** multiProtocolsForObject: port → protocols (empty protocol defaulted to TCP), every entry kept. */
export function protocolsFor(kind: string, o: Obj): Map<string, string[]> {
  const entries = kind === 'Service' ? arr(obj(o.spec).ports).map((p) => ({ port: obj(p).port, protocol: obj(p).protocol })) : containersOf(kind, o).flatMap((c) => arr(c.ports).map((p) => ({ port: obj(p).containerPort, protocol: obj(p).protocol })));
  const m = new Map<string, string[]>();
  for (const e of entries) {
    const key = String(typeof e.port === 'number' ? e.port : 0);
    const proto = typeof e.protocol === 'string' && e.protocol !== '' ? e.protocol : 'TCP';
    m.set(key, [...(m.get(key) ?? []), proto]);
  }
  return m;
}

/** expose.go parseLabels: `k=v,k=v` into a map, with its error texts. */
function parseLabels(spec: string): Record<string, string> | string {
  if (spec.length === 0) return 'no label spec passed';
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) return `unexpected label spec: ${part}`;
    if ((kv[0] as string).length === 0) return 'unexpected empty label key';
    labels[kv[0] as string] = kv[1] as string;
  }
  return labels;
}

/** strconv.Atoi as the Go error prints it. */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

/** The inputs of createService (flags and what was introspected). */
export interface ServiceInputs {
  name: string;
  selector: string;
  labels: string;
  /** --port, or the single introspected port. */
  port: string;
  /** The introspected ports when there are several and no --port was given. */
  ports: string;
  protocol: string;
  protocols: Map<string, string[]>;
  targetPort: string;
  type: string;
  clusterIP: string;
  externalIP: string;
  sessionAffinity: string;
}

/** expose.go createService: the Service object (API form, no status), or the error text. */
export function createService(o: ServiceInputs): Obj | string {
  if (o.selector.length === 0) return 'selector must be specified';
  const selector = parseLabels(o.selector);
  if (typeof selector === 'string') return selector;
  let labels: Record<string, string> | null = null;
  if (o.labels.length > 0) {
    const l = parseLabels(o.labels);
    if (typeof l === 'string') return l;
    labels = l;
  }
  if (o.name.length === 0) return 'name must be specified';
  const portString = o.ports.length ? o.ports : o.port;
  const ports: Obj[] = [];
  if (portString.length) {
    const list = portString.split(',');
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as string;
      const port = atoi(s);
      if (typeof port === 'string') return port;
      const name = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = o.protocol;
      if (protocol === '' && o.protocols.size === 0) protocol = 'TCP';
      else if (protocol === '') {
        protocol = 'TCP';
        const found = o.protocols.get(s);
        if (found && found.length === 1) protocol = found[0] as string;
        else if (found) {
          for (const p of found) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, port, protocol: p });
          continue;
        }
      }
      ports.push({ ...(name ? { name } : {}), port, protocol });
    }
  }
  // intstr.Parse: a number when it parses as one, else a name; without --target-port, the port itself.
  for (const p of ports) p.targetPort = o.targetPort.length ? (/^-?\d+$/.test(o.targetPort) ? Number(o.targetPort) : o.targetPort) : p.port;
  const spec: Obj = { ports, selector };
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.type) spec.type = o.type;
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') return `unknown session affinity: ${o.sessionAffinity}`;
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (ports.length === 0) delete spec.ports;
  return { apiVersion: 'v1', kind: 'Service', metadata: { ...(labels ? { labels } : {}), name: o.name }, spec };
}

const EXPOSE_FLAGS = [
  ...NAMESPACE_FLAGS, // real `kubectl expose` has -n but no -A
  { long: 'port', value: true },
  { long: 'target-port', value: true },
  { long: 'name', value: true },
  { long: 'type', value: true },
  { long: 'protocol', value: true },
  { long: 'selector', value: true },
  { long: 'labels', short: 'l', value: true },
  { long: 'cluster-ip', value: true },
  { long: 'external-ip', value: true },
  { long: 'session-affinity', value: true },
  { long: 'dry-run', value: true },
  { long: 'output', short: 'o', value: true },
];

/** cmdutil.GetDryRunStrategy for the values the simulator takes (`client`, `none`, `server`); an error Out otherwise. */
export function dryRunOf(value: string | undefined): 'none' | 'client' | 'server' | Out {
  if (value === undefined || value === 'none' || value === 'false') return 'none';
  if (value === 'client' || value === 'true') return 'client';
  if (value === 'server') return 'server';
  return err(`error: Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

/** Runs `kubectl expose` (tokens after the verb). */
export function cmdExpose(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('expose', tokens, EXPOSE_FLAGS);
  if (isOut(p)) return p;
  const dryRun = dryRunOf(last(p, 'dry-run'));
  if (isOut(dryRun)) return dryRun;
  const output = last(p, 'output') ?? '';
  if (output !== '' && output !== 'yaml' && output !== 'name') return err(`error: -o ${output} is not simulated for expose here; use -o yaml or -o name`);
  const state = host.state();
  if (p.args.length === 0) return err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const sel = parseSelection(state, p.args);
  if (isOut(sel)) return sel;
  const scope = scopeOf({ ...p, flags: new Map([...p.flags].filter(([k]) => k !== 'selector')) });
  if (isOut(scope)) return scope;
  const visited = visit(state, sel, scope, { allowEmptySelector: false, selectAll: false });
  if (isOut(visited)) return visited;
  const warn = warningsFor(selectedDefs(sel));
  const lines: string[] = [];
  // ContinueOnError: the Builder's NotFound errors come after what could be done, but RunExpose's visit stops at the first error.
  for (const { def, entry } of visited.infos) {
    const key = def.group ? `${def.group}/${def.kind}` : def.kind;
    if (!EXPOSABLE.has(key)) return { stdout: lines.join(''), stderr: `${warn}error: cannot expose a ${def.group ? `${def.kind}.${def.group}` : def.kind}\n`, exitCode: 1 };
    const o = def.object(entry, state);
    let selector = last(p, 'selector') ?? '';
    if (selector === '') {
      const s = selectorFor(def.kind, o);
      if ('error' in s) return { stdout: lines.join(''), stderr: `${warn}error: couldn't retrieve selectors via --selector flag or introspection: ${s.error}\n`, exitCode: 1 };
      selector = s.selector;
    }
    const headless = last(p, 'cluster-ip') === 'None';
    let port = last(p, 'port') ?? '';
    let ports = '';
    if (port === '') {
      const found = portsFor(def.kind, o);
      if (found.length === 0 && !headless) return { stdout: lines.join(''), stderr: `${warn}error: couldn't find port via --port flag or introspection\n`, exitCode: 1 };
      if (found.length === 1) port = found[0] as string;
      else ports = found.join(',');
    }
    const labels = last(p, 'labels') ?? makeLabels(strMap(obj(o.metadata).labels));
    // validation.DNS1035LabelMaxLength: a default name longer than 63 characters is cut.
    const name = last(p, 'name') || entry.name.slice(0, 63);
    const service = createService({ name, selector, labels, port, ports, protocol: last(p, 'protocol') ?? '', protocols: protocolsFor(def.kind, o), targetPort: last(p, 'target-port') ?? '', type: last(p, 'type') ?? '', clusterIP: last(p, 'cluster-ip') ?? '', externalIP: last(p, 'external-ip') ?? '', sessionAffinity: last(p, 'session-affinity') ?? '' });
    if (typeof service === 'string') return { stdout: lines.join(''), stderr: `${warn}error: ${service}\n`, exitCode: 1 };
    const namespace = scope.namespace;
    const printed = (suffix: string) => (output === 'name' ? `service/${name}\n` : `service/${name} exposed${suffix}\n`);
    if (dryRun === 'client') {
      // The object as built: the namespace only when -n was given (EnforceNamespace); an empty ServiceStatus.
      if (last(p, 'namespace') !== undefined) (service.metadata as Obj).namespace = namespace;
      lines.push(output === 'yaml' ? F.serialize([{ ...service, status: { loadBalancer: {} } }], false, 'yaml') : printed(' (dry run)'));
      continue;
    }
    if (state.services.has(`${namespace}/${name}`)) return { stdout: lines.join(''), stderr: `${warn}Error from server (AlreadyExists): services "${name}" already exists\n`, exitCode: 1 };
    if (dryRun === 'server') return err('error: --dry-run=server is not simulated here; use --dry-run=client');
    try {
      host.apply([{ ...service, metadata: { ...(service.metadata as Obj), namespace } }], { lastApplied: false });
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      const text = e.reason === 'Invalid' ? e.detail : `error: ${e.message}`;
      return { stdout: lines.join(''), stderr: `${warn}${text}\n`, exitCode: 1 };
    }
    lines.push(output === 'yaml' ? serviceYaml(host, namespace, name) : printed(''));
  }
  const errors = visited.errors.map((e) => `${e}\n`).join('');
  return { stdout: lines.join(''), stderr: warn + errors, exitCode: errors ? 1 : 0 };
}

/** The created Service as `kubectl get svc NAME -o yaml` prints it (expose prints the server's answer with -o yaml). */
function serviceYaml(host: KubectlHost, namespace: string, name: string): string {
  const state = host.state();
  const r = parseSelection(state, ['service', name]);
  if (isOut(r)) return '';
  const v = visit(state, r, { namespace, allNamespaces: false, selector: null }, { allowEmptySelector: false, selectAll: false });
  if (isOut(v) || !v.infos[0]) return '';
  const info = v.infos[0];
  return F.serialize([info.def.object(info.entry, state)], false, 'yaml');
}
