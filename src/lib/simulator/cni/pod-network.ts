/**
 * How pods get their network when the model is built: the node's CNI state, whether the runtime's network is
 * ready (and so whether the scheduler may place pods there), and each new sandbox's CNI ADD through the node's
 * host-local store. The texts a learner reads are the components' own:
 * - kubelet `pkg/kubelet/kubelet.go` SyncPod: `network is not ready: %v` (event NetworkNotReady), and the
 *   node Ready condition KubeletNotReady with `container runtime network not ready: …`;
 * - kubelet `pkg/kubelet/kuberuntime/kuberuntime_manager.go`: event FailedCreatePodSandBox `Failed to create pod sandbox: %v`
 *   of the CRI error (`rpc error: code = Unknown desc = …`, the gRPC status text);
 * - containerd `internal/cri/server/sandbox_run.go`: `failed to setup network for sandbox %q: %w`;
 * - libcni `libcni/api.go` AddNetworkList: `plugin type=%q failed (add): %w`;
 * - host-local `main.go` cmdAdd: `failed to allocate for range %d: %v`.
 * Mutates only the fresh node and pod copies the builder hands it.
 */
import { fnv1a, intToIp, ipToInt, parseCidr } from '../ipam.ts';
import { keyOf } from '../state.ts';
import type { NodeModel, PodModel } from '../types.ts';
import { chainProblem } from './conflist.ts';
import { allocate, reserve } from './host-local.ts';
import type { CanonicalRange, HostLocalStore } from './host-local.ts';
import { defaultNodeCni, inRanges, loadNetwork, networkNotReadyMessage } from './node-state.ts';
import type { CniSettings, NodeCniState } from './node-state.ts';

/** The interface name the runtime asks for (CNI_IFNAME). */
export const POD_IFNAME = 'eth0';

/** The taint the node lifecycle controller puts on a node whose Ready condition is False. */
export const NOT_READY_TAINT = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' } as const;

function hex(text: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) out += fnv1a(`${round}:${text}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** The pod's sandbox ID (64 hex digits, as containerd's IDs are), derived from 'ns/name'. */
export function sandboxId(pod: Pick<PodModel, 'namespace' | 'name'>): string {
  return hex(`sandbox:${pod.namespace}/${pod.name}`, 64);
}

/** The pod's network namespace path: containerd names it `cni-<uuid>` under /var/run/netns. */
export function netnsPath(pod: Pick<PodModel, 'namespace' | 'name'>): string {
  const h = hex(`netns:${pod.namespace}/${pod.name}`, 32);
  return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The node's CNI state for a new model: what it had before (files and last_reserved_ip survive), else its defaults. */
export function nodeCniState(node: NodeModel, previous: NodeModel | undefined, settings: CniSettings = {}): NodeCniState {
  if (previous?.cni) return { confFiles: { ...previous.cni.confFiles }, binaries: [...previous.cni.binaries], ipam: structuredClone(previous.cni.ipam) };
  return defaultNodeCni(node.podCIDR, settings, settings.nodes?.[node.name]);
}

/** The kubelet's Ready condition for the node: Ready, or KubeletNotReady with the runtime's network message. */
export function nodeReadyCondition(node: NodeModel): { status: 'True'; reason: 'KubeletReady'; message: string } | { status: 'False'; reason: 'KubeletNotReady'; message: string } {
  const message = node.cni ? networkNotReadyMessage(node.cni) : null;
  // pkg/kubelet/nodestatus/setters.go ReadyCondition
  return message === null ? { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' } : { status: 'False', reason: 'KubeletNotReady', message };
}

/** True when the node is Ready (no not-ready taint). */
export function nodeIsReady(node: NodeModel): boolean {
  return nodeReadyCondition(node).status === 'True';
}

/** The node's taints as the simulator models them (only the not-ready one), keys in the API's JSON order. */
export function nodeTaints(node: NodeModel): Array<{ effect: string; key: string }> {
  return nodeIsReady(node) ? [] : [{ effect: NOT_READY_TAINT.effect, key: NOT_READY_TAINT.key }];
}

/**
 * The scheduler's FailedScheduling message when every node has an untolerated taint (v1.34+ wording as kube-scheduler
 * prints it with DynamicResourceAllocation on by default: reasons, then the DRA and preemption post-filter results).
 */
export function noNodeAvailableMessage(total: number): string {
  return `0/${total} nodes are available: ${total} node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

/** The full FailedCreatePodSandBox event message for a CNI ADD error of the chain's first plugin. */
export function sandboxFailureMessage(pod: Pick<PodModel, 'namespace' | 'name'>, pluginType: string, error: string): string {
  return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId(pod)}": plugin type="${pluginType}" failed (add): ${error}`;
}

/** The range set a node's host-local allocates from: its config's range set 0, else (another IPAM) its podCIDR. */
function rangesOf(node: NodeModel): { ranges: CanonicalRange[]; network: string } | { error: string; plugin: string } | null {
  if (!node.cni) return null;
  const loaded = loadNetwork(node.cni);
  if (!loaded.ok) return null;
  const first = loaded.conf.plugins[0]?.type ?? 'bridge';
  const problem = chainProblem(loaded.conf, node.cni.binaries);
  if (problem) return problem;
  if (loaded.rangeError) return { error: loaded.rangeError, plugin: first };
  if (loaded.ranges) return { ranges: loaded.ranges, network: loaded.conf.name };
  const cidr = parseCidr(node.podCIDR);
  if (!cidr) return null;
  return { ranges: [{ subnet: cidr, gateway: cidr.base + 1, rangeStart: cidr.base + 1, rangeEnd: cidr.base + cidr.size - 2 }], network: loaded.conf.name };
}

