/**
 * Pods and the objects that run them: pod specs (containers, volumes, host ports, DNS and restart policies),
 * pod templates and workload selectors, Pods and Deployments (kubernetes pkg/apis/core/validation
 * ValidatePodSpec and friends, pkg/apis/apps/validation ValidateDeploymentSpec), with the API's defaults.
 */
import type { KindInfo } from './api-resources.ts';
import { GoStruct, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidIP, isValidPortName, isValidPortNum, parseIPv4Sloppy } from './api-validation.ts';
import { arr, has, labels, labelSelector, metadata, obj, orDefault, pathText, protocol, str } from './manifest-context.ts';
import type { Ctx, Obj } from './manifest-context.ts';
import type { FieldPath } from './manifest-yaml.ts';
import { matchesSelector } from './selectors.ts';
import type { ContainerModel, ContainerPort, DaemonSetModel, DeploymentModel, DnsPolicy, PodDnsSpec, LabelSelector, PodModel, PodPhase, TolerationModel, VolumeModel } from './types.ts';

/** Most replicas one Deployment may ask for in this simulator (the API server accepts any non-negative number). */
export const MAX_SIMULATED_REPLICAS = 100;

const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
];
// validateVolumeSource names a few sources by other paths than their JSON keys.
const VOLUME_SOURCE_FIELD: Record<string, string> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const backsteps = (path: string) => path.split('/').includes('..');

/** validateKeyToPath: key and path required, path relative, no `..` element, not starting with `..` (validateLocalNonReservedPath). */
function keyToPaths(ctx: Ctx, v: unknown, loc: FieldPath): Array<{ key: string; path: string }> {
  return arr(v).map((item, i) => {
    const p = [...loc, i];
    const kp = obj(item);
    const key = str(kp.key);
    const path = str(kp.path);
    if (key === '') ctx.required([...p, 'key']);
    if (path === '') ctx.required([...p, 'path']);
    if (path.startsWith('/')) ctx.invalid([...p, 'path'], path, 'must be a relative path');
    if (backsteps(path)) ctx.invalid([...p, 'path'], path, "must not contain '..'");
    if (path.startsWith('..')) ctx.invalid([...p, 'path'], path, "must not start with '..'");
    return { key, path };
  });
}

/**
 * `ValidateVolumes`: names are unique DNS labels and each volume has exactly one source; hostPath
 * (validateHostPathVolumeSource: path required, no `..`, a known type) and configMap (validateConfigMapVolumeSource:
 * name required, items) are kept as models, other sources by name only.
 */
function volumes(ctx: Ctx, v: unknown, loc: FieldPath): VolumeModel[] {
  const names = new Set<string>();
  return arr(v).map((item, i) => {
    const p = [...loc, i];
    const vol = obj(item);
    const sources = VOLUME_SOURCES.filter((s) => has(vol[s]));
    if (sources.length === 0) ctx.required(p, 'must specify a volume type');
    const second = sources[1];
    if (second !== undefined) ctx.forbidden([...p, second], 'may not specify more than 1 volume type', pathText([...p, VOLUME_SOURCE_FIELD[second] ?? second]));
    const name = str(vol.name);
    if (name === '') ctx.required([...p, 'name']);
    ctx.check([...p, 'name'], name, isDNS1123Label(name));
    if (names.has(name)) ctx.duplicate([...p, 'name'], name);
    names.add(name);
    const out: VolumeModel = { name };
    if (has(vol.hostPath)) {
      const hp = obj(vol.hostPath);
      const path = str(hp.path);
      if (path === '') ctx.required([...p, 'hostPath', 'path']);
      if (backsteps(path)) ctx.invalid([...p, 'hostPath', 'path'], path, "must not contain '..'");
      if (has(hp.type) && !HOST_PATH_TYPES.includes(str(hp.type))) ctx.unsupported([...p, 'hostPath', 'type'], str(hp.type), HOST_PATH_TYPES);
      out.hostPath = { path };
    } else if (has(vol.configMap)) {
      const cm = obj(vol.configMap);
      const cmName = str(cm.name);
      if (cmName === '') ctx.required([...p, 'configMap', 'name']);
      out.configMap = { name: cmName, ...(has(cm.items) ? { items: keyToPaths(ctx, cm.items, [...p, 'configMap', 'items']) } : {}), ...(cm.optional === true ? { optional: true } : {}) };
    }
    return out;
  });
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map(str) : undefined;
}

