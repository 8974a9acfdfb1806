/**
 * Per-query DNS trace steps (trace option `dnsQueries`), checked against the query order of a stub resolver
 * (resolv.conf(5) ndots; glibc __res_context_search) and the lesson 6 brief's §5 tracker for `cross-namespace`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { DNS_CLUSTER_YAML, DNS_UPSTREAM } from './fixture.ts';

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
});
