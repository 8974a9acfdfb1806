/**
 * Manifest validation and kubectl output of the L7 kinds. Expected texts: the v1.6.1 CRDs (kubernetes-sigs/gateway-api
 * config/crd/standard and experimental: schemas, defaults, additionalPrinterColumns, bundle annotations), apiextensions
 * strict decoding (`unknown field "…"`), kubernetes v1.35 pkg/apis/networking/validation/validation.go
 * (ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend) and pkg/printers/internalversion/printers.go
 * (printIngress, formatHosts, formatPorts, printIngressClass).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { EDGE_OPTIONS, EDGE_YAML, manifestError } from './fixture.ts';

const ROUTE = (rule: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: default}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: web, port: 80}]
${rule}`;

describe('Gateway API manifests', () => {
  it('an Experimental-channel field (HTTPRoute rule retry) is an unknown field on a Standard-channel cluster, and the message names it', () => {
    const e = manifestError(() => createCluster(ROUTE('    retry: {attempts: 2}\n'), { gatewayChannel: 'standard' }));
    expect(e.detail).toMatch(/^HTTPRoute in version "v1" cannot be handled as a HTTPRoute: strict decoding error: unknown field "spec\.rules\[0\]\.retry"/);
    expect(e.detail).toContain('Experimental channel');
    expect(e.line).toBe(8);
  });
  it('the Experimental channel accepts retry and sessionPersistence', () => {
    expect(() => createCluster(ROUTE('    retry: {attempts: 2}\n    sessionPersistence: {sessionName: s}\n'), { gatewayChannel: 'experimental' })).not.toThrow();
  });
  it('the ExternalAuth filter type is an Experimental enum value', () => {
    const e = manifestError(() => createCluster(ROUTE('    filters: [{type: ExternalAuth}]\n'), { gatewayChannel: 'standard' }));
    expect(e.detail).toContain('spec.rules[0].filters[0].type: Unsupported value: "ExternalAuth"');
  });
  it('without the CRDs kubectl has no gateway resource type', () => {
    expect(createCluster([]).kubectl('get gateway').stderr).toBe('error: the server doesn\'t have a resource type "gateway"\n');
  });
  it('without the CRDs the API server has no Gateway kind', () => {
    expect(manifestError(() => createCluster(ROUTE(''))).detail).toMatch(/^no matches for kind "HTTPRoute" in version "gateway.networking.k8s.io\/v1"\nensure CRDs are installed first/);
  });
  it('a version the v1.6.1 Standard CRDs do not serve (v1alpha2) is refused; v1beta1 is still served', () => {
    expect(manifestError(() => createCluster(ROUTE('').replace('gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1alpha2'), { gatewayChannel: 'standard' })).reason).toBe('NoMatch');
    expect(() => createCluster(ROUTE('').replace('gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'), { gatewayChannel: 'standard' })).not.toThrow();
  });
  it('schema bounds: a weight above 1000000 is refused (kubebuilder Maximum on HTTPBackendRef weight)', () => {
    const e = manifestError(() => createCluster(ROUTE('').replace('port: 80}', 'port: 80, weight: 2000000}'), { gatewayChannel: 'standard' }));
    expect(e.detail).toContain('spec.rules[0].backendRefs[0].weight: Invalid value: 2000000: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000');
  });
  it('a hostname must match the CRD pattern (lower case, no IPs as written by the Hostname type)', () => {
    const e = manifestError(() => createCluster(ROUTE('').replace('  parentRefs: [{name: gw}]', '  parentRefs: [{name: gw}]\n  hostnames: [Shop.Example]'), { gatewayChannel: 'standard' }));
    expect(e.detail).toMatch(/^HTTPRoute\.gateway\.networking\.k8s\.io "r" is invalid: spec\.hostnames\[0\]: Invalid value: "Shop\.Example": spec\.hostnames\[0\] in body should match '\^\(\\\*\\\.\)\?\[a-z0-9\]/);
  });
  it('CEL rule of the CRD: a Service backendRef needs a port', () => {
    expect(manifestError(() => createCluster(ROUTE('').replace('{name: web, port: 80}', '{name: web}'), { gatewayChannel: 'standard' })).detail).toBe('HTTPRoute.gateway.networking.k8s.io "r" is invalid: spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference');
  });
  it('CRD defaults are applied: a match without a path gets PathPrefix /, a backendRef weight 1', () => {
    const c = createCluster(ROUTE('    matches: [{headers: [{name: v, value: "1"}]}]\n'), { gatewayChannel: 'standard' });
    const y = c.kubectl('get httproute r -o yaml').stdout;
    expect(y).toContain('    matches:\n    - headers:\n      - name: v\n        type: Exact\n        value: "1"\n      path:\n        type: PathPrefix\n        value: /\n');
    expect(y).toContain('      weight: 1\n');
    expect(y).not.toContain('status:'); // no controller owns a parent named gw: nobody writes the route's status
  });
});

describe('Ingress manifests (networking/validation.go)', () => {
  const ING = (path: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  rules:
  - http:
      paths:
      - ${path}
`;
  it('pathType is required', () => {
    expect(manifestError(() => createCluster(ING('{path: /, backend: {service: {name: web, port: {number: 80}}}}'))).detail).toBe('Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified');
  });
  it('an Exact or Prefix path must be absolute', () => {
    expect(manifestError(() => createCluster(ING('{path: api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}'))).detail).toBe('Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
  });
  it('a service backend needs a port name or number', () => {
    expect(manifestError(() => createCluster(ING('{path: /, pathType: Prefix, backend: {service: {name: web}}}'))).detail).toBe('Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name or number is required');
  });
});

describe('kubectl get for the L7 kinds (printer columns of the v1.6.1 CRDs and printers.go)', () => {
  const c = createCluster(EDGE_YAML, EDGE_OPTIONS);
  it('gatewayclass: NAME CONTROLLER ACCEPTED AGE', () => {
    expect(c.kubectl('get gatewayclass').stdout).toBe('NAME          CONTROLLER                           ACCEPTED   AGE\nsim-gateway   example.net/sim-gateway-controller   True       5m\n');
  });
  it('gateway: NAME CLASS ADDRESS PROGRAMMED AGE', () => {
    expect(c.kubectl('-n infra get gateway').stdout).toBe('NAME     CLASS         ADDRESS        PROGRAMMED   AGE\npublic   sim-gateway   203.0.113.50   True         5m\n');
  });
  it('httproute: NAME HOSTNAMES AGE (the hostnames list printed as JSON)', () => {
    expect(c.kubectl('-n shop get httproute').stdout).toBe('NAME   HOSTNAMES              AGE\nshop   ["www.shop.example"]   5m\n');
  });
  it('ingress: NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
    expect(c.kubectl('-n shop get ingress').stdout).toBe('NAME   CLASS         HOSTS              ADDRESS        PORTS   AGE\nshop   sim-ingress   www.shop.example   203.0.113.51   80      5m\n');
  });
  it('get crd lists the installed CRDs with their bundle annotations', () => {
    expect(c.kubectl('get crd').stdout).toContain('httproutes.gateway.networking.k8s.io           2025-01-01T00:00:00Z\n');
    expect(c.kubectl(`get crd httproutes.gateway.networking.k8s.io -o jsonpath='{.metadata.annotations}'`).stdout).toContain('"gateway.networking.k8s.io/bundle-version":"v1.6.1","gateway.networking.k8s.io/channel":"standard"');
  });
  it('gateway status: address, Programmed and the listener attachedRoutes', () => {
    expect(c.kubectl(`-n infra get gateway public -o jsonpath='{.status.listeners[0].attachedRoutes}'`).stdout).toBe('1');
  });
});
