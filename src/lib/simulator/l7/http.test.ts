/**
 * cluster.http() against the Gateway API conformance tests' request → backend tables (kubernetes-sigs/gateway-api
 * conformance/tests/*.go and *.yaml at tag v1.6.1; each block names its test), the precedence, hostname and
 * backend rules of apis/v1/httproute_types.go at v1.6.1, and the lesson-8 `edge` fixture.
 */
import { describe, expect, it } from 'vitest';
import { conformanceCluster, gatewayAddress, SAME_NAMESPACE_GATEWAY } from './conformance-fixture.ts';
import { createCluster } from '../index.ts';
import { EDGE_OPTIONS, EDGE_YAML, loadBalancerService, proxyPod } from './fixture.ts';
import type { Cluster } from '../cluster.ts';

const CLIENT = 'external:198.51.100.7';

function send(c: Cluster, path: string, opts: { host?: string; headers?: Record<string, string>; gw?: number; method?: string; request?: number } = {}) {
  const headers = { ...(opts.host ? { Host: opts.host } : {}), ...(opts.headers ?? {}) };
  return c.http({ from: CLIENT, url: `http://${gatewayAddress(opts.gw ?? 0)}${path}`, headers, ...(opts.method ? { method: opts.method } : {}), ...(opts.request !== undefined ? { request: opts.request } : {}) });
}

/** The backend Service name a request reached (conformance's Backend), or its status when no backend answered. */
function outcome(r: ReturnType<typeof send>): string | number | null {
  return r.status === 200 && r.service ? (r.service.split('/')[1] ?? '') : r.status;
}

const route = (name: string, spec: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: ${name}, namespace: gateway-conformance-infra}\nspec:\n${spec}\n---\n`;

describe('conformance: httproute-matching (tests/httproute-matching.go + .yaml)', () => {
  const c = conformanceCluster(
    SAME_NAMESPACE_GATEWAY +
      route(
        'matching',
        `  parentRefs: [{name: same-namespace}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]
    backendRefs: [{name: infra-backend-v1, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]
    backendRefs: [{name: infra-backend-v2, port: 8080}]`,
      ),
  );
  const cases: Array<[string, Record<string, string>, string]> = [
    ['/', {}, 'infra-backend-v1'],
    ['/example', {}, 'infra-backend-v1'],
    ['/', { Version: 'one' }, 'infra-backend-v1'],
    ['/v2', {}, 'infra-backend-v2'],
    ['/v2/example', {}, 'infra-backend-v2'],
    ['/', { Version: 'two' }, 'infra-backend-v2'],
    ['/v2/', {}, 'infra-backend-v2'],
    ['/v2example', {}, 'infra-backend-v1'], // not a path-segment prefix of /v2
    ['/foo/v2/example', {}, 'infra-backend-v1'],
  ];
  it.each(cases)('%s %o → %s', (path, headers, backend) => {
    expect(outcome(send(c, path, { headers }))).toBe(backend);
  });
});

describe('conformance: httproute-exact-path-matching', () => {
  const c = conformanceCluster(
    SAME_NAMESPACE_GATEWAY +
      route(
        'exact-matching',
        `  parentRefs: [{name: same-namespace}]
  rules:
  - matches: [{path: {type: Exact, value: /one}}]
    backendRefs: [{name: infra-backend-v1, port: 8080}]
  - matches: [{path: {type: Exact, value: /two}}]
    backendRefs: [{name: infra-backend-v2, port: 8080}]`,
      ),
  );
  it.each([
    ['/one', 'infra-backend-v1'],
    ['/two', 'infra-backend-v2'],
    ['/', 404],
    ['/one/example', 404],
    ['/two/', 404],
    ['/Two', 404],
  ] as Array<[string, string | number]>)('%s → %s', (path, want) => {
    expect(outcome(send(c, path))).toBe(want);
  });
});

describe('conformance: httproute-weight (70/30/0 over infra-backend-v1..v3)', () => {
  const c = conformanceCluster(
    SAME_NAMESPACE_GATEWAY +
      route(
        'weighted-backends',
        `  parentRefs: [{name: same-namespace}]
  rules:
  - backendRefs: [{name: infra-backend-v1, port: 8080, weight: 70}, {name: infra-backend-v2, port: 8080, weight: 30}, {name: infra-backend-v3, port: 8080, weight: 0}]`,
      ),
  );
  it('every 100 consecutive requests split exactly 70/30/0 (weights are proportions; the test allows a tolerance)', () => {
    for (const start of [0, 37]) {
      const counts: Record<string, number> = {};
      for (let i = start; i < start + 100; i += 1) {
        const b = String(outcome(send(c, '/', { request: i })));
        counts[b] = (counts[b] ?? 0) + 1;
      }
      expect(counts).toEqual({ 'infra-backend-v1': 70, 'infra-backend-v2': 30 });
    }
  });
  it('is deterministic: the same request index always picks the same backend', () => {
    expect(outcome(send(c, '/', { request: 5 }))).toBe(outcome(send(c, '/', { request: 5 })));
  });
});

describe('conformance: invalid backendRefs and ReferenceGrant', () => {
  it('httproute-invalid-cross-namespace-backend-ref: ResolvedRefs=False RefNotPermitted, requests get 500', () => {
    const c = conformanceCluster(SAME_NAMESPACE_GATEWAY + route('invalid-cross-namespace-backend-ref', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]'));
    expect(send(c, '/').status).toBe(500);
    expect(c.kubectl(`-n gateway-conformance-infra get httproute invalid-cross-namespace-backend-ref -o jsonpath='{.status.parents[0].conditions[?(@.type=="ResolvedRefs")].reason}'`).stdout).toBe('RefNotPermitted');
  });
  const grant = `apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: {name: reference-grant, namespace: gateway-conformance-web-backend}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: gateway-conformance-infra}]
  to: [{group: "", kind: Service, name: web-backend}]
