import { describe, it, expect } from 'vitest';
import { createCluster } from './cluster.ts';
import { trackerRows, trackerTable } from './trace.ts';
import { LESSON_YAML, podYaml } from './fixtures.ts';

describe('connect()', () => {
  it('traces the basic pod-a → pod-b case on one node, denied by deny-all', () => {
    const c = createCluster(LESSON_YAML);
    const r = c.connect({ from: 'pod-a', to: 'default/pod-b', port: 80, nodeRows: true });
    expect(r.allowed).toBe(false);
    expect(r.status).toBe('policy-denied');
    expect(r.reason).toMatch(/^Denied by ingress isolation of default\/pod-b: selected by NetworkPolicy "deny-all" \(policyTypes Ingress\) and no ingress rule of any selecting policy allows TCP\/80 from default\/pod-a/);
    expect(r.steps.map((s) => [s.phase, s.actor, s.outcome])).toEqual([
      ['delivery', 'pod-a', 'ok'],
      ['policy', 'NetworkPolicy', 'ok'],
      ['routing', 'node-1 bridge (cni0)', 'ok'],
      ['policy', 'NetworkPolicy', 'denied'],
    ]);
    // The node row shows what happens on node-1 at the step it acts (the bridge), and "–" otherwise.
    expect(r.actors).toEqual(['pod-a', 'Network policy', 'node-1', 'pod-b', 'Packet']);
    expect(r.initialState).toEqual({ 'pod-a': 'Idle', 'Network policy': 'Not checked', 'node-1': '–', 'pod-b': 'Listening :80', Packet: '–' });
    expect(r.steps.map((s) => s.state['node-1'])).toEqual(['–', '–', "Bridged to pod-b's veth", '–']);
    expect(r.steps.at(-1)?.state).toMatchObject({ 'pod-a': 'Timed out', 'Network policy': 'Egress allowed, ingress denied', 'node-1': '–', 'pod-b': 'Listening :80' });
    // A policy drop moves no packet: the Packet row keeps the SYN as it arrived at node-1's bridge (no hop, TTL 64).
    expect(r.steps.at(-1)?.state['Packet']).toMatch(/^10\.244\.0\.\d+:\d+ → 10\.244\.0\.\d+:80 TCP, TTL 64$/);
    expect(trackerRows(r)).toEqual(r.actors);
    expect(trackerTable(r).columns).toEqual(['Start', 'Step 1', 'Step 2', 'Step 3', 'Step 4']);
  });

  it('traces an allowed cross-node request through the Service with DNS, DNAT and conntrack reply', () => {
    const c = createCluster(LESSON_YAML.replace(/---\napiVersion: networking.k8s.io\/v1[\s\S]*$/, ''));
    const r = c.connect({ from: 'default/pod-a', to: 'web.prod', port: 80 });
    expect(r.allowed).toBe(true);
    expect(r.steps.map((s) => s.phase)).toEqual(['dns', 'dns', 'delivery', 'service', 'policy', ...r.steps.slice(5, -4).map(() => 'routing'), 'policy', 'delivery', 'response', 'response']);
    expect(r.target).toMatchObject({ service: 'prod/web', targetPort: 8080, fqdn: 'web.prod.svc.cluster.local' });
    expect(r.actors.slice(0, 4)).toEqual(['pod-a', 'DNS', 'Service', 'Network policy']);
    expect(r.steps.some((s) => /conntrack/.test(s.details) && s.phase === 'response')).toBe(true);
    const backends = c.model.pods.filter((p) => p.namespace === 'prod').map((p) => p.ip).sort();
    expect(backends).toContain(r.target?.podIP);
    // backend hint
    const other = c.model.pods.find((p) => p.namespace === 'prod' && p.ip !== r.target?.podIP)!;
    expect(c.connect({ from: 'pod-a', to: 'web.prod', port: 80, backend: other.name }).target?.pod).toBe(`prod/${other.name}`);
    // cross-node hop named when backend is on node-2
    const onNode2 = c.model.pods.find((p) => p.namespace === 'prod' && p.nodeName === 'node-2')!;
    const cross = c.connect({ from: 'pod-a', to: onNode2.ip, port: 8080 });
    expect(cross.steps.filter((s) => s.phase === 'routing').map((s) => s.actor)).toEqual(['node-1', 'node-2 bridge (cni0)']);
  });

  it.each([
    ['unknown short name is NXDOMAIN with a hint for bare pod names', { from: 'pod-a', to: 'pod-b' }, 'nxdomain', /NXDOMAIN.*A pod's own name is not a DNS name/],
    ['unknown source pod', { from: 'ghost', to: 'default/pod-b' }, 'error', /pods "ghost" not found in namespace "default"/],
    ['service with no endpoints is refused', { from: 'pod-a', to: 'empty' }, 'refused', /no ready endpoints/],
    ['port the service does not expose times out', { from: 'pod-a', to: 'web.prod', port: 443 }, 'timeout', /does not expose TCP\/443/],
    ['ping to a ClusterIP gets no reply', { from: 'pod-a', to: 'web.prod.svc.cluster.local', protocol: 'ICMP' as const }, 'timeout', /in iptables mode the echo request is dropped/],
    ['headless service with no ready pods is NXDOMAIN, and says why', { from: 'pod-a', to: 'db.prod' }, 'nxdomain', /NXDOMAIN: prod\/db is a headless Service with no ready endpoints/],
    ['unknown pod IP times out', { from: 'pod-a', to: '10.244.9.9' }, 'timeout', /no pod has IP 10.244.9.9/],
    ['invalid protocol', { from: 'pod-a', to: 'web.prod', protocol: 'HTTP' as never }, 'error', /Unsupported protocol/],
    ['invalid port', { from: 'pod-a', to: 'web.prod', port: 0 }, 'error', /Invalid port/],
  ])('%s', (_n, req, status, reason) => {
    const c = createCluster(LESSON_YAML);
    const r = c.connect(req);
    expect(r.allowed).toBe(false);
    expect(r.status).toBe(status);
    expect(r.reason).toMatch(reason);
  });

  it('answers only where a process listens: nginx on 80, nothing in a busybox running sleep', () => {
    const c = createCluster(LESSON_YAML.replace(/---\napiVersion: networking.k8s.io\/v1[\s\S]*$/, ''));
    expect(c.connect({ from: 'pod-a', to: 'default/pod-b', port: 80 }).allowed).toBe(true);
    const closed = c.connect({ from: 'pod-a', to: 'default/pod-b', port: 81 });
    expect(closed.status).toBe('refused');
    expect(closed.reason).toBe('Connection refused: nothing listens on 81/TCP in default/pod-b (10.244.0.3); processes listen on 80/TCP (nginx in "web").');
    const idle = c.connect({ from: 'pod-b', to: 'default/pod-a', port: 1234 });
    expect(idle.status).toBe('refused');
    expect(idle.reason).toContain('no process in it listens on any port');
  });

  it('a pod can always reach itself, even when isolated', () => {
    const c = createCluster(LESSON_YAML);
    expect(c.connect({ from: 'pod-b', to: 'default/pod-b', port: 80 }).allowed).toBe(true);
  });

  it('egress default-deny breaks DNS until UDP/53 to kube-dns is allowed', () => {
    const base = `${podYaml('client', 'shop', { app: 'client' })}${podYaml('api', 'shop', { app: 'api' })}---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80}]}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Egress]}\n`;
    const c = createCluster(base);
    const denied = c.connect({ from: 'shop/client', to: 'api', port: 80 });
    expect(denied.status).toBe('dns-timeout');
    expect(denied.reason).toMatch(/DNS lookup of "api" timed out.*egress isolation of shop\/client/);
    c.apply(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-dns, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports: [{protocol: UDP, port: 53}]\n`);
    const now = c.connect({ from: 'shop/client', to: 'api', port: 80 });
    expect(now.status).toBe('policy-denied');
    expect(now.reason).toMatch(/egress isolation of shop\/client/);
  });

  it('external destinations are judged by egress ipBlock rules', () => {
    const c = createCluster(`${podYaml('p', 'default', { app: 'p' })}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-8-8-8-8}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [{ipBlock: {cidr: 8.8.8.8/32}}]\n`);
    expect(c.connect({ from: 'p', to: '8.8.8.8', port: 443 }).allowed).toBe(true);
    expect(c.connect({ from: 'p', to: '1.1.1.1', port: 443 }).status).toBe('policy-denied');
  });
});
