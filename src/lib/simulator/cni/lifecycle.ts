/**
 * Pod lifecycle traces: what happens between "create pod-d" and "pod-d has 10.244.1.6", and between "delete pod-d"
 * and its address being free again, as steps in the simulator's trace shape with a status tracker. The trace is
 * read off two models (before and after the change), so every address, file name and error text is the one the
 * model holds. The order follows the real components:
 * - kubelet `pkg/kubelet/kuberuntime/kuberuntime_manager.go` SyncPod: RunPodSandbox, PodSandboxStatus for the IP,
 *   then containers; `Failed to create pod sandbox: %v` (FailedCreatePodSandBox); `pkg/kubelet/kubelet.go`
 *   SyncPod: `network is not ready: %v` (NetworkNotReady) before any sandbox;
 * - containerd `internal/cri/server/sandbox_run.go`: netns first, then CNI setup, teardown (DEL) when setup fails,
 *   then the sandbox container; `sandbox_stop.go`: teardown on StopPodSandbox;
 * - CNI SPEC.md (spec-v1.1.0) §3: plugins run in order for ADD with prevResult, in reverse for DEL; DEL follows
 *   every ADD, failed or not; env CNI_COMMAND, CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_PATH; §5 result shape;
 * - bridge `plugins/main/bridge/bridge.go` (veth pair, cni0 as gateway, IPAM via ipam.ExecAdd) and host-local
 *   (cni/host-local.ts).
 * Stateful only in that it applies the change to the cluster it is given.
 */
import type { Cluster } from '../cluster.ts';
import { hostVethName, macFor } from '../datapath/node-network.ts';
import { intToIp } from '../ipam.ts';
import { keyOf } from '../state.ts';
import type { ClusterState } from '../state.ts';
import { TraceBuilder } from '../trace.ts';
import type { NodeModel, PodModel, TraceStep } from '../types.ts';
import { CNI_BIN_DIR, CNI_CONF_DIR, HOST_LOCAL_DATA_DIR } from './conflist.ts';
import { freeAddresses, loadNetwork } from './node-state.ts';
import { netnsPath, nodeReadyCondition, NOT_READY_TAINT, POD_IFNAME, sandboxId } from './pod-network.ts';

/** What a lifecycle trace does. */
export interface LifecycleRequest {
  /** The pod: a name in `default` or `ns/name`. */
  pod: string;
  /** `create` applies a new pod; `delete` deletes an existing one. */
  action: 'create' | 'delete';
  /** For `create`: the node the pod names in spec.nodeName; omitted, the scheduler picks one. */
  node?: string;
  /** For `create`: the container image (default busybox:1.36, running `sleep 86400`). */
  image?: string;
}

/** How a lifecycle trace ended. */
export type LifecycleStatus = 'running' | 'unschedulable' | 'network-not-ready' | 'sandbox-failed' | 'deleted';

/** A lifecycle trace: the steps, the tracker and how it ended. */
export interface LifecycleResult {
  /** True when the pod ended as asked (running after create, gone after delete). */
  allowed: boolean;
  reason: string;
  status: LifecycleStatus;
  /** 'ns/name' of the pod. */
  pod: string;
  /** The node it went to ('' when none). */
  node: string;
  steps: TraceStep[];
  actors: string[];
  initialState: Record<string, string>;
}

/** The pod manifest a create trace applies (what `kubectl run <pod> --image=<image> -- sleep 86400` sends, pinned when a node is named). */
export function lifecyclePodManifest(namespace: string, name: string, image: string, node?: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    '  labels:',
    `    run: ${name}`,
    'spec:',
    ...(node ? [`  nodeName: ${node}`] : []),
    '  containers:',
    `  - name: ${name}`,
    `    image: ${image}`,
    '    command: [sleep, "86400"]',
    '',
  ].join('\n');
}

const splitKey = (ref: string): [string, string] => {
  const slash = ref.indexOf('/');
  return slash < 0 ? ['default', ref] : [ref.slice(0, slash), ref.slice(slash + 1)];
};

/** Pods with a pod-network interface on the node (one host veth each). */
function vethCount(state: ClusterState, node: string): number {
  return state.model.pods.filter((p) => p.nodeName === node && p.ip !== '' && !p.hostNetwork).length;
}

const interfacesText = (n: number) => `eth0, cni0, ${n} × veth`;
const NO_POD_NETWORK = 'eth0 only (no cni0: no pod network)';
const freeText = (n: number | null) => (n === null ? 'no range' : `${n} free`);

