/**
 * The table kube-proxy's nftables proxier (GA in v1.33) programs on one node, and `nft list table ip kube-proxy` /
 * `nft list chain ip kube-proxy CHAIN` / `nft list map|set ip kube-proxy NAME` of it.
 *
 * Contents follow kubernetes/kubernetes pkg/proxy/nftables/proxier.go (setupNFTables, syncProxyRules,
 * writeServiceToEndpointRules) and the expected transaction of proxier_test.go (baseRules, TestOverallNFTablesRules):
 * the `services` chain looks up `ip daddr . meta l4proto . th dport` in the verdict map `service-ips` (ClusterIP,
 * external and load-balancer IPs) and NodePorts in `service-nodeports`; per Service port a chain
 * `service-<hash>-ns/svc/proto/port` picks an endpoint with `numgen random mod N vmap { … }`; each endpoint chain
 * `endpoint-<hash>-…__IP/port` DNATs; a port without endpoints is in `no-endpoint-services` (goto reject-chain), and
 * traffic to an active ClusterIP on any other port hits `cluster-ips-check`'s "Reject traffic to invalid ports of
 * ClusterIPs". NodePorts listen on the node's primary IP (`--nodeport-addresses primary`, nftables mode's default).
 *
 * Printed as nft (nftables 1.0.6 of Debian 12) lists it: base chains with `type … hook … priority …; policy
 * accept;` (standard priority names where nft uses them: dstnat only on prerouting, srcnat only on postrouting),
 * marks as 0x%08x, map elements one per line and IPv4 set elements two per line (src/expression.c calculate_delim),
 * anonymous sets on one line. Set elements are listed sorted; a real kernel lists a hash set in its own order.
 * Load-balancer IPs with ipMode Proxy get no element (LoadBalancerVIPs). A Service with load-balancer IPs and
 * loadBalancerSourceRanges gets, per port, an element `<LB IP> . proto . port : goto firewall-<hash>-…` of
 * firewall-ips for each IP and a chain `firewall-<hash>-…` with `ip saddr != { ranges } drop` (plus the LB IPs when
 * a range holds the node's IP), whether or not it has endpoints; the drop itself is modelled in load-balancer-ip.ts.
 * Health-check node ports and topology hints are not rendered. Stateless.
 */
import { cidrContains, ipToInt, normalizeCidr } from '../ipam.ts';
import type { ClusterState } from '../state.ts';
import { nftServiceChains } from './naming.ts';
import { categorizeEndpoints, externallyAccessible, externalPolicyLocal, internalPolicyLocal, loadBalancerVIPs, proxyServicePorts } from './service-ports.ts';
import type { ProxyEndpoint } from './service-ports.ts';

/** A set or verdict map of the table. */
interface NftSet {
  name: string;
  kind: 'set' | 'map';
  type: string;
  comment?: string;
  flags?: string;
  timeout?: string;
  /** Element texts (`10.96.0.1 . tcp . 443 : goto …`). */
  elements: string[];
  /** True when the key is a concatenation (one element per line). */
  concat: boolean;
}

/** A chain: base chains carry their hook line. */
interface NftChainDef {
  name: string;
  hook?: string;
  comment?: string;
  rules: string[];
}

/** kube-proxy's nftables table on one node. */
export interface NftRuleset {
  node: string;
  sets: NftSet[];
  chains: NftChainDef[];
}

const MASQ = '0x00004000';

