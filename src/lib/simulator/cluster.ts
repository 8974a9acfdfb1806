/**
 * createCluster(): the simulator's entry point. A Cluster is a stateful object around an immutable model:
 * every read (connect, reachability, kubectl get/describe/exec) answers from the current model, and the
 * mutating kubectl commands (apply, delete, label) — or cluster.apply() — build a new model that replaces it,
 * so later answers change. Earlier results are never modified. Allocations (IPs, nodes) of objects that
 * survive a mutation are kept, as in a real cluster.
 */
import { connectVerdict, failingStep, httpVerdict } from './verdict.ts';
import { buildModel, deploymentPodName, podTemplateHash, SYSTEM_NAMESPACES } from './build.ts';
import type { BuildOptions } from './build.ts';
import type { CniSettings } from './cni/node-state.ts';
import { connect as runConnect } from './connect.ts';
import { ConntrackTable } from './kube-proxy/conntrack.ts';
import { resolve as resolveDns } from './dns/index.ts';
import type { DnsLookup, QType } from './dns/index.ts';
import type { ApplyOptions, KubectlHost, ObjectRef } from './kubectl.ts';
import { notFoundMessage } from './kinds/kind.ts';
import { kindFor } from './kinds/registry.ts';
import { groupOf, storedEntries } from './kinds/stored.ts';
import { duplicateObjectError, kubectlName, ManifestError, objectKey, objectType, parseManifests } from './manifest.ts';
import type { ManifestInput, ParsedObject } from './manifest.ts';
import { evaluateEgress, evaluateIngress } from './network-policy.ts';
import type { PolicyVerdict } from './network-policy.ts';
import { naiveReachability, reachability } from './reachability.ts';
import type { ReachabilityOptions } from './reachability.ts';
import { endpointSlices } from './services.ts';
import { indexModel, keyOf } from './state.ts';
import type { ClusterState } from './state.ts';
import type { DatapathMode, FirewallRule, KubeProxyMode, L7Settings, PolicyPlugin, RouteEdit } from './types.ts';
import { checkCniNodes, checkNodeEdits, checkRanges, checkRouteEditsApply } from './cluster-settings.ts';
import { checkUpstreamDns } from './dns/settings.ts';
import { applyRouteEdit, nodeNetwork } from './datapath/node-network.ts';
import type { RouteEditResult } from './datapath/node-network.ts';
import { DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR } from './build.ts';
import { evaluateHttp } from './l7/http.ts';
import type { runOnExternalClient } from './exec/external-client.ts';
import type { HttpRequestInput, HttpResult } from './l7/http.ts';
import type { ClusterModel, ConnectRequest, ConnectResult, EndpointSliceModel, KubectlResult, ReachabilityMatrix, StoredObjectModel, WireProtocol } from './types.ts';

/** Options of createCluster. */
export interface ClusterOptions {
  /** Pod network (default 10.244.0.0/16, a /24 per node). */
  clusterCIDR?: string;
  /** Service network (default 10.96.0.0/12). */
  serviceCIDR?: string;
  /** kube-proxy mode (default iptables). */
  kubeProxyMode?: KubeProxyMode;
  /** How the network plugin treats NetworkPolicy (default calico; `none` stores policies without enforcing them). */
  policyPlugin?: PolicyPlugin;
  /** Egress policy sees Service traffic after DNAT (default true: pod IP and targetPort) or before it (false: ClusterIP and Service port). */
  policyAfterDnat?: boolean;
  /** How pod traffic crosses nodes: `host-gw` routes (default) or `vxlan` encapsulation (flannel's backends). */
  datapath?: DatapathMode;
  /** Counterfactual, non-conformant network: the source node SNATs pod-to-pod traffic to its own IP. */
  podToPodSnat?: boolean;
  /** Changes to nodes' routing tables, as `ip route del|add` on the node makes them, in order. */
  routes?: readonly RouteEdit[];
  /** Node firewall rules (an iptables INPUT DROP rule on the node). */
  firewall?: readonly FirewallRule[];
  /** The nodes' CNI files and host-local history (default: bridge + host-local + portmap on every node). */
  cni?: CniSettings;
  /** Add the node agents a kubeadm cluster with flannel runs as DaemonSets: kube-proxy and kube-flannel-ds (default off). */
  systemDaemonSets?: boolean;
  /** The resolver outside the cluster (nodes' resolv.conf, CoreDNS's forward): its address and external A records. */
  upstreamDns?: { server?: string; records?: Record<string, string[]> };
  /** Gateway API v1.6.1 CRDs installed from the Standard or the Experimental channel (absent: not installed, so Gateway API objects are refused). */
  gatewayChannel?: 'standard' | 'experimental';
  /** GatewayClass controllerNames the cluster's Gateway controller implements (default [example.net/sim-gateway-controller]). */
  gatewayControllers?: readonly string[];
  /** IngressClass controllers the cluster's Ingress controller implements (default [example.net/sim-ingress-controller]). */
  ingressControllers?: readonly string[];
}