/** `validateContainerCommon`: name, image, terminationMessagePolicy, ports, volumeMounts, imagePullPolicy. */
function container(ctx: Ctx, c: Obj, p: FieldPath, vols: readonly VolumeModel[]): ContainerModel {
  const name = str(c.name);
  if (name === '') ctx.required([...p, 'name']);
  ctx.check([...p, 'name'], name, isDNS1123Label(name));
  const image = str(c.image);
  if (image === '') ctx.required([...p, 'image']);
  const terminationMessagePolicy = orDefault(c.terminationMessagePolicy, 'File');
  if (!TERMINATION_MESSAGE_POLICIES.includes(terminationMessagePolicy)) ctx.unsupported([...p, 'terminationMessagePolicy'], terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES);
  const portNames = new Set<string>();
  const ports: ContainerPort[] = arr(c.ports).map((item, j) => {
    const pp = [...p, 'ports', j];
    const po = obj(item);
    const portName = str(po.name);
    if (portName !== '') {
      ctx.check([...pp, 'name'], portName, isValidPortName(portName));
      if (portNames.has(portName)) ctx.duplicate([...pp, 'name'], portName);
      portNames.add(portName);
    }
    const containerPort = typeof po.containerPort === 'number' ? po.containerPort : 0;
    if (containerPort === 0) ctx.required([...pp, 'containerPort']);
    ctx.check([...pp, 'containerPort'], containerPort, isValidPortNum(containerPort));
    if (typeof po.hostPort === 'number' && po.hostPort !== 0) ctx.check([...pp, 'hostPort'], po.hostPort, isValidPortNum(po.hostPort));
    const out: ContainerPort = { containerPort, protocol: protocol(ctx, po.protocol, [...pp, 'protocol']) };
    if (portName !== '') out.name = portName;
    if (typeof po.hostPort === 'number' && po.hostPort !== 0) out.hostPort = po.hostPort;
    return out;
  });
  const mountPaths = new Set<string>();
  const mounts = arr(c.volumeMounts).map((item, j) => {
    const mp = [...p, 'volumeMounts', j];
    const m = obj(item);
    const mountName = str(m.name);
    if (mountName === '') ctx.required([...mp, 'name']);
    const vol = vols.find((v) => v.name === mountName);
    if (!vol) ctx.fail([...mp, 'name'], 'Not found', mountName, '');
    const mountPath = str(m.mountPath);
    if (mountPath === '') ctx.required([...mp, 'mountPath']);
    if (mountPaths.has(mountPath)) ctx.invalid([...mp, 'mountPath'], mountPath, 'must be unique');
    mountPaths.add(mountPath);
    for (const f of ['subPath', 'subPathExpr']) {
      if (str(m[f]) !== '' && (vol.hostPath || vol.configMap)) ctx.limit([...mp, f], `this simulator does not model ${f} on hostPath and configMap volumes; mount the whole volume`);
    }
    return { name: mountName, mountPath };
  });
  const pullPolicy = orDefault(c.imagePullPolicy, 'IfNotPresent');
  if (!PULL_POLICIES.includes(pullPolicy)) ctx.unsupported([...p, 'imagePullPolicy'], pullPolicy, PULL_POLICIES);
  const out: ContainerModel = { name, image, ports };
  if (mounts.length) out.volumeMounts = mounts;
  const command = stringList(c.command);
  const args = stringList(c.args);
  if (command) out.command = command;
  if (args) out.args = args;
  const probe = readinessProbe(ctx, c.readinessProbe, [...p, 'readinessProbe']);
  if (probe) out.readinessProbe = probe;
  return out;
}