/** Time as nft prints a set timeout (time_print: 10800s → 3h). */
function nftTime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || seconds === 0 ? `${s}s` : ''}`;
}

/** The table kube-proxy programs on a node in nftables mode (see the module comment). */
export function nftRuleset(state: ClusterState, node: string): NftRuleset {
  const nodeIP = state.nodes.get(node)?.internalIP;
  const clusterCIDR = state.model.clusterCIDR;
  const set = (name: string, kind: 'set' | 'map', type: string, comment: string, concat: boolean): NftSet => ({ name, kind, type, comment, elements: [], concat });
  const clusterIPs = set('cluster-ips', 'set', 'ipv4_addr', 'Active ClusterIPs', false);
  const nodeportIPs = set('nodeport-ips', 'set', 'ipv4_addr', 'IPs that accept NodePort traffic', false);
  const firewallIPs = set('firewall-ips', 'map', 'ipv4_addr . inet_proto . inet_service : verdict', 'destinations that are subject to LoadBalancerSourceRanges', true);
  const noEpNodeports = set('no-endpoint-nodeports', 'map', 'inet_proto . inet_service : verdict', 'vmap to drop or reject packets to service nodeports with no endpoints', true);
  const noEpServices = set('no-endpoint-services', 'map', 'ipv4_addr . inet_proto . inet_service : verdict', 'vmap to drop or reject packets to services with no endpoints', true);
  const serviceIPs = set('service-ips', 'map', 'ipv4_addr . inet_proto . inet_service : verdict', 'ClusterIP, ExternalIP and LoadBalancer IP traffic', true);
  const serviceNodeports = set('service-nodeports', 'map', 'inet_proto . inet_service : verdict', 'NodePort traffic', true);
  if (nodeIP) nodeportIPs.elements.push(nodeIP);
  const affinitySets: NftSet[] = [];
  const base: NftChainDef[] = [
    { name: 'cluster-ips-check', rules: ['ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"', `ip daddr { ${state.model.serviceCIDR} } drop comment "Drop traffic to unallocated ClusterIPs"`] },
    { name: 'filter-prerouting-pre-dnat', hook: 'type filter hook prerouting priority dstnat - 10; policy accept;', rules: ['ct state new jump firewall-check'] },
    { name: 'filter-output-pre-dnat', hook: 'type filter hook output priority -110; policy accept;', rules: ['ct state new jump firewall-check'] },
    { name: 'filter-forward', hook: 'type filter hook forward priority filter; policy accept;', rules: ['ct state new jump service-endpoints-check', 'ct state new jump cluster-ips-check'] },
    { name: 'filter-input', hook: 'type filter hook input priority filter; policy accept;', rules: ['ct state new jump nodeport-endpoints-check', 'ct state new jump service-endpoints-check'] },
    { name: 'filter-output', hook: 'type filter hook output priority filter; policy accept;', rules: ['ct state new jump service-endpoints-check', 'ct state new jump cluster-ips-check'] },
    { name: 'firewall-check', rules: ['ip daddr . meta l4proto . th dport vmap @firewall-ips'] },
    { name: 'mark-for-masquerade', rules: [`meta mark set meta mark | ${MASQ}`] },
    { name: 'masquerading', rules: [`meta mark & ${MASQ} == 0x00000000 return`, `meta mark set meta mark ^ ${MASQ}`, 'masquerade fully-random'] },
    { name: 'nat-output', hook: 'type nat hook output priority -100; policy accept;', rules: ['jump services'] },
    { name: 'nat-postrouting', hook: 'type nat hook postrouting priority srcnat; policy accept;', rules: ['jump masquerading'] },
    { name: 'nat-prerouting', hook: 'type nat hook prerouting priority dstnat; policy accept;', rules: ['jump services'] },
    { name: 'nodeport-endpoints-check', rules: ['ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports'] },
    { name: 'reject-chain', comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports', rules: ['reject'] },
    { name: 'services', rules: ['ip daddr . meta l4proto . th dport vmap @service-ips', 'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports'] },
    { name: 'service-endpoints-check', rules: ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services'] },
  ];
  const perService: NftChainDef[] = [];
  for (const sp of proxyServicePorts(state)) {
    const names = nftServiceChains(sp);
    const { svc, port, protocol, name } = sp;
    const cat = categorizeEndpoints(sp, node);
    const hasEndpoints = cat.hasAny;
    const internalChain = internalPolicyLocal(sp) ? names.local : names.service;
    const hasInternal = hasEndpoints && (!internalPolicyLocal(sp) || cat.local.length > 0);
    const hasExternal = hasEndpoints && (!externalPolicyLocal(sp) || cat.local.length > 0);
    const usesCluster = cat.cluster.length > 0 && (!internalPolicyLocal(sp) || (externallyAccessible(sp) && !externalPolicyLocal(sp)));
    const usesLocal = cat.local.length > 0 && (internalPolicyLocal(sp) || externalPolicyLocal(sp));
    const usesExt = hasEndpoints && externallyAccessible(sp);
    if (!clusterIPs.elements.includes(svc.clusterIP)) clusterIPs.elements.push(svc.clusterIP);
    const noEpVerdict = hasEndpoints ? 'drop' : 'goto reject-chain';
    if (hasInternal) serviceIPs.elements.push(`${svc.clusterIP} . ${protocol} . ${port.port} : goto ${internalChain}`);
    else noEpServices.elements.push(`${svc.clusterIP} . ${protocol} . ${port.port} comment "${name}" : ${noEpVerdict}`);
    for (const ip of [...(svc.externalIPs ?? []), ...loadBalancerVIPs(svc)]) {
      if (hasEndpoints) serviceIPs.elements.push(`${ip} . ${protocol} . ${port.port} : goto ${names.external}`);
      if (!hasExternal) noEpServices.elements.push(`${ip} . ${protocol} . ${port.port} comment "${name}" : ${noEpVerdict}`);
    }
    if (port.nodePort !== undefined) {
      if (hasEndpoints) serviceNodeports.elements.push(`${protocol} . ${port.nodePort} : goto ${names.external}`);
      if (!hasExternal) noEpNodeports.elements.push(`${protocol} . ${port.nodePort} comment "${name}" : ${noEpVerdict}`);
    }
    const lb = (chain: string, eps: ProxyEndpoint[]): NftChainDef => {
      const rules: string[] = [];
      if (chain === internalChain && hasInternal) rules.push(`ip daddr ${svc.clusterIP} ip saddr != ${clusterCIDR} jump mark-for-masquerade`);
      if (svc.sessionAffinity) for (const ep of eps) rules.push(`ip saddr @${names.affinity(ep)} goto ${names.endpoint(ep)}`);
      rules.push(`numgen random mod ${eps.length} vmap { ${eps.map((ep, i) => `${i} : goto ${names.endpoint(ep)}`).join(', ')} }`);
      return { name: chain, rules };
    };
    if (usesCluster) perService.push(lb(names.service, cat.cluster));
    if (usesExt) {
      const rules: string[] = [];
      if (!externalPolicyLocal(sp)) rules.push('jump mark-for-masquerade');
      else {
        rules.push(`ip saddr ${clusterCIDR} goto ${names.service} comment "short-circuit pod traffic"`);
        rules.push('fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"');
        rules.push(`fib saddr type local goto ${names.service} comment "short-circuit local traffic"`);
      }
      if (hasExternal) rules.push(`goto ${externalPolicyLocal(sp) ? names.local : names.service}`);
      perService.push({ name: names.external, rules });
    }
    // LoadBalancerSourceRanges: firewall-ips sends the LB IPs' new connections to the firewall chain (checked in
    // filter prerouting/output before DNAT), which drops sources outside the ranges.
    const ranges = svc.loadBalancerSourceRanges ?? [];
    const vips = loadBalancerVIPs(svc);
    if (vips.length > 0 && ranges.length > 0) {
      for (const ip of vips) firewallIPs.elements.push(`${ip} . ${protocol} . ${port.port} : goto ${names.firewall}`);
      const sources = ranges.map((r) => normalizeCidr(r) ?? r);
      if (nodeIP && ranges.some((r) => cidrContains(r, nodeIP))) sources.push(...vips);
      perService.push({ name: names.firewall, rules: [`ip saddr != { ${anonymousSet(sources)} } drop`] });
    }
    if (usesLocal) perService.push(lb(names.local, cat.local));
    for (const ep of cat.reachable) {
      const rules = [`ip saddr ${ep.ip} jump mark-for-masquerade`];
      if (svc.sessionAffinity) {
        rules.push(`update @${names.affinity(ep)} { ip saddr }`);
        affinitySets.push({ name: names.affinity(ep), kind: 'set', type: 'ipv4_addr', flags: 'dynamic,timeout', timeout: nftTime(svc.sessionAffinity.timeoutSeconds), elements: [], concat: false });
      }
      rules.push(`meta l4proto ${protocol} dnat to ${ep.key}`);
      perService.push({ name: names.endpoint(ep), rules });
    }
  }
  const sets = [clusterIPs, nodeportIPs, ...affinitySets, firewallIPs, noEpNodeports, noEpServices, serviceIPs, serviceNodeports];
  return { node, sets, chains: [...base, ...perService] };
}

/** An anonymous interval set as nft lists it: ascending, a /32 as the bare address, duplicates once. */
function anonymousSet(cidrs: string[]): string {
  const start = (c: string) => ipToInt(c.split('/')[0] ?? '') ?? 0;
  const shown = [...new Set(cidrs.map((c) => c.replace(/\/32$/, '')))];
  return shown.sort((a, b) => start(a) - start(b) || a.length - b.length).join(', ');
}

function printSet(s: NftSet): string {
  const lines = [`\t${s.kind} ${s.name} {`, `\t\ttype ${s.type}`];
  if (s.flags) lines.push(`\t\tflags ${s.flags}`);
  if (s.timeout) lines.push(`\t\ttimeout ${s.timeout}`);
  if (s.comment) lines.push(`\t\tcomment "${s.comment}"`);
  if (s.elements.length) {
    const els = [...s.elements].sort(compareElements);
    let text = '';
    els.forEach((e, i) => {
      const count = i + 1;
      text += e;
      if (i === els.length - 1) return;
      text += !s.concat && count % 2 !== 0 ? ', ' : ',\n\t\t\t     ';
    });
    lines.push(`\t\telements = { ${text} }`);
  }
  lines.push('\t}');
  return lines.join('\n');
}

/** Orders elements by their leading address numerically, then as text. */
function compareElements(a: string, b: string): number {
  const num = (t: string): number => {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)/.exec(t);
    return m ? ((+m[1]! << 24) >>> 0) + (+m[2]! << 16) + (+m[3]! << 8) + +m[4]! : -1;
  };
  return num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function printChain(c: NftChainDef): string {
  const lines = [`\tchain ${c.name} {`];
  if (c.hook) lines.push(`\t\t${c.hook}`);
  if (c.comment) lines.push(`\t\tcomment "${c.comment}"`);
  for (const r of c.rules) lines.push(`\t\t${r}`);
  lines.push('\t}');
  return lines.join('\n');
}

/** `nft list table ip kube-proxy` on a node in nftables mode. */
export function nftListTable(state: ClusterState, node: string): string {
  const rs = nftRuleset(state, node);
  return `table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n${[...rs.sets.map(printSet), ...rs.chains.map(printChain)].join('\n\n')}\n}\n`;
}

/** `nft list chain ip kube-proxy CHAIN`, or null when the table has no such chain. */
export function nftListChain(state: ClusterState, node: string, chain: string): string | null {
  const c = nftRuleset(state, node).chains.find((x) => x.name === chain);
  return c ? `table ip kube-proxy {\n${printChain(c)}\n}\n` : null;
}

/** `nft list map|set ip kube-proxy NAME`, or null when the table has no such map (set). */
export function nftListSet(state: ClusterState, node: string, kind: 'map' | 'set', name: string): string | null {
  const found = nftRuleset(state, node).sets.find((x) => x.name === name && x.kind === kind);
  return found ? `table ip kube-proxy {\n${printSet(found)}\n}\n` : null;
}
