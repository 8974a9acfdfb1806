/**
 * Pods as kubectl v1.35 shows them. One view of a pod (podView) holds what the API server, the
 * ServiceAccount and DefaultTolerationSeconds admission plugins and the kubelet add to a pod
 * (volumes, tolerations, conditions, container statuses, events); `-o yaml`, `get pods` and
 * `describe pod` all render that one view.
 *
 * Lifecycle as the simulator models it:
 * - no node: Pending, no IP, only `PodScheduled False`;
 * - a node but phase Pending: the sandbox exists and CNI ADD gave it an IP, containers are Waiting
 *   (ContainerCreating) while the image is pulled;
 * - Running: containers started; Ready follows PodModel.ready;
 * - Succeeded / Failed: containers Terminated (Completed / Error);
 * - terminating: metadata.deletionTimestamp is set (STATUS Terminating in `get pods`).
 *
 * Stand-ins where a real cluster has random or registry-supplied values: container IDs and image
 * digests are derived from names, and a pull of an image whose policy is Always reports a duration
 * and size derived from the image name (the simulator has no registry).
 */
import { podTemplateHash } from '../build.ts';
import { ageOf, FIXED_AGE, FIXED_DESCRIBE_TIME, FIXED_TIMESTAMP, hexId, meta, NOW_MS } from '../kubectl-format.ts';
import { fnv1a, safeHash } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import { keyOf, sortByKey } from '../state.ts';
import type { ContainerModel, NodeModel, PodModel } from '../types.ts';
import type { DescribeEvent } from './describe-writer.ts';
import { describeEvents, DescribeWriter, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind } from './kind.ts';
import { describeProbe } from '../workloads/probes.ts';
import { describeTolerations, tolerationObject, withDefaultTolerationSeconds } from '../workloads/tolerations.ts';
import type { Entry } from './kind.ts';

/** Where the ServiceAccount admission plugin mounts the API credentials. */
export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
/** ExpirationSeconds of the projected service account token (serviceaccount admission: 3607). */
export const TOKEN_EXPIRATION_SECONDS = 3607;
/** The ConfigMap with the cluster CA that every namespace holds (root-ca-cert-publisher). */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** metadata.deletionTimestamp of a terminating pod: deleted "now" with the default 30 s grace period. */
const DELETION_TIMESTAMP = new Date(NOW_MS + 30_000).toISOString().replace('.000Z', 'Z');

/** One container status (status.containerStatuses[]). */
export interface ContainerStatusView {
  name: string;
  containerID: string;
  /** The image as the runtime reports it (normalised, e.g. docker.io/library/busybox:1.36). */
  image: string;
  imageID: string;
  state: { running: { startedAt: string } } | { waiting: { reason: string } } | { terminated: { reason: string; exitCode: number; startedAt: string; finishedAt: string } };
  ready: boolean;
  started: boolean;
}

/** Everything kubectl can print about one pod. */
export interface PodView {
  pod: PodModel;
  node: NodeModel | undefined;
  /** The projected API-credentials volume, `kube-api-access-xxxxx`. */
  volumeName: string;
  conditions: Array<{ type: string; status: 'True' | 'False'; reason?: string; message?: string }>;
  /** status.initContainerStatuses (empty without init containers). */
  initStatuses: ContainerStatusView[];
  /** Empty until the kubelet has seen the pod (unscheduled pods). */
  containerStatuses: ContainerStatusView[];
  /** Set once the kubelet has started working on the pod. */
  startTime: string | null;
  events: DescribeEvent[];
  /** Controller owner, e.g. ReplicaSet/web-7d4b9c8f5d. */
  controlledBy: { kind: string; name: string } | null;
}

/** docker reference normalisation (docker.io/library/…, `:latest` when untagged), as containerd reports images. */
export function normalizeImage(image: string): string {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  if (slash < 0) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!ref.includes('@') && !lastPart.includes(':')) ref = `${ref}:latest`;
  return ref;
}