/** A probe port: a number 1–65535 or an IANA_SVC_NAME (validation.go validatePortNumOrName). */
function probePort(ctx: Ctx, v: unknown, p: FieldPath): number | string {
  if (typeof v === 'number') {
    ctx.check(p, v, isValidPortNum(v));
    return v;
  }
  const name = str(v);
  if (name === '') ctx.required(p);
  ctx.check(p, name, isValidPortName(name));
  return name;
}

/**
 * spec.containers[].readinessProbe: httpGet (path, default `/` as the API server's defaults set it; host; port),
 * tcpSocket (host, port) or exec (command), with its timing and the API defaults (pkg/apis/core/v1/defaults.go
 * SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3). grpc probes are
 * accepted and not run (the container counts as ready).
 */
function readinessProbe(ctx: Ctx, raw: unknown, p: FieldPath): ContainerModel['readinessProbe'] {
  if (!has(raw)) return undefined;
  const probe = obj(raw);
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : d);
  const timing = {
    initialDelaySeconds: typeof probe.initialDelaySeconds === 'number' && probe.initialDelaySeconds > 0 ? probe.initialDelaySeconds : 0,
    timeoutSeconds: num(probe.timeoutSeconds, 1),
    periodSeconds: num(probe.periodSeconds, 10),
    successThreshold: num(probe.successThreshold, 1),
    failureThreshold: num(probe.failureThreshold, 3),
  };
  if (has(probe.httpGet)) {
    const h = obj(probe.httpGet);
    const path = has(h.path) ? str(h.path) : '/';
    return { kind: 'httpGet', path: path.startsWith('/') ? path : `/${path}`, port: probePort(ctx, h.port, [...p, 'httpGet', 'port']), ...(str(h.host) ? { host: str(h.host) } : {}), timing };
  }
  if (has(probe.tcpSocket)) return { kind: 'tcpSocket', port: probePort(ctx, obj(probe.tcpSocket).port, [...p, 'tcpSocket', 'port']), timing };
  if (has(probe.exec)) {
    const command = arr(obj(probe.exec).command).filter((x): x is string => typeof x === 'string');
    return { kind: 'exec', command, timing };
  }
  return undefined;
}

interface PodSpecModel {
  containers: ContainerModel[];
  initContainers: ContainerModel[];
  volumes: VolumeModel[];
  tolerations: TolerationModel[];
  nodeName: string;
  hostname?: string;
  subdomain?: string;
  restartPolicy: string;
  /** spec.hostNetwork: true when the pod shares its node's network namespace. */
  hostNetwork: boolean;
  /** spec.dnsPolicy / spec.dnsConfig; absent for the default (ClusterFirst, no dnsConfig). */
  dns?: PodDnsSpec;
}

/** Limits of validatePodDNSConfig (pkg/apis/core/validation/validation.go: MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars). */
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;

/**
 * spec.dnsPolicy (validateDNSPolicy, SetDefaults_PodSpec: ClusterFirst) and spec.dnsConfig (validatePodDNSConfig):
 * None needs a dnsConfig with at least one nameserver; at most 3 nameservers, each an IP; at most 32 search
 * domains and 2048 characters, each a DNS-1123 subdomain (a trailing dot is fine); every option has a name.
 */
