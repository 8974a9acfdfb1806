/**
 * curl through the cluster's Gateways: from a pod (kubectl exec) and from the lab's outside host. The response of
 * the proxy or the backend comes from l7/http.ts; curl's texts are exec/curl.ts's (curl 8.14.1: -s, -i, exit codes,
 * `curl: (6) Could not resolve host: NAME` from lib/strerror.c).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { runLabCommand } from '../../lab/lab-commands.ts';
import { EDGE_OPTIONS, EDGE_YAML } from './fixture.ts';

const TOOLBOX = `---
apiVersion: v1
kind: Pod
metadata: {name: toolbox, namespace: sandbox}
spec:
  nodeName: node-3
  containers: [{name: c, image: curlimages/curl:8.14.1, command: [sleep, infinity]}]
`;

describe('curl -H Host through a Gateway', () => {
  const c = createCluster(EDGE_YAML + TOOLBOX, EDGE_OPTIONS);
  it('from a pod, to the Gateway Service by name: the route picks the backend, which answers', () => {
    const r = c.kubectl(`-n sandbox exec toolbox -- curl -s -H 'Host: www.shop.example' http://public-gw.infra/api/items`);
    expect([r.stdout, r.exitCode]).toEqual(['backend v1\n', 0]);
  });
  it('from a pod, to the Gateway\'s load balancer IP: kube-proxy captures the VIP on the pod\'s node (proxier.go "loadbalancer IP" → KUBE-EXT), so the proxy answers', () => {
    const r = c.kubectl(`-n sandbox exec toolbox -- curl -s -H 'Host: www.shop.example' http://203.0.113.50/api/items`);
    expect([r.stdout, r.exitCode]).toEqual(['backend v1\n', 0]);
  });
  it('from a pod: a Host no route serves gets the proxy 404 (-i shows the status line)', () => {
    const r = c.kubectl(`-n sandbox exec toolbox -- curl -si -H 'Host: admin.shop.example' http://public-gw.infra/nope`);
    expect(r.stdout.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
  });
  it('from the outside host: the public name resolves in external DNS and the LB address leads to the proxy', () => {
    expect(c.external('198.51.100.7', 'curl -s http://www.shop.example/').stdout).toBe('web\n');
    expect(c.external('198.51.100.7', `curl -s -H 'Host: www.shop.example' http://203.0.113.50/api/items`).stdout).toBe('backend v1\n');
    const nx = c.external('198.51.100.7', 'curl -sS http://nowhere.example/');
    expect([nx.stderr, nx.exitCode]).toEqual(['curl: (6) Could not resolve host: nowhere.example\n', 6]);
  });
  it('from the outside host, a terminal: no progress meter when the page goes to it, and -v lines around the page', () => {
    // curl(1), PROGRESS METER: "if you invoke curl to do an operation and it is about to write data to the terminal,
    // it disables the progress meter"; with -o FILE it shows. A terminal's stdout is line-buffered, so the page
    // appears where curl wrote it: after "{ [N bytes data]", before "* Connection #0 ... left intact".
    expect(c.external('198.51.100.7', 'curl http://www.shop.example/')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(c.external('198.51.100.7', 'curl -o page.html http://www.shop.example/').stderr).toContain('% Total');
    const verbose = c.external('198.51.100.7', 'curl -v http://www.shop.example/');
    expect(verbose.chunks?.map((chunk) => chunk.stream)).toEqual(['stderr', 'stdout', 'stderr']);
    expect(verbose.chunks?.[0]?.text).toMatch(/\{ \[4 bytes data\]\n$/);
    expect(verbose.chunks?.[2]?.text).toBe('* Connection #0 to host www.shop.example left intact\n');
  });
  it('the lab terminal runs a bare curl line on the outside host', () => {
    const r = runLabCommand(c, `curl -si -H 'Host: admin.shop.example' http://203.0.113.50/nope`, '', true);
    expect(r.stdout.startsWith('HTTP/1.1 404 Not Found\r\n')).toBe(true);
  });
});

describe('repeated terminal curls: each is a new request and a new connection', () => {
  // The HTTPRoute's backendRefs weights 90/10 (Gateway API spec, HTTPBackendRef.weight: "proportion of requests
  // forwarded"); the Service shop/backend selects three pods (backend-4 answers "backend v2" too). Each curl run is a
  // new request and opens a new TCP connection (new source port), which kube-proxy's random rule
  // (pkg/proxy/iptables/proxier.go writeServiceToEndpointRules, -m statistic --mode random) spreads over endpoints.
  const URL = 'http://203.0.113.50/api/items';
  it('from the outside host: the n-th run of the same curl is cluster.http\'s n-th request (weighted split and endpoints rotate), reproducibly', () => {
    const run = () => {
      const c = createCluster(EDGE_YAML + TOOLBOX, EDGE_OPTIONS);
      return Array.from({ length: 20 }, () => runLabCommand(c, `curl -s -H 'Host: www.shop.example' ${URL}`, '', true).stdout);
    };
    const bodies = run();
    const c = createCluster(EDGE_YAML + TOOLBOX, EDGE_OPTIONS);
    const expected = Array.from({ length: 20 }, (_, i) => c.http({ from: 'external:198.51.100.7', url: URL, headers: { Host: 'www.shop.example' }, request: i }));
    expect(bodies).toEqual(expected.map((r) => r.response?.body));
    // Over 20 requests of a 90/10 split, exactly 2 go to backend-v2 (smooth weighted round-robin, exact per cycle of 10).
    expect(expected.filter((r) => r.service === 'shop/backend-v2')).toHaveLength(2);
    expect(new Set(bodies).size).toBe(2);
    expect(run()).toEqual(bodies);
  });
  it('from a pod: kubectl exec curl advances too, and its connections get new source ports (conntrack -L shows them)', () => {
    const c = createCluster(EDGE_YAML + TOOLBOX, EDGE_OPTIONS);
    const bodies = Array.from({ length: 10 }, () => c.kubectl(`-n sandbox exec toolbox -- curl -s -H 'Host: www.shop.example' http://public-gw.infra/api/items`).stdout);
    expect(new Set(bodies)).toEqual(new Set(['backend v1\n', 'backend v2\n']));
    const ct = c.kubectl('debug node/node-3 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host conntrack -L').stdout;
    const sports = new Set([...ct.matchAll(/src=10\.244\.2\.\d+ dst=\S+ sport=(\d+)/g)].map((m) => m[1]));
    expect(sports.size).toBeGreaterThan(1);
  });
  it('cluster.http stays stateless: the same input answers the same', () => {
    const c = createCluster(EDGE_YAML + TOOLBOX, EDGE_OPTIONS);
    const once = () => c.http({ from: 'external:198.51.100.7', url: URL, headers: { Host: 'www.shop.example' } }).pod;
    expect(new Set(Array.from({ length: 5 }, once)).size).toBe(1);
  });
});
