/**
 * Records of the cluster DNS, per the Kubernetes DNS-Based Service Discovery specification
 * (https://github.com/kubernetes/dns/blob/master/docs/specification.md, "spec §…") and CoreDNS's kubernetes plugin
 * (github.com/coredns/coredns plugin/kubernetes, file and function named per test). Expected values are the
 * spec's record formats applied to the fixture cluster (dns/fixture.ts), not the simulator's output.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { corednsAnswer } from './coredns.ts';
import { DEFAULT_COREDNS_CONFIG, DEFAULT_COREFILE, parseCorefile } from './corefile.ts';
import type { CoreDnsConfig } from './corefile.ts';
import { DNS_CLUSTER_YAML, DNS_UPSTREAM } from './fixture.ts';
import type { QType } from './types.ts';

const cluster = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);
const ask = (name: string, type: QType = 'A', cfg: CoreDnsConfig = DEFAULT_COREDNS_CONFIG) => corednsAnswer(cluster.state, cfg, name, type);
const data = (name: string, type: QType = 'A', cfg?: CoreDnsConfig) => ask(name, type, cfg).answer.map((r) => (r.srv ? `${r.srv.priority} ${r.srv.weight} ${r.srv.port} ${r.data}` : `${r.type} ${r.data}`));

describe('Service records', () => {
  it('spec §2.3.1: a ClusterIP Service has an A record of its ClusterIP, TTL from the Corefile (ttl 30)', () => {
    const r = ask('backend.shop.svc.cluster.local');
    expect(r.rcode).toBe('NOERROR');
    expect(r.authoritative).toBe(true);
    expect(r.answer).toEqual([{ name: 'backend.shop.svc.cluster.local', ttl: 30, type: 'A', data: '10.96.20.10' }]);
  });

  it('spec §2 "All comparisons … are case-insensitive"; a trailing dot names the same record', () => {
    expect(data('Backend.SHOP.svc.Cluster.Local.')).toEqual(['A 10.96.20.10']);
  });

  it('spec §2.3.1: an IPv4 ClusterIP has no AAAA record: NODATA (NOERROR, empty answer, SOA) — handler.go ServeDNS len(records)==0', () => {
    const r = ask('backend.shop.svc.cluster.local', 'AAAA');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answer).toEqual([]);
    expect(r.authority[0]?.type).toBe('SOA');
  });

  it('spec §2.3.2: SRV for a named port targets the Service name; backend_lookup.go SRV gives priority 0 weight 100 to a single record', () => {
    expect(data('_http._tcp.backend.shop.svc.cluster.local', 'SRV')).toEqual(['0 100 80 backend.shop.svc.cluster.local']);
    // Unnamed or mismatched ports have no SRV record; a name that matches no port does not exist (kubernetes.go findServices: errNoItems).
    expect(ask('_grpc._tcp.backend.shop.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(ask('_http._udp.backend.shop.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('spec §2.3.3: the PTR of a ClusterIP names the Service (in-addr.arpa, default Corefile zones)', () => {
    expect(data('10.20.96.10.in-addr.arpa', 'PTR')).toEqual(['PTR backend.shop.svc.cluster.local']);
  });

  it('a missing Service or namespace is NXDOMAIN; an existing namespace name alone is NODATA (kubernetes.go findServices "handle empty service name")', () => {
    expect(ask('nope.shop.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(ask('backend.nope.svc.cluster.local').rcode).toBe('NXDOMAIN');
    const ns = ask('shop.svc.cluster.local');
    expect([ns.rcode, ns.answer.length]).toEqual(['NOERROR', 0]);
    expect(ask('backend.cluster.local').rcode).toBe('NXDOMAIN'); // parse.go: neither svc nor pod
  });
});

describe('Headless Service records', () => {
  it('spec §2.4.1: one A record per ready endpoint', () => {
    expect(data('db.shop.svc.cluster.local')).toEqual(['A 10.244.0.8', 'A 10.244.1.9']);
  });

  it('spec §2.4.1: `<hostname>.<service>` names one endpoint (pod hostname + subdomain = the Service)', () => {
    expect(data('db-1.db.shop.svc.cluster.local')).toEqual(['A 10.244.1.9']);
    expect(ask('db-2.db.shop.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('spec §2.4.2: SRV per ready endpoint and named port, targets `<hostname>.<service>…`; weight 100/2 = 50 (backend_lookup.go SRV)', () => {
    const r = ask('_postgres._tcp.db.shop.svc.cluster.local', 'SRV');
    expect(data('_postgres._tcp.db.shop.svc.cluster.local', 'SRV')).toEqual(['0 50 5432 db-0.db.shop.svc.cluster.local', '0 50 5432 db-1.db.shop.svc.cluster.local']);
    // "The Additional section of the response may include the A/AAAA records referred to in the SRV records."
    expect(r.extra.map((x) => `${x.name} ${x.data}`)).toEqual(['db-0.db.shop.svc.cluster.local 10.244.0.8', 'db-1.db.shop.svc.cluster.local 10.244.1.9']);
  });

  it('spec §2.4.3: the PTR of a ready endpoint is `<hostname>.<service>.<ns>.svc.<zone>`', () => {
    expect(data('8.0.244.10.in-addr.arpa', 'PTR')).toEqual(['PTR db-0.db.shop.svc.cluster.local']);
  });

  it('spec §2.4.1: "If there are no ready endpoints … the answer should be NXDOMAIN"; a not-ready pod is left out', () => {
    const notReady = DNS_CLUSTER_YAML.replace('status: {podIP: 10.244.1.9}', 'status: {podIP: 10.244.1.9, conditions: [{type: Ready, status: "False"}]}');
    const c = createCluster(notReady, DNS_UPSTREAM);
    expect(corednsAnswer(c.state, DEFAULT_COREDNS_CONFIG, 'db.shop.svc.cluster.local', 'A').answer.map((r) => r.data)).toEqual(['10.244.0.8']);
    expect(corednsAnswer(c.state, DEFAULT_COREDNS_CONFIG, 'db-1.db.shop.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    const none = createCluster(notReady.replace('status: {podIP: 10.244.0.8}', 'status: {podIP: 10.244.0.8, conditions: [{type: Ready, status: "False"}]}'), DNS_UPSTREAM);
    expect(corednsAnswer(none.state, DEFAULT_COREDNS_CONFIG, 'db.shop.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('kubernetes.go endpointHostname: an endpoint without a hostname is named by its dashed IP (also behind a ClusterIP Service)', () => {
    const ip = cluster.state.pods.get('shop/backend')?.ip ?? '';
    expect(data(`${ip.replace(/\./g, '-')}.backend.shop.svc.cluster.local`)).toEqual([`A ${ip}`]);
  });
});

describe('ExternalName and pod records', () => {
  it('spec §2.5: an ExternalName Service is a CNAME; for A, CoreDNS appends the target looked up upstream (backend_lookup.go A, Upstream.Lookup)', () => {
    expect(data('payments.shop.svc.cluster.local')).toEqual(['CNAME api.payments.example', 'A 203.0.113.20']);
    expect(data('payments.shop.svc.cluster.local', 'CNAME')).toEqual(['CNAME api.payments.example']);
    // The upstream's TTL (300) is capped by `cache 30` (plugin/cache); the CNAME carries the plugin's ttl.
    expect(ask('payments.shop.svc.cluster.local').answer.map((r) => r.ttl)).toEqual([30, 30]);
  });

  it('kubernetes.go findPods: `pods insecure` answers any dashed IP in an existing namespace; `verified` only a pod of that namespace; `disabled` nothing', () => {
    const podIP = '10-244-0-8.shop.pod.cluster.local';
    const stranger = '10-244-9-9.shop.pod.cluster.local';
    expect(data(stranger)).toEqual(['A 10.244.9.9']);
    expect(ask('10-244-9-9.nope.pod.cluster.local').rcode).toBe('NXDOMAIN');
    const verified = parseCorefile(DEFAULT_COREFILE_WITH('pods verified')) as CoreDnsConfig;
    expect(data(podIP, 'A', verified)).toEqual(['A 10.244.0.8']);
    expect(ask(stranger, 'A', verified).rcode).toBe('NXDOMAIN');
    expect(ask('10-244-0-8.monitoring.pod.cluster.local', 'A', verified).rcode).toBe('NXDOMAIN');
    const disabled = parseCorefile(DEFAULT_COREFILE_WITH('pods disabled')) as CoreDnsConfig;
    expect(ask(podIP, 'A', disabled).rcode).toBe('NXDOMAIN');
  });

  it('reverse.go + fallthrough in-addr.arpa: an IP no Service or endpoint has goes to forward, whose upstream says NXDOMAIN', () => {
    const r = ask('9.9.244.10.in-addr.arpa', 'PTR');
    expect([r.rcode, r.source]).toEqual(['NXDOMAIN', 'upstream']);
  });

  it('names outside cluster.local go to `forward . /etc/resolv.conf`: the upstream answers (not authoritative) or says NXDOMAIN', () => {
    const r = ask('api.payments.example');
    expect([r.rcode, r.authoritative, r.source, r.answer[0]?.data]).toEqual(['NOERROR', false, 'upstream', '203.0.113.20']);
    expect(ask('backend').rcode).toBe('NXDOMAIN');
  });
});

describe('Corefile', () => {
  it('kubeadm manifests.go CoreDNSConfigMap: kubernetes cluster.local in-addr.arpa ip6.arpa, pods insecure, fallthrough the reverse zones, ttl 30, forward, cache 30', () => {
    expect(DEFAULT_COREDNS_CONFIG).toEqual({ zones: ['cluster.local', 'in-addr.arpa', 'ip6.arpa'], pods: 'insecure', ttl: 30, fallthrough: ['in-addr.arpa', 'ip6.arpa'], endpointPodNames: false, forward: '/etc/resolv.conf', cache: 30, cacheDisabled: { success: ['cluster.local'], denial: ['cluster.local'] }, log: false, errors: true });
  });

  it('plugin/kubernetes setup.go: ttl must be 0–3600 and pods one of disabled/verified/insecure; an unknown plugin is refused', () => {
    expect(parseCorefile(DEFAULT_COREFILE_WITH('ttl 9000'))).toMatchObject({ message: 'kubernetes: ttl must be in range [0, 3600]: 9000' });
    expect(parseCorefile(DEFAULT_COREFILE_WITH('pods maybe'))).toMatchObject({ message: expect.stringContaining('wrong value for pods: maybe') });
    expect(parseCorefile('.:53 {\n  rewrite name a b\n}\n')).toMatchObject({ message: "Unknown directive 'rewrite'" });
  });

  it('a ttl edit changes the TTL of cluster answers', () => {
    const cfg = parseCorefile(DEFAULT_COREFILE_WITH('ttl 5')) as CoreDnsConfig;
    expect(ask('backend.shop.svc.cluster.local', 'A', cfg).answer[0]?.ttl).toBe(5);
  });
});

/** The default Corefile with the kubernetes block's options replaced by `opt` (plus ttl 30 unless opt sets ttl). */
function DEFAULT_COREFILE_WITH(opt: string): string {
  const ttl = opt.startsWith('ttl') ? '' : '\n       ttl 30';
  return `.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       ${opt.startsWith('pods') ? opt : 'pods insecure'}\n       fallthrough in-addr.arpa ip6.arpa${opt.startsWith('ttl') ? `\n       ${opt}` : ttl}\n    }\n    forward . /etc/resolv.conf\n    cache 30\n}\n`;
}

