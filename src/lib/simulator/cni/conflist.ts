/**
 * CNI network configuration lists (`/etc/cni/net.d/*.conflist`): the default chain a node gets, and parsing with
 * libcni's checks and error texts (containernetworking/cni `libcni/conf.go` NetworkConfFromBytes, `ConfFromBytes`),
 * plus the plugin-version check a plugin makes when it runs (`pkg/version` `All`).
 */

/** The CNI spec version the simulator models (containernetworking/cni tag spec-v1.1.0). */
export const CNI_SPEC_VERSION = '1.1.0';

/** Versions the reference plugins accept (containernetworking/cni `pkg/version/version.go`, `All`). */
export const PLUGIN_SUPPORTED_VERSIONS: readonly string[] = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

/** containerd's CRI defaults (`docs/cri/config.md`): where configs and binaries live. */
export const CNI_CONF_DIR = '/etc/cni/net.d';
/** containerd's default `bin_dirs` entry. */
export const CNI_BIN_DIR = '/opt/cni/bin';
/** host-local's default `dataDir` (`plugins/ipam/host-local/backend/disk/backend.go`, defaultDataDir). */
export const HOST_LOCAL_DATA_DIR = '/var/lib/cni/networks';

/** One range of a host-local range set, as written (addresses still text). */
export interface RangeConf {
  subnet: string;
  rangeStart?: string;
  rangeEnd?: string;
  gateway?: string;
}

/** The `ipam` section of a plugin. */
export interface IpamConf {
  type: string;
  /** host-local `ranges`: a list of range sets (the legacy top-level `subnet` becomes one set of one range). */
  ranges: RangeConf[][];
  dataDir?: string;
}

/** One plugin of the chain. */
export interface PluginConf {
  type: string;
  capabilities: Record<string, boolean>;
  ipam?: IpamConf;
  /** The plugin object as written. */
  raw: Record<string, unknown>;
}

/** A parsed network configuration list. */
export interface NetworkConfList {
  name: string;
  cniVersion: string;
  cniVersions: string[];
  /** The version the runtime speaks to the plugins (libcni's choice from cniVersion and cniVersions). */
  version: string;
  disableCheck: boolean;
  plugins: PluginConf[];
}

/** parseConfList's answer: the list, or libcni's error text. */
export type ConfListResult = { ok: true; conf: NetworkConfList } | { ok: false; error: string };

function parts(v: string): number[] {
  if (v === '') return [0, 1, 0];
  const p = v.split('.').map(Number);
  return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}

/** Orders two CNI versions as libcni's GreaterThan does (numeric major.minor.micro). */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** libcni `pkg/version` ParseVersion's error for a version string, or null when it parses ('' means 0.1.0). */
export function versionError(version: string): string | null {
  if (version === '') return null;
  const parts = version.split('.');
  if (parts.length >= 4) return `invalid version ${JSON.stringify(version)}: too many parts`;
  const names = ['major', 'minor', 'micro'];
  for (const [i, part] of parts.entries()) {
    // strconv.Atoi: optional sign, decimal digits
    if (!/^[+-]?\d+$/.test(part)) return `failed to convert ${names[i]} version part ${JSON.stringify(part)}: strconv.Atoi: parsing ${JSON.stringify(part)}: invalid syntax`;
  }
  return null;
}

/** The conflist the simulated nodes ship with: flannel's delegate (bridge, hairpin, default gateway) + host-local + portmap (lesson 3 brief §5). */
export function defaultConfList(podCIDR: string, options: { portmap?: boolean } = {}): string {
  const plugins: unknown[] = [
    { type: 'bridge', bridge: 'cni0', isGateway: true, isDefaultGateway: true, hairpinMode: true, ipam: { type: 'host-local', ranges: [[{ subnet: podCIDR }]] } },
  ];
  if (options.portmap !== false) plugins.push({ type: 'portmap', capabilities: { portMappings: true } });
  return `${JSON.stringify({ cniVersion: CNI_SPEC_VERSION, name: 'cbr0', plugins }, null, 2)}\n`;
}

const typeName = (v: unknown): string => (v === null ? '<nil>' : Array.isArray(v) ? '[]interface {}' : typeof v === 'number' ? 'float64' : typeof v === 'object' ? 'map[string]interface {}' : typeof v);

function parseIpam(raw: unknown): IpamConf | string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'ipam must be an object';
  const o = raw as Record<string, unknown>;
  if (typeof o.type !== 'string' || o.type === '') return "ipam has no 'type'";
  const ranges: RangeConf[][] = [];
  const toRange = (r: unknown): RangeConf | string => {
    if (typeof r !== 'object' || r === null) return 'a range must be an object';
    const x = r as Record<string, unknown>;
    if (typeof x.subnet !== 'string') return 'a range needs a subnet';
    const out: RangeConf = { subnet: x.subnet };
    for (const k of ['rangeStart', 'rangeEnd', 'gateway'] as const) if (typeof x[k] === 'string') out[k] = x[k] as string;
    return out;
  };
  if (Array.isArray(o.ranges)) {
    for (const set of o.ranges) {
      if (!Array.isArray(set)) return 'ranges must be a list of range sets (lists)';
      const parsed: RangeConf[] = [];
      for (const r of set) {
        const one = toRange(r);
        if (typeof one === 'string') return one;
        parsed.push(one);
      }
      ranges.push(parsed);
    }
  } else if (typeof o.subnet === 'string') {
    const one = toRange(o);
    if (typeof one === 'string') return one;
    ranges.push([one]); // host-local config.go: the old-style subnet becomes range set 0
  }
  const ipam: IpamConf = { type: o.type, ranges };
  if (typeof o.dataDir === 'string') ipam.dataDir = o.dataDir;
  return ipam;
}

