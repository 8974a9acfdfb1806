/**
 * The rules kube-proxy's iptables proxier programs on one node, and `iptables-save` of them.
 *
 * Rules follow kubernetes/kubernetes pkg/proxy/iptables/proxier.go (syncProxyRules, writeServiceToEndpointRules,
 * iptablesJumpChains) and the expected output of proxier_test.go TestOverallIPTablesRules: KUBE-SERVICES matches
 * "<ns/svc:port> cluster IP" and jumps to KUBE-SVC-<hash> (or KUBE-SVL- for internalTrafficPolicy Local), which
 * marks off-cluster sources for masquerade and picks an endpoint with `-m statistic --mode random --probability
 * 1/n, 1/(n-1), …`; KUBE-SEP-<hash> DNATs to the endpoint (and marks hairpin traffic); nodePorts go through
 * KUBE-NODEPORTS to KUBE-EXT-<hash>; a port without endpoints is REJECTed in the filter table ("has no endpoints"),
 * and external traffic to a Local-policy Service without local endpoints is DROPped ("has no local endpoints").
 * The local-traffic detector is `--detect-local-mode=ClusterCIDR` with the cluster's pod CIDR (kubeadm's default).
 *
 * Printed as iptables-save v1.8.9 (nf_tables backend, the Debian 12 iptables of a kind node image) prints it:
 * addresses with their prefix length, `-s`/`-d`/`-p` before the matches, user chains sorted by name
 * (iptables nft-cache "Sort custom chains by name"), `--or-mark` as `--set-xmark M/M`, `--xor-mark` as
 * `--set-xmark M/0x0`, REJECT with its default `--reject-with icmp-port-unreachable`, and probabilities as
 * libxt_statistic stores them (round(p·2³¹)) and prints them (`%.11f`): 0.3333333333 → 0.33333333349.
 * Only kube-proxy's chains are shown: the kubelet's (KUBE-KUBELET-CANARY, KUBE-IPTABLES-HINT) and the network
 * plugin's (flannel's FLANNEL-POSTRTG, FLANNEL-FWD) are not modelled. Stateless.
 */
import type { ClusterState } from '../state.ts';
import { FIXED_TIMESTAMP } from '../kubectl-format.ts';
import { iptablesEndpointChain, iptablesServiceChain, proxyProbability, savedProbability } from './naming.ts';
import { cidrContains } from '../ipam.ts';
import { categorizeEndpoints, externallyAccessible, externalPolicyLocal, internalPolicyLocal, loadBalancerVIPs, proxyServicePorts } from './service-ports.ts';
import type { ProxyEndpoint, ProxyServicePort } from './service-ports.ts';

/** kube-proxy's masquerade mark (--iptables-masquerade-bit 14). */
export const MASQ_MARK = '0x4000';

/** One rule, in the parts iptables-save orders by itself. */
export interface IptRule {
  chain: string;
  /** Source address or CIDR; `!` first when negated. */
  src?: string;
  dst?: string;
  proto?: string;
  /** Matches in the order kube-proxy writes them, in iptables-save's spelling (`-m comment --comment "…"`). */
  matches: string[];
  /** Target and its options, e.g. `KUBE-SVC-…` or `DNAT --to-destination 10.244.1.7:8080`. */
  target?: string;
}

/** The chains and rules of one table. */
export interface IptTable {
  name: 'filter' | 'nat' | 'mangle';
  builtins: string[];
  chains: Set<string>;
  rules: IptRule[];
}

/** What kube-proxy programs on a node: its tables plus, per Service port, the chains that handle it. */
export interface IptablesRuleset {
  node: string;
  filter: IptTable;
  nat: IptTable;
  mangle: IptTable;
}

/** `-m comment --comment X` as iptables-save prints it (xtables_save_string quotes anything but [A-Za-z0-9_-]). */
export function comment(text: string): string {
  return `-m comment --comment ${/^[A-Za-z0-9_-]+$/.test(text) ? text : `"${text.replace(/(["\\'])/g, '\\$1')}"`}`;
}