describe('the cache plugin and kubeadm\'s cluster-domain exception', () => {
  // kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap (commit 008b3652):
  // `cache 30 {` / `disable success cluster.local` / `disable denial cluster.local` / `}`; coredns plugin/cache
  // README: `disable success|denial [ZONES...]` turns caching off for those zones, and cached answers carry at most
  // the cap as TTL.
  it('the default Corefile is kubeadm\'s, with caching disabled for cluster.local', () => {
    expect(DEFAULT_COREFILE).toContain('    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n');
    expect(DEFAULT_COREDNS_CONFIG.cacheDisabled).toEqual({ success: ['cluster.local'], denial: ['cluster.local'] });
  });

  it('a kubernetes ttl above the cache cap reaches clients unchanged while cluster.local is not cached, and capped once it is', () => {
    const uncached = parseCorefile(DEFAULT_COREFILE.replace('ttl 30', 'ttl 60')) as CoreDnsConfig;
    expect(ask('backend.shop.svc.cluster.local', 'A', uncached).answer[0]?.ttl).toBe(60);
    const cached = parseCorefile(DEFAULT_COREFILE.replace('ttl 30', 'ttl 60').replace(/ {7}disable (success|denial) cluster\.local\n/g, '')) as CoreDnsConfig;
    expect(cached.cacheDisabled).toEqual({ success: [], denial: [] });
    expect(ask('backend.shop.svc.cluster.local', 'A', cached).answer[0]?.ttl).toBe(30);
  });

  it('an unknown disable type is refused with its line', () => {
    expect(parseCorefile(DEFAULT_COREFILE.replace('disable denial', 'disable sometimes'))).toMatchObject({ message: 'cache: disable: unknown type "sometimes" (success or denial)' });
  });
});
