/**
 * One node's CNI state as containerd and the plugins see it: the files of `/etc/cni/net.d`, the binaries of
 * `/opt/cni/bin`, and host-local's store per network. `loadNetwork` is containerd's go-cni loadFromConfDir
 * (`.conf`, `.conflist`, `.json` files in byte order; the first one is the default network and, with
 * `max_conf_num = 1`, the only one; an invalid file leaves the plugin uninitialised) and `networkCondition` is
 * the CRI Status' NetworkReady condition (containerd `internal/cri/server/status.go`). Plain data throughout.
 */
import { cidrContains, ipToInt } from '../ipam.ts';
import { CNI_CONF_DIR, defaultConfList, parseConfList } from './conflist.ts';
import type { NetworkConfList } from './conflist.ts';
import { canonicalizeRange, emptyStore, freeCount } from './host-local.ts';
import type { CanonicalRange, HostLocalStore } from './host-local.ts';

/** The binaries a node ships in /opt/cni/bin (the reference plugins the lesson uses). */
export const DEFAULT_CNI_BINARIES: readonly string[] = ['bridge', 'host-local', 'loopback', 'portmap'];

/** Default conflist file name (lesson 3 brief §5). */
export const DEFAULT_CONF_FILE = '10-bridge.conflist';

/** A node's CNI files and IPAM state. */
export interface NodeCniState {
  /** File name → content, in /etc/cni/net.d. */
  confFiles: Record<string, string>;
  /** File names in /opt/cni/bin. */
  binaries: string[];
  /** host-local stores by network name (directories of /var/lib/cni/networks). */
  ipam: Record<string, HostLocalStore>;
}

/** Per-node overrides a scenario can give (everything else follows the node's podCIDR). */
export interface NodeCniSettings {
  /** Replaces /etc/cni/net.d (an empty mapping leaves the directory empty). */
  confFiles?: Record<string, string>;
  /** Replaces /opt/cni/bin. */
  binaries?: string[];
  /** last_reserved_ip.0 of the default network, as if earlier pods had been given addresses up to it. */
  lastReservedIP?: string;
}

/** Cluster-wide CNI settings (createCluster's `cni` option). */
export interface CniSettings {
  /** Leave portmap out of the default chain (hostPort then has no effect). */
  portmap?: boolean;
  /** Overrides by node name. */
  nodes?: Record<string, NodeCniSettings>;
}

/** The state a node starts with: the default conflist for its podCIDR and the reference binaries. */
export function defaultNodeCni(podCIDR: string, settings: CniSettings = {}, node?: NodeCniSettings): NodeCniState {
  return {
    confFiles: node?.confFiles ? { ...node.confFiles } : { [DEFAULT_CONF_FILE]: defaultConfList(podCIDR, settings.portmap === false ? { portmap: false } : {}) },
    binaries: [...(node?.binaries ?? DEFAULT_CNI_BINARIES)].sort(),
    ipam: {},
  };
}

/** loadNetwork's answer: the default network, or why containerd has none. */
export type LoadedNetwork =
  | { ok: true; file: string; conf: NetworkConfList; ranges: CanonicalRange[] | null; rangeError?: string }
  | { ok: false; error: string };

const CONF_EXTENSIONS = ['.conf', '.conflist', '.json'];

const loadedCache = new WeakMap<Record<string, string>, LoadedNetwork>();

/** The network containerd's CRI plugin would use on this node (the lexically first config file); memoised per confFiles object. */
export function loadNetwork(state: NodeCniState): LoadedNetwork {
  const cached = loadedCache.get(state.confFiles);
  if (cached) return cached;
  const loaded = loadFromFiles(state);
  loadedCache.set(state.confFiles, loaded);
  return loaded;
}

function loadFromFiles(state: NodeCniState): LoadedNetwork {
  const files = Object.keys(state.confFiles)
    .filter((f) => CONF_EXTENSIONS.some((e) => f.endsWith(e)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const first = files[0];
  if (first === undefined) return { ok: false, error: `no network config found in ${CNI_CONF_DIR}: cni plugin not initialized` };
  const path = `${CNI_CONF_DIR}/${first}`;
  const text = state.confFiles[first] ?? '';
  let parsed = parseConfList(text);
  if (!first.endsWith('.conflist') && !parsed.ok) {
    // A single-plugin .conf becomes a list of one (libcni ConfListFromConf).
    try {
      const one = JSON.parse(text) as Record<string, unknown>;
      if (typeof one === 'object' && one !== null && typeof one.type === 'string') {
        parsed = parseConfList(JSON.stringify({ name: one.name, cniVersion: one.cniVersion, plugins: [one] }));
      } else return { ok: false, error: `network type not found in ${path}: invalid cni config` };
    } catch {
      /* fall through with the list error */
    }
  }
  if (!parsed.ok) return { ok: false, error: `failed to load CNI config list file ${path}: ${parsed.error}: invalid cni config` };
  const ipam = parsed.conf.plugins.find((p) => p.ipam)?.ipam;
  if (!ipam || ipam.type !== 'host-local') return { ok: true, file: first, conf: parsed.conf, ranges: null };
  const set = ipam.ranges[0] ?? [];
  const ranges: CanonicalRange[] = [];
  for (const r of set) {
    const c = canonicalizeRange(r);
    if (typeof c === 'string') return { ok: true, file: first, conf: parsed.conf, ranges: null, rangeError: `invalid range set 0: ${c}` };
    ranges.push(c);
  }
  if (ranges.length === 0) return { ok: true, file: first, conf: parsed.conf, ranges: null, rangeError: 'no IP ranges specified' };
  return { ok: true, file: first, conf: parsed.conf, ranges };
}

/** The CRI NetworkReady condition: ready, or containerd's reason and message. */
export function networkCondition(state: NodeCniState): { ready: true } | { ready: false; reason: 'NetworkPluginNotReady'; message: string } {
  const loaded = loadNetwork(state);
  if (loaded.ok) return { ready: true };
  // go-cni Status() answers ErrCNINotInitialized whenever no network was loaded, whatever the load error was.
  return { ready: false, reason: 'NetworkPluginNotReady', message: 'Network plugin returns error: cni plugin not initialized' };
}

/**
 * The kubelet's node Ready condition message when the runtime's network is not ready
 * (pkg/kubelet/kubelet.go updateRuntimeUp: `container runtime network not ready: %v` of the RuntimeCondition,
 * whose String() is `%s=%t reason:%s message:%s`).
 */
export function networkNotReadyMessage(state: NodeCniState): string | null {
  const c = networkCondition(state);
  if (c.ready) return null;
  return `container runtime network not ready: NetworkReady=false reason:${c.reason} message:${c.message}`;
}

/** The host-local store of the node's default network (empty when none yet). */
export function defaultStore(state: NodeCniState): HostLocalStore {
  const loaded = loadNetwork(state);
  return loaded.ok ? (state.ipam[loaded.conf.name] ?? emptyStore()) : emptyStore();
}

/** Free addresses in the node's default range set, or null without a host-local range. */
export function freeAddresses(state: NodeCniState): number | null {
  const loaded = loadNetwork(state);
  if (!loaded.ok || !loaded.ranges) return null;
  return freeCount(loaded.ranges, defaultStore(state));
}

/** True when an address is inside the node's host-local ranges. */
export function inRanges(ranges: readonly CanonicalRange[], ip: string): boolean {
  const n = ipToInt(ip);
  return n !== null && ranges.some((r) => cidrContains(r.subnet, n) && n >= r.rangeStart && n <= r.rangeEnd);
}
