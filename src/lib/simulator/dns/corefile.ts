/**
 * CoreDNS's configuration: the kube-system/coredns ConfigMap's `Corefile` as kubeadm writes it
 * (kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap, with UpstreamNameserver
 * `/etc/resolv.conf`), and the subset of its plugins the simulator reads:
 * - `kubernetes ZONE... { pods disabled|insecure|verified; ttl N; fallthrough [ZONE...]; endpoint_pod_names }`
 *   (coredns plugin/kubernetes/setup.go: ttl 0–3600, plugin default 5; pods default disabled);
 * - `forward . /etc/resolv.conf` (or an IP): names outside the kubernetes zones go to the upstream resolver;
 * - `cache N { disable success|denial ZONE... }` (the TTL cap of answers it caches; kubeadm disables caching for the
 *   cluster domain, so cluster answers keep the kubernetes plugin's ttl), `log` (one line per query, plugin/log), `errors`.
 * Other plugins of the default (health, ready, prometheus, loop, reload, loadbalance) are accepted and not modelled.
 */

/** The pod-record modes of the kubernetes plugin. */
export type PodsMode = 'disabled' | 'insecure' | 'verified';

/** What the simulator reads from a Corefile. */
export interface CoreDnsConfig {
  /** Zones of the kubernetes plugin, lower case, no trailing dot. */
  zones: string[];
  pods: PodsMode;
  ttl: number;
  /** Zones whose NXDOMAIN falls through to the next plugin (forward); [] = every zone; null = no fallthrough. */
  fallthrough: string[] | null;
  endpointPodNames: boolean;
  /** `forward . X`: where other names go, or null without a forward plugin. */
  forward: string | null;
  /** `cache N`: the TTL cap in seconds, or null without a cache plugin. */
  cache: number | null;
  /** `disable success|denial ZONE...` inside the cache block: zones whose answers (or NXDOMAIN/NODATA) are not cached. */
  cacheDisabled: { success: string[]; denial: string[] };
  log: boolean;
  errors: boolean;
}

/** The Corefile kubeadm installs for cluster domain cluster.local. */
export const DEFAULT_COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** A Corefile the simulator cannot use: the line and what CoreDNS would say. */
export interface CorefileError {
  line: number;
  message: string;
}

const KNOWN_PLUGINS = new Set(['errors', 'health', 'ready', 'kubernetes', 'prometheus', 'forward', 'cache', 'loop', 'reload', 'loadbalance', 'log']);
const POD_MODES: readonly PodsMode[] = ['disabled', 'insecure', 'verified'];

interface Directive {
  name: string;
  args: string[];
  line: number;
  block: Directive[];
}

/** Splits a Corefile into directives with nested blocks (caddyfile syntax: `name args {` … `}`; `#` comments). */
function directives(text: string): Directive[] | CorefileError {
  const root: Directive[] = [];
  const stack: Directive[][] = [root];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/#.*$/, '').trim();
    if (raw === '') continue;
    if (raw === '}') {
      if (stack.length === 1) return { line: i + 1, message: 'Unexpected \'}\' because no matching opening brace' };
      stack.pop();
      continue;
    }
    const opens = raw.endsWith('{');
    const words = (opens ? raw.slice(0, -1) : raw).trim().split(/\s+/).filter((w) => w !== '');
    const d: Directive = { name: words[0] ?? '', args: words.slice(1), line: i + 1, block: [] };
    stack[stack.length - 1]?.push(d);
    if (opens) stack.push(d.block);
  }
  if (stack.length > 1) return { line: lines.length, message: 'Unexpected EOF' };
  return root;
}

const zoneName = (z: string) => z.toLowerCase().replace(/\.$/, '');

/** Parses a Corefile; returns the config or the first error (CoreDNS refuses the whole file then). */
export function parseCorefile(text: string): CoreDnsConfig | CorefileError {
  const parsed = directives(text);
  if (!Array.isArray(parsed)) return parsed;
  const server = parsed.find((d) => d.name === '.:53' || d.name === '.' || d.name === ':53');
  if (!server) return { line: 1, message: 'the simulator reads the server block for the root zone (`.:53 {`) and found none' };
  const cfg: CoreDnsConfig = { zones: [], pods: 'disabled', ttl: 5, fallthrough: null, endpointPodNames: false, forward: null, cache: null, cacheDisabled: { success: [], denial: [] }, log: false, errors: false };
  for (const d of server.block) {
    if (!KNOWN_PLUGINS.has(d.name)) return { line: d.line, message: `Unknown directive '${d.name}'` };
    if (d.name === 'log') cfg.log = true;
    if (d.name === 'errors') cfg.errors = true;
    if (d.name === 'cache') {
      const n = d.args[0] === undefined ? 3600 : Number(d.args[0]);
      if (!Number.isInteger(n) || n < 0) return { line: d.line, message: `cache: invalid TTL "${d.args[0]}"` };
      cfg.cache = n;
      for (const option of d.block) {
        const kind = option.args[0];
        if (option.name !== 'disable' || (kind !== 'success' && kind !== 'denial')) {
          if (option.name === 'disable') return { line: option.line, message: `cache: disable: unknown type "${kind ?? ''}" (success or denial)` };
          continue; // other cache options (success, denial, prefetch, serve_stale…) are accepted and not modelled
        }
        // plugin/cache setup.go: without zones, `disable` applies to every zone of the server block (the root here).
        const zones = option.args.slice(1).map((z) => z.toLowerCase().replace(/\.$/, ''));
        cfg.cacheDisabled[kind].push(...(zones.length ? zones : ['']));
      }
    }
    if (d.name === 'forward') {
      if (d.args[0] !== '.' || d.args.length < 2) return { line: d.line, message: 'forward: the simulator models `forward . /etc/resolv.conf` or `forward . IP`' };
      cfg.forward = d.args[1] ?? null;
    }
    if (d.name === 'kubernetes') {
      cfg.zones = d.args.length ? d.args.map(zoneName) : ['.'];
      for (const o of d.block) {
        if (o.name === 'pods') {
          const m = o.args[0] as PodsMode;
          if (!POD_MODES.includes(m)) return { line: o.line, message: `kubernetes: wrong value for pods: ${o.args[0] ?? ''},  must be one of: disabled, verified, insecure` };
          cfg.pods = m;
        } else if (o.name === 'ttl') {
          const t = Number(o.args[0]);
          if (!Number.isInteger(t)) return { line: o.line, message: `kubernetes: ttl must be an integer: ${o.args[0] ?? ''}` };
          if (t < 0 || t > 3600) return { line: o.line, message: `kubernetes: ttl must be in range [0, 3600]: ${t}` };
          cfg.ttl = t;
        } else if (o.name === 'fallthrough') cfg.fallthrough = o.args.map(zoneName);
        else if (o.name === 'endpoint_pod_names') cfg.endpointPodNames = true;
      }
    }
  }
  return cfg;
}

/** The configuration of the default Corefile. */
export const DEFAULT_COREDNS_CONFIG: CoreDnsConfig = parseCorefile(DEFAULT_COREFILE) as CoreDnsConfig;

/** Whether a fallthrough list covers a name (an empty list covers every zone: plugin/pkg/fall). */
export function fallsThrough(cfg: CoreDnsConfig, name: string): boolean {
  if (cfg.fallthrough === null) return false;
  if (cfg.fallthrough.length === 0) return true;
  return cfg.fallthrough.some((z) => name === z || name.endsWith(`.${z}`));
}