/** The tracker rows of a lifecycle trace, in display order. */
function trackRows(t: TraceBuilder, pod: string, node: string, before: ClusterState, podStart: string): void {
  const n = before.nodes.get(node);
  t.track(pod, podStart);
  t.track(`kubelet (${node || 'no node'})`, 'Idle');
  t.track('containerd', 'Idle');
  t.track('CNI plugins', '–');
  t.track('host-local', freeText(n?.cni ? freeAddresses(n.cni) : null));
  // The bridge plugin creates cni0 on its first ADD: a node whose runtime loaded no network has never run it.
  const noNetwork = n?.cni !== undefined && !loadNetwork(n.cni).ok;
  t.track(`${node || 'node'} interfaces`, noNetwork ? NO_POD_NETWORK : interfacesText(node ? vethCount(before, node) : 0));
}

function finish(t: TraceBuilder, result: Omit<LifecycleResult, 'steps' | 'actors' | 'initialState'>): LifecycleResult {
  t.finish();
  return { ...result, steps: t.steps, actors: t.actors, initialState: t.initialState };
}

/** The CNI ADD result JSON the bridge plugin prints (SPEC.md §5 "ADD Success"). */
export function bridgeAddResult(pod: PodModel, node: NodeModel, version: string, prefix: number, gateway: string): Record<string, unknown> {
  return {
    cniVersion: version,
    interfaces: [
      { name: 'cni0', mac: macFor(`cni0:${node.name}`) },
      { name: hostVethName(pod), mac: macFor(`hostveth:${keyOf(pod)}`) },
      { name: POD_IFNAME, mac: macFor(`eth0:${keyOf(pod)}`), sandbox: netnsPath(pod) },
    ],
    ips: [{ address: `${pod.ip}/${prefix}`, gateway, interface: 2 }],
    routes: [{ dst: '0.0.0.0/0', gw: gateway }],
    dns: {},
  };
}

/**
 * Creates the pod on `cluster` and traces it: scheduling (or spec.nodeName), the kubelet's RunPodSandbox, the
 * runtime's netns and CNI chain (bridge, host-local, portmap), the sandbox status and the containers; or the branch
 * where it stops: no node available, the node's network not ready, or the ADD failing (then DEL and an event).
 */