function podDns(ctx: Ctx, spec: Obj, loc: FieldPath): PodDnsSpec | undefined {
  const policy = orDefault(spec.dnsPolicy, 'ClusterFirst');
  if (!DNS_POLICIES.includes(policy)) ctx.unsupported([...loc, 'dnsPolicy'], policy, DNS_POLICIES);
  const at: FieldPath = [...loc, 'dnsConfig'];
  if (policy === 'None' && !has(spec.dnsConfig)) ctx.required(at, 'must provide `dnsConfig` when `dnsPolicy` is None');
  if (!has(spec.dnsConfig)) return policy === 'ClusterFirst' ? undefined : { policy: policy as DnsPolicy };
  const raw = obj(spec.dnsConfig);
  const nameservers = arr(raw.nameservers).map(str);
  if (policy === 'None' && nameservers.length === 0) ctx.required([...at, 'nameservers'], 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  if (nameservers.length > MAX_DNS_NAMESERVERS) ctx.invalid([...at, 'nameservers'], nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`);
  nameservers.forEach((ns, i) => ctx.check([...at, 'nameservers', i], ns, isValidIP(ns)));
  const searches = arr(raw.searches).map(str);
  if (searches.length > MAX_DNS_SEARCH_PATHS) ctx.invalid([...at, 'searches'], searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`);
  if (searches.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) ctx.invalid([...at, 'searches'], searches, `must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`);
  searches.forEach((d, i) => ctx.check([...at, 'searches', i], d.replace(/\.$/, ''), isDNS1123Subdomain(d.replace(/\.$/, ''))));
  const options = arr(raw.options).map((item, i) => {
    const o = obj(item);
    const name = str(o.name);
    if (name === '') ctx.required([...at, 'options', i], 'must not be empty');
    return has(o.value) ? { name, value: str(o.value) } : { name };
  });
  return { policy: policy as DnsPolicy, config: { nameservers, searches, options } };
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/**
 * `ValidatePodSpec` (the parts a manifest can get wrong): volumes, containers, init containers, host ports,
 * restartPolicy, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostname, subdomain. `isPod` is false
 * for pod templates (hostPort rules differ; ephemeral containers are refused with another message).
 */
function podSpec(ctx: Ctx, spec: Obj, loc: FieldPath, isPod: boolean): PodSpecModel {
  const vols = volumes(ctx, spec.volumes, [...loc, 'volumes']);
  const list = arr(spec.containers);
  if (list.length === 0) ctx.required([...loc, 'containers']);
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  const hostNetwork = spec.hostNetwork === true;
  // validatePodHostNetworkDeps (regular containers only) and checkHostPortConflicts.
  const checkHostPorts = (c: Obj, p: FieldPath, seen: Set<string>, regular: boolean): void => {
    arr(c.ports).forEach((item, j) => {
      const po = obj(item);
      const cp = typeof po.containerPort === 'number' ? po.containerPort : 0;
      // SetDefaults_PodSpec: with hostNetwork, an unset hostPort becomes the containerPort.
      const hp = typeof po.hostPort === 'number' && po.hostPort !== 0 ? po.hostPort : hostNetwork ? cp : 0;
      if (regular && hostNetwork && hp !== cp) ctx.invalid([...p, 'ports', j, 'hostPort'], hp, 'must match `containerPort` when `hostNetwork` is true');
      if (hp === 0) return;
      const key = `${orDefault(po.protocol, 'TCP')}/${str(po.hostIP)}/${hp}`;
      if (seen.has(key)) ctx.duplicate([...p, 'ports', j, 'hostPort'], key);
      seen.add(key);
    });
  };
  const containers = list.map((item, i) => {
    const p = [...loc, 'containers', i];
    const c = obj(item);
    const model = container(ctx, c, p, vols);
    if (names.has(model.name)) ctx.duplicate([...p, 'name'], model.name);
    names.add(model.name);
    if (has(c.restartPolicy)) ctx.forbidden([...p, 'restartPolicy'], 'may not be set for non-init containers');
    return model;
  });
  containers.forEach((_c, i) => checkHostPorts(obj(list[i]), [...loc, 'containers', i], hostPorts, true));
  const initContainers = arr(spec.initContainers).map((item, i) => {
    const p = [...loc, 'initContainers', i];
    const c = obj(item);
    const model = container(ctx, c, p, vols);
    let restartAlways = false;
    if (has(c.restartPolicy)) {
      if (str(c.restartPolicy) !== 'Always') ctx.unsupported([...p, 'restartPolicy'], str(c.restartPolicy), ['Always']);
      restartAlways = true;
    }
    if (names.has(model.name)) ctx.duplicate([...p, 'name'], model.name);
    names.add(model.name);
    checkHostPorts(c, p, new Set(), false);
    if (!restartAlways) {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (has(c[f])) ctx.forbidden([...p, f], 'may not be set for init containers without restartPolicy=Always');
      }
    } else model.sidecar = true;
    delete model.readinessProbe; // a sidecar's probes gate nothing the simulator checks
    return model;
  });
  if (arr(spec.ephemeralContainers).length > 0) {
    ctx.forbidden([...loc, 'ephemeralContainers'], isPod ? 'cannot be set on create' : 'ephemeral containers not allowed in pod template');
  }
  const restartPolicy = orDefault(spec.restartPolicy, 'Always');
  if (!RESTART_POLICIES.includes(restartPolicy)) ctx.unsupported([...loc, 'restartPolicy'], restartPolicy, RESTART_POLICIES);
  const dns = podDns(ctx, spec, loc);
  labels(ctx, spec.nodeSelector, [...loc, 'nodeSelector']);
  const serviceAccountName = str(spec.serviceAccountName);
  if (serviceAccountName) ctx.check([...loc, 'serviceAccountName'], serviceAccountName, isDNS1123Subdomain(serviceAccountName));
  const nodeName = str(spec.nodeName);
  if (nodeName) ctx.check([...loc, 'nodeName'], nodeName, isDNS1123Subdomain(nodeName));
  if (hostNetwork) {
    // SetDefaults_PodSpec: with hostNetwork an unset hostPort is the containerPort.
    for (const c of containers) for (const port of c.ports) if (port.hostPort === undefined) port.hostPort = port.containerPort;
  }
  const tolerations = parseTolerations(ctx, spec.tolerations, [...loc, 'tolerations']);
  const out: PodSpecModel = { containers, initContainers, volumes: vols, tolerations, nodeName, restartPolicy, hostNetwork };
  if (dns) out.dns = dns;
  if (has(spec.hostname) && str(spec.hostname) !== '') {
    ctx.check([...loc, 'hostname'], str(spec.hostname), isDNS1123Label(str(spec.hostname)));
    out.hostname = str(spec.hostname);
  }
  if (has(spec.subdomain) && str(spec.subdomain) !== '') {
    ctx.check([...loc, 'subdomain'], str(spec.subdomain), isDNS1123Label(str(spec.subdomain)));
    out.subdomain = str(spec.subdomain);
  }
  return out;
}

/** `ValidatePodTemplateSpec`: template labels and annotations (reported at `spec.template.labels`), then the pod spec. */
export function podTemplate(ctx: Ctx, tpl: Obj, loc: FieldPath): { labels: Record<string, string>; annotations: Record<string, string>; spec: PodSpecModel } {
  const tmd = obj(tpl.metadata);
  const templateLabels = labels(ctx, tmd.labels, [...loc, 'metadata', 'labels'], pathText([...loc, 'labels']));
  const templateAnnotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(tmd.annotations))) {
    ctx.check([...loc, 'metadata', 'annotations', k], k, isQualifiedName(k.toLowerCase()), pathText([...loc, 'annotations']));
    templateAnnotations[k] = str(v);
  }
  const spec = podSpec(ctx, obj(tpl.spec), [...loc, 'spec'], false);
  return { labels: templateLabels, annotations: templateAnnotations, spec };
}