---
`;
  it('httproute-reference-grant: with the grant the route reaches web-backend (200); without it, 500', () => {
    const withGrant = conformanceCluster(SAME_NAMESPACE_GATEWAY + grant + route('reference-grant', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]'));
    expect(outcome(send(withGrant, '/'))).toBe('web-backend');
    withGrant.kubectl('-n gateway-conformance-web-backend delete referencegrant reference-grant');
    expect(send(withGrant, '/').status).toBe(500);
  });
  it('httproute-invalid-nonexistent-backendref: BackendNotFound, 500', () => {
    const c = conformanceCluster(SAME_NAMESPACE_GATEWAY + route('invalid-nonexistent-backend-ref', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - backendRefs: [{name: nonexistent, namespace: gateway-conformance-infra, port: 8080}]'));
    expect(send(c, '/').status).toBe(500);
    expect(c.kubectl(`-n gateway-conformance-infra get httproute invalid-nonexistent-backend-ref -o jsonpath='{.status.parents[0].conditions[?(@.type=="ResolvedRefs")].reason}'`).stdout).toBe('BackendNotFound');
  });
  it('a Service without ready endpoints gets 503 (BackendRefs doc: implementations SHOULD return 503)', () => {
    const c = conformanceCluster(SAME_NAMESPACE_GATEWAY + 'apiVersion: v1\nkind: Service\nmetadata: {name: empty, namespace: gateway-conformance-infra}\nspec: {selector: {app: nothing}, ports: [{port: 8080}]}\n---\n' + route('empty', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - backendRefs: [{name: empty, port: 8080}]'));
    const r = send(c, '/');
    expect([r.status, r.response?.body]).toEqual([503, 'no healthy upstream']);
  });
});

describe('conformance: httproute-hostname-intersection', () => {
  const gw = (name: string, listeners: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: gateway-conformance-infra}\nspec:\n  gatewayClassName: sim-gateway\n  listeners:\n${listeners}---\n`;
  const l = (name: string, hostname?: string) => `  - {name: ${name}, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}${hostname ? `, hostname: "${hostname}"` : ''}}\n`;
  const r = (name: string, parent: string, hostnames: string[], prefix: string, backend: string) =>
    route(name, `  parentRefs: [{name: ${parent}, namespace: gateway-conformance-infra}]\n  hostnames: [${hostnames.map((h) => `"${h}"`).join(', ')}]\n  rules:\n  - ${prefix ? `matches: [{path: {type: PathPrefix, value: ${prefix}}}]\n    ` : ''}backendRefs: [{name: ${backend}, port: 8080}]`);
  const yaml =
    gw('httproute-hostname-intersection', l('listener-1', 'very.specific.com') + l('listener-2', '*.wildcard.io') + l('listener-3', '*.anotherwildcard.io')) +
    gw('httproute-hostname-intersection-all', l('listener-1')) +
    r('specific-host-matches-listener-specific-host', 'httproute-hostname-intersection', ['non.matching.com', '*.nonmatchingwildcard.io', 'very.specific.com'], '/s1', 'infra-backend-v1') +
    r('specific-host-matches-listener-wildcard-host', 'httproute-hostname-intersection', ['non.matching.com', 'wildcard.io', 'foo.wildcard.io', 'bar.wildcard.io', 'foo.bar.wildcard.io'], '/s2', 'infra-backend-v2') +
    r('wildcard-host-matches-listener-specific-host', 'httproute-hostname-intersection', ['non.matching.com', '*.specific.com'], '/s3', 'infra-backend-v3') +
    r('wildcard-host-matches-listener-wildcard-host', 'httproute-hostname-intersection', ['*.anotherwildcard.io'], '/s4', 'infra-backend-v1') +
    r('no-intersecting-hosts', 'httproute-hostname-intersection', ['specific.but.wrong.com', 'wildcard.io'], '/s5', 'infra-backend-v2') +
    r('httproute-hostname-intersection-all', 'httproute-hostname-intersection-all', ['first.com', 'sub.first.com', 'second.com', 'sub.second.com'], '', 'infra-backend-v2');
  const c = conformanceCluster(yaml, ['httproute-hostname-intersection', 'httproute-hostname-intersection-all']);
  it.each([
    ['very.specific.com', '/s1', 'infra-backend-v1'],
    ['very.specific.com:1234', '/s1', 'infra-backend-v1'],
    ['non.matching.com', '/s1', 404],
    ['foo.nonmatchingwildcard.io', '/s1', 404],
    ['foo.wildcard.io', '/s1', 404],
    ['very.specific.com', '/non-matching-prefix', 404],
    ['foo.wildcard.io', '/s2', 'infra-backend-v2'],
    ['bar.wildcard.io', '/s2', 'infra-backend-v2'],
    ['foo.bar.wildcard.io', '/s2', 'infra-backend-v2'],
    ['non.matching.com', '/s2', 404],
    ['wildcard.io', '/s2', 404],
    ['very.specific.com', '/s2', 404],
    ['foo.wildcard.io', '/non-matching-prefix', 404],
    ['very.specific.com', '/s3', 'infra-backend-v3'],
    ['non.matching.com', '/s3', 404],
    ['foo.specific.com', '/s3', 404],
    ['foo.wildcard.io', '/s3', 404],
    ['foo.anotherwildcard.io', '/s4', 'infra-backend-v1'],
    ['bar.anotherwildcard.io', '/s4', 'infra-backend-v1'],
    ['foo.bar.anotherwildcard.io', '/s4', 'infra-backend-v1'],
    ['anotherwildcard.io', '/s4', 404],
    ['foo.wildcard.io', '/s4', 404],
  ] as Array<[string, string, string | number]>)('Host %s %s → %s', (host, path, want) => {
    expect(outcome(send(c, path, { host }))).toBe(want);
  });
  it.each([
    ['first.com', 'infra-backend-v2'],
    ['sub.first.com', 'infra-backend-v2'],
    ['second.com', 'infra-backend-v2'],
    ['sub.second.com', 'infra-backend-v2'],
    ['third.com', 404],
    ['sub.third.com', 404],
  ] as Array<[string, string | number]>)('listener without hostname: Host %s → %s', (host, want) => {
    expect(outcome(send(c, '/', { host, gw: 1 }))).toBe(want);
  });
  it('no-intersecting-hosts is not Accepted (NoMatchingListenerHostname)', () => {
    expect(c.kubectl(`-n gateway-conformance-infra get httproute no-intersecting-hosts -o jsonpath='{.status.parents[0].conditions[?(@.type=="Accepted")].reason}'`).stdout).toBe('NoMatchingListenerHostname');
  });
});