/** A simulated cluster. */
export interface Cluster {
  /** The current model (replaced, never mutated, by apply/delete/label). */
  readonly model: ClusterModel;
  /** The current indexed state. */
  readonly state: ClusterState;
  /** Attempts one connection and returns its verdict with a step-by-step trace. */
  connect(request: ConnectRequest): ConnectResult;
  /** Pod-to-pod reachability matrix (declared pods) for one port and protocol (default TCP/80). */
  reachability(options?: ReachabilityOptions): ReachabilityMatrix;
  /** The same matrix evaluated pair by pair (reference implementation). */
  naiveReachability(options?: ReachabilityOptions): ReachabilityMatrix;
  /** Runs a kubectl command line; `stdin` is the manifest text for `apply -f -` / `delete -f -`. */
  kubectl(command: string, stdin?: string): KubectlResult;
  /** Applies more manifests (like `kubectl apply`); returns kubectl's lines; throws ManifestError. */
  apply(input: ManifestInput): string[];
  /** EndpointSlices of a Service given as 'ns/name' (or a name in default); empty when absent. */
  endpointSlices(service: string): EndpointSliceModel[];
  /**
   * Resolves a DNS name as the given pod ('ns/name') would: its resolv.conf (dnsPolicy, dnsConfig), the search
   * list and ndots, each query answered by CoreDNS (or the nameserver the pod uses); `type` A (default), AAAA, SRV,
   * PTR or CNAME. An unknown pod resolves as a ClusterFirst pod in namespace default.
   */
  resolve(name: string, fromPod: string, type?: QType): DnsLookup;
  /** Ingress and egress verdicts (with explanations) for pod-to-pod traffic, without routing or Services. */
  explain(from: string, to: string, port?: number, protocol?: WireProtocol): { egress: PolicyVerdict; ingress: PolicyVerdict } | null;
  /**
   * Changes a node's routing table as `ip route add|del` on it does: the kernel's refusal (no such route, route
   * exists, gateway unreachable) comes back as `{ ok: false }` and changes nothing; throws SettingsError for an unknown node.
   */
  editRoute(edit: RouteEdit): { ok: true } | Extract<RouteEditResult, { ok: false }>;
  /** Every route edit in force (the settings' and editRoute's), in order: what a saved lab keeps. */
  readonly routeEdits: readonly RouteEdit[];
  /** Sends one HTTP request through the cluster's Gateways and Ingress controllers (l7/http.ts); status, backend and a trace. */
  http(request: HttpRequestInput): HttpResult;
  /** Runs a command line (curl) on a host outside the cluster with address `clientIP` (exec/external-client.ts). */
  external(clientIP: string, line: string): KubectlResult;
}

/** Runs one kubectl command line against a cluster's host (kubectl.ts's runKubectl). */
export type KubectlRunner = (host: KubectlHost, command: string, stdin?: string) => KubectlResult;

/** The terminal's tools: kubectl, and the shell of a host outside the cluster (exec/external-client.ts). */
export interface TerminalTools {
  kubectl: KubectlRunner;
  external: typeof runOnExternalClient;
}

/**
 * kubectl and the outside host's curl are the terminal's part of the simulator (printers, exec tools and node
 * tools: a third of it), so the cluster core does not import them: the full entry (index.ts) and the lab's
 * terminal module install them, and a page that never opens a terminal never downloads them.
 */
let terminalTools: TerminalTools | null = null;

/** Makes Cluster.kubectl and Cluster.external run with `tools` (called by the modules that import them). */
export function installTerminal(tools: TerminalTools): void {
  terminalTools = tools;
}