/** The repository part of a normalised image (no tag, no digest). */
function repository(normalized: string): string {
  const at = normalized.indexOf('@');
  const noDigest = at >= 0 ? normalized.slice(0, at) : normalized;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return colon >= 0 ? noDigest.slice(0, colon) : noDigest;
}

/** The default imagePullPolicy (pkg/apis/core/v1/defaults.go): Always for `:latest` or untagged images, else IfNotPresent. */
export function pullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon < 0 || lastPart.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Go's time.Duration.String() for a whole number of milliseconds (`812ms`, `1.027s`). */
function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** True when default-scheduler bound the pod (a Scheduled event), false when spec.nodeName came from the manifest. */
export function boundByScheduler(pod: PodModel, state: ClusterState): boolean {
  if (!pod.nodeName) return false;
  if (pod.nodeAssignment) return pod.nodeAssignment === 'scheduler';
  if (pod.ownerDeployment) return !state.deployments.get(pod.ownerDeployment)?.nodeName;
  return false;
}

function containerEvents(c: ContainerModel, started: boolean): DescribeEvent[] {
  const field = `spec.containers{${c.name}}: `;
  const ev = (reason: string, message: string): DescribeEvent => ({ type: 'Normal', reason, age: FIXED_AGE, from: 'kubelet', message: field + message });
  if (!started) return [ev('Pulling', `Pulling image "${c.image}"`)];
  const out: DescribeEvent[] = [];
  if (pullPolicy(c.image) === 'Always') {
    const h = fnv1a(`${c.image}|pull`);
    const pull = goDuration(300 + (h % 2700));
    out.push(ev('Pulling', `Pulling image "${c.image}"`));
    out.push(ev('Pulled', `Successfully pulled image "${c.image}" in ${pull} (${pull} including waiting). Image size: ${2_000_000 + (fnv1a(`${c.image}|size`) % 60_000_000)} bytes.`));
  } else {
    out.push(ev('Pulled', `Container image "${c.image}" already present on machine and can be accessed by the pod`));
  }
  out.push(ev('Created', 'Container created'), ev('Started', 'Container started'));
  return out;
}