describe('conformance: httproute-matching-across-routes', () => {
  const c = conformanceCluster(
    SAME_NAMESPACE_GATEWAY +
      route('matching-part1', '  parentRefs: [{name: same-namespace}]\n  hostnames: [example.com, example.net]\n  rules:\n  - matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}]\n    backendRefs: [{name: infra-backend-v1, port: 8080}]') +
      route('matching-part2', '  hostnames: [example.com]\n  parentRefs: [{name: same-namespace}]\n  rules:\n  - matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}]\n    backendRefs: [{name: infra-backend-v2, port: 8080}]'),
  );
  it.each([
    ['example.com', '/', {}, 'infra-backend-v1'],
    ['example.com', '/example', {}, 'infra-backend-v1'],
    ['example.net', '/example', {}, 'infra-backend-v1'],
    ['example.com', '/example', { Version: 'one' }, 'infra-backend-v1'],
    ['example.com', '/v2', {}, 'infra-backend-v2'],
    ['example.net', '/v2', {}, 'infra-backend-v1'],
    ['example.com', '/v2/example', {}, 'infra-backend-v2'],
    ['example.com', '/', { Version: 'two' }, 'infra-backend-v2'],
  ] as Array<[string, string, Record<string, string>, string]>)('Host %s %s %o → %s', (host, path, headers, want) => {
    expect(outcome(send(c, path, { host, headers }))).toBe(want);
  });
  it('ties between equal matches go to the oldest route (creationTimestamp), before the name', () => {
    const aged = conformanceCluster(
      SAME_NAMESPACE_GATEWAY +
        route('a-new', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - backendRefs: [{name: infra-backend-v1, port: 8080}]').replace('namespace: gateway-conformance-infra}', 'namespace: gateway-conformance-infra, creationTimestamp: "2025-01-01T00:00:00Z"}') +
        route('b-old', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - backendRefs: [{name: infra-backend-v2, port: 8080}]').replace('namespace: gateway-conformance-infra}', 'namespace: gateway-conformance-infra, creationTimestamp: "2024-06-01T00:00:00Z"}'),
    );
    expect(outcome(send(aged, '/'))).toBe('infra-backend-v2');
  });
});

