/**
 * The choices Kubernetes leaves to kube-proxy's mode and to the network plugin, as createCluster options.
 * Sources: kube-proxy nftables rules "Reject traffic to invalid ports of ClusterIPs" / "Drop traffic to unallocated
 * ClusterIPs" (kubernetes/kubernetes pkg/proxy/nftables/proxier.go); IPVS binds ClusterIPs to kube-ipvs0
 * (https://kubernetes.io/docs/reference/networking/virtual-ips/#proxy-mode-ipvs); NetworkPolicy only names TCP,
 * UDP and SCTP (https://kubernetes.io/docs/concepts/services-networking/network-policies/); Cilium CIDR rules
 * do not select cluster endpoints (docs.cilium.io, Policy language, CIDR based).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import type { ClusterOptions } from './index.ts';
import { LESSON_YAML } from './fixtures.ts';

const denyAllButCidr = `${LESSON_YAML}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-from-pod-network, namespace: default}
spec:
  podSelector: {matchLabels: {app: b}}
  ingress:
  - from: [{ipBlock: {cidr: 10.244.0.0/16}}]
`;

const withMode = (opts: ClusterOptions) => createCluster(LESSON_YAML, opts);

describe('kube-proxy mode', () => {
  it('defaults to iptables with a Calico-like policy plugin', () => {
    expect(createCluster(LESSON_YAML).model.network).toEqual({ kubeProxyMode: 'iptables', policyPlugin: 'calico', datapath: 'host-gw' });
  });

  it.each([
    ['iptables', 'timeout'],
    ['nftables', 'refused'],
    ['ipvs', 'refused'],
  ] as const)('a port the Service does not expose: %s → %s', (mode, status) => {
    const r = withMode({ kubeProxyMode: mode }).connect({ from: 'pod-a', to: 'web.prod', port: 8080 });
    expect(r.allowed).toBe(false);
    expect(r.status).toBe(status);
  });

  it('ping to a ClusterIP: lost in iptables mode, rejected in nftables mode, answered by the node in IPVS mode', () => {
    expect(withMode({ kubeProxyMode: 'iptables' }).connect({ from: 'pod-a', to: 'web.prod', protocol: 'ICMP' }).status).toBe('timeout');
    expect(withMode({ kubeProxyMode: 'nftables' }).connect({ from: 'pod-a', to: 'web.prod', protocol: 'ICMP' }).status).toBe('refused');
    const ipvs = withMode({ kubeProxyMode: 'ipvs' }).connect({ from: 'pod-a', to: 'web.prod', protocol: 'ICMP' });
    expect(ipvs.allowed).toBe(true);
    expect(ipvs.reason).toContain('kube-ipvs0');
    expect(ipvs.target?.pod).toBeUndefined();
  });

  it('names the rules of its mode in the DNAT step', () => {
    const r = withMode({ kubeProxyMode: 'nftables' }).connect({ from: 'pod-a', to: 'web.prod', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps.find((s) => s.action === 'Service DNAT')?.details).toContain('nftables rules');
  });
});

describe('policy plugin', () => {
  it('none: policies are stored but nothing is enforced', () => {
    const enforced = createCluster(LESSON_YAML);
    const none = createCluster(LESSON_YAML, { policyPlugin: 'none' });
    expect(enforced.connect({ from: 'pod-a', to: 'default/pod-b', port: 80 }).status).toBe('policy-denied');
    const r = none.connect({ from: 'pod-a', to: 'default/pod-b', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps.some((s) => s.details.includes('does not enforce NetworkPolicy'))).toBe(true);
    expect(none.model.networkPolicies.length).toBe(enforced.model.networkPolicies.length);
    expect(none.reachability({ port: 80 }).allowed).toEqual(none.naiveReachability({ port: 80 }).allowed);
  });

  it('cilium: an ipBlock covering the pod network does not select pods; calico: it does', () => {
    const calico = createCluster(denyAllButCidr, { policyPlugin: 'calico' });
    const cilium = createCluster(denyAllButCidr, { policyPlugin: 'cilium' });
    const ingressOnly = (c: ReturnType<typeof createCluster>) => c.explain('pod-a', 'pod-b', 80)?.ingress.allowed;
    expect(ingressOnly(calico)).toBe(true);
    expect(ingressOnly(cilium)).toBe(false);
    for (const c of [calico, cilium]) expect(c.reachability({ port: 80 }).allowed).toEqual(c.naiveReachability({ port: 80 }).allowed);
  });
});