/** Computes the pod's full status and events from the model. */
export function podView(pod: PodModel, state: ClusterState): PodView {
  const node = pod.nodeName ? state.nodes.get(pod.nodeName) : undefined;
  const bound = pod.nodeName !== '';
  const t = FIXED_TIMESTAMP;
  const conditions: PodView['conditions'] = [];
  const containerStatuses: ContainerStatusView[] = [];
  const initStatuses: ContainerStatusView[] = [];
  const events: DescribeEvent[] = [];
  const inits = pod.initContainers ?? [];
  const initDone = pod.init?.done ?? 0;
  const initialized = initDone >= inits.length;
  if (boundByScheduler(pod, state)) {
    events.push({ type: 'Normal', reason: 'Scheduled', age: FIXED_AGE, from: 'default-scheduler', message: `Successfully assigned ${keyOf(pod)} to ${pod.nodeName}` });
  }
  const failed = pod.startError;
  if (failed?.reason === 'FailedScheduling') events.push({ type: 'Warning', reason: 'FailedScheduling', age: FIXED_AGE, from: 'default-scheduler', message: failed.message });
  if (!bound) {
    conditions.push({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', ...(failed?.reason === 'FailedScheduling' ? { message: failed.message } : {}) });
  } else {
    const terminal = pod.phase === 'Succeeded' || pod.phase === 'Failed';
    const running = pod.phase === 'Running';
    const ready = running && pod.ready;
    // pkg/kubelet/status/generate.go GeneratePodReadyCondition: ContainersNotReady, "containers with unready status: [%s]".
    const failing = running && pod.probeFailures ? pod.containers.filter((c) => c.name in pod.probeFailures!).map((c) => c.name) : [];
    const unready = failing.length ? { reason: 'ContainersNotReady', message: `containers with unready status: [${failing.join(' ')}]` } : {};
    // pkg/kubelet/status/generate.go GeneratePodInitializedCondition: ContainersNotInitialized, "containers with incomplete status: [%s]".
    const incomplete = inits.slice(initDone).map((c) => c.name);
    conditions.push(
      { type: 'PodReadyToStartContainers', status: !terminal && pod.ip !== '' ? 'True' : 'False' },
      initialized ? { type: 'Initialized', status: 'True' } : { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` },
      { type: 'Ready', status: ready ? 'True' : 'False', ...(terminal ? { reason: 'PodCompleted' } : running ? unready : { reason: 'ContainersNotReady' }) },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', ...(terminal ? { reason: 'PodCompleted' } : running ? unready : { reason: 'ContainersNotReady' }) },
      { type: 'PodScheduled', status: 'True' },
    );
    if (pod.phase !== 'Unknown') {
      // kubelet_pods.go convertToAPIContainerStatuses: a container not yet started waits in PodInitializing when the
      // pod has init containers (ContainerCreating otherwise); finished init containers are Terminated (Completed).
      for (const [i, c] of inits.entries()) {
        const ran = i < initDone;
        const error = i === initDone && pod.init?.blocked;
        const image = normalizeImage(c.image);
        initStatuses.push({
          name: c.name,
          containerID: ran || error ? `containerd://${hexId(`${keyOf(pod)}/${c.name}`, 64)}` : '',
          image,
          imageID: ran || error ? `${repository(image)}@sha256:${hexId(image, 64)}` : '',
          state: ran && c.sidecar ? { running: { startedAt: t } } : ran || error ? { terminated: { reason: ran ? 'Completed' : 'Error', exitCode: error ? error.exitCode : 0, startedAt: t, finishedAt: t } } : { waiting: { reason: 'PodInitializing' } },
          ready: ran,
          started: ran && !!c.sidecar,
        });
      }
      for (const [i, c] of pod.containers.entries()) {
        const created = pod.phase !== 'Pending';
        const image = normalizeImage(c.image);
        let state: ContainerStatusView['state'];
        if (pod.phase === 'Pending') state = { waiting: { reason: inits.length ? 'PodInitializing' : 'ContainerCreating' } };
        else if (running) state = { running: { startedAt: t } };
        else state = { terminated: { reason: pod.phase === 'Succeeded' ? 'Completed' : 'Error', exitCode: pod.phase === 'Succeeded' ? 0 : 1, startedAt: t, finishedAt: t } };
        containerStatuses.push({
          name: c.name,
          containerID: created ? `containerd://${hexId(`${keyOf(pod)}/${c.name}`, 64)}` : '',
          image,
          imageID: created ? `${repository(image)}@sha256:${hexId(image, 64)}` : '',
          state,
          ready: ready || (running && pod.probeFailures !== undefined && !(c.name in pod.probeFailures)),
          started: running,
        });
        // The kubelet pulls, creates and starts containers one after the other: while the first image is
        // still being pulled, the later containers have no events yet. Without a sandbox nothing is pulled.
        if (!failed && initialized && (created || i === 0)) events.push(...containerEvents(c, created));
        // pkg/kubelet/prober/prober.go: Warning Unhealthy "%s probe failed: %s" (probeType Readiness).
        const probeFailed = running ? pod.probeFailures?.[c.name] : undefined;
        if (probeFailed) events.push({ type: 'Warning', reason: 'Unhealthy', age: FIXED_AGE, from: 'kubelet', message: `spec.containers{${c.name}}: ${probeFailed}` });
      }
    }
    // No sandbox: the kubelet's warning (NetworkNotReady before any sandbox, FailedCreatePodSandBox when CNI ADD failed).
    if (failed && failed.reason !== 'FailedScheduling') events.push({ type: 'Warning', reason: failed.reason, age: FIXED_AGE, from: 'kubelet', message: failed.message });
  }
  let controlledBy: PodView['controlledBy'] = null;
  if (pod.ownerDeployment) {
    const d = pod.ownerDeployment.split('/')[1] ?? '';
    controlledBy = { kind: 'ReplicaSet', name: `${d}-${podTemplateHash({ namespace: pod.namespace, name: d })}` };
  }
  return {
    pod,
    node,
    volumeName: `kube-api-access-${safeHash(`${keyOf(pod)}|kube-api-access`, 5)}`,
    conditions,
    initStatuses,
    containerStatuses,
    startTime: bound ? t : null,
    events,
    controlledBy,
  };
}

