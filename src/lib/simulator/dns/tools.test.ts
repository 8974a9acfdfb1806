/**
 * What the DNS tools print for lesson 6's names. Formats from the tools' sources:
 * - busybox 1.36.1 networking/nslookup.c: add_query_with_search, parse_reply (`Name:\t%s\nAddress: %s`,
 *   `%s\tcanonical name = %s`, `%s\tname = %s`, `%s\tservice = %u %u %u %s`, "Non-authoritative answer:" unless AA),
 *   `** server can't find %s: %s`, '\n' after every reply;
 * - BIND 9.18 dig (bin/dig/dighost.c, lib/dns/masterdump.c columns 24/32/40/48) and `+short` (data only).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { DNS_CLUSTER_YAML, DNS_UPSTREAM } from './fixture.ts';

const c = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);
const run = (pod: string, cmd: string) => c.kubectl(`exec -n ${pod.split('/')[0]} ${pod.split('/')[1]} -- ${cmd}`);
const HEAD = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('busybox nslookup', () => {
  it('`nslookup backend` from shop: the answer, the other search domains\' NXDOMAINs, the empty AAAA replies; exit 1', () => {
    const r = run('shop/frontend', 'nslookup backend');
    expect(r.stdout).toBe(
      HEAD +
        'Name:\tbackend.shop.svc.cluster.local\nAddress: 10.96.20.10\n\n' +
        "** server can't find backend.svc.cluster.local: NXDOMAIN\n\n** server can't find backend.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find backend.svc.cluster.local: NXDOMAIN\n\n** server can't find backend.cluster.local: NXDOMAIN\n\n",
    );
    expect(r.exitCode).toBe(1);
  });

  it('`nslookup backend` from monitoring finds nothing; `backend.shop` has a dot, so it is asked exactly once (no search list)', () => {
    expect(run('monitoring/prometheus', 'nslookup backend').stdout).not.toContain('Address: 10.96.20.10');
    // backend.shop. is outside cluster.local: CoreDNS forwards it, the upstream says NXDOMAIN.
    expect(run('monitoring/prometheus', 'nslookup backend.shop').stdout).toBe(HEAD + "** server can't find backend.shop: NXDOMAIN\n\n** server can't find backend.shop: NXDOMAIN\n\n");
  });

  it('-type=SRV prints `service = priority weight port target` per record', () => {
    expect(run('shop/frontend', 'nslookup -type=SRV _postgres._tcp.db.shop.svc.cluster.local').stdout).toBe(
      HEAD + '_postgres._tcp.db.shop.svc.cluster.local\tservice = 0 50 5432 db-0.db.shop.svc.cluster.local\n_postgres._tcp.db.shop.svc.cluster.local\tservice = 0 50 5432 db-1.db.shop.svc.cluster.local\n\n',
    );
  });

  it('ExternalName: `canonical name =` then the target\'s address, in one authoritative reply', () => {
    const r = run('shop/frontend', 'nslookup payments');
    expect(r.stdout.startsWith(HEAD + 'payments.shop.svc.cluster.local\tcanonical name = api.payments.example\nName:\tapi.payments.example\nAddress: 203.0.113.20\n\n')).toBe(true);
  });

  it('an external name is forwarded: "Non-authoritative answer:" on both replies (A, and the empty AAAA)', () => {
    expect(run('shop/frontend', 'nslookup api.payments.example').stdout).toBe(HEAD + 'Non-authoritative answer:\nName:\tapi.payments.example\nAddress: 203.0.113.20\n\nNon-authoritative answer:\n\n');
  });

  it('an IP becomes a PTR query (make_ptr); `-type=PTR IP` asks for the name as typed, which no one has', () => {
    expect(run('shop/frontend', 'nslookup 10.96.20.10').stdout).toBe(HEAD + '10.20.96.10.in-addr.arpa\tname = backend.shop.svc.cluster.local\n\n');
    expect(run('shop/frontend', 'nslookup 10.244.1.9').stdout).toBe(HEAD + '9.1.244.10.in-addr.arpa\tname = db-1.db.shop.svc.cluster.local\n\n');
    expect(run('shop/frontend', 'nslookup -type=PTR 10.96.20.10').stdout).toBe(HEAD + "** server can't find 10.96.20.10: NXDOMAIN\n\n");
  });

  it('CoreDNS gone: ";; connection timed out; no servers could be reached", exit 1', () => {
    const down = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);
    down.kubectl('delete deployment coredns -n kube-system');
    const r = down.kubectl('exec -n shop frontend -- nslookup backend');
    expect([r.stdout, r.exitCode]).toEqual([';; connection timed out; no servers could be reached\n\n', 1]);
  });
});

describe('dig (dnsutils image only)', () => {
  it('is not in busybox', () => {
    expect(run('shop/frontend', 'dig db').stderr).toContain('exec: "dig": executable file not found in $PATH');
  });

  it('+search +short db: the two ready pod IPs; SRV +short: "prio weight port target."', () => {
    expect(run('shop/dnsutils', 'dig +search +short db').stdout).toBe('10.244.0.8\n10.244.1.9\n');
    expect(run('shop/dnsutils', 'dig +short SRV _postgres._tcp.db.shop.svc.cluster.local').stdout).toBe('0 50 5432 db-0.db.shop.svc.cluster.local.\n0 50 5432 db-1.db.shop.svc.cluster.local.\n');
    expect(run('shop/dnsutils', 'dig +short payments.shop.svc.cluster.local').stdout).toBe('api.payments.example.\n203.0.113.20\n');
    expect(run('shop/dnsutils', 'dig +short -x 10.96.20.10').stdout).toBe('backend.shop.svc.cluster.local.\n');
  });

  it('without +search the short name is absolute: NXDOMAIN, with the status line and no answer', () => {
    const out = run('shop/dnsutils', 'dig db').stdout;
    expect(out).toContain(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN');
    expect(out).not.toContain(';; ANSWER SECTION:');
  });

  it('answer lines use masterdump columns; an authoritative answer has qr aa rd and the recursion warning', () => {
    const out = run('shop/dnsutils', 'dig backend.shop.svc.cluster.local').stdout;
    expect(out).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n');
    expect(out).toContain(';backend.shop.svc.cluster.local. IN\tA\n');
    // 31-character owner: past column 24 → one space; "30" ends past 32 → one space; "IN" ends at 37 → tab to 40; "A" → tab to 48.
    expect(out).toContain(';; ANSWER SECTION:\nbackend.shop.svc.cluster.local. 30 IN\tA\t10.96.20.10\n');
    // AAAA in an IPv4 cluster: NOERROR, no answer, the zone's SOA in AUTHORITY.
    const aaaa = run('shop/dnsutils', 'dig AAAA backend.shop.svc.cluster.local').stdout;
    expect(aaaa).toContain('status: NOERROR');
    expect(aaaa).toContain('ANSWER: 0, AUTHORITY: 1');
  });
});

describe('the coredns ConfigMap (kubeadm manifests.go CoreDNSConfigMap) configures CoreDNS', () => {
  it('is listed in kube-system with the default Corefile, and an applied edit changes TTLs and the pods mode', () => {
    const k = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);
    const yaml = k.kubectl('get cm coredns -n kube-system -o yaml').stdout;
    expect(yaml).toContain('  Corefile: |\n    .:53 {\n        errors\n');
    expect(yaml).toContain('        kubernetes cluster.local in-addr.arpa ip6.arpa {\n           pods insecure\n           fallthrough in-addr.arpa ip6.arpa\n           ttl 30\n        }\n');
    expect(k.kubectl('exec -n shop dnsutils -- dig +short 10-244-9-9.shop.pod.cluster.local').stdout).toBe('10.244.9.9\n');
    const applied = k.kubectl('apply -f -', yaml.replace('ttl 30', 'ttl 5').replace('pods insecure', 'pods verified'));
    // kubeadm created the ConfigMap without kubectl apply: apply.go warningNoLastAppliedConfigAnnotation, then "configured".
    expect(applied.stdout).toBe('configmap/coredns configured\n');
    expect(applied.stderr).toMatch(/^Warning: resource configmaps\/coredns is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/);
    // plugin/kubernetes findPods podModeVerified: no pod has 10.244.9.9 → NXDOMAIN (dig +short prints nothing).
    expect(k.kubectl('exec -n shop dnsutils -- dig +short 10-244-9-9.shop.pod.cluster.local').stdout).toBe('');
    expect(k.kubectl('exec -n shop dnsutils -- dig backend.shop.svc.cluster.local').stdout).toContain('backend.shop.svc.cluster.local. 5 IN\tA\t10.96.20.10');
  });
});