/** The installed terminal tools (throws when no module installed them). */
function terminal(): TerminalTools {
  if (!terminalTools) throw new Error('the terminal tools are not loaded: import simulator/index.ts (or lab/terminal.ts), which installs them');
  return terminalTools;
}

/** The simulated kinds whose objects come from manifests (ParsedObject kinds), by API kind. */
const MODEL_KINDS: ReadonlySet<string> = new Set<ParsedObject['kind']>(['Pod', 'Service', 'Deployment', 'DaemonSet', 'NetworkPolicy', 'Node', 'Namespace']);

/** The key of an object in the applied set (the same key buildModel uses to refuse duplicates). */
const idOf = objectKey;

/** Builds a cluster from manifests (YAML text, one object or an array of objects). Throws only ManifestError. */
export function createCluster(input: ManifestInput = [], options: ClusterOptions = {}): Cluster {
  const parseOptions = { gatewayChannel: options.gatewayChannel ?? ('none' as const) };
  const l7: L7Settings = {
    ...(options.gatewayChannel ? { gatewayChannel: options.gatewayChannel } : {}),
    ...(options.gatewayControllers ? { gatewayControllers: [...options.gatewayControllers] } : {}),
    ...(options.ingressControllers ? { ingressControllers: [...options.ingressControllers] } : {}),
  };
  let initial: ParsedObject[];
  try {
    initial = parseManifests(input, parseOptions);
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    throw new ManifestError(`could not read the manifests: ${e instanceof Error ? e.message : String(e)}`);
  }
  const generations = new Map<string, number>();
  const overrides = new Map<string, Record<string, string>>();
  const flags = { omitCoreDns: false, omitKubeDns: false };
  checkRanges(options.clusterCIDR ?? DEFAULT_CLUSTER_CIDR, options.serviceCIDR ?? DEFAULT_SERVICE_CIDR);
  let routeEdits: readonly RouteEdit[] = [...(options.routes ?? [])];
  const firewall: readonly FirewallRule[] = [...(options.firewall ?? [])];
  const upstreamDns = options.upstreamDns ? checkUpstreamDns(options.upstreamDns) : undefined;

  const build = (objs: Iterable<ParsedObject>, previous?: ClusterModel): ClusterState => {
    const opts: BuildOptions = { generations, omitCoreDns: flags.omitCoreDns, omitKubeDns: flags.omitKubeDns };
    if (options.clusterCIDR !== undefined) opts.clusterCIDR = options.clusterCIDR;
    if (options.serviceCIDR !== undefined) opts.serviceCIDR = options.serviceCIDR;
    if (options.cni !== undefined) opts.cni = options.cni;
    if (options.systemDaemonSets) opts.systemDaemonSets = true;
    opts.network = {
      ...(options.kubeProxyMode ? { kubeProxyMode: options.kubeProxyMode } : {}),
      ...(options.policyPlugin ? { policyPlugin: options.policyPlugin } : {}),
      ...(options.policyAfterDnat === false ? { policyAfterDnat: false } : {}),
      ...(options.datapath ? { datapath: options.datapath } : {}),
      ...(options.podToPodSnat ? { podToPodSnat: true } : {}),
      ...(routeEdits.length ? { routes: routeEdits } : {}),
      ...(firewall.length ? { firewall } : {}),
      ...(upstreamDns ? { upstreamDns } : {}),
    };
    if (previous) opts.previous = previous;
    let model: ClusterModel;
    try {
      model = buildModel([...objs], opts);
    } catch (e) {
      if (e instanceof ManifestError) throw e;
      throw new ManifestError(`could not build the cluster: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (overrides.size) model = withOverrides(model, overrides);
    if (Object.keys(l7).length) model = { ...model, l7 };
    return indexModel(model);
  };

  let state = build(initial); // rejects duplicate objects, so ids below are unique
  /** The nodes' conntrack tables: connections through the cluster leave entries there (`conntrack -L` on a node). */
  const conntrack = new ConntrackTable();
  checkNodeEdits(state.model, routeEdits, firewall);
  checkCniNodes(state.model, options.cni?.nodes);
  checkRouteEditsApply(state, routeEdits);
  let objects = new Map(initial.map((o) => [idOf(o), o]));

  const rebuild = (next: Map<string, ParsedObject>): void => {
    state = build(next.values(), state.model);
    objects = next;
  };

  /** Objects made without kubectl's last-applied-configuration annotation (kubectl expose; not `kubectl apply`). */
  const unannotated = new Set<string>();

  /**
   * kubectl apply's outcome per object (pkg/cmd/apply/apply.go applyOneObject): `created`, `unchanged` (empty
   * patch) or `configured`. An object that exists but was not made by apply (the cluster's own, or `kubectl
   * expose`'s) lacks the last-applied annotation: kubectl warns, and the patch that adds it makes it `configured`.
   */
  const apply = (inputManifests: ManifestInput, options: ApplyOptions = {}): string[] => {
    const parsed = parseManifests(inputManifests, parseOptions);
    const seen = new Map<string, number>();
    for (const o of parsed) {
      const first = seen.get(idOf(o));
      if (first !== undefined) throw duplicateObjectError(o, first);
      seen.set(idOf(o), o.documentIndex);
    }
    const next = new Map(objects);
    const lines: string[] = [];
    const savedOverrides = new Map(overrides);
    for (const o of parsed) {
      const id = idOf(o);
      const old = next.get(id);
      const { kind, group } = objectType(o);
      const namespace = 'namespace' in o.value ? o.value.namespace : '';
      const existsInModel = o.kind === 'Stored' ? storedEntries(state, kind, group).some((e) => e.namespace === namespace && e.name === o.value.name) : modelHas(state, o.kind, namespace, o.value.name);
      let verb = 'created';
      if (old && !unannotated.has(id)) verb = JSON.stringify(old.value) === JSON.stringify(o.value) && !overrides.has(id) ? 'unchanged' : 'configured';
      else if (old || existsInModel) {
        verb = 'configured';
        const plural = kindFor(state, kind, group)?.plural ?? `${kind.toLowerCase()}s`;
        options.warnings?.push({ afterLines: lines.length, text: `Warning: resource ${plural}/${o.value.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.` });
      }
      next.set(id, o);
      overrides.delete(id);
      if (options.lastApplied === false && verb === 'created') unannotated.add(id);
      else unannotated.delete(id);
      lines.push(`${kubectlName(o)} ${verb}`);
    }
    try {
      rebuild(next);
    } catch (e) {
      overrides.clear();
      for (const [k, v] of savedOverrides) overrides.set(k, v);
      throw e;
    }
    return lines;
  };

  /** The manifest object (in `objects`) of a stored kind, matched on the StoredObjectModel it carries. */
  const storedId = (ref: ObjectRef): string | undefined => {
    for (const [id, o] of objects) {
      const v = o.value as unknown as Partial<StoredObjectModel>;
      if (typeof v.raw === 'object' && v.kind === ref.kind && groupOf(v.apiVersion ?? '') === ref.group && v.name === ref.name && (v.namespace ?? '') === ref.namespace) return id;
    }
    return undefined;
  };

  const remove = (ref: ObjectRef): string | null => {
    const { namespace, name } = ref;
    const def = kindFor(state, ref.kind, ref.group);
    if (!def) return `error: the server doesn't have a resource type "${ref.kind}"`;
    const notFound = notFoundMessage(def, name);
    if (def.source === 'derived') {
      if (!def.list(state).some((e) => e.namespace === namespace && e.name === name)) return notFound;
      if (ref.kind === 'ReplicaSet') {
        // The Deployment recreates its ReplicaSet at once; the old one's pods go with it (cascading delete) and come back under new names.
        const d = state.model.deployments.find((x) => x.namespace === namespace && `${x.name}-${podTemplateHash(x)}` === name);
        if (d) for (let i = 0; i < d.replicas; i++) generations.set(`${keyOf(d)}#${i}`, (generations.get(`${keyOf(d)}#${i}`) ?? 0) + 1);
        rebuild(new Map(objects));
      }
      return null; // Endpoints and EndpointSlices: the controller writes them again from the Service.
    }
    if (def.source === 'stored') {
      const id = storedId(ref);
      if (id) {
        const next = new Map(objects);
        next.delete(id);
        rebuild(next);
        return null;
      }
      // The default ServiceAccount and kube-root-ca.crt: their controllers recreate them at once.
      return storedEntries(state, ref.kind, ref.group).some((e) => e.value.implicit && e.namespace === namespace && e.name === name) ? null : notFound;
    }
    if (!MODEL_KINDS.has(ref.kind)) return notFound;
    const k = ref.kind as ParsedObject['kind'];
    const id = `${k}/${namespace}/${name}`;
    const next = new Map(objects);
    if (k === 'Namespace') {
      if (SYSTEM_NAMESPACES.includes(name)) return `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`;
      if (!state.namespaces.has(name)) return notFound;
      for (const [oid, o] of next) {
        const v = o.value as unknown as { namespace?: unknown };
        if ((o.kind === 'Namespace' && o.value.name === name) || v.namespace === name) next.delete(oid);
      }
      rebuild(next);
      return null;
    }
    if (next.has(id)) {
      // A scaled implicit CoreDNS Deployment is in the set; once deleted it must not come back as the implicit one.
      if (k === 'Deployment' && state.deployments.get(`${namespace}/${name}`)?.implicit) flags.omitCoreDns = true;
      next.delete(id);
      overrides.delete(id);
      rebuild(next);
      return null;
    }
    if (k === 'Pod') {
      const pod = state.pods.get(`${namespace}/${name}`);
      if (pod?.ownerDaemonSet) {
        // The DaemonSet controller replaces the node's pod at once, under a new name.
        const slot = `${pod.ownerDaemonSet}@${pod.nodeName}`;
        generations.set(slot, (generations.get(slot) ?? 0) + 1);
        overrides.delete(id);
        rebuild(next);
        return null;
      }
      if (pod?.ownerStatefulSet) {
        // The StatefulSet controller recreates the pod under the same name (stable identity).
        overrides.delete(id);
        rebuild(next);
        return null;
      }
      if (!pod || !pod.ownerDeployment) return notFound;
      const d = state.deployments.get(pod.ownerDeployment);
      if (!d) return notFound;
      for (let i = 0; i < d.replicas; i++) {
        const g = generations.get(`${pod.ownerDeployment}#${i}`) ?? 0;
        if (deploymentPodName(d, i, g) === name) {
          generations.set(`${pod.ownerDeployment}#${i}`, g + 1); // the ReplicaSet replaces the pod under a new name
          overrides.delete(id);
          rebuild(next);
          return null;
        }
      }
      return notFound;
    }
    if (k === 'Service' && namespace === 'kube-system' && name === 'kube-dns' && state.services.get('kube-system/kube-dns')?.implicit) {
      flags.omitKubeDns = true;
      rebuild(next);
      return null;
    }
    if (k === 'Deployment' && namespace === 'kube-system' && name === 'coredns' && state.deployments.get('kube-system/coredns')?.implicit) {
      flags.omitCoreDns = true;
      rebuild(next);
      return null;
    }
    return notFound;
  };

  const label = (ref: ObjectRef, changes: Record<string, string | null>, overwrite: boolean): string | null => {
    const { namespace, name } = ref;
    const def = kindFor(state, ref.kind, ref.group);
    if (!def) return `error: the server doesn't have a resource type "${ref.kind}"`;
    const entry = def.list(state).find((e) => e.namespace === namespace && e.name === name);
    if (!entry) return notFoundMessage(def, name);
    const labels = { ...entry.labels };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) {
        delete labels[key];
        continue;
      }
      if (key in labels && labels[key] !== value && !overwrite) return `error: '${key}' already has a value (${labels[key]}), and --overwrite is false`;
      labels[key] = value;
    }
    if (def.source === 'derived') return `error: the labels of ${def.plural} are written by the control plane in this simulator; label the Service or the pods instead`;
    if (def.source === 'stored') {
      const id = storedId(ref);
      const obj = id === undefined ? undefined : objects.get(id);
      if (id === undefined || !obj) return `error: ${def.kind.toLowerCase()}/${name} is made by a controller in this simulator and keeps no labels; label an object from your manifests instead`;
      const v = obj.value as unknown as StoredObjectModel;
      const raw = { ...v.raw, metadata: { ...(typeof v.raw.metadata === 'object' && v.raw.metadata !== null ? (v.raw.metadata as Record<string, unknown>) : {}), labels } };
      const next = new Map(objects);
      next.set(id, { ...obj, value: { ...v, labels, raw } } as unknown as ParsedObject);
      rebuild(next);
      return null;
    }
    const k = ref.kind as ParsedObject['kind'];
    if (k === 'Namespace') labels['kubernetes.io/metadata.name'] = name;
    const id = `${k}/${namespace}/${name}`;
    const next = new Map(objects);
    const obj = next.get(id);
    if (obj) {
      next.set(id, { ...obj, value: { ...obj.value, labels } } as ParsedObject);
      rebuild(next);
    } else {
      const saved = overrides.get(id);
      overrides.set(id, labels);
      try {
        rebuild(next);
      } catch (e) {
        if (saved) overrides.set(id, saved);
        else overrides.delete(id);
        throw e;
      }
    }
    return null;
  };

  /**
   * The scale subresource: a Deployment's or StatefulSet's spec.replicas. The ReplicaSet (or StatefulSet) controller
   * then creates or deletes pods: a Deployment's replicas beyond the new count go (their slots get a new generation,
   * so a later scale-up makes pods of new names); a StatefulSet keeps ordinals 0..n-1, dropping the highest.
   */
  const scale = (ref: ObjectRef, replicas: number): string | null => {
    const key = `${ref.namespace}/${ref.name}`;
    const next = new Map(objects);
    if (ref.kind === 'Deployment' && ref.group === 'apps') {
      const d = state.deployments.get(key);
      if (!d) return `Error from server (NotFound): deployments.apps "${ref.name}" not found`;
      const id = `Deployment/${key}`;
      const obj = next.get(id);
      // The implicit CoreDNS Deployment becomes an object of the set, still marked implicit.
      const value = obj && obj.kind === 'Deployment' ? obj.value : { ...d };
      next.set(id, { kind: 'Deployment', documentIndex: obj?.documentIndex ?? 0, value: { ...value, replicas } });
      const saved = new Map(generations);
      for (let i = replicas; i < d.replicas; i++) generations.set(`${key}#${i}`, (generations.get(`${key}#${i}`) ?? 0) + 1);
      try {
        rebuild(next);
      } catch (e) {
        generations.clear();
        for (const [k, v] of saved) generations.set(k, v);
        throw e;
      }
      return null;
    }
    if (ref.kind === 'StatefulSet' && ref.group === 'apps') {
      const id = storedId(ref);
      const obj = id === undefined ? undefined : next.get(id);
      if (id === undefined || !obj || obj.kind !== 'Stored' || !obj.value.statefulSet) return `Error from server (NotFound): statefulsets.apps "${ref.name}" not found`;
      const v = obj.value;
      const raw = { ...v.raw, spec: { ...(typeof v.raw.spec === 'object' && v.raw.spec !== null ? (v.raw.spec as Record<string, unknown>) : {}), replicas } };
      next.set(id, { ...obj, value: { ...v, raw, statefulSet: { ...v.statefulSet!, replicas } } });
      rebuild(next);
      return null;
    }
    return `error: scaling ${ref.kind} is not simulated`;
  };

  const editRoute = (edit: RouteEdit): { ok: true } | Extract<RouteEditResult, { ok: false }> => {
      const next = [...routeEdits, edit];
      checkNodeEdits(state.model, next, firewall);
      const table = nodeNetwork(state, edit.node);
      const applied = table ? applyRouteEdit(table, edit) : null;
      if (applied && !applied.ok) return applied;
      const saved = routeEdits;
      routeEdits = next;
      try {
        state = build(objects.values(), state.model);
      } catch (e) {
        routeEdits = saved;
        throw e;
      }
      return { ok: true };
  };

  const host: KubectlHost = {
    state: () => state,
    connect: (r) => runConnect(state, r, { conntrack }),
    nextRequest: (key) => conntrack.nextConnection(`http ${key}`),
    conntrack: () => conntrack,
    apply: (text, opts) => apply(text, opts),
    remove,
    label,
    scale,
    editRoute: (edit) => editRoute(edit),
  };

  return {
    get model() {
      return state.model;
    },
    get state() {
      return state;
    },
    // A probe from the API (lab checks, traces) leaves no state behind, so it answers the same every time;
    // connections made from the terminal (kubectl exec … wget) go through the nodes' conntrack tables.
    connect: (request) => withVerdict(runConnect(state, request)),
    reachability: (opts) => reachability(state, opts),
    naiveReachability: (opts) => naiveReachability(state, opts),
    kubectl: (command, stdin) => terminal().kubectl(host, command, stdin),
    apply,
    endpointSlices: (service) => {
      const svc = state.services.get(service.includes('/') ? service : `default/${service}`);
      return svc ? endpointSlices(state, svc) : [];
    },
    resolve: (name, fromPod, type = 'A') => {
      const key = fromPod.includes('/') ? fromPod : `default/${fromPod}`;
      const pod = state.pods.get(key) ?? { name: key.split('/')[1] ?? '', namespace: key.split('/')[0] ?? 'default', labels: {}, annotations: {}, nodeName: '', ip: '', phase: 'Running', ready: true, containers: [], implicit: true };
      return resolveDns(state, pod, name, type);
    },
    editRoute: (edit) => editRoute(edit),
    http: (request) => withHttpVerdict(evaluateHttp(state, request)),
    external: (clientIP, line) => terminal().external(() => state, (r) => runConnect(state, r, { conntrack }), clientIP, line, (key) => conntrack.nextConnection(`http ${key}`)),
    get routeEdits() {
      return routeEdits;
    },
    explain: (from, to, port = 80, protocol = 'TCP') => {
      const a = state.pods.get(from.includes('/') ? from : `default/${from}`);
      const b = state.pods.get(to.includes('/') ? to : `default/${to}`);
      if (!a || !b) return null;
      return { egress: evaluateEgress(state, a, { kind: 'pod', pod: b }, port, protocol), ingress: evaluateIngress(state, b, { kind: 'pod', pod: a }, port, protocol) };
    },
  };
}

function modelHas(state: ClusterState, kind: ParsedObject['kind'], namespace: string, name: string): boolean {
  return currentLabels(state, kind, namespace, name) !== null;
}

function currentLabels(state: ClusterState, kind: ParsedObject['kind'], namespace: string, name: string): Record<string, string> | null {
  const key = `${namespace}/${name}`;
  switch (kind) {
    case 'Pod':
      return state.pods.get(key)?.labels ?? null;
    case 'Service':
      return state.services.get(key)?.labels ?? null;
    case 'Deployment':
      return state.deployments.get(key)?.labels ?? null;
    case 'DaemonSet':
      return (state.model.daemonSets ?? []).find((d) => keyOf(d) === key)?.labels ?? null;
    case 'NetworkPolicy':
      return state.model.networkPolicies.find((n) => keyOf(n) === key)?.labels ?? null;
    case 'Node':
      return state.nodes.get(name)?.labels ?? null;
    case 'Namespace':
      return state.namespaces.get(name)?.labels ?? null;
    case 'Stored':
      return null; // stored kinds are looked up by kind and group, not through this switch
  }
}

function withOverrides(model: ClusterModel, overrides: Map<string, Record<string, string>>): ClusterModel {
  const pick = <T extends { name: string; labels: Record<string, string> }>(kind: string, ns: (o: T) => string) => (o: T): T => {
    const l = overrides.get(`${kind}/${ns(o)}/${o.name}`);
    return l ? { ...o, labels: { ...l } } : o;
  };
  return {
    ...model,
    pods: model.pods.map(pick('Pod', (o) => o.namespace)),
    services: model.services.map(pick('Service', (o) => o.namespace)),
    deployments: model.deployments.map(pick('Deployment', (o) => o.namespace)),
    ...(model.daemonSets ? { daemonSets: model.daemonSets.map(pick('DaemonSet', (o) => o.namespace)) } : {}),
    nodes: model.nodes.map(pick('Node', () => '')),
    namespaces: model.namespaces.map(pick('Namespace', () => '')),
  };
}

/** `result` with its verdict and failing step (verdict.ts). */
function withVerdict(result: ConnectResult): ConnectResult {
  const verdict = connectVerdict(result.status);
  const failing = result.allowed ? undefined : failingStep(result.steps);
  return { ...result, ...(verdict ? { verdict } : {}), ...(failing !== undefined ? { failingStep: failing } : {}) };
}

/** An HTTP result with its verdict and failing step. */
function withHttpVerdict(result: HttpResult): HttpResult {
  const verdict = httpVerdict(result.status, result.failure);
  const failing = result.allowed ? undefined : failingStep(result.steps);
  return { ...result, ...(verdict ? { verdict } : {}), ...(failing !== undefined ? { failingStep: failing } : {}) };
}
