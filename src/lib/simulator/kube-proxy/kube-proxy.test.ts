/**
 * kube-proxy's rules, checked against upstream's own expectations (each test names its source):
 * - kubernetes/kubernetes pkg/proxy/iptables/proxier.go (portProtoHash, servicePortEndpointChainName, syncProxyRules,
 *   writeServiceToEndpointRules) and proxier_test.go TestOverallIPTablesRules (rule shapes, comments, chain hashes);
 * - pkg/proxy/nftables/proxier.go (servicePortChainNameBase, servicePortEndpointChainNameBase, hashAndTruncate) and
 *   proxier_test.go baseRules / TestOverallNFTablesRules;
 * - iptables extensions/libxt_statistic.c (probability stored as lround(0x80000000 * p), printed "%.11f"),
 *   libxt_MARK.c (--or-mark/--xor-mark saved as --set-xmark), libipt_REJECT.c (saves --reject-with), and
 *   libxtables xtables_save_string (quotes anything outside [A-Za-z0-9_-]);
 * - nftables src/expression.c calculate_delim (two IPv4 elements per line, map elements one per line).
 * Hash values of the lesson-5 cluster are in its brief (/work/shared/docs/lessons/05-services-and-kube-proxy.md,
 * facts 5–6), computed with Go's crypto/sha256 + base32.StdEncoding.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { shopYaml } from './l5-fixture.ts';
import { base32, iptablesEndpointChain, iptablesServiceChain, nftChain, nftEndpointBase, nftServicePortBase, sha256 } from './naming.ts';
import { iptablesRuleset, iptablesSave } from './iptables.ts';
import { proxyProbability, savedProbability } from './naming.ts';
import { nftListTable } from './nftables.ts';

const debug = (c: ReturnType<typeof createCluster>, node: string, cmd: string, profile = 'sysadmin') => c.kubectl(`debug node/${node} -it --image=busybox:1.36 --profile=${profile} -- chroot /host ${cmd}`);
const natLines = (c: ReturnType<typeof createCluster>, node: string) => iptablesSave(iptablesRuleset(c.state, node), 'nat').split('\n');
const filterLines = (c: ReturnType<typeof createCluster>, node: string) => iptablesSave(iptablesRuleset(c.state, node), 'filter').split('\n');

describe('chain names', () => {
  it('SHA-256 matches the FIPS 180-2 test vector "abc"', () => {
    // FIPS 180-2 appendix B.1: SHA-256("abc") = ba7816bf…f20015ad.
    expect([...sha256('abc')].map((b) => b.toString(16).padStart(2, '0')).join('')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======" (padding dropped here).
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
  });

  it('iptables chains hash the service port name and protocol (proxier_test.go TestOverallIPTablesRules)', () => {
    // ns1/svc1:p80 → KUBE-SVC-XPGD46QRK7WJZT7O and KUBE-SEP-SXIVWICOYRO3J4NJ for 10.180.0.1:80; ns2/svc2:p80 → GNZBNJ2PO5MGZ6GT.
    expect(iptablesServiceChain('KUBE-SVC-', 'ns1/svc1:p80', 'TCP')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(iptablesEndpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(iptablesServiceChain('KUBE-EXT-', 'ns2/svc2:p80', 'tcp')).toBe('KUBE-EXT-GNZBNJ2PO5MGZ6GT');
    // The well-known chain of default/kubernetes:https on every cluster.
    expect(iptablesServiceChain('KUBE-SVC-', 'default/kubernetes:https', 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  it('nftables chains are <prefix>-<8 chars>-ns/svc/proto/port (nftables proxier_test.go TestOverallNFTablesRules)', () => {
    const base = nftServicePortBase('ns1', 'svc1', 'TCP', 'p80');
    expect(nftChain('service', base)).toBe('service-ULMVA6XW-ns1/svc1/tcp/p80');
    expect(nftChain('endpoint', nftEndpointBase(base, '10.180.0.1', 80))).toBe('endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80');
    expect(nftChain('external', nftServicePortBase('ns2', 'svc2', 'tcp', 'p80'))).toBe('external-42NFTM6N-ns2/svc2/tcp/p80');
    // servicePortChainNameBase uses the port's name, which is empty for an unnamed port.
    expect(nftServicePortBase('ns', 'web', 'tcp', undefined)).toBe('ns/web/tcp/');
  });
});

describe('probabilities', () => {
  it('kube-proxy writes 1/n with 10 decimals; iptables-save prints the stored fixed-point value with 11 (libxt_statistic.c)', () => {
    expect(proxyProbability(2)).toBe('0.5000000000'); // proxier_test.go: "--probability 0.5000000000"
    expect(proxyProbability(3)).toBe('0.3333333333');
    expect(savedProbability('0.3333333333')).toBe('0.33333333349'); // lround(2^31 · 0.3333333333) = 715827883
    expect(savedProbability('0.5000000000')).toBe('0.50000000000');
    expect(savedProbability('0.2500000000')).toBe('0.25000000000');
  });
});

describe('iptables mode: iptables-save on a node', () => {
  const c = createCluster(shopYaml());
  const nat = natLines(c, 'node-3');

  it('KUBE-SERVICES sends the ClusterIP:port to KUBE-SVC-<hash> (proxier.go "cluster IP" rule, as iptables-save orders it)', () => {
    expect(nat).toContain('-A KUBE-SERVICES -d 10.96.20.10/32 -p tcp -m comment --comment "shop/backend:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-J7AG6KGDZTGIPWLW');
    expect(nat).toContain('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
    expect(nat.filter((l) => l.startsWith('-A KUBE-SERVICES')).at(-1)).toContain('KUBE-NODEPORTS');
  });

  it('KUBE-SVC marks off-cluster sources, then the probability ladder 1/3, 1/2, unconditional (writeServiceToEndpointRules)', () => {
    const svc = nat.filter((l) => l.startsWith('-A KUBE-SVC-J7AG6KGDZTGIPWLW '));
    expect(svc).toEqual([
      '-A KUBE-SVC-J7AG6KGDZTGIPWLW ! -s 10.244.0.0/16 -d 10.96.20.10/32 -p tcp -m comment --comment "shop/backend:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      `-A KUBE-SVC-J7AG6KGDZTGIPWLW -m comment --comment "shop/backend:http -> 10.244.0.7:8080" -m statistic --mode random --probability 0.33333333349 -j ${iptablesEndpointChain('shop/backend:http', 'tcp', '10.244.0.7:8080')}`,
      '-A KUBE-SVC-J7AG6KGDZTGIPWLW -m comment --comment "shop/backend:http -> 10.244.1.7:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-DQGV2CJWAK3OUXVA',
      `-A KUBE-SVC-J7AG6KGDZTGIPWLW -m comment --comment "shop/backend:http -> 10.244.1.8:8080" -j ${iptablesEndpointChain('shop/backend:http', 'tcp', '10.244.1.8:8080')}`,
    ]);
  });

  it('KUBE-SEP marks hairpin traffic and DNATs to podIP:targetPort (proxier_test.go KUBE-SEP rules)', () => {
    expect(nat.filter((l) => l.startsWith('-A KUBE-SEP-DQGV2CJWAK3OUXVA '))).toEqual([
      '-A KUBE-SEP-DQGV2CJWAK3OUXVA -s 10.244.1.7/32 -m comment --comment "shop/backend:http" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-DQGV2CJWAK3OUXVA -p tcp -m comment --comment "shop/backend:http" -m tcp -j DNAT --to-destination 10.244.1.7:8080',
    ]);
  });

  it('the masquerade mark chains as iptables-save prints --or-mark / --xor-mark (libxt_MARK.c)', () => {
    expect(nat).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');
    expect(nat).toContain('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN');
    expect(nat).toContain('-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0');
    expect(nat).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
  });

  it('a Service without endpoints is REJECTed in the filter table and has no nat chain (proxier_test.go "ns6/svc6:p80 has no endpoints")', () => {
    const typo = createCluster(shopYaml().replace('selector: {app: backend}', 'selector: {app: backnd}'));
    expect(filterLines(typo, 'node-3')).toContain('-A KUBE-SERVICES -d 10.96.20.10/32 -p tcp -m comment --comment "shop/backend:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable');
    expect(natLines(typo, 'node-3').some((l) => l.includes('KUBE-SVC-J7AG6KGDZTGIPWLW'))).toBe(false);
  });

  it('NodePort, Cluster policy: KUBE-NODEPORTS → KUBE-EXT (masquerade) → KUBE-SVC (proxier_test.go ns3/svc3)', () => {
    const np = createCluster(shopYaml('type: NodePort\nports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]'.replace(/\nports.*/, ''), '').replace('ports: [{name: http, port: 80, targetPort: http}]', 'ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]'));
    const lines = natLines(np, 'node-3');
    expect(lines).toContain('-A KUBE-NODEPORTS -p tcp -m comment --comment "shop/backend:http" -m tcp --dport 30080 -j KUBE-EXT-J7AG6KGDZTGIPWLW');
    expect(lines.filter((l) => l.startsWith('-A KUBE-EXT-'))).toEqual([
      '-A KUBE-EXT-J7AG6KGDZTGIPWLW -m comment --comment "masquerade traffic for shop/backend:http external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-J7AG6KGDZTGIPWLW -j KUBE-SVC-J7AG6KGDZTGIPWLW',
    ]);
  });

  it('NodePort, Local policy: a node without local endpoints DROPs; a node with them jumps to KUBE-SVL (proxier_test.go ns2/svc2)', () => {
    const yaml = shopYaml('type: NodePort\nexternalTrafficPolicy: Local').replace('ports: [{name: http, port: 80, targetPort: http}]', 'ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]');
    const local = createCluster(yaml);
    expect(filterLines(local, 'node-3')).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "shop/backend:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP');
    const n2 = natLines(local, 'node-2');
    const svl = iptablesServiceChain('KUBE-SVL-', 'shop/backend:http', 'tcp');
    expect(n2).toContain(`-A KUBE-EXT-J7AG6KGDZTGIPWLW -j ${svl}`);
    expect(n2).toContain('-A KUBE-EXT-J7AG6KGDZTGIPWLW -s 10.244.0.0/16 -m comment --comment "pod traffic for shop/backend:http external destinations" -j KUBE-SVC-J7AG6KGDZTGIPWLW');
    // KUBE-SVL holds only node-2's two endpoints: a 1/2 ladder.
    expect(n2.filter((l) => l.startsWith(`-A ${svl} `)).map((l) => /-> (\S+)"/.exec(l)?.[1])).toEqual(['10.244.1.7:8080', '10.244.1.8:8080']);
    expect(filterLines(local, 'node-2').some((l) => l.includes('has no local endpoints'))).toBe(false);
  });

  it('sessionAffinity ClientIP adds recent --rcheck / --set rules with the timeout (writeServiceToEndpointRules, libxt_recent save)', () => {
    const aff = createCluster(shopYaml('sessionAffinity: ClientIP\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 600}}'));
    const lines = natLines(aff, 'node-3');
    expect(lines).toContain('-A KUBE-SVC-J7AG6KGDZTGIPWLW -m comment --comment "shop/backend:http -> 10.244.1.7:8080" -m recent --rcheck --seconds 600 --reap --name KUBE-SEP-DQGV2CJWAK3OUXVA --mask 255.255.255.255 --rsource -j KUBE-SEP-DQGV2CJWAK3OUXVA');
    expect(lines).toContain('-A KUBE-SEP-DQGV2CJWAK3OUXVA -p tcp -m comment --comment "shop/backend:http" -m recent --set --name KUBE-SEP-DQGV2CJWAK3OUXVA --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.7:8080');
  });

  it('iptables-save -t nat prints only the nat table; reading the rules needs NET_ADMIN (kubectl debug profiles.go)', () => {
    const r = debug(c, 'node-3', 'iptables-save -t nat');
    expect(r.stdout).toContain('*nat\n');
    expect(r.stdout).not.toContain('*filter');
    const denied = debug(c, 'node-3', 'iptables-save', 'general');
    expect(denied.stdout).toContain('Permission denied (you must be root)');
    expect(denied.stdout).not.toContain('*nat');
  });
});