/** STATUS and READY of `kubectl get pods`, after printers.go printPod (container reasons override the phase). */
export function podStatusCells(view: PodView): { ready: string; status: string } {
  const p = view.pod;
  let reason: string = p.phase;
  let readyContainers = 0;
  // printers.go printPod: the first init container that has not completed decides (Init:<reason> or Init:i/n).
  const inits = p.initContainers ?? [];
  for (const [i, c] of view.initStatuses.entries()) {
    if ('terminated' in c.state && c.state.terminated.exitCode === 0) continue;
    if ('running' in c.state && inits[i]?.sidecar) continue;
    if ('terminated' in c.state) reason = `Init:${c.state.terminated.reason}`;
    else if ('waiting' in c.state && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    if (p.terminating) reason = 'Terminating';
    return { ready: `0/${p.containers.length}`, status: reason };
  }
  for (let i = view.containerStatuses.length - 1; i >= 0; i--) {
    const c = view.containerStatuses[i] as ContainerStatusView;
    if ('waiting' in c.state && c.state.waiting.reason) reason = c.state.waiting.reason;
    else if ('terminated' in c.state && c.state.terminated.reason) reason = c.state.terminated.reason;
    else if (c.ready && 'running' in c.state) readyContainers++;
  }
  if (p.terminating && p.phase !== 'Succeeded' && p.phase !== 'Failed') reason = 'Terminating';
  return { ready: `${readyContainers}/${p.containers.length}`, status: reason };
}

/** The pod as the API server returns it (defaults and admission-added fields included). */
export function podObject(view: PodView): Record<string, unknown> {
  const p = view.pod;
  const extra: Record<string, unknown> = {};
  if (view.controlledBy) {
    extra.generateName = `${view.controlledBy.name}-`;
    extra.ownerReferences = [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: view.controlledBy.kind, name: view.controlledBy.name }];
  }
  if (p.terminating) {
    extra.deletionGracePeriodSeconds = 30;
    extra.deletionTimestamp = DELETION_TIMESTAMP;
  }
  const spec: Record<string, unknown> = {
    containers: p.containers.map((c) => containerObject(c, view.volumeName)),
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: withDefaultTolerationSeconds(p.tolerations ?? []).map(tolerationObject),
    volumes: [
      {
        name: view.volumeName,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: ROOT_CA_CONFIGMAP } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ],
  };
  if (p.initContainers?.length) spec.initContainers = p.initContainers.map((c) => ({ ...containerObject(c, view.volumeName), ...(c.sidecar ? { restartPolicy: 'Always' } : {}) }));
  // SetDefaults_HostPathVolumeSource: type ""; SetDefaults_ConfigMapVolumeSource: defaultMode 420.
  const own = (p.volumes ?? []).map((v) => ({ name: v.name, ...(v.hostPath ? { hostPath: { path: v.hostPath.path, type: '' } } : v.configMap ? { configMap: { defaultMode: 420, ...(v.configMap.items ? { items: v.configMap.items } : {}), name: v.configMap.name, ...(v.configMap.optional ? { optional: true } : {}) } } : {}) }));
  spec.volumes = [...own, ...(spec.volumes as unknown[])];
  if (p.hostname) spec.hostname = p.hostname;
  if (p.nodeName) spec.nodeName = p.nodeName;
  if (p.subdomain) spec.subdomain = p.subdomain;
  const status: Record<string, unknown> = {
    conditions: view.conditions.map((c) => ({ lastProbeTime: null, lastTransitionTime: FIXED_TIMESTAMP, ...(c.message ? { message: c.message } : {}), ...(c.reason ? { reason: c.reason } : {}), status: c.status, type: c.type })),
  };
  const statusObject = (c: ContainerStatusView) => ({
    ...(c.containerID ? { containerID: c.containerID } : {}),
    image: c.image,
    imageID: c.imageID,
    lastState: {},
    name: c.name,
    ready: c.ready,
    restartCount: 0,
    started: c.started,
    state: c.state,
  });
  if (view.initStatuses.length) status.initContainerStatuses = view.initStatuses.map(statusObject);
  if (view.containerStatuses.length) {
    status.containerStatuses = view.containerStatuses.map(statusObject);
  }
  if (view.node?.internalIP) {
    status.hostIP = view.node.internalIP;
    status.hostIPs = [{ ip: view.node.internalIP }];
  }
  status.phase = p.phase;
  if (p.ip) {
    status.podIP = p.ip;
    status.podIPs = [{ ip: p.ip }];
  }
  status.qosClass = 'BestEffort';
  if (view.startTime) status.startTime = view.startTime;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(p, extra), spec, status };
}

