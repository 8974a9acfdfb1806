/**
 * Pods dialling a LoadBalancer Service's ingress IP. Expected behaviour, per test:
 * - kubernetes/kubernetes pkg/proxy/iptables/proxier.go syncProxyRules: "Capture load-balancer ingress" writes
 *   `-A KUBE-SERVICES -m comment --comment "<svc> loadbalancer IP" -d <VIP> --dport <port> -j KUBE-EXT-…` (or the
 *   KUBE-FW- chain when loadBalancerSourceRanges are set) on every node; KUBE-EXT- under externalTrafficPolicy Cluster
 *   jumps to KUBE-MARK-MASQ ("masquerade traffic for … external destinations"), under Local sends pod traffic to the
 *   cluster chain ("pod traffic for … external destinations"); the firewall chain jumps on per source range
 *   (`-s <cidr> -j KUBE-EXT-…`), admits the VIP as a source when a range holds the node IP, and ends with
 *   "other traffic to … will be dropped by KUBE-PROXY-FIREWALL", whose filter rule "… traffic not accepted by
 *   KUBE-FW-…" DROPs.
 * - pkg/proxy/nftables/proxier.go at b0f823e6 syncProxyRules: `usesFWChain := len(svcInfo.LoadBalancerVIPs()) > 0 &&
 *   len(svcInfo.LoadBalancerSourceRanges()) > 0` (endpoints or not); "Capture load-balancer ingress" adds, per VIP,
 *   `proxier.firewallIPs.ensureElem(… Key: {lbip, protocol, port}, Value: {"goto " + fwChain})` (no comment); the
 *   firewall chain gets `ipX, "saddr", "!=", "{", sources, "}", "drop"`, sources being the ranges plus the VIPs when
 *   a range contains the node IP (allowFromNode); proxier_test.go TestOverallNFTablesRules svc5 expects
 *   `add element ip kube-proxy firewall-ips { 5.6.7.8 . tcp . 80 : goto firewall-HVFWP5L3-ns5/svc5/tcp/p80 }` and
 *   `add rule ip kube-proxy firewall-HVFWP5L3-ns5/svc5/tcp/p80 ip saddr != { 203.0.113.0/25 } drop`. Listed as nft
 *   does: a concatenated map's elements one per line, an anonymous set on one line.
 * - pkg/proxy/serviceport.go (LoadBalancerVIPs skips ingress entries with ipMode Proxy) and KEP-1860 /
 *   https://kubernetes.io/docs/concepts/services-networking/service/#load-balancer-ip-mode: with ipMode Proxy
 *   the traffic goes to the load balancer.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { iptablesRuleset, iptablesSave } from './iptables.ts';
import { shopYaml } from './l5-fixture.ts';
import { nftChain, nftServicePortBase } from './naming.ts';
import { nftListTable } from './nftables.ts';

const save = (c: ReturnType<typeof createCluster>, table: string) => iptablesSave(iptablesRuleset(c.state, 'node-1'), table);

const LB = (extra = '', ingress = '{ip: 203.0.113.50}') => shopYaml(`type: LoadBalancer${extra}`).replace('ports: [{name: http, port: 80, targetPort: http}]', 'ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]').replace(/\n$/, '') + `\nstatus: {loadBalancer: {ingress: [${ingress}]}}\n`;
const FROM = { from: 'shop/frontend', to: '203.0.113.50', port: 80 } as const;

describe('a pod connecting to a load balancer IP (VIP mode): kube-proxy short-circuits it on the client node', () => {
  it('Cluster policy: captured by KUBE-SERVICES → KUBE-EXT, DNAT to an endpoint, masqueraded (the backend sees the node side)', () => {
    const c = createCluster(LB());
    const r = c.connect({ ...FROM, backend: 'backend-2' });
    expect(r.status).toBe('connected');
    expect(r.target?.pod).toBe('shop/backend-2');
    const capture = r.steps.find((s) => s.action === 'Load balancer IP captured on the node');
    expect(capture?.details).toMatch(/KUBE-SERVICES: -d 203\.0\.113\.50\/32 -p tcp --dport 80 \("shop\/backend:http loadbalancer IP"\) → -j KUBE-EXT-/);
    expect(capture?.details).toContain('masquerade traffic for shop/backend:http external destinations');
    // host-gw (the default datapath): the packet leaves node-3 by eth0, so it is masqueraded to node-3's address.
    expect(r.seenSource).toBe('172.18.0.4');
    expect(r.steps.some((s) => /outside the simulated cluster/.test(s.details))).toBe(false);
  });
  it('Cluster policy, vxlan: masqueraded to flannel.1\'s address (the podCIDR network address) towards another node', () => {
    const c = createCluster(LB(), { datapath: 'vxlan' });
    expect(c.connect({ ...FROM, backend: 'backend-1' }).seenSource).toBe('10.244.2.0');
  });
  it('Local policy: pod traffic goes to the cluster-wide chain without masquerade, even from a node with no endpoint', () => {
    const c = createCluster(LB('\nexternalTrafficPolicy: Local'));
    const r = c.connect({ ...FROM, backend: 'backend-1' });
    expect(r.status).toBe('connected');
    expect(r.seenSource).toBe('10.244.2.5');
    expect(r.steps.find((s) => s.action === 'Load balancer IP captured on the node')?.details).toContain('pod traffic for shop/backend:http external destinations');
  });
  it('a port the Service does not expose is not captured', () => {
    const r = createCluster(LB()).connect({ ...FROM, port: 81 });
    expect(r.steps.some((s) => s.action === 'Load balancer IP captured on the node')).toBe(false);
  });
  it('ipMode Proxy: kube-proxy writes no rule for the address, so it is not captured', () => {
    const c = createCluster(LB('', '{ip: 203.0.113.50, ipMode: Proxy}'));
    expect(c.connect(FROM).steps.some((s) => s.action === 'Load balancer IP captured on the node')).toBe(false);
    expect(save(c, 'nat')).not.toContain('203.0.113.50');
    const r = c.connect(FROM);
    expect(r.status).toBe('connected');
    expect(r.steps.map((s) => s.action)).toContain('The load balancer forwards to a node (provider-specific)');
  });
});

describe('loadBalancerSourceRanges', () => {
  const RANGES = '\nloadBalancerSourceRanges: [198.51.100.0/24]';
  it('iptables-save shows the KUBE-FW- chain and the KUBE-PROXY-FIREWALL drop', () => {
    const c = createCluster(LB(RANGES));
    const nat = save(c, 'nat');
    expect(nat).toMatch(/-A KUBE-SERVICES -d 203\.0\.113\.50\/32 -p tcp -m comment --comment "shop\/backend:http loadbalancer IP" -m tcp --dport 80 -j KUBE-FW-[A-Z0-9]{16}\n/);
    expect(nat).toMatch(/-A KUBE-FW-[A-Z0-9]{16} -s 198\.51\.100\.0\/24 -m comment --comment "shop\/backend:http loadbalancer IP" -j KUBE-EXT-[A-Z0-9]{16}\n/);
    expect(nat).toMatch(/-A KUBE-FW-[A-Z0-9]{16} -m comment --comment "other traffic to shop\/backend:http will be dropped by KUBE-PROXY-FIREWALL"\n/);
    const filter = save(c, 'filter');
    expect(filter).toMatch(/-A KUBE-PROXY-FIREWALL -d 203\.0\.113\.50\/32 -p tcp -m comment --comment "shop\/backend:http traffic not accepted by KUBE-FW-[A-Z0-9]{16}" -m tcp --dport 80 -j DROP\n/);
  });
  it('a pod outside the ranges is dropped by the firewall chain (timeout); a range holding it lets it on', () => {
    const denied = createCluster(LB(RANGES)).connect(FROM);
    expect(denied.status).toBe('timeout');
    expect(denied.steps.at(-1)?.action).toBe('Source outside loadBalancerSourceRanges: dropped');
    expect(createCluster(LB('\nloadBalancerSourceRanges: [10.244.0.0/16]')).connect(FROM).status).toBe('connected');
  });
});

describe('loadBalancerSourceRanges in nftables mode: firewall-ips and the firewall chain', () => {
  const nft = (yaml: string, cmd: string) => createCluster(yaml, { kubeProxyMode: 'nftables' }).kubectl(`debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host ${cmd}`).stdout.replace(/^Creating debugging pod .*\n/, '');
  const FW = 'firewall-G32V7N3Q-shop/backend/tcp/http';
  it('the chain is firewall-<hash>-ns/svc/proto/port, the hash of the other chains (TestOverallNFTablesRules svc5)', () => {
    expect(nftChain('firewall', nftServicePortBase('ns5', 'svc5', 'TCP', 'p80'))).toBe('firewall-HVFWP5L3-ns5/svc5/tcp/p80');
    expect(nftChain('firewall', nftServicePortBase('shop', 'backend', 'TCP', 'http'))).toBe(FW);
  });
  it('nft list map shows one element per VIP . proto . port, without comment, going to the firewall chain', () => {
    expect(nft(LB('\nloadBalancerSourceRanges: [198.51.100.0/24]'), 'nft list map ip kube-proxy firewall-ips')).toBe(
      `table ip kube-proxy {\n\tmap firewall-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "destinations that are subject to LoadBalancerSourceRanges"\n\t\telements = { 203.0.113.50 . tcp . 80 : goto ${FW} }\n\t}\n}\n`,
    );
  });
  it('the firewall chain drops sources outside the ranges', () => {
    expect(nft(LB('\nloadBalancerSourceRanges: [198.51.100.0/24, 192.0.2.0/25]'), `nft list chain ip kube-proxy ${FW}`)).toBe(`table ip kube-proxy {\n\tchain ${FW} {\n\t\tip saddr != { 192.0.2.0/25, 198.51.100.0/24 } drop\n\t}\n}\n`);
  });
  it('a range holding the node IP also admits the VIPs as sources (allowFromNode)', () => {
    expect(nft(LB('\nloadBalancerSourceRanges: [172.18.0.0/16]'), `nft list chain ip kube-proxy ${FW}`)).toContain('\t\tip saddr != { 172.18.0.0/16, 203.0.113.50 } drop\n');
  });
  it('written whether or not the Service has endpoints; absent without ranges or without a VIP', () => {
    const none = LB('\nloadBalancerSourceRanges: [198.51.100.0/24]').replace('{app: backend}\n', '{app: backnd}\n');
    const table = nftListTable(createCluster(none, { kubeProxyMode: 'nftables' }).state, 'node-1');
    expect(table).toContain(`elements = { 203.0.113.50 . tcp . 80 : goto ${FW} }`);
    expect(table).toContain(`\tchain ${FW} {\n\t\tip saddr != { 198.51.100.0/24 } drop\n\t}`);
    for (const yaml of [LB(), LB('\nloadBalancerSourceRanges: [198.51.100.0/24]', '{ip: 203.0.113.50, ipMode: Proxy}')]) {
      const t = nftListTable(createCluster(yaml, { kubeProxyMode: 'nftables' }).state, 'node-1');
      expect(t).not.toContain('firewall-G32V7N3Q');
      expect(t).toContain('\tmap firewall-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n\t\tcomment "destinations that are subject to LoadBalancerSourceRanges"\n\t}');
    }
  });
  it('the trace of a dropped pod names the map and the firewall chain', () => {
    const denied = createCluster(LB('\nloadBalancerSourceRanges: [198.51.100.0/24]'), { kubeProxyMode: 'nftables' }).connect(FROM);
    expect(denied.status).toBe('timeout');
    expect(denied.steps.at(-1)?.details).toContain(`finds "203.0.113.50 . tcp . 80" in map firewall-ips and goes to ${FW}, whose rule "ip saddr != { 198.51.100.0/24 } drop" drops it`);
  });
  it('nft list set / map of an unknown name says so', () => {
    const c = createCluster(LB(), { kubeProxyMode: 'nftables' });
    expect(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host nft list set ip kube-proxy cluster-ips').stdout).toContain('\tset cluster-ips {\n\t\ttype ipv4_addr\n');
    expect(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host nft list map ip kube-proxy nope').stderr).toContain('has no map "nope"');
  });
});