describe('nftables mode: nft list table ip kube-proxy', () => {
  const c = createCluster(shopYaml(), { kubeProxyMode: 'nftables' });
  const text = nftListTable(c.state, 'node-3');

  it('service-ips maps ClusterIP . proto . port to the service chain (TestOverallNFTablesRules "add element … service-ips")', () => {
    expect(text).toContain('10.96.20.10 . tcp . 80 : goto service-G32V7N3Q-shop/backend/tcp/http');
    expect(text).toContain('\tchain services {\n\t\tip daddr . meta l4proto . th dport vmap @service-ips\n\t\tip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports\n\t}');
  });

  it('the service chain picks an endpoint with numgen; the endpoint chain DNATs (TestOverallNFTablesRules svc4)', () => {
    const e = (ip: string) => nftChain('endpoint', nftEndpointBase('shop/backend/tcp/http', ip, 8080));
    expect(e('10.244.1.7')).toBe('endpoint-SDLGRJ44-shop/backend/tcp/http__10.244.1.7/8080');
    expect(text).toContain(`\tchain service-G32V7N3Q-shop/backend/tcp/http {\n\t\tip daddr 10.96.20.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade\n\t\tnumgen random mod 3 vmap { 0 : goto ${e('10.244.0.7')}, 1 : goto ${e('10.244.1.7')}, 2 : goto ${e('10.244.1.8')} }\n\t}`);
    expect(text).toContain(`\tchain ${e('10.244.1.7')} {\n\t\tip saddr 10.244.1.7 jump mark-for-masquerade\n\t\tmeta l4proto tcp dnat to 10.244.1.7:8080\n\t}`);
  });

  it('invalid ClusterIP ports are rejected and a Service without endpoints goes to reject-chain (baseRules, "ns6/svc6:p80")', () => {
    expect(text).toContain('ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"');
    expect(text).toContain('ip daddr { 10.96.0.0/12 } drop comment "Drop traffic to unallocated ClusterIPs"');
    const typo = nftListTable(createCluster(shopYaml().replace('{app: backend}\n', '{app: backnd}\n'), { kubeProxyMode: 'nftables' }).state, 'node-3');
    expect(typo).toContain('10.96.20.10 . tcp . 80 comment "shop/backend:http" : goto reject-chain');
    expect(typo).not.toContain('chain service-G32V7N3Q');
  });

  it('IPv4 set elements print two per line (nftables calculate_delim)', () => {
    expect(text).toContain('elements = { 10.96.0.1, 10.96.0.10,\n\t\t\t     10.96.20.10 }');
  });

  it('iptables-save finds no kube-proxy rules in nftables mode, nft list table works only in it', () => {
    expect(debug(c, 'node-3', 'iptables-save').stderr).toContain('[simulator] kube-proxy runs in nftables mode');
    expect(debug(c, 'node-3', 'nft list table ip kube-proxy').stdout).toContain('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n');
    expect(debug(createCluster(shopYaml()), 'node-3', 'nft list table ip kube-proxy').stderr).toContain('no table ip kube-proxy');
  });
});