/** The selector of a workload: required, valid, non-empty (with the kind's own message), matching the template labels. */
export function workloadSelector(ctx: Ctx, spec: Obj, emptyMessage: string): LabelSelector {
  if (!has(spec.selector)) ctx.required(['spec', 'selector']);
  const selector = labelSelector(ctx, spec.selector, ['spec', 'selector']);
  if (Object.keys(selector.matchLabels).length + selector.matchExpressions.length === 0) {
    ctx.invalid(['spec', 'selector'], new GoStruct({}), emptyMessage);
  }
  const templateLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(obj(obj(spec.template).metadata).labels))) templateLabels[k] = str(v);
  if (!matchesSelector(selector, templateLabels)) {
    ctx.invalid(['spec', 'template', 'metadata', 'labels'], templateLabels, '`selector` does not match template `labels`');
  }
  return selector;
}

/** Copies the init containers, volumes and tolerations of a pod spec onto a pod or workload model (only those present). */
function withPodExtras(out: { initContainers?: ContainerModel[]; volumes?: VolumeModel[]; tolerations?: TolerationModel[] }, spec: PodSpecModel): void {
  if (spec.initContainers.length) out.initContainers = spec.initContainers;
  if (spec.volumes.length) out.volumes = spec.volumes;
  if (spec.tolerations.length) out.tolerations = spec.tolerations;
}

