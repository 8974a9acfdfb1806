/**
 * Connections through a ClusterIP, as kube-proxy's rules and conntrack handle them. Sources, per test:
 * - https://kubernetes.io/docs/reference/networking/virtual-ips/ ("kube-proxy … chooses a backend at random",
 *   "Session affinity", "Traffic to terminating endpoints", internalTrafficPolicy);
 * - kubernetes/kubernetes pkg/proxy/iptables/proxier.go and pkg/proxy/nftables/proxier.go (chains, REJECT/DROP
 *   for "has no endpoints" / "has no local endpoints"), pkg/proxy/topology.go CategorizeEndpoints;
 * - conntrack-tools 1.4.7 src/conntrack.c and libnetfilter_conntrack src/conntrack/snprintf_default.c (`conntrack -L`
 *   line layout and the "flow entries have been shown" summary);
 * - test/e2e/network/service.go "should have session affinity work for service with type clusterIP"
 *   (every request from one client reaches the same backend) and "should serve multiport endpoints from pods"
 *   (requests spread over the endpoints).
 * Backend choice is seeded by the connection tuple, so these assertions are fixed, not random.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { trackerRows } from '../trace.ts';
import { shopYaml } from './l5-fixture.ts';

const node3 = (c: ReturnType<typeof createCluster>, cmd: string) => c.kubectl(`debug node/node-3 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host ${cmd}`);

describe('ClusterIP through kube-proxy', () => {
  it('the trace names the chains that matched and the conntrack entry (brief §5 trace "clusterip"; proxier.go chain names)', () => {
    const c = createCluster(shopYaml());
    const r = c.connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80, backend: 'backend-2', nodeRows: true });
    expect(r.status).toBe('connected');
    expect(r.target?.pod).toBe('shop/backend-2');
    expect(trackerRows(r).slice(0, 4)).toEqual(['frontend', 'Network policy', 'kube-proxy rules (node-3)', 'conntrack (node-3)']);
    const dnat = r.steps.find((s) => s.action === 'Service DNAT');
    expect(dnat?.details).toContain('rule 1 (probability 0.33333333349) does not, rule 2 (probability 0.50000000000) matches → KUBE-SEP-DQGV2CJWAK3OUXVA');
    expect(dnat?.state['kube-proxy rules (node-3)']).toBe('KUBE-SEP-DQGV2CJWAK3OUXVA (backend-2): DNAT');
    expect(r.steps.find((s) => s.action === 'kube-proxy rules match the ClusterIP')?.result).toBe('→ KUBE-SVC-J7AG6KGDZTGIPWLW');
    expect(r.steps.at(-1)?.state['conntrack (node-3)']).toMatch(/^ESTABLISHED: reply un-DNATed to 10\.96\.20\.10:80 → 10\.244\.2\.5:\d+$/);
  });

  it('nftables mode names the service-ips map and the numgen pick (nftables proxier_test.go chain names)', () => {
    const c = createCluster(shopYaml(), { kubeProxyMode: 'nftables' });
    const r = c.connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80, backend: 'backend-2', nodeRows: true });
    expect(r.steps.find((s) => s.action === 'kube-proxy rules match the ClusterIP')?.result).toBe('→ service-G32V7N3Q-shop/backend/tcp/http');
    expect(r.steps.find((s) => s.action === 'Service DNAT')?.details).toContain('`numgen random mod 3` gives 1 → goto endpoint-SDLGRJ44-shop/backend/tcp/http__10.244.1.7/8080');
  });

  it('conntrack -L on the client node shows the DNATed connection (conntrack-tools -L format)', () => {
    const c = createCluster(shopYaml());
    expect(c.kubectl('exec -n shop frontend -- wget -qO- -T 2 http://10.96.20.10/').exitCode).toBe(0);
    const out = node3(c, 'conntrack -L -d 10.96.20.10');
    const sport = Number(/sport=(\d+) dport=80 /.exec(out.stdout)?.[1]);
    const backend = /src=(10\.244\.\d+\.\d+) dst=10\.244\.2\.5 sport=8080/.exec(out.stdout)?.[1] ?? '';
    expect(out.stdout).toContain(`tcp      6 120 TIME_WAIT src=10.244.2.5 dst=10.96.20.10 sport=${sport} dport=80 src=${backend} dst=10.244.2.5 sport=8080 dport=${sport} [ASSURED] mark=0 use=1\n`);
    expect(out.stdout).toContain('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.');
    // The backend's node tracks the forwarded (already translated) flow; a fresh cluster's tables are empty.
    const backendNode = backend.startsWith('10.244.0.') ? 'node-1' : 'node-2';
    expect(c.kubectl(`debug node/${backendNode} -it --image=busybox:1.36 --profile=sysadmin -- chroot /host conntrack -L`).stdout).toContain(`src=10.244.2.5 dst=${backend} sport=${sport} dport=8080`);
    expect(node3(createCluster(shopYaml()), 'conntrack -L').stdout).toContain('0 flow entries have been shown.');
    expect(c.kubectl('debug node/node-3 -it --image=busybox:1.36 --profile=general -- chroot /host conntrack -L').stdout).toContain('Operation not permitted');
  });

  it('without a hint, new connections spread over the endpoints, reproducibly (virtual-ips: random backend)', () => {
    const picks = (c: ReturnType<typeof createCluster>) => Array.from({ length: 30 }, (_, connection) => c.connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80, connection }).target?.pod);
    const a = picks(createCluster(shopYaml()));
    expect(new Set(a)).toEqual(new Set(['shop/backend-1', 'shop/backend-2', 'shop/backend-3']));
    expect(picks(createCluster(shopYaml()))).toEqual(a);
  });

  it('sessionAffinity ClientIP keeps a client on one backend (e2e "session affinity work for service with type clusterIP")', () => {
    const c = createCluster(shopYaml('sessionAffinity: ClientIP'));
    // Ten wget requests from the terminal; each is a new connection, all answered by the same backend (its hostname).
    const bodies = Array.from({ length: 10 }, () => c.kubectl('exec -n shop frontend -- wget -qO- -T 2 http://10.96.20.10/').stdout);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toMatch(/^backend-[123]/);
    const plain = createCluster(shopYaml());
    expect(new Set(Array.from({ length: 10 }, () => plain.kubectl('exec -n shop frontend -- wget -qO- -T 2 http://10.96.20.10/').stdout)).size).toBeGreaterThan(1);
  });

  it('no endpoints: REJECT, refused at once (iptables "has no endpoints" rule)', () => {
    const c = createCluster(shopYaml().replace('{app: backend}\n', '{app: backnd}\n'));
    const r = c.connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80, nodeRows: true });
    expect(r.status).toBe('refused');
    expect(r.steps.at(-1)?.state['kube-proxy rules (node-3)']).toBe('REJECT: shop/backend:http has no endpoints');
  });

  it('internalTrafficPolicy Local: no endpoint on the client node → dropped, timeout (virtual-ips "Internal traffic policy")', () => {
    const c = createCluster(shopYaml('internalTrafficPolicy: Local'));
    expect(c.connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80 }).status).toBe('timeout');
  });

  it('NetworkPolicy is judged after DNAT, against the endpoint and its targetPort 8080 (network-policies docs: policies see pod IPs)', () => {
    const policy = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-80, namespace: shop}
spec:
  podSelector: {matchLabels: {app: backend}}
  policyTypes: [Ingress]
  ingress: [{ports: [{port: 80}]}]
`;
    const c = createCluster(shopYaml('type: ClusterIP', policy));
    const r = c.connect({ from: 'shop/frontend', to: '10.96.20.10', port: 80, backend: 'backend-2' });
    expect(r.status).toBe('policy-denied');
  });
});
