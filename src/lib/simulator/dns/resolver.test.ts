/**
 * A pod's resolver: /etc/resolv.conf as the kubelet builds it (kubernetes pkg/kubelet/network/dns/dns.go GetPodDNS,
 * getPodDNSType, appendDNSConfig; containerd writes `search`, `nameserver`, `options` lines), the API server's
 * validation of dnsPolicy/dnsConfig (pkg/apis/core/validation/validation.go validatePodDNSConfig), and the query
 * order of a stub resolver (resolv.conf(5) "ndots"; glibc resolv/res_query.c __res_context_search).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { DNS_CLUSTER_YAML, DNS_UPSTREAM } from './fixture.ts';

const pod = (name: string, spec: string) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  nodeName: node-1\n  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]\n${spec}`;
const cat = (c: ReturnType<typeof createCluster>, p: string) => c.kubectl(`exec -n shop ${p} -- cat /etc/resolv.conf`).stdout;

describe('resolv.conf per dnsPolicy', () => {
  const c = createCluster(
    DNS_CLUSTER_YAML +
      pod('def', '  dnsPolicy: Default\n') +
      pod('none', '  dnsPolicy: None\n  dnsConfig: {nameservers: [1.1.1.1], searches: [corp.example], options: [{name: ndots, value: "2"}, {name: edns0}]}\n') +
      pod('tuned', '  dnsConfig: {searches: [corp.example], options: [{name: ndots, value: "2"}]}\n') +
      pod('hostnet', '  hostNetwork: true\n') +
      pod('hostnet-cf', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n'),
    DNS_UPSTREAM,
  );

  it('ClusterFirst (the default): the kube-dns IP, the namespace search list, ndots:5 (kubernetes.io dns-pod-service "example resolv.conf")', () => {
    expect(cat(c, 'frontend')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('Default: the node\'s resolv.conf (getPodDNSType podDNSHost), here the upstream resolver', () => {
    expect(cat(c, 'def')).toBe('nameserver 192.0.2.53\n');
  });

  it('None: only dnsConfig (GetPodDNS "DNSNone should use empty DNS settings as the base")', () => {
    expect(cat(c, 'none')).toBe('search corp.example\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
  });

  it('dnsConfig is appended to ClusterFirst; an option of the same name replaces the default (appendDNSConfig, mergeDNSOptions)', () => {
    expect(cat(c, 'tuned')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:2\n');
  });

  it('hostNetwork with ClusterFirst falls back to Default; ClusterFirstWithHostNet keeps the cluster DNS (getPodDNSType)', () => {
    expect(cat(c, 'hostnet')).toBe('nameserver 192.0.2.53\n');
    expect(cat(c, 'hostnet-cf')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('Default breaks cluster names and keeps external ones (dns-pod-service: "Default is not the default")', () => {
    expect(c.resolve('backend', 'shop/def').answer).toBeNull();
    expect(c.resolve('api.payments.example', 'shop/def').answer?.ips).toEqual(['203.0.113.20']);
  });
});

describe('validation of dnsPolicy and dnsConfig (validatePodDNSConfig)', () => {
  const err = (spec: string) => {
    try {
      createCluster(DNS_CLUSTER_YAML + pod('bad', spec));
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  it.each([
    ['  dnsPolicy: None\n', 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None'],
    ['  dnsPolicy: None\n  dnsConfig: {searches: [a.example]}\n', 'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None'],
    ['  dnsConfig: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]}\n', 'must not have more than 3 nameservers'],
    ['  dnsConfig: {nameservers: [1.2.3.c]}\n', 'spec.dnsConfig.nameservers[0]: Invalid value: "1.2.3.c"'],
    ['  dnsConfig: {searches: [Bad_Domain]}\n', 'spec.dnsConfig.searches[0]: Invalid value: "Bad_Domain"'],
    ['  dnsConfig: {options: [{value: "2"}]}\n', 'spec.dnsConfig.options[0]: Required value: must not be empty'],
    ['  dnsPolicy: Sometimes\n', 'spec.dnsPolicy: Unsupported value: "Sometimes"'],
  ])('%s', (spec, message) => {
    expect(err(spec)).toContain(message);
  });
});

describe('search-list expansion (resolv.conf(5) ndots; glibc __res_context_search)', () => {
  const c = createCluster(DNS_CLUSTER_YAML + pod('tuned', '  dnsConfig: {options: [{name: ndots, value: "2"}]}\n'), DNS_UPSTREAM);
  const trail = (name: string, from: string) => c.resolve(name, from).queries.map((q) => `${q.name} ${q.rcode}`);

  it('`backend` from monitoring: three cluster NXDOMAINs, then the absolute name, NXDOMAIN upstream (lesson 6 brief §5 tracker)', () => {
    expect(trail('backend', 'monitoring/prometheus')).toEqual(['backend.monitoring.svc.cluster.local NXDOMAIN', 'backend.svc.cluster.local NXDOMAIN', 'backend.cluster.local NXDOMAIN', 'backend NXDOMAIN']);
  });

  it('`backend.shop` from monitoring: NXDOMAIN in the own namespace, then svc.cluster.local answers', () => {
    expect(trail('backend.shop', 'monitoring/prometheus')).toEqual(['backend.shop.monitoring.svc.cluster.local NXDOMAIN', 'backend.shop.svc.cluster.local NOERROR']);
    expect(c.resolve('backend.shop', 'monitoring/prometheus').answer?.ips).toEqual(['10.96.20.10']);
  });

  it('an FQDN with a trailing dot is queried once; `api.payments.example` (2 dots < 5) costs three NXDOMAINs first', () => {
    expect(trail('backend.shop.svc.cluster.local.', 'shop/frontend')).toEqual(['backend.shop.svc.cluster.local NOERROR']);
    expect(trail('api.payments.example', 'shop/frontend')).toEqual(['api.payments.example.shop.svc.cluster.local NXDOMAIN', 'api.payments.example.svc.cluster.local NXDOMAIN', 'api.payments.example.cluster.local NXDOMAIN', 'api.payments.example NOERROR']);
  });

  it('with ndots:2 a name with 2 dots is tried as is first (one query)', () => {
    expect(trail('api.payments.example', 'shop/tuned')).toEqual(['api.payments.example NOERROR']);
  });

  it('cluster.resolve answers SRV and PTR too', () => {
    expect(c.resolve('_postgres._tcp.db', 'shop/frontend', 'SRV').response?.answer.map((r) => r.data)).toEqual(['db-0.db.shop.svc.cluster.local', 'db-1.db.shop.svc.cluster.local']);
    expect(c.resolve('10.20.96.10.in-addr.arpa.', 'shop/frontend', 'PTR').response?.answer[0]?.data).toBe('backend.shop.svc.cluster.local');
  });

  it('CoreDNS scaled away: no server is reachable, nothing is answered', () => {
    const down = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);
    down.kubectl('delete deployment coredns -n kube-system');
    const r = down.resolve('backend', 'shop/frontend');
    expect([r.server.kind, r.answer, r.queries.length]).toEqual(['unreachable', null, 0]);
  });
});