const PHASES: PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** ValidatePodCreate (metadata, pod spec) plus what the simulator reads from status and deletionTimestamp. */
export function parsePod(ctx: Ctx, raw: Obj, info: KindInfo): PodModel {
  const md = metadata(ctx, raw, info);
  const spec = podSpec(ctx, obj(raw.spec), ['spec'], true);
  // The API server resets status on create; the simulator reads it as the scenario's state.
  const status = obj(raw.status);
  const phase = (has(status.phase) ? str(status.phase) : 'Running') as PodPhase;
  if (!PHASES.includes(phase)) ctx.unsupported(['status', 'phase'], phase, PHASES);
  let ip = str(status.podIP);
  if (ip) {
    ctx.check(['status', 'podIP'], ip, isValidIP(ip));
    const v4 = parseIPv4Sloppy(ip);
    if (!v4) ctx.limit(['status', 'podIP'], `this simulated cluster is IPv4 single-stack, expected an IPv4 address, got "${ip}"`);
    ip = v4.join('.');
  }
  let readyCondition = true;
  for (const c of arr(status.conditions)) {
    const co = obj(c);
    if (co.type === 'Ready' && co.status === 'False') readyCondition = false;
  }
  const pod: PodModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    nodeName: spec.nodeName,
    ip,
    phase,
    ready: phase === 'Running' && readyCondition,
    containers: spec.containers,
    implicit: false,
  };
  if (spec.hostname !== undefined) pod.hostname = spec.hostname;
  if (spec.subdomain !== undefined) pod.subdomain = spec.subdomain;
  if (spec.hostNetwork) pod.hostNetwork = true;
  if (spec.dns) pod.dns = spec.dns;
  withPodExtras(pod, spec);
  if (has(obj(raw.metadata).deletionTimestamp)) pod.terminating = true;
  return pod;
}

const DEPLOYMENT_STRATEGIES = ['Recreate', 'RollingUpdate'];

/** ValidateDeployment / ValidateDeploymentSpec (pkg/apis/apps/validation) with SetDefaults_Deployment's defaults. */
export function parseDeployment(ctx: Ctx, raw: Obj, info: KindInfo): DeploymentModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (replicas < 0) ctx.invalid(['spec', 'replicas'], replicas, 'must be greater than or equal to 0');
  const selector = workloadSelector(ctx, spec, 'empty selector is invalid for deployment');
  const tpl = podTemplate(ctx, obj(spec.template), ['spec', 'template']);
  if (tpl.spec.restartPolicy !== 'Always') ctx.unsupported(['spec', 'template', 'spec', 'restartPolicy'], tpl.spec.restartPolicy, ['Always']);
  if (has(obj(obj(spec.template).spec).activeDeadlineSeconds)) {
    ctx.forbidden(['spec', 'template', 'spec', 'activeDeadlineSeconds'], 'activeDeadlineSeconds in ReplicaSet is not Supported');
  }
  const strategy = obj(spec.strategy);
  const strategyType = orDefault(strategy.type, 'RollingUpdate');
  if (!DEPLOYMENT_STRATEGIES.includes(strategyType)) ctx.unsupported(['spec', 'strategy', 'type'], strategyType, DEPLOYMENT_STRATEGIES, 'spec.strategy');
  if (strategyType === 'Recreate' && has(strategy.rollingUpdate)) {
    ctx.forbidden(['spec', 'strategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'");
  }
  for (const f of ['minReadySeconds', 'revisionHistoryLimit']) {
    if (typeof spec[f] === 'number' && (spec[f] as number) < 0) ctx.invalid(['spec', f], spec[f], 'must be greater than or equal to 0');
  }
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (typeof spec.progressDeadlineSeconds === 'number') {
    if (spec.progressDeadlineSeconds < 0) ctx.invalid(['spec', 'progressDeadlineSeconds'], spec.progressDeadlineSeconds, 'must be greater than or equal to 0');
    if (spec.progressDeadlineSeconds <= minReady) ctx.invalid(['spec', 'progressDeadlineSeconds'], spec.progressDeadlineSeconds, 'must be greater than minReadySeconds');
  }
  if (replicas > MAX_SIMULATED_REPLICAS) ctx.limit(['spec', 'replicas'], `this simulator runs at most ${MAX_SIMULATED_REPLICAS} replicas per Deployment, got ${replicas}`);
  const out: DeploymentModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    replicas,
    selector,
    templateLabels: tpl.labels,
    templateAnnotations: tpl.annotations,
    containers: tpl.spec.containers,
    implicit: false,
  };
  if (tpl.spec.nodeName) out.nodeName = tpl.spec.nodeName;
  if (tpl.spec.hostNetwork) out.hostNetwork = true;
  if (tpl.spec.dns) out.dns = tpl.spec.dns;
  withPodExtras(out, tpl.spec);
  return out;
}