describe('match precedence across rules and routes (httproute_types.go Matches doc)', () => {
  const c = conformanceCluster(
    SAME_NAMESPACE_GATEWAY +
      route('b-route', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - matches: [{path: {type: PathPrefix, value: /a}}]\n    backendRefs: [{name: infra-backend-v2, port: 8080}]') +
      route('a-route', '  parentRefs: [{name: same-namespace}]\n  rules:\n  - matches: [{path: {type: PathPrefix, value: /a}}]\n    backendRefs: [{name: infra-backend-v1, port: 8080}]\n  - matches: [{path: {type: Exact, value: /a/b}}]\n    backendRefs: [{name: infra-backend-v3, port: 8080}]\n  - matches: [{path: {type: PathPrefix, value: /m}, method: POST}]\n    backendRefs: [{name: infra-backend-v3, port: 8080}]\n  - matches: [{path: {type: PathPrefix, value: /m}}]\n    backendRefs: [{name: infra-backend-v2, port: 8080}]\n  - matches: [{path: {type: PathPrefix, value: /q}, queryParams: [{name: v, value: "2"}]}]\n    backendRefs: [{name: infra-backend-v3, port: 8080}]\n  - matches: [{path: {type: PathPrefix, value: /q}}]\n    backendRefs: [{name: infra-backend-v1, port: 8080}]'),
  );
  it('an Exact path beats a prefix', () => expect(send(c, '/a/b').service).toBe('gateway-conformance-infra/infra-backend-v3'));
  it('equal matches in two routes: the alphabetically first {namespace}/{name} wins (no creationTimestamps: equally old)', () => expect(send(c, '/a/c').service).toBe('gateway-conformance-infra/infra-backend-v1'));
  it('a method match beats the same path without one', () => {
    expect(send(c, '/m', { method: 'POST' }).service).toBe('gateway-conformance-infra/infra-backend-v3');
    expect(send(c, '/m').service).toBe('gateway-conformance-infra/infra-backend-v2');
  });
  it('a query match wins when the parameter is there', () => {
    expect(send(c, '/q?v=2').service).toBe('gateway-conformance-infra/infra-backend-v3');
    expect(send(c, '/q?v=3').service).toBe('gateway-conformance-infra/infra-backend-v1');
  });
});

describe('lesson-8 edge fixture', () => {
  const c = createCluster(EDGE_YAML, EDGE_OPTIONS);
  it('host-path: /api/items goes through DNS, the load balancer, listener http, rule /api and a backend pod: 200', () => {
    const r = c.http({ from: CLIENT, url: 'http://www.shop.example/api/items' });
    expect([r.status, r.route, r.entry]).toEqual([200, 'shop/shop#0', 'gateway:infra/public']);
    expect(r.service === 'shop/backend' || r.service === 'shop/backend-v2').toBe(true);
    expect(r.steps[0]?.result).toBe('www.shop.example → 203.0.113.50');
    expect(r.actors).toContain('HTTP');
    expect(r.steps.at(-1)?.state.HTTP).toBe('HTTP/1.1 200 OK');
  });
  it('the proxy hint pins the proxy pod kube-proxy picks, and the policy verdicts name egress and ingress', () => {
    const r = c.http({ from: CLIENT, url: 'http://www.shop.example/api/items', proxy: 'infra/public-gw-1' });
    expect(r.steps[1]?.result).toBe('Connected to public-gw-1');
    expect(r.steps.find((s) => s.action.startsWith('Connects to'))?.details).toContain('egress: Allowed (not isolated); ingress: Allowed (not isolated)');
  });
  it('prefix-elements: /apiv2/x is not under /api (element-wise), so rule (b) web serves it', () => {
    expect(c.http({ from: CLIENT, url: 'http://www.shop.example/apiv2/x' }).service).toBe('shop/web');
    expect(c.http({ from: CLIENT, url: 'http://www.shop.example/api' }).route).toBe('shop/shop#0');
  });
  it('no-route-match: Host admin.shop.example matches the listener but no route: 404 from the proxy', () => {
    const r = c.http({ from: CLIENT, url: 'http://203.0.113.50/nope', headers: { Host: 'admin.shop.example' } });
    expect([r.status, r.service]).toEqual([404, null]);
  });
  it('canary: 100 requests split 90/10 between backend and backend-v2', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 100; i += 1) {
      const s = c.http({ from: CLIENT, url: 'http://www.shop.example/api/items', request: i }).service ?? 'none';
      counts[s] = (counts[s] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'shop/backend': 90, 'shop/backend-v2': 10 });
  });
  it('ingress-twin: the Ingress controller at 203.0.113.51 routes the same request to the same Service', () => {
    const r = c.http({ from: CLIENT, url: 'http://203.0.113.51/api/items', headers: { Host: 'www.shop.example' } });
    expect([r.status, r.service, r.route]).toEqual([200, 'shop/backend', 'ingress:shop/shop']);
    expect(c.http({ from: CLIENT, url: 'http://203.0.113.51/apiv2', headers: { Host: 'www.shop.example' } }).service).toBe('shop/web');
  });
  it('a namespace without the gateway-access label: Accepted=False NotAllowedByListeners, and every request gets 404', () => {
    const d = createCluster(EDGE_YAML, EDGE_OPTIONS);
    d.kubectl('label namespace shop gateway-access-');
    expect(d.kubectl(`-n shop get httproute shop -o jsonpath='{.status.parents[0].conditions[?(@.type=="Accepted")].reason}'`).stdout).toBe('NotAllowedByListeners');
    expect(d.http({ from: CLIENT, url: 'http://www.shop.example/api/items' }).status).toBe(404);
    expect(d.kubectl(`-n infra get gateway public -o jsonpath='{.status.listeners[0].attachedRoutes}'`).stdout).toBe('0');
  });
  it('a route hostname outside the listener wildcard (shop.example under *.shop.example): NoMatchingListenerHostname', () => {
    const d = createCluster(EDGE_YAML.replace('hostnames: [www.shop.example]', 'hostnames: [shop.example]'), EDGE_OPTIONS);
    expect(d.kubectl(`-n shop get httproute shop -o jsonpath='{.status.parents[0].conditions[?(@.type=="Accepted")].reason}'`).stdout).toBe('NoMatchingListenerHostname');
  });
  it('a policy that isolates backend pods without allowing the proxies: the proxy cannot connect and answers 503', () => {
    const d = createCluster(EDGE_YAML, EDGE_OPTIONS);
    d.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n');
    const r = d.http({ from: CLIENT, url: 'http://www.shop.example/api/items' });
    expect([r.status, r.pod]).toEqual([503, null]);
    expect(r.steps.some((s) => s.outcome === 'denied')).toBe(true);
    d.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-gateway, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: infra}}, podSelector: {matchLabels: {app: public-gw}}}], ports: [{port: 8080}]}]\n');
    expect(d.http({ from: CLIENT, url: 'http://www.shop.example/api/items' }).status).toBe(200);
  });
  it('an unknown external name fails at DNS, with no connection attempt', () => {
    const r = c.http({ from: CLIENT, url: 'http://nowhere.example/' });
    expect([r.status, r.failure, r.steps.length]).toEqual([null, 'nxdomain', 1]);
  });
  it('from a pod, the Gateway Service name resolves in cluster DNS and the request is routed the same way', () => {
    const r = c.http({ from: 'sandbox/intruder', url: 'http://public-gw.infra.svc.cluster.local/api/items', headers: { Host: 'www.shop.example' } });
    expect([r.status, r.route]).toEqual([200, 'shop/shop#0']);
  });
});