export function podCreateTrace(cluster: Cluster, request: LifecycleRequest): LifecycleResult {
  const [namespace, name] = splitKey(request.pod);
  const before = cluster.state;
  if (before.pods.has(`${namespace}/${name}`)) throw new Error(`pod ${namespace}/${name} already exists in the scenario; a create trace needs a pod the scenario does not have`);
  if (request.node && !before.nodes.has(request.node)) throw new Error(`node "${request.node}" is not in the scenario (its nodes: ${[...before.nodes.keys()].join(', ')})`);
  cluster.apply(lifecyclePodManifest(namespace, name, request.image ?? 'busybox:1.36', request.node));
  const after = cluster.state;
  const pod = after.pods.get(`${namespace}/${name}`)!;
  const nodeName = pod.nodeName;
  const node = after.nodes.get(nodeName);
  const t = new TraceBuilder();
  const kubelet = `kubelet (${nodeName || 'no node'})`;
  const ifaces = `${nodeName || 'node'} interfaces`;
  trackRows(t, name, nodeName, before, 'Not created yet');
  const base = { pod: keyOf(pod), node: nodeName };

  // 1. Scheduling.
  if (!nodeName) {
    t.add({ actor: 'kube-scheduler', action: `Finds no node for ${name}`, details: pod.startError?.message ?? 'no node is available', result: 'FailedScheduling: the pod stays Pending', outcome: 'error', phase: 'schedule', set: { [name]: 'Pending (unscheduled)' } });
    return finish(t, { ...base, allowed: false, status: 'unschedulable', reason: pod.startError?.message ?? 'no node available' });
  }
  if (request.node) {
    t.add({ actor: 'API server', action: `Stores ${name} with spec.nodeName: ${nodeName}`, details: 'A pod that already names its node is not scheduled: the kubelet of that node picks it up directly.', result: `${name} is Pending on ${nodeName}`, phase: 'schedule', set: { [name]: `Pending (${nodeName})`, [kubelet]: 'Sees new pod' } });
  } else {
    t.add({ actor: 'kube-scheduler', action: `Binds ${name} to ${nodeName}`, details: `Nodes whose network is not ready carry the ${NOT_READY_TAINT.key}:${NOT_READY_TAINT.effect} taint and are filtered out; of the rest, ${nodeName} scored best.`, result: `Scheduled: ${namespace}/${name} assigned to ${nodeName}`, phase: 'schedule', set: { [name]: `Pending (${nodeName})`, [kubelet]: 'Sees new pod' } });
  }

  // No network on the node: the kubelet never asks for a sandbox.
  if (pod.startError?.reason === 'NetworkNotReady' && node?.cni) {
    const loaded = loadNetwork(node.cni);
    const ready = nodeReadyCondition(node);
    t.add({ actor: 'containerd', action: 'Answers the kubelet\'s runtime Status: NetworkReady=false', details: loaded.ok ? '' : `At load: ${loaded.error}. With no network loaded, the CNI plugin reports "cni plugin not initialized".`, result: 'reason NetworkPluginNotReady', outcome: 'error', phase: 'status', set: { containerd: 'cni plugin not initialized', [kubelet]: 'Network not ready' } });
    t.add({ actor: kubelet, action: `Reports ${nodeName} Ready=False`, details: `Condition Ready=False, reason ${ready.reason}: ${ready.message}. The node lifecycle controller adds the taint ${NOT_READY_TAINT.key}:${NOT_READY_TAINT.effect}, so the scheduler sends no new pods here.`, result: `${nodeName} is NotReady`, outcome: 'error', phase: 'status' });
    t.add({ actor: kubelet, action: `Refuses to create ${name}'s sandbox`, details: `Event NetworkNotReady: ${pod.startError.message}. Only hostNetwork pods start while the network is not ready.`, result: `${name} stays ContainerCreating with no IP; the kubelet retries`, outcome: 'error', phase: 'sandbox', set: { [name]: 'ContainerCreating (no sandbox)', [kubelet]: 'Retrying (network not ready)' } });
    return finish(t, { ...base, allowed: false, status: 'network-not-ready', reason: pod.startError.message });
  }

  const id = sandboxId(pod);
  const netns = netnsPath(pod);
  const veth = hostVethName(pod);
  const loaded = node?.cni ? loadNetwork(node.cni) : null;
  const conf = loaded && loaded.ok ? loaded : null;
  const first = conf?.conf.plugins[0]?.type ?? 'bridge';
  const ipamType = conf?.conf.plugins.find((p) => p.ipam)?.ipam?.type ?? 'host-local';
  const network = conf?.conf.name ?? 'cbr0';
  const version = conf?.conf.version ?? '1.1.0';
  const beforeNode = before.nodes.get(nodeName);
  const freeBefore = beforeNode?.cni ? freeAddresses(beforeNode.cni) : null;
  const vethsBefore = vethCount(before, nodeName);

  // 2–3. The sandbox and its network namespace.
  t.add({ actor: kubelet, action: 'Calls CRI RunPodSandbox', details: `The kubelet asks the container runtime for ${name}'s sandbox; the runtime, not the kubelet, sets up the network.`, result: 'Sandbox requested', phase: 'sandbox', set: { [name]: 'ContainerCreating', [kubelet]: 'Waiting on CRI', containerd: 'Sandbox requested' } });
  t.add({ actor: 'containerd', action: `Creates the network namespace ${netns}`, details: `Sandbox ${id.slice(0, 13)}…: an empty namespace with only lo, before any plugin runs.`, result: 'netns ready', phase: 'sandbox', set: { containerd: `netns ${netns.split('/').pop()?.slice(0, 12)}… created` } });

  // 4. The runtime runs the chain's first plugin.
  const env = `CNI_COMMAND=ADD CNI_CONTAINERID=${id} CNI_NETNS=${netns} CNI_IFNAME=${POD_IFNAME} CNI_PATH=${CNI_BIN_DIR}`;
  const chain = conf ? conf.conf.plugins.map((p) => p.type).join(' → ') : first;
  t.add({ actor: 'containerd', action: `Runs ${CNI_BIN_DIR}/${first} with CNI_COMMAND=ADD`, details: `${CNI_CONF_DIR}/${conf?.file ?? '?'} (network "${network}", chain ${chain}) goes to the plugin on stdin; env ${env}.`, result: `${first}: running`, phase: 'cni', set: { containerd: 'Running CNI chain', 'CNI plugins': `${first}: running` } });

  const error = pod.startError?.reason === 'FailedCreatePodSandBox' ? pod.startError.message : null;
  const missing = error ? /failed to find plugin "([^"]+)"/.exec(error)?.[1] : undefined;
  const failOnFirst = error !== null && (missing === first || /incompatible CNI versions/.test(error));
  if (!failOnFirst) {
    // 5. The bridge: cni0 and the veth pair.
    t.add({ actor: `CNI ${first}`, action: `Creates a veth pair: ${POD_IFNAME} in the pod's netns, ${veth} on the node`, details: `Ensures the bridge cni0 exists (with the gateway address), moves one end into ${netns} as ${POD_IFNAME} and enslaves the host end ${veth} to cni0.`, result: `${veth} added (master cni0)`, phase: 'cni', set: { 'CNI plugins': `${first}: veth pair, ${POD_IFNAME} in netns`, [ifaces]: `${interfacesText(vethsBefore)} + ${veth}` } });
  }

  if (error === null) {
    const gateway = node?.cni && conf?.ranges?.[0] ? intToIp(conf.ranges[0].gateway) : '';
    const prefix = conf?.ranges?.[0]?.subnet.prefix ?? 24;
    const last = node?.cni?.ipam[network]?.lastReserved['0'];
    t.add({ actor: `CNI ${first}`, action: `Runs ${ipamType} ADD (IPAM is delegated)`, details: `${ipamType} takes the next free address after last_reserved_ip.0 (round-robin) and writes ${HOST_LOCAL_DATA_DIR}/${network}/${pod.ip} holding "${id.slice(0, 12)}…\\r\\n${POD_IFNAME}"; last_reserved_ip.0 is now ${last ?? pod.ip}.`, result: `${ipamType} allocated ${pod.ip}`, phase: 'ipam', set: { 'CNI plugins': `${ipamType}: ${pod.ip}`, 'host-local': `${pod.ip} (${freeText(freeBefore === null ? null : freeBefore - 1)})` } });
    const result = node ? bridgeAddResult(pod, node, version, prefix, gateway) : {};
    t.add({ actor: `CNI ${first}`, action: `Sets ${pod.ip}/${prefix} on ${POD_IFNAME}, default route via ${gateway}, prints its result`, details: `Result on stdout: ${JSON.stringify(result)}`, result: `ips ${pod.ip}/${prefix}, gateway ${gateway}`, phase: 'cni', set: { 'CNI plugins': `${first}: result ips ${pod.ip}/${prefix}, gw ${gateway}` } });
    const rest = conf ? conf.conf.plugins.slice(1) : [];
    for (const p of rest) {
      const mappings = p.type === 'portmap' ? pod.containers.flatMap((c) => c.ports.filter((x) => x.hostPort !== undefined).map((x) => `${x.hostPort} → ${pod.ip}:${x.containerPort}/${x.protocol}`)) : [];
      const passes = mappings.length === 0;
      t.add({ actor: `CNI ${p.type}`, action: `Runs ${p.type} ADD with prevResult`, details: p.type === 'portmap' ? (passes ? 'No portMappings in runtimeConfig (the pod has no hostPort): nothing to set up; it outputs prevResult unchanged, as every chained plugin must.' : `Sets up hostPort DNAT ${mappings.join(', ')} and outputs prevResult.`) : 'Receives the previous result on stdin as prevResult and outputs it.', result: passes ? 'prevResult passed through' : `hostPort ${mappings.join(', ')}`, phase: 'cni', set: { 'CNI plugins': passes ? `${p.type}: prevResult passed through` : `${p.type}: ${mappings.join(', ')}`, containerd: p === rest.at(-1) ? 'Chain done' : 'Running CNI chain' } });
    }
    if (rest.length === 0) t.add({ actor: 'containerd', action: 'Reads the chain\'s final result', details: '', result: 'Chain done', phase: 'cni', set: { containerd: 'Chain done' } });
    t.add({ actor: 'containerd', action: 'Starts the pause container in the netns and returns the sandbox', details: `The kubelet then calls PodSandboxStatus and records status.podIP / status.podIPs = [${pod.ip}].`, result: `status.podIPs = [${pod.ip}]`, phase: 'status', set: { [name]: `ContainerCreating, podIP ${pod.ip}`, [kubelet]: 'Read PodSandboxStatus', containerd: 'pause running', 'CNI plugins': '–' } });
    const n = pod.containers.length;
    t.add({ actor: kubelet, action: 'Creates and starts the containers in the sandbox', details: 'Every container of the pod joins the sandbox\'s network namespace: they share eth0 and the IP.', result: `${name} Running ${n}/${n}`, phase: 'status', set: { [name]: `Running ${n}/${n}`, [kubelet]: 'Containers started', containerd: 'Containers running' } });
    return finish(t, { ...base, allowed: true, status: 'running', reason: `${name} is Running on ${nodeName} with IP ${pod.ip}` });
  }

  // The ADD failed: where, then DEL (every ADD is followed by a DEL) and the kubelet's event.
  const cause = error.replace(/^.*? failed \(add\): /, '');
  if (missing === ipamType || /failed to allocate|invalid range set|no IP ranges/.test(cause)) {
    const exhausted = /no IP addresses available/.test(cause);
    t.add({ actor: `CNI ${ipamType}`, action: exhausted ? 'Finds no free address in its range' : `Cannot run ${ipamType}`, details: cause, result: exhausted ? 'IPAM exhausted' : 'IPAM failed', outcome: 'error', phase: 'ipam', set: { 'CNI plugins': `${ipamType}: error`, 'host-local': exhausted ? 'exhausted (0 free)' : 'error' } });
    t.add({ actor: `CNI ${first}`, action: 'Exits with an error result', details: `stdout: ${JSON.stringify({ code: 999, msg: cause })} (code 999: a plugin's own error).`, result: 'ADD failed', outcome: 'error', phase: 'cni', set: { 'CNI plugins': `${first}: ADD failed` } });
  } else {
    t.add({ actor: 'containerd', action: `ADD fails at ${missing ? `"${missing}"` : first}`, details: cause, result: 'ADD failed', outcome: 'error', phase: 'cni', set: { 'CNI plugins': `${missing ?? first}: error` } });
  }
  const reverse = conf ? [...conf.conf.plugins].reverse().map((p) => p.type).join(', then ') : first;
  t.add({ actor: 'containerd', action: 'Tears the network down: DEL for the whole chain, in reverse', details: `DEL runs ${reverse} (with ${ipamType} DEL from ${first}); DEL tolerates what is already gone. Then it removes ${netns}.`, result: 'netns removed', phase: 'cni', set: { containerd: 'Teardown (DEL) done', 'CNI plugins': 'DEL done', [ifaces]: interfacesText(vethsBefore) } });
  t.add({ actor: kubelet, action: 'Records event FailedCreatePodSandBox and retries with back-off', details: error, result: `${name} stays ContainerCreating with no IP (not Failed)`, outcome: 'error', phase: 'status', set: { [name]: 'ContainerCreating (no IP)', [kubelet]: 'Back-off, will retry', containerd: 'Idle' } });
  return finish(t, { ...base, allowed: false, status: 'sandbox-failed', reason: error });
}