const host = (ip: string): string => (ip.includes('/') ? ip : `${ip}/32`);

function table(name: IptTable['name'], builtins: string[]): IptTable {
  return { name, builtins, chains: new Set(), rules: [] };
}

function add(t: IptTable, rule: IptRule): void {
  t.rules.push(rule);
}

function portMatch(proto: string, dport?: number): string {
  return dport === undefined ? `-m ${proto}` : `-m ${proto} --dport ${dport}`;
}

/** The rules kube-proxy's iptables proxier writes on a node (see the module comment). */
export function iptablesRuleset(state: ClusterState, node: string): IptablesRuleset {
  const filter = table('filter', ['INPUT', 'FORWARD', 'OUTPUT']);
  const nat = table('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  const mangle = table('mangle', ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);
  const clusterCIDR = state.model.clusterCIDR;
  for (const c of ['KUBE-PROXY-CANARY']) {
    mangle.chains.add(c);
    nat.chains.add(c);
    filter.chains.add(c);
  }
  for (const c of ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']) filter.chains.add(c);
  for (const c of ['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES']) nat.chains.add(c);
  // iptablesJumpChains, each inserted at the top (-I), so the last listed for a chain comes first.
  const jumps: Array<[IptTable, string, string, string, string[]]> = [
    [filter, 'KUBE-EXTERNAL-SERVICES', 'INPUT', 'kubernetes externally-visible service portals', ['-m conntrack --ctstate NEW']],
    [filter, 'KUBE-EXTERNAL-SERVICES', 'FORWARD', 'kubernetes externally-visible service portals', ['-m conntrack --ctstate NEW']],
    [filter, 'KUBE-NODEPORTS', 'INPUT', 'kubernetes health check service ports', []],
    [filter, 'KUBE-SERVICES', 'FORWARD', 'kubernetes service portals', ['-m conntrack --ctstate NEW']],
    [filter, 'KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals', ['-m conntrack --ctstate NEW']],
    [filter, 'KUBE-FORWARD', 'FORWARD', 'kubernetes forwarding rules', []],
    [filter, 'KUBE-PROXY-FIREWALL', 'INPUT', 'kubernetes load balancer firewall', ['-m conntrack --ctstate NEW']],
    [filter, 'KUBE-PROXY-FIREWALL', 'OUTPUT', 'kubernetes load balancer firewall', ['-m conntrack --ctstate NEW']],
    [filter, 'KUBE-PROXY-FIREWALL', 'FORWARD', 'kubernetes load balancer firewall', ['-m conntrack --ctstate NEW']],
    [nat, 'KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals', []],
    [nat, 'KUBE-SERVICES', 'PREROUTING', 'kubernetes service portals', []],
    [nat, 'KUBE-POSTROUTING', 'POSTROUTING', 'kubernetes postrouting rules', []],
  ];
  const inserted: IptRule[] = [];
  for (const [t, dst, chain, text, extra] of jumps) inserted.unshift({ chain, matches: [...extra, comment(text)], target: dst, ...(t === nat ? { src: 'nat' } : {}) });
  for (const r of inserted) {
    const t = r.src === 'nat' ? nat : filter;
    delete r.src;
    add(t, r);
  }
  // The kubelet-compatible firewall rules kube-proxy keeps (iptablesKubeletJumpChains; KUBE-FIREWALL's localnet rule).
  add(filter, { chain: 'INPUT', matches: [], target: 'KUBE-FIREWALL' });
  add(filter, { chain: 'OUTPUT', matches: [], target: 'KUBE-FIREWALL' });
  add(filter, { chain: 'KUBE-FIREWALL', src: '! 127.0.0.0/8', dst: '127.0.0.0/8', matches: [comment('block incoming localnet connections'), '-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT'], target: 'DROP' });
  add(filter, { chain: 'KUBE-FORWARD', matches: ['-m conntrack --ctstate INVALID'], target: 'DROP' });
  add(filter, { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding rules'), `-m mark --mark ${MASQ_MARK}/${MASQ_MARK}`], target: 'ACCEPT' });
  add(filter, { chain: 'KUBE-FORWARD', matches: [comment('kubernetes forwarding conntrack rule'), '-m conntrack --ctstate RELATED,ESTABLISHED'], target: 'ACCEPT' });
  add(nat, { chain: 'KUBE-POSTROUTING', matches: [`-m mark ! --mark ${MASQ_MARK}/${MASQ_MARK}`], target: 'RETURN' });
  add(nat, { chain: 'KUBE-POSTROUTING', matches: [], target: `MARK --set-xmark ${MASQ_MARK}/0x0` });
  add(nat, { chain: 'KUBE-POSTROUTING', matches: [comment('kubernetes service traffic requiring SNAT')], target: 'MASQUERADE --random-fully' });
  add(nat, { chain: 'KUBE-MARK-MASQ', matches: [], target: `MARK --set-xmark ${MASQ_MARK}/${MASQ_MARK}` });

  const svcRules: IptRule[] = [];
  const nodePortRules: IptRule[] = [];
  const perChain: IptRule[] = [];
  const nodeIP = state.model.nodes.find((n) => n.name === node)?.internalIP ?? '';
  for (const sp of proxyServicePorts(state)) writeServicePort(sp, node, nodeIP, clusterCIDR, filter, nat, svcRules, nodePortRules, perChain);
  for (const r of nodePortRules) add(nat, r);
  for (const r of svcRules) add(nat, r);
  add(nat, { chain: 'KUBE-SERVICES', matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m addrtype --dst-type LOCAL'], target: 'KUBE-NODEPORTS' });
  for (const r of perChain) add(nat, r);
  return { node, filter, nat, mangle };
}

function writeServicePort(sp: ProxyServicePort, node: string, nodeIP: string, clusterCIDR: string, filter: IptTable, nat: IptTable, svcRules: IptRule[], nodePortRules: IptRule[], perChain: IptRule[]): void {
  const { name, protocol, svc, port } = sp;
  const cat = categorizeEndpoints(sp, node);
  const clusterChain = iptablesServiceChain('KUBE-SVC-', name, protocol);
  const localChain = iptablesServiceChain('KUBE-SVL-', name, protocol);
  const extChain = iptablesServiceChain('KUBE-EXT-', name, protocol);
  const usesClusterChain = cat.cluster.length > 0 && (!internalPolicyLocal(sp) || (externallyAccessible(sp) && !externalPolicyLocal(sp)));
  const usesLocalChain = cat.local.length > 0 && (internalPolicyLocal(sp) || externalPolicyLocal(sp));
  const hasEndpoints = cat.hasAny;
  const internalChain = internalPolicyLocal(sp) ? localChain : clusterChain;
  const hasInternal = hasEndpoints && (!internalPolicyLocal(sp) || cat.local.length > 0);
  const externalPolicyChain = externalPolicyLocal(sp) ? localChain : clusterChain;
  const hasExternal = hasEndpoints && (!externalPolicyLocal(sp) || cat.local.length > 0);
  const usesExt = hasEndpoints && externallyAccessible(sp);
  const m = portMatch(protocol, port.port);
  const noEndpoints = !hasEndpoints;
  const internalFilter = noEndpoints ? { target: 'REJECT --reject-with icmp-port-unreachable', text: `${name} has no endpoints` } : { target: 'DROP', text: `${name} has no local endpoints` };
  const externalFilter = internalFilter;
  // Capture the clusterIP.
  if (hasInternal) svcRules.push({ chain: 'KUBE-SERVICES', dst: host(svc.clusterIP), proto: protocol, matches: [comment(`${name} cluster IP`), m], target: internalChain });
  else add(filter, { chain: 'KUBE-SERVICES', dst: host(svc.clusterIP), proto: protocol, matches: [comment(internalFilter.text), m], target: internalFilter.target });
  // Capture externalIPs.
  for (const ip of svc.externalIPs ?? []) {
    if (hasEndpoints) svcRules.push({ chain: 'KUBE-SERVICES', dst: host(ip), proto: protocol, matches: [comment(`${name} external IP`), m], target: extChain });
    if (!hasExternal) add(filter, { chain: 'KUBE-EXTERNAL-SERVICES', dst: host(ip), proto: protocol, matches: [comment(externalFilter.text), m], target: externalFilter.target });
  }
  // Capture load-balancer ingress (not the ipMode Proxy ones); loadBalancerSourceRanges put a KUBE-FW- chain first.
  const vips = loadBalancerVIPs(svc);
  const ranges = svc.loadBalancerSourceRanges ?? [];
  const fwChain = iptablesServiceChain('KUBE-FW-', name, protocol);
  const usesFW = hasEndpoints && vips.length > 0 && ranges.length > 0;
  for (const ip of vips) {
    if (hasEndpoints) svcRules.push({ chain: 'KUBE-SERVICES', dst: host(ip), proto: protocol, matches: [comment(`${name} loadbalancer IP`), m], target: usesFW ? fwChain : extChain });
    if (usesFW) add(filter, { chain: 'KUBE-PROXY-FIREWALL', dst: host(ip), proto: protocol, matches: [comment(`${name} traffic not accepted by ${fwChain}`), m], target: 'DROP' });
  }
  if (!hasExternal) for (const ip of vips) add(filter, { chain: 'KUBE-EXTERNAL-SERVICES', dst: host(ip), proto: protocol, matches: [comment(externalFilter.text), m], target: externalFilter.target });
  // Capture nodeports.
  if (port.nodePort !== undefined) {
    if (hasEndpoints) nodePortRules.push({ chain: 'KUBE-NODEPORTS', proto: protocol, matches: [comment(name), portMatch(protocol, port.nodePort)], target: extChain });
    if (!hasExternal) add(filter, { chain: 'KUBE-EXTERNAL-SERVICES', proto: protocol, matches: [comment(externalFilter.text), '-m addrtype --dst-type LOCAL', portMatch(protocol, port.nodePort)], target: externalFilter.target });
  }
  // Internal traffic: masquerade off-cluster sources (LocalTrafficDetector, ClusterCIDR mode).
  if (hasInternal) {
    nat.chains.add(internalChain);
    perChain.push({ chain: internalChain, src: `! ${clusterCIDR}`, dst: host(svc.clusterIP), proto: protocol, matches: [comment(`${name} cluster IP`), m], target: 'KUBE-MARK-MASQ' });
  }
  if (usesExt) {
    nat.chains.add(extChain);
    if (!externalPolicyLocal(sp)) {
      perChain.push({ chain: extChain, matches: [comment(`masquerade traffic for ${name} external destinations`)], target: 'KUBE-MARK-MASQ' });
    } else {
      perChain.push({ chain: extChain, src: clusterCIDR, matches: [comment(`pod traffic for ${name} external destinations`)], target: clusterChain });
      perChain.push({ chain: extChain, matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), '-m addrtype --src-type LOCAL'], target: 'KUBE-MARK-MASQ' });
      perChain.push({ chain: extChain, matches: [comment(`route LOCAL traffic for ${name} external destinations`), '-m addrtype --src-type LOCAL'], target: clusterChain });
    }
    if (hasExternal) perChain.push({ chain: extChain, matches: [], target: externalPolicyChain });
  }
  if (usesFW) {
    // The firewall chain: each source range jumps on to KUBE-EXT-; a range holding the node's own IP also admits the
    // VIP as source (the node's requests loop back with it); the rest falls through to KUBE-PROXY-FIREWALL's DROP.
    nat.chains.add(fwChain);
    for (const cidr of ranges) perChain.push({ chain: fwChain, src: cidr, matches: [comment(`${name} loadbalancer IP`)], target: extChain });
    if (ranges.some((c) => nodeIP !== '' && cidrContains(c, nodeIP))) for (const ip of vips) perChain.push({ chain: fwChain, src: host(ip), matches: [comment(`${name} loadbalancer IP`)], target: extChain });
    perChain.push({ chain: fwChain, matches: [comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)] });
  }
  if (usesClusterChain) {
    nat.chains.add(clusterChain);
    writeEndpointJumps(sp, clusterChain, cat.cluster, perChain);
  }
  if (usesLocalChain) {
    nat.chains.add(localChain);
    writeEndpointJumps(sp, localChain, cat.local, perChain);
  }
  for (const ep of cat.reachable) {
    const chain = iptablesEndpointChain(name, protocol, ep.key);
    nat.chains.add(chain);
    perChain.push({ chain, src: host(ep.ip), matches: [comment(name)], target: 'KUBE-MARK-MASQ' });
    const affinity = svc.sessionAffinity ? [`-m recent --set --name ${chain} --mask 255.255.255.255 --rsource`] : [];
    perChain.push({ chain, proto: protocol, matches: [comment(name), ...affinity, portMatch(protocol)], target: `DNAT --to-destination ${ep.key}` });
  }
}

/** writeServiceToEndpointRules: affinity checks, then the probability ladder (the last rule matches unconditionally). */
function writeEndpointJumps(sp: ProxyServicePort, chain: string, endpoints: ProxyEndpoint[], out: IptRule[]): void {
  const affinity = sp.svc.sessionAffinity;
  if (affinity) {
    for (const ep of endpoints) {
      const sep = iptablesEndpointChain(sp.name, sp.protocol, ep.key);
      out.push({ chain, matches: [comment(`${sp.name} -> ${ep.key}`), `-m recent --rcheck --seconds ${affinity.timeoutSeconds} --reap --name ${sep} --mask 255.255.255.255 --rsource`], target: sep });
    }
  }
  endpoints.forEach((ep, i) => {
    const sep = iptablesEndpointChain(sp.name, sp.protocol, ep.key);
    const n = endpoints.length;
    const stat = i < n - 1 ? [`-m statistic --mode random --probability ${savedProbability(proxyProbability(n - i))}`] : [];
    out.push({ chain, matches: [comment(`${sp.name} -> ${ep.key}`), ...stat], target: sep });
  });
}

/** One rule as iptables-save prints it. */
export function saveRule(r: IptRule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src !== undefined) parts.push(r.src.startsWith('! ') ? `! -s ${r.src.slice(2)}` : `-s ${r.src}`);
  if (r.dst !== undefined) parts.push(`-d ${r.dst}`);
  if (r.proto !== undefined) parts.push(`-p ${r.proto}`);
  parts.push(...r.matches);
  if (r.target !== undefined) parts.push(`-j ${r.target}`);
  return parts.join(' ');
}

/** The ctime(3) form of the simulator's clock (FIXED_TIMESTAMP + 5 min), as iptables-save's header prints it. */
const SAVE_TIME = (() => {
  const d = new Date(Date.parse(FIXED_TIMESTAMP) + 5 * 60_000);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
})();

/** The version line iptables-save prints (Debian 12's iptables 1.8.9, nf_tables backend). */
export const IPTABLES_VERSION = 'v1.8.9 (nf_tables)';

/** One table as iptables-save prints it (`*table`, built-in then user chains, rules chain by chain, COMMIT). */
export function saveTable(t: IptTable): string {
  const lines = [`# Generated by iptables-save ${IPTABLES_VERSION} on ${SAVE_TIME}`, `*${t.name}`];
  for (const b of t.builtins) lines.push(`:${b} ACCEPT [0:0]`);
  const user = [...t.chains].sort();
  for (const c of user) lines.push(`:${c} - [0:0]`);
  for (const c of [...t.builtins, ...user]) for (const r of t.rules) if (r.chain === c) lines.push(saveRule(r));
  lines.push('COMMIT', `# Completed on ${SAVE_TIME}`);
  return lines.join('\n') + '\n';
}

/** `iptables-save [-t TABLE]` on a node in iptables mode (tables in iptables-nft's order: mangle, filter, nat). */
export function iptablesSave(rs: IptablesRuleset, only?: string): string {
  const tables = [rs.mangle, rs.filter, rs.nat];
  return tables.filter((t) => only === undefined || t.name === only).map(saveTable).join('');
}