// A proxy binds each listener inside its pod; the data-plane Service maps the listener's port to that pod port.
// Envoy Gateway (envoyproxy/gateway internal/gatewayapi/listener.go): the xDS listener's Port is
// servicePortToContainerPort(listener.Port), and the infra IR's ListenerPort{ServicePort: listener.Port, ContainerPort}
// becomes the Service port and its targetPort; helpers.go servicePortToContainerPort adds 10000 (wellKnownPortShift)
// below port 1024, so listener 80 answers on pod port 10080. kube-proxy DNATs ClusterIP, load-balancer IP and nodePort
// alike to the targetPort (kubernetes.io/docs/reference/networking/virtual-ips), so the listener that answers is the
// one bound on the targetPort the packet reaches, never one "on" the dialled nodePort.
describe('listener matching follows the packet through the data-plane Service', () => {
  const attached = (name: string, listener: string, backend: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: shop}
spec:
  parentRefs: [{name: multi, namespace: infra, sectionName: ${listener}}]
  rules: [{backendRefs: [{name: ${backend}, port: 80}]}]
---
`;
  const MULTI = `---
${proxyPod('multi-gw-1', 'infra', 'app: multi-gw, gateway.networking.k8s.io/gateway-name: multi', 'node-1', '10.244.0.21', '[{name: http, containerPort: 10080}, {name: alt, containerPort: 8000}]')}${loadBalancerService('multi-gw', 'infra', 'gateway.networking.k8s.io/gateway-name: multi', '[{name: http, port: 80, targetPort: 10080, nodePort: 32080}, {name: alt, port: 8000, targetPort: 8000, nodePort: 32000}]', '203.0.113.60')}apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: multi, namespace: infra}
spec:
  gatewayClassName: sim-gateway
  listeners:
  - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
  - {name: alt, protocol: HTTP, port: 8000, allowedRoutes: {namespaces: {from: All}}}
---
${attached('multi-http', 'http', 'web')}${attached('multi-alt', 'alt', 'backend-v2')}`;
  const c = createCluster(EDGE_YAML + MULTI, EDGE_OPTIONS);
  const from = (url: string, who = CLIENT, headers: Record<string, string> = {}) => {
    const r = c.http({ from: who, url, headers });
    return [r.status, r.route];
  };
  it.each([
    ['nodePort 32080 on node-3 (no proxy there)', 'http://172.18.0.4:32080/', 'shop/multi-http#0'],
    ['nodePort 32000 on node-1', 'http://172.18.0.2:32000/', 'shop/multi-alt#0'],
    ['load-balancer IP, port 80', 'http://203.0.113.60/', 'shop/multi-http#0'],
    ['load-balancer IP, port 8000', 'http://203.0.113.60:8000/', 'shop/multi-alt#0'],
  ])('from outside, %s → the listener bound on its targetPort', (_what, url, route) => {
    expect(from(url)).toEqual([200, route]);
  });
  it('from a pod: the ClusterIP on port 80 and 8000, and the pod IP on 10080 (the port the listener of 80 is bound on)', () => {
    expect(from('http://multi-gw.infra/', 'sandbox/intruder')).toEqual([200, 'shop/multi-http#0']);
    expect(from('http://multi-gw.infra:8000/', 'sandbox/intruder')).toEqual([200, 'shop/multi-alt#0']);
    expect(from('http://10.244.0.21:10080/', 'sandbox/intruder')).toEqual([200, 'shop/multi-http#0']);
  });
  it('the trace names the pod port and the Service port that mapped it', () => {
    const r = c.http({ from: CLIENT, url: 'http://172.18.0.4:32080/' });
    expect(r.steps.find((s) => s.action === 'Listener http matches')?.details).toContain('arrived on pod port 10080, where the proxy binds the listeners of port 80 (Service infra/multi-gw maps port 80 to targetPort 10080)');
  });
  it('the edge Gateway through its nodePort 31080 (Service port 80 → targetPort http, 8080) answers like its load-balancer IP', () => {
    for (const ip of ['172.18.0.2', '172.18.0.3', '172.18.0.4']) expect(from(`http://${ip}:31080/`, CLIENT, { Host: 'www.shop.example' })).toEqual([200, 'shop/shop#1']);
    expect(from('http://203.0.113.50/', CLIENT, { Host: 'www.shop.example' })).toEqual([200, 'shop/shop#1']);
    // A bare address as Host matches no listener hostname (*.shop.example): the proxy answers 404 (listener-level, not port-level).
    expect(from('http://172.18.0.4:31080/')).toEqual([404, null]);
  });
});

describe('weighted choice bounds', () => {
  it('huge weights (1,000,000 and 1) stay fast and proportional over 1,000 requests', async () => {
    const { weightedPick } = await import('./backends.ts');
    let second = 0;
    for (let n = 0; n < 1000; n += 1) if (weightedPick([1_000_000, 1], n, 12345) === 1) second += 1;
    expect(second).toBeLessThanOrEqual(1);
    expect(weightedPick([0, 0], 3, 1)).toBeNull();
  });
});