/** Parses a `.conflist` as libcni's NetworkConfFromBytes does, with its error texts. */
export function parseConfList(text: string): ConfListResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `error parsing configuration list: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: `error parsing configuration list: json: cannot unmarshal ${typeName(raw)} into Go value of type map[string]interface {}` };
  const o = raw as Record<string, unknown>;
  if (!('name' in o)) return { ok: false, error: 'error parsing configuration list: no name' };
  if (typeof o.name !== 'string') return { ok: false, error: `error parsing configuration list: invalid name type ${typeName(o.name)}` };
  let cniVersion = '';
  if ('cniVersion' in o) {
    if (typeof o.cniVersion !== 'string') return { ok: false, error: `error parsing configuration list: invalid cniVersion type ${typeName(o.cniVersion)}` };
    cniVersion = o.cniVersion;
  }
  const cniVersions: string[] = [];
  if ('cniVersions' in o) {
    if (!Array.isArray(o.cniVersions)) return { ok: false, error: `error parsing configuration list: invalid type for cniVersions: ${typeName(o.cniVersions)}` };
    for (const [i, v] of o.cniVersions.entries()) {
      if (typeof v !== 'string') return { ok: false, error: `error parsing configuration list: invalid type for cniVersions index ${i}: ${typeName(v)}` };
      const bad = versionError(v);
      if (bad) return { ok: false, error: `error parsing configuration list: invalid cniVersions entry ${v} at index ${i}: ${bad}` };
      cniVersions.push(v);
    }
  }
  let version = cniVersion;
  if ('cniVersions' in o) {
    // libcni: cniVersion joins the list only when cniVersions is given; entries above the library's spec are skipped; the highest wins.
    const candidates = cniVersions.filter((v) => compareVersions(v, CNI_SPEC_VERSION) <= 0);
    if (cniVersion !== '') {
      const badVersion = versionError(cniVersion);
      if (badVersion) return { ok: false, error: `error parsing configuration list: invalid cniVersion ${cniVersion}: ${badVersion}` };
      if (compareVersions(cniVersion, CNI_SPEC_VERSION) <= 0) candidates.push(cniVersion);
    }
    candidates.sort(compareVersions);
    version = candidates.at(-1) ?? cniVersion;
  }
  let disableCheck = false;
  if ('disableCheck' in o) {
    if (typeof o.disableCheck === 'boolean') disableCheck = o.disableCheck;
    else if (o.disableCheck === 'true' || o.disableCheck === 'false') disableCheck = o.disableCheck === 'true';
    else return { ok: false, error: `error parsing configuration list: invalid ${typeof o.disableCheck === 'string' ? `value "${o.disableCheck}"` : `type ${typeName(o.disableCheck)}`} for disableCheck` };
  }
  if (!('plugins' in o)) return { ok: false, error: "error parsing configuration list: no 'plugins' key" };
  if (!Array.isArray(o.plugins)) return { ok: false, error: `error parsing configuration list: invalid 'plugins' type ${typeName(o.plugins)}` };
  if (o.plugins.length === 0) return { ok: false, error: 'error parsing configuration list: no plugins in list' };
  const plugins: PluginConf[] = [];
  for (const [i, p] of o.plugins.entries()) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return { ok: false, error: `failed to parse plugin config ${i}: error parsing configuration: json: cannot unmarshal ${typeName(p)} into Go value of type types.PluginConf` };
    const po = p as Record<string, unknown>;
    if (typeof po.type !== 'string' || po.type === '') return { ok: false, error: `failed to parse plugin config ${i}: error parsing configuration: missing 'type'` };
    const caps: Record<string, boolean> = {};
    if (typeof po.capabilities === 'object' && po.capabilities !== null) for (const [k, v] of Object.entries(po.capabilities)) if (v === true) caps[k] = true;
    const ipam = parseIpam(po.ipam);
    if (typeof ipam === 'string') return { ok: false, error: `failed to parse plugin config ${i}: ${ipam}` };
    plugins.push({ type: po.type, capabilities: caps, ...(ipam ? { ipam } : {}), raw: po });
  }
  return { ok: true, conf: { name: o.name, cniVersion, cniVersions, version, disableCheck, plugins } };
}

/**
 * Why the chain cannot run on a node with these binaries, or null: a missing binary fails libcni's FindInPath
 * (`pkg/invoke/find.go`: `failed to find plugin "x" in path [...]`), an unsupported version fails the plugin's
 * version check (`pkg/skel/skel.go` answers `incompatible CNI versions` with ErrorIncompatible details, printed `msg; details`).
 */
export function chainProblem(conf: NetworkConfList, binaries: readonly string[], binDir = CNI_BIN_DIR): { plugin: string; error: string } | null {
  const version = conf.version;
  if (version !== '' && !PLUGIN_SUPPORTED_VERSIONS.includes(version)) {
    return { plugin: conf.plugins[0]?.type ?? '', error: `incompatible CNI versions; config is "${version}", plugin supports [${PLUGIN_SUPPORTED_VERSIONS.map((v) => `"${v}"`).join(' ')}]` };
  }
  for (const p of conf.plugins) {
    // The plugin that fails is the one libcni ran: itself when its binary is missing, or it reporting its IPAM's.
    for (const type of [p.type, ...(p.ipam ? [p.ipam.type] : [])]) {
      if (!binaries.includes(type)) return { plugin: p.type, error: `failed to find plugin "${type}" in path [${binDir}]` };
    }
  }
  return null;
}
