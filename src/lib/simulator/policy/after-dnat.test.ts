/**
 * `policyAfterDnat`: the concept page says that for ipBlock "the behavior … with respect to NAT … is undefined":
 * whether Service DNAT happens before or after policy evaluation depends on the plugin
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/, ipBlock notes). By default (true)
 * egress is judged on the chosen pod and its targetPort, as Calico and Cilium do with kube-proxy; with false, on
 * the ClusterIP and the Service port. Ingress is judged at the pod either way.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { POLICIES, POLICY_START, withPolicies } from './fixture.ts';

const KUBE_DNS_IPBLOCK = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dns-by-service-ip, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 10.96.0.10/32 } }]
      ports: [{ protocol: UDP, port: 53 }]
`;

const SERVICE_PORT_EGRESS = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: frontend-egress-80, namespace: shop }
spec:
  podSelector: { matchLabels: { app: frontend } }
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 10.96.20.10/32 } }]
      ports: [{ protocol: TCP, port: 80 }]
`;

describe('policyAfterDnat', () => {
  it('defaults to after DNAT: allow-dns (pod selectors) lets names resolve; an ipBlock on the kube-dns ClusterIP does not', () => {
    const selectors = createCluster(withPolicies('default-deny-all', 'allow-dns', 'frontend-egress', 'backend-ingress'));
    expect(selectors.connect({ from: 'shop/frontend', to: 'backend', port: 80 }).status).toBe('connected');
    const byIp = createCluster(`${withPolicies('default-deny-all', 'frontend-egress', 'backend-ingress')}${KUBE_DNS_IPBLOCK}`);
    const r = byIp.connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r.status).toBe('dns-timeout');
    expect(r.steps.some((s) => s.phase === 'delivery' && /SYN/.test(s.details))).toBe(false); // no TCP attempt
  });

  it('before DNAT: the ipBlock on 10.96.0.10 lets names resolve, and pod selectors for DNS no longer match', () => {
    const byIp = createCluster(`${withPolicies('default-deny-all', 'backend-ingress')}${KUBE_DNS_IPBLOCK}${SERVICE_PORT_EGRESS}`, { policyAfterDnat: false });
    expect(byIp.model.network.policyAfterDnat).toBe(false);
    const ok = byIp.connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(ok.status).toBe('connected');
    const selectors = createCluster(withPolicies('default-deny-all', 'allow-dns', 'frontend-egress', 'backend-ingress'), { policyAfterDnat: false });
    const r = selectors.connect({ from: 'shop/frontend', to: 'backend', port: 80 });
    expect(r.status).toBe('dns-timeout');
    expect(r.reason).toContain('10.96.0.10');
  });

  it('before DNAT, an egress rule on the targetPort (8080) no longer matches traffic to the Service port 80', () => {
    const text = `${withPolicies('default-deny-all', 'frontend-egress', 'backend-ingress')}${KUBE_DNS_IPBLOCK}`;
    const r = createCluster(text, { policyAfterDnat: false }).connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80 });
    expect(r.status).toBe('policy-denied');
    expect(r.reason).toContain('TCP/80 to 10.96.20.10');
    // By pod IP there is no DNAT, so the rule on 8080 matches either way.
    expect(createCluster(text, { policyAfterDnat: false }).connect({ from: 'shop/frontend', to: 'shop/backend-1', port: 8080 }).allowed).toBe(true);
    expect(POLICIES['frontend-egress']).toContain('port: 8080');
  });

  it('leaves the pod matrix alone (no Service is involved)', () => {
    const text = withPolicies('default-deny-all', 'frontend-egress', 'backend-ingress');
    expect(createCluster(text, { policyAfterDnat: false }).reachability({ port: 8080 })).toEqual(createCluster(text).reachability({ port: 8080 }));
    expect(createCluster(POLICY_START).model.network.policyAfterDnat).toBeUndefined();
  });
});