/** One container of the pod spec as the API server returns it (defaults set, the ServiceAccount mount appended). */
function containerObject(c: ContainerModel, saVolume: string): Record<string, unknown> {
  const co: Record<string, unknown> = { image: c.image, imagePullPolicy: pullPolicy(c.image), name: c.name };
  if (c.command) co.command = [...c.command];
  if (c.args) co.args = [...c.args];
  if (c.ports.length) co.ports = c.ports.map((cp) => (cp.name ? { containerPort: cp.containerPort, name: cp.name, protocol: cp.protocol } : { containerPort: cp.containerPort, protocol: cp.protocol }));
  co.resources = {};
  co.terminationMessagePath = '/dev/termination-log';
  co.terminationMessagePolicy = 'File';
  co.volumeMounts = [...(c.volumeMounts ?? []).map((m) => ({ mountPath: m.mountPath, name: m.name })), { mountPath: SERVICE_ACCOUNT_MOUNT, name: saVolume, readOnly: true }];
  return co;
}

function describePorts(c: ContainerModel, hostPorts: boolean): string {
  return c.ports.map((cp) => `${hostPorts ? 0 : cp.containerPort}/${cp.protocol}${cp.name ? ` (${cp.name})` : ''}`).join(', ');
}

/** `kubectl describe pod` (pkg/describe/describe.go describePod, describeContainers, describeVolumes). */
export function describePod(view: PodView): string {
  const p = view.pod;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${p.name}\n`);
  w.write(0, `Namespace:\t${p.namespace}\n`);
  w.write(0, 'Priority:\t0\n');
  w.write(0, 'Service Account:\tdefault\n');
  w.write(0, p.nodeName ? `Node:\t${p.nodeName}/${view.node?.internalIP ?? ''}\n` : 'Node:\t<none>\n');
  if (view.startTime) w.write(0, `Start Time:\t${FIXED_DESCRIBE_TIME}\n`);
  printLabelsMultiline(w, 'Labels', p.labels);
  printAnnotationsMultiline(w, 'Annotations', p.annotations);
  if (p.terminating && p.phase !== 'Failed' && p.phase !== 'Succeeded') {
    // deletionTimestamp is now + the 30 s grace period: translateTimestampSince of a future time is <invalid>.
    w.write(0, `Status:\tTerminating (lasts ${ageOf(DELETION_TIMESTAMP)})\n`);
    w.write(0, 'Termination Grace Period:\t30s\n');
  } else {
    w.write(0, `Status:\t${p.phase}\n`);
  }
  w.write(0, `IP:\t${p.ip}\n`);
  if (p.ip) {
    w.write(0, 'IPs:\n');
    w.write(1, `IP:\t${p.ip}\n`);
  } else {
    w.write(0, 'IPs:\t<none>\n');
  }
  if (view.controlledBy) w.write(0, `Controlled By:\t${view.controlledBy.kind}/${view.controlledBy.name}\n`);
  const byName = (list: ContainerStatusView[]) => new Map(list.map((x) => [x.name, x]));
  const section = (title: string, list: readonly ContainerModel[], statuses: ReadonlyMap<string, ContainerStatusView>): void => {
  w.write(0, `${title}:${list.length === 0 && title === 'Containers' ? ' <none>' : ''}\n`);
  for (const c of list) {
    const st = statuses.get(c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID}\n`);
    const ports = describePorts(c, false);
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = describePorts(c, true);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command && c.command.length) {
      w.write(2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args && c.args.length) {
      w.write(2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      if ('running' in st.state) {
        w.write(2, 'State:\tRunning\n');
        w.write(3, `Started:\t${FIXED_DESCRIBE_TIME}\n`);
      } else if ('waiting' in st.state) {
        w.write(2, 'State:\tWaiting\n');
        if (st.state.waiting.reason) w.write(3, `Reason:\t${st.state.waiting.reason}\n`);
      } else {
        w.write(2, 'State:\tTerminated\n');
        w.write(3, `Reason:\t${st.state.terminated.reason}\n`);
        w.write(3, `Exit Code:\t${st.state.terminated.exitCode}\n`);
        w.write(3, `Started:\t${FIXED_DESCRIBE_TIME}\n`);
        w.write(3, `Finished:\t${FIXED_DESCRIBE_TIME}\n`);
      }
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, 'Restart Count:\t0\n');
    }
    // describe.go describeContainers: describeContainerProbe comes after the state (and the resources, not modelled).
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    w.write(2, 'Environment:\t<none>\n');
    w.write(2, 'Mounts:\n');
    // describeContainerVolumes: sorted by mount path.
    const mounts = [...(c.volumeMounts ?? []).map((m) => `${m.mountPath} from ${m.name} (rw)`), `${SERVICE_ACCOUNT_MOUNT} from ${view.volumeName} (ro)`];
    for (const m of mounts.sort()) w.write(3, `${m}\n`);
  }
  };
  if (p.initContainers?.length) section('Init Containers', p.initContainers, byName(view.initStatuses));
  section('Containers', p.containers, byName(view.containerStatuses));
  if (view.conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of view.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  w.write(0, 'Volumes:\n');
  // describe.go printHostPathVolumeSource / printConfigMapVolumeSource.
  for (const v of p.volumes ?? []) {
    w.write(1, `${v.name}:\n`);
    if (v.hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t\n`);
    else if (v.configMap) w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${!!v.configMap.optional}\n`);
  }
  w.write(1, `${view.volumeName}:\n`);
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  w.write(2, `TokenExpirationSeconds:\t${TOKEN_EXPIRATION_SECONDS}\n`);
  w.write(2, `ConfigMapName:\t${ROOT_CA_CONFIGMAP}\n    Optional:\tfalse\n`);
  w.write(2, 'DownwardAPI:\ttrue\n');
  w.write(0, 'QoS Class:\tBestEffort\n');
  printLabelsMultiline(w, 'Node-Selectors', {});
  // describe.go: printPodTolerationsMultiline(w, "Tolerations", pod.Spec.Tolerations), the spec as admitted.
  w.write(0, describeTolerations(withDefaultTolerationSeconds(p.tolerations ?? [])));
  describeEvents(w, view.events);
  return w.toString();
}

/** Pods (core/v1). */
export const pods = defineKind<PodModel>({
  kind: 'Pod',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  inAll: true,
  source: 'model',
  list: (state) => sortByKey(state.model.pods).map((p) => ({ namespace: p.namespace, name: p.name, labels: p.labels, value: p })),
  object: (e, state) => podObject(podView(e.value, state)),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'READY', cell: (e, s) => podStatusCells(podView(e.value, s)).ready },
    { header: 'STATUS', cell: (e, s) => podStatusCells(podView(e.value, s)).status },
    { header: 'RESTARTS', cell: () => '0' },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'IP', wide: true, cell: (e) => e.value.ip || '<none>' },
    { header: 'NODE', wide: true, cell: (e) => e.value.nodeName || '<none>' },
    { header: 'NOMINATED NODE', wide: true, cell: () => '<none>' },
    { header: 'READINESS GATES', wide: true, cell: () => '<none>' },
  ],
  describe: (e: Entry<PodModel>, state) => describePod(podView(e.value, state)),
});
