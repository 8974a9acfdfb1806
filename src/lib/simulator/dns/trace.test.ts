/**
 * Per-query DNS trace steps (trace option `dnsQueries`), checked against the query order of a stub resolver
 * (resolv.conf(5) ndots; glibc __res_context_search) and the lesson 6 brief's §5 tracker for `cross-namespace`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { DNS_CLUSTER_YAML, DNS_UPSTREAM } from './fixture.ts';
import { dnsTrace } from './trace.ts';
import { checkDnsExpectation } from './expect.ts';

const c = createCluster(DNS_CLUSTER_YAML, DNS_UPSTREAM);
const steps = (from: string, to: string, port = 80) => {
  const r = c.connect({ from, to, port, dnsQueries: true });
  return { r, dns: r.steps.filter((s) => s.phase === 'dns') };
};

describe('dnsQueries trace option', () => {
  it('prometheus → backend: three cluster NXDOMAINs and the absolute name forwarded upstream, then the lookup fails', () => {
    const { r, dns } = steps('monitoring/prometheus', 'backend');
    expect(dns.map((s) => s.state.Query)).toEqual(['backend.monitoring.svc.cluster.local → NXDOMAIN', 'backend.svc.cluster.local → NXDOMAIN', 'backend.cluster.local → NXDOMAIN', 'backend → NXDOMAIN', '–']);
    expect(dns.map((s) => s.state.Queries)).toEqual(['1', '2', '3', '4', '4']);
    expect(dns[3]?.actor).toBe('Upstream DNS');
    expect(r.status).toBe('nxdomain');
  });

  it('prometheus → backend.shop: NXDOMAIN in monitoring, then the Service answers; the connection goes on through kube-proxy', () => {
    const { r, dns } = steps('monitoring/prometheus', 'backend.shop');
    expect(dns.map((s) => s.state.Query)).toEqual(['backend.shop.monitoring.svc.cluster.local → NXDOMAIN', 'backend.shop.svc.cluster.local → A 10.96.20.10 (TTL 30)']);
    expect(r.target?.ip).toBe('10.96.20.10');
  });

  it('frontend → api.payments.example costs 4 queries; with a trailing dot, 1', () => {
    expect(steps('shop/frontend', 'api.payments.example').dns.at(-1)?.state.Queries).toBe('4');
    const abs = steps('shop/frontend', 'api.payments.example.').dns;
    expect(abs.map((s) => s.state.Query)).toEqual(['api.payments.example → A 203.0.113.20 (TTL 30)']);
  });

  it('without the option a connection keeps the one-step DNS summary', () => {
    const r = c.connect({ from: 'monitoring/prometheus', to: 'backend.shop', port: 80 });
    expect(r.actors).not.toContain('Query');
  });

  it('the one-step summary names who answered: the upstream for an external name, the CNAME for an ExternalName, the pod\'s own nameserver under dnsPolicy Default', () => {
    const ext = c.connect({ from: 'shop/frontend', to: 'payments', port: 443 }).steps.find((s) => s.phase === 'dns' && s.actor === 'CoreDNS');
    expect(ext?.details).toContain('CNAME api.payments.example');
    const def = createCluster(DNS_CLUSTER_YAML.replace('metadata: {name: frontend, namespace: shop, labels: {app: frontend}}\nspec:\n', 'metadata: {name: frontend, namespace: shop, labels: {app: frontend}}\nspec:\n  dnsPolicy: Default\n'), DNS_UPSTREAM);
    const r = def.connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r.steps[0]?.details).toContain('to the nameserver 192.0.2.53 (the upstream resolver');
    expect(r.status).toBe('nxdomain');
  });
});

describe('kind: dns traces (dnsTrace)', () => {
  it('external-ndots (lesson 6 brief §5 trace 4): resolv.conf, three cluster NXDOMAINs, the forwarded absolute name; a trailing dot costs one query', () => {
    const t = dnsTrace(c.state, { from: 'shop/frontend', name: 'api.payments.example' });
    expect(t.steps.map((s) => s.actor)).toEqual(['frontend', 'CoreDNS', 'CoreDNS', 'CoreDNS', 'Upstream DNS']);
    expect([t.allowed, t.status, t.steps.at(-1)?.state.Queries]).toEqual([true, 'resolved', '4']);
    expect(t.steps[0]?.details).toContain('ndots 5');
    const abs = dnsTrace(c.state, { from: 'shop/frontend', name: 'api.payments.example.' });
    expect(abs.steps.at(-1)?.state.Queries).toBe('1');
  });

  it('an SRV lookup ends with the record count; a name that nothing has ends in a failed step', () => {
    const srv = dnsTrace(c.state, { from: 'shop/frontend', name: '_postgres._tcp.db', type: 'SRV' });
    expect(srv.steps.at(-1)?.result).toBe('2 SRV records');
    const bad = dnsTrace(c.state, { from: 'monitoring/prometheus', name: 'backend' });
    expect([bad.allowed, bad.status, bad.steps.at(-1)?.outcome]).toEqual([false, 'nxdomain', 'error']);
  });
});


describe('DNS lab checks (checkDnsExpectation), for lab tasks of the lesson 6 brief §6', () => {
  it('"Name each replica": db-1.db → db-1\'s IP (spec §2.4.1); SRV lists both (spec §2.4.2)', () => {
    expect(checkDnsExpectation(c.state, { from: 'shop/frontend', resolve: 'db-1.db', answer: ['10.244.1.9'] }).passed).toBe(true);
    expect(checkDnsExpectation(c.state, { from: 'shop/frontend', resolve: '_postgres._tcp.db.shop.svc.cluster.local', type: 'SRV', count: 2 }).passed).toBe(true);
  });

  it('"Fewer queries": api.payments.example takes 4 queries under ndots:5 (resolv.conf(5)), so `queries: 1` fails until ndots or a trailing dot changes it', () => {
    const r = checkDnsExpectation(c.state, { from: 'shop/frontend', resolve: 'api.payments.example', queries: 1 });
    expect([r.passed, r.queries]).toEqual([false, 4]);
    expect(r.reason).toContain('expected at most 1 query, took 4');
    expect(checkDnsExpectation(c.state, { from: 'shop/frontend', resolve: 'api.payments.example.', queries: 1 }).passed).toBe(true);
  });

  it('"Across namespaces": backend does not resolve from monitoring; backend.shop does', () => {
    expect(checkDnsExpectation(c.state, { from: 'monitoring/prometheus', resolve: 'backend', resolves: false }).passed).toBe(true);
    expect(checkDnsExpectation(c.state, { from: 'monitoring/prometheus', resolve: 'backend.shop', answer: ['10.96.20.10'] }).passed).toBe(true);
  });
});