/** Options of assignPodAddresses. */
export interface AddressOptions {
  /** Pods of the previous model by 'ns/name' (their addresses are kept). */
  previousPods: ReadonlyMap<string, PodModel>;
  /** Nodes of the previous model by name (a node without one starts with a fresh history). */
  previousNodes: ReadonlyMap<string, NodeModel>;
  settings: CniSettings;
  /** Called when two pods claim one IP (the builder throws its ManifestError). */
  conflict(pod: PodModel, ip: string, owner: string): never;
}

/**
 * Gives every pod with a sandbox its address: hostNetwork pods the node's InternalIP; pinned and previous
 * addresses are kept (and recorded in host-local's store); the rest run CNI ADD in pod order. Pods whose ADD
 * cannot run or fails stay Pending without an IP, with the kubelet's event as `startError`.
 */
export function assignPodAddresses(nodes: NodeModel[], pods: PodModel[], options: AddressOptions): void {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const used = new Map<string, string>();
  const stores = new Map<string, HostLocalStore>();
  const setups = new Map(nodes.map((n) => [n.name, rangesOf(n)]));
  for (const n of nodes) {
    const setup = setups.get(n.name);
    const network = setup && 'network' in setup ? setup.network : null;
    const last = network ? (n.cni?.ipam[network]?.lastReserved ?? {}) : {};
    stores.set(n.name, { reservations: {}, lastReserved: { ...last } });
  }
  const record = (p: PodModel, ip: string): void => {
    const setup = setups.get(p.nodeName);
    if (!setup || !('ranges' in setup) || !inRanges(setup.ranges, ip)) return;
    const store = stores.get(p.nodeName)!;
    stores.set(p.nodeName, reserve(store, ip, { containerId: sandboxId(p), ifname: POD_IFNAME }).store);
  };
  const claim = (p: PodModel, ip: string): void => {
    const owner = used.get(ip);
    if (owner !== undefined) options.conflict(p, ip, owner);
    used.set(ip, keyOf(p));
    p.ip = ip;
    record(p, ip);
  };
  const hasSandbox = (p: PodModel) => (p.phase === 'Running' || p.phase === 'Pending') && !!p.nodeName && !p.startError;
  for (const p of pods) {
    if (p.hostNetwork && hasSandbox(p)) p.ip = byName.get(p.nodeName)?.internalIP ?? p.ip; // the node's own namespace: no CNI ADD
  }
  for (const p of pods) if (p.ip && !p.hostNetwork) claim(p, p.ip);
  // A scheduled pod gets its IP before its containers start (sandbox, then CNI ADD): Pending-with-a-node pods too.
  for (const p of pods) {
    if (p.ip || !hasSandbox(p)) continue;
    const pp = options.previousPods.get(keyOf(p));
    if (pp && pp.ip && pp.nodeName === p.nodeName && !pp.hostNetwork && !used.has(pp.ip)) claim(p, pp.ip);
  }
  const fail = (p: PodModel, reason: 'NetworkNotReady' | 'FailedCreatePodSandBox', message: string) => {
    p.startError = { reason, message };
    p.phase = 'Pending';
    p.ready = false;
  };
  for (const p of pods) {
    if (p.ip || !hasSandbox(p)) continue;
    const node = byName.get(p.nodeName);
    const notReady = node?.cni ? networkNotReadyMessage(node.cni) : null;
    if (notReady) {
      fail(p, 'NetworkNotReady', `network is not ready: ${notReady}`);
      continue;
    }
    const setup = setups.get(p.nodeName);
    if (!setup) continue;
    if ('error' in setup) {
      fail(p, 'FailedCreatePodSandBox', sandboxFailureMessage(p, setup.plugin, setup.error));
      continue;
    }
    const result = allocate(setup.ranges, stores.get(p.nodeName)!, sandboxId(p), POD_IFNAME);
    if (!result.ok) {
      fail(p, 'FailedCreatePodSandBox', sandboxFailureMessage(p, node?.cni ? (loadFirstPlugin(node.cni) ?? 'bridge') : 'bridge', `failed to allocate for range 0: ${result.error}`));
      continue;
    }
    stores.set(p.nodeName, result.store);
    used.set(result.ip, keyOf(p));
    p.ip = result.ip;
  }
  for (const n of nodes) {
    const setup = setups.get(n.name);
    if (!n.cni || !setup || !('network' in setup)) continue;
    const store = stores.get(n.name)!;
    if (!options.previousNodes.get(n.name)?.cni) {
      // A node's first model stands for its history: addresses were handed out in order, so the last reserved is the
      // highest one in use (or the scenario's lastReservedIP).
      const given = options.settings.nodes?.[n.name]?.lastReservedIP;
      const highest = Object.keys(store.reservations)
        .map((ip) => ipToInt(ip) ?? 0)
        .sort((a, b) => a - b)
        .at(-1);
      if (given) store.lastReserved['0'] = given;
      else if (highest !== undefined) store.lastReserved['0'] = intToIp(highest);
    }
    n.cni = { ...n.cni, ipam: { ...n.cni.ipam, [setup.network]: store } };
  }
}

function loadFirstPlugin(state: NodeCniState): string | undefined {
  const loaded = loadNetwork(state);
  return loaded.ok ? loaded.conf.plugins[0]?.type : undefined;
}