const TOLERATION_OPERATORS = ['Exists', 'Equal'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** spec.tolerations (ValidateTolerations: operator Exists or Equal, Exists without a value, a known effect). */
export function parseTolerations(ctx: Ctx, raw: unknown, loc: FieldPath): TolerationModel[] {
  return arr(raw).map((item, i) => {
    const t = obj(item);
    const p = [...loc, i];
    const operator = orDefault(t.operator, 'Equal');
    if (!TOLERATION_OPERATORS.includes(operator)) ctx.unsupported([...p, 'operator'], operator, TOLERATION_OPERATORS);
    const key = str(t.key);
    if (key) ctx.check([...p, 'key'], key, isQualifiedName(key));
    else if (operator !== 'Exists') ctx.invalid([...p, 'operator'], operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    const value = str(t.value);
    if (operator === 'Exists' && value) ctx.invalid([...p, 'operator'], value, 'value must be empty when `operator` is \'Exists\'');
    const effect = str(t.effect);
    if (effect && !TAINT_EFFECTS.includes(effect)) ctx.unsupported([...p, 'effect'], effect, TAINT_EFFECTS);
    const seconds = typeof t.tolerationSeconds === 'number' ? t.tolerationSeconds : undefined;
    if (seconds !== undefined && effect !== 'NoExecute') ctx.invalid([...p, 'effect'], effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    return { operator: operator as TolerationModel['operator'], ...(key ? { key } : {}), ...(value ? { value } : {}), ...(effect ? { effect } : {}), ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}) };
  });
}

/** ValidateDaemonSet (pkg/apis/apps/validation): selector, template, restartPolicy Always; tolerations as written. */
export function parseDaemonSet(ctx: Ctx, raw: Obj, info: KindInfo): DaemonSetModel {
  const md = metadata(ctx, raw, info);
  const spec = obj(raw.spec);
  const selector = workloadSelector(ctx, spec, 'empty selector is invalid for daemonset');
  const tpl = podTemplate(ctx, obj(spec.template), ['spec', 'template']);
  if (tpl.spec.restartPolicy !== 'Always') ctx.unsupported(['spec', 'template', 'spec', 'restartPolicy'], tpl.spec.restartPolicy, ['Always']);
  const tolerations = tpl.spec.tolerations;
  const out: DaemonSetModel = {
    name: md.name,
    namespace: md.namespace,
    labels: md.labels,
    annotations: md.annotations,
    selector,
    templateLabels: tpl.labels,
    templateAnnotations: tpl.annotations,
    containers: tpl.spec.containers,
    tolerations,
    implicit: false,
  };
  if (tpl.spec.hostNetwork) out.hostNetwork = true;
  if (tpl.spec.dns) out.dns = tpl.spec.dns;
  withPodExtras(out, { ...tpl.spec, tolerations: [] });
  const nodeSelector = obj(obj(obj(spec.template).spec).nodeSelector);
  if (Object.keys(nodeSelector).length) out.nodeSelector = Object.fromEntries(Object.entries(nodeSelector).map(([k, v]) => [k, str(v)]));
  return out;
}