/**
 * Deletes the pod on `cluster` and traces it: graceful stop, StopPodSandbox, DEL through the chain in reverse
 * (portmap, then bridge, which runs host-local DEL to release the address), the netns removed, the object gone.
 */
export function podDeleteTrace(cluster: Cluster, request: LifecycleRequest): LifecycleResult {
  const [namespace, name] = splitKey(request.pod);
  const before = cluster.state;
  const pod = before.pods.get(`${namespace}/${name}`);
  if (!pod) throw new Error(`pod ${namespace}/${name} is not in the scenario; a delete trace needs an existing pod`);
  const nodeName = pod.nodeName;
  const node = before.nodes.get(nodeName);
  const out = cluster.kubectl(`delete pod ${name} -n ${namespace}`);
  if (out.exitCode !== 0) throw new Error(out.stderr.trim());
  const after = cluster.state;
  const t = new TraceBuilder();
  const kubelet = `kubelet (${nodeName || 'no node'})`;
  const ifaces = `${nodeName || 'node'} interfaces`;
  const n = pod.containers.length;
  trackRows(t, name, nodeName, before, pod.ip ? `Running ${n}/${n}, podIP ${pod.ip}` : pod.phase);
  const replaced = pod.ownerDeployment ? ' Its ReplicaSet creates a replacement pod under a new name.' : '';
  t.add({ actor: 'API server', action: `Marks ${name} for deletion`, details: 'kubectl delete sets metadata.deletionTimestamp with a 30 s grace period; the pod leaves its Services\' ready endpoints.', result: `${name} Terminating`, phase: 'status', set: { [name]: 'Terminating', [kubelet]: 'Sees deletion' } });
  t.add({ actor: kubelet, action: 'Stops the containers', details: 'SIGTERM to each container, SIGKILL after the grace period.', result: 'Containers stopped', phase: 'sandbox', set: { [kubelet]: 'Stopping containers', containerd: 'Containers stopped' } });
  const afterNode = after.nodes.get(nodeName);
  const loaded = node?.cni ? loadNetwork(node.cni) : null;
  if (!pod.hostNetwork && pod.ip && loaded?.ok) {
    const id = sandboxId(pod);
    const plugins = loaded.conf.plugins;
    const network = loaded.conf.name;
    const last = afterNode?.cni?.ipam[network]?.lastReserved['0'];
    t.add({ actor: kubelet, action: 'Calls CRI StopPodSandbox', details: `The runtime tears down the sandbox's network: CNI DEL with CNI_CONTAINERID=${id} CNI_NETNS=${netnsPath(pod)} CNI_IFNAME=${POD_IFNAME}.`, result: 'Network teardown', phase: 'sandbox', set: { containerd: 'Tearing down network' } });
    for (const p of [...plugins].reverse()) {
      if (p.ipam) {
        t.add({ actor: `CNI ${p.type}`, action: `DEL: deletes ${POD_IFNAME} in the netns (its peer ${hostVethName(pod)} goes with it)`, details: 'DEL runs the chain in reverse order; the main plugin removes the interface it created.', result: `${hostVethName(pod)} removed`, phase: 'cni', set: { 'CNI plugins': `${p.type}: DEL`, [ifaces]: interfacesText(vethCount(before, nodeName) - 1) } });
        t.add({ actor: `CNI ${p.ipam.type}`, action: `DEL: releases ${pod.ip}`, details: `Removes ${HOST_LOCAL_DATA_DIR}/${network}/${pod.ip}; last_reserved_ip.0 stays ${last ?? '(unset)'}, so the next pod gets the address after it, not this one.`, result: `${pod.ip} free again`, phase: 'ipam', set: { 'CNI plugins': `${p.ipam.type}: released ${pod.ip}`, 'host-local': `${freeText(afterNode?.cni ? freeAddresses(afterNode.cni) : null)} (released ${pod.ip})` } });
      } else {
        const mappings = pod.containers.flatMap((c) => c.ports.filter((x) => x.hostPort !== undefined).map((x) => `${x.hostPort}`));
        t.add({ actor: `CNI ${p.type}`, action: `DEL${p === plugins.at(-1) ? ' (last on ADD, first on DEL)' : ''}`, details: p.type === 'portmap' ? (mappings.length ? `Removes the hostPort rules for ${mappings.join(', ')}.` : 'No hostPort rules to remove; DEL succeeds anyway.') : 'Undoes what its ADD did.', result: 'DEL done', phase: 'cni', set: { 'CNI plugins': `${p.type}: DEL` } });
      }
    }
    t.add({ actor: 'containerd', action: 'Removes the network namespace and the pause container', details: `${netnsPath(pod)} is gone; RemovePodSandbox deletes the sandbox.`, result: 'Sandbox removed', phase: 'sandbox', set: { containerd: 'Sandbox removed', 'CNI plugins': '–' } });
  } else {
    t.add({ actor: kubelet, action: 'Calls CRI StopPodSandbox and RemovePodSandbox', details: pod.hostNetwork ? 'A hostNetwork pod has no network of its own: no CNI DEL.' : 'The pod had no network attachment to undo.', result: 'Sandbox removed', phase: 'sandbox', set: { containerd: 'Sandbox removed' } });
  }
  t.add({ actor: 'API server', action: `Deletes the ${name} object`, details: `The kubelet reports the pod terminated and the object is removed.${replaced}`, result: `${name} deleted`, phase: 'status', set: { [name]: 'Deleted', [kubelet]: 'Idle', containerd: 'Idle' } });
  return finish(t, { pod: keyOf(pod), node: nodeName, allowed: !after.pods.has(`${namespace}/${name}`), status: 'deleted', reason: `${name} deleted` });
}

/** Runs a lifecycle request on the cluster (create or delete). */
export function podLifecycleTrace(cluster: Cluster, request: LifecycleRequest): LifecycleResult {
  return request.action === 'create' ? podCreateTrace(cluster, request) : podDeleteTrace(cluster, request);
}
