/**
 * The Gateway API CRDs a channel installs and the kinds they bring. Expected sets and fields: kubernetes-sigs/gateway-api
 * v1.6.1 config/crd/kustomization.yaml (Standard: backendtlspolicies, gatewayclasses, gateways, grpcroutes,
 * httproutes, listenersets, referencegrants, tcproutes, tlsroutes, udproutes; the ValidatingAdmissionPolicy
 * safe-upgrades is no CRD) and config/crd/experimental/kustomization.yaml (those plus xbackendtrafficpolicies and
 * xmeshes in gateway.networking.x-k8s.io); each CRD file's spec.versions (served/storage) and
 * additionalPrinterColumns; examples/standard/basic-grpc.yaml for the GRPCRoute. kubectl's texts: the API server's
 * default table for kinds without a printer (NAME, CREATED AT: apiserver pkg/registry/rest/table.go,
 * defaultTableConvertor), kubectl get.go (`No resources found in <ns> namespace.`, printed for an empty list whatever
 * the scope: kubernetes/kubernetes#80855), "no matches for kind" (apimachinery meta.NoKindMatchError).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { installedGatewayCrds } from './crds.ts';
import { manifestError } from './fixture.ts';

const STANDARD = ['backendtlspolicies', 'gatewayclasses', 'gateways', 'grpcroutes', 'httproutes', 'listenersets', 'referencegrants', 'tcproutes', 'tlsroutes', 'udproutes'];

const GRPC = `apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata:
  name: grpc-app-1
spec:
  parentRefs:
  - name: my-gateway
  hostnames:
  - "example.com"
  rules:
  - matches:
    - method:
        service: com.example.User
        method: Login
    backendRefs:
    - name: my-service1
      port: 50051
`;

describe('installed Gateway API CRDs (v1.6.1 kustomizations)', () => {
  it('Standard installs ten CRDs, Experimental twelve, none without a channel', () => {
    expect(installedGatewayCrds('standard').map((c) => c.crd.plural)).toEqual(STANDARD);
    expect(installedGatewayCrds('experimental').map((c) => `${c.crd.plural}.${c.crd.group}`).slice(10)).toEqual(['xbackendtrafficpolicies.gateway.networking.x-k8s.io', 'xmeshes.gateway.networking.x-k8s.io']);
    expect(installedGatewayCrds(undefined)).toEqual([]);
  });
  it('kubectl get crd: the ten, NAME and CREATED AT (the API server default table)', () => {
    const out = createCluster([], { gatewayChannel: 'standard' }).kubectl('get crd').stdout.split('\n');
    expect(out[0]).toMatch(/^NAME {3,}CREATED AT$/);
    expect(out.slice(1, -1).map((l) => l.split(/ +/)[0])).toEqual(STANDARD.map((p) => `${p}.gateway.networking.k8s.io`));
  });
  it('get crd NAME -o yaml lists the versions as the CRD file declares them (TLSRoute: v1 served and stored, v1alpha2 and v1alpha3 kept unserved)', () => {
    const c = createCluster([], { gatewayChannel: 'standard' });
    expect(c.kubectl('get crd tlsroutes.gateway.networking.k8s.io -o yaml').stdout).toContain('  versions:\n  - name: v1\n    served: true\n    storage: true\n  - name: v1alpha2\n    served: false\n    storage: false\n  - name: v1alpha3\n    served: false\n    storage: false\n');
    expect(c.kubectl(`get crd listenersets.gateway.networking.k8s.io -o jsonpath='{.spec.names.shortNames}'`).stdout).toBe('["lset"]');
  });
  it('describe crd prints the generic describer with the names', () => {
    const d = createCluster([], { gatewayChannel: 'standard' }).kubectl('describe crd grpcroutes.gateway.networking.k8s.io').stdout;
    expect(d).toMatch(/^Name: +grpcroutes\.gateway\.networking\.k8s\.io\n/);
    expect(d).toContain('    Kind:       GRPCRoute\n');
  });
  it('the kinds the simulated controller does not act on are still served: an empty list says so', () => {
    const c = createCluster([], { gatewayChannel: 'standard' });
    for (const plural of ['grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes', 'listenersets', 'backendtlspolicies', 'lset', 'btlspolicy']) {
      expect(c.kubectl(`get ${plural}`)).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    }
    expect(c.kubectl('get xmesh').stderr).toBe('error: the server doesn\'t have a resource type "xmesh"\n');
    expect(createCluster([], { gatewayChannel: 'experimental' }).kubectl('get xmesh').stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('applying the other Gateway API kinds: validated against their v1.6.1 schema and stored', () => {
  it('the GRPCRoute of examples/standard/basic-grpc.yaml is accepted and listed with its printer columns (NAME HOSTNAMES AGE)', () => {
    const c = createCluster(GRPC, { gatewayChannel: 'standard' });
    expect(c.kubectl('get grpcroute').stdout).toBe('NAME         HOSTNAMES         AGE\ngrpc-app-1   ["example.com"]   5m\n');
    // CRD default: GRPCMethodMatch type Exact.
    expect(c.kubectl(`get grpcroute grpc-app-1 -o jsonpath='{.spec.rules[0].matches[0].method.type}'`).stdout).toBe('Exact');
  });
  it('a field the GRPCRoute schema lacks is an unknown field (strict decoding)', () => {
    const e = manifestError(() => createCluster(GRPC.replace('  hostnames:', '  hostname: x\n  hostnames:'), { gatewayChannel: 'standard' }));
    expect(e.detail).toMatch(/^GRPCRoute in version "v1" cannot be handled as a GRPCRoute: strict decoding error: unknown field "spec\.hostname"/);
  });
  it('a version the CRD keeps unserved (TCPRoute v1alpha2) has no match', () => {
    const tcp = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: t}\nspec:\n  parentRefs: [{name: gw}]\n  rules: [{backendRefs: [{name: s, port: 9000}]}]\n';
    expect(manifestError(() => createCluster(tcp, { gatewayChannel: 'standard' })).detail).toBe('no matches for kind "TCPRoute" in version "gateway.networking.k8s.io/v1alpha2"');
    expect(() => createCluster(tcp.replace('v1alpha2', 'v1'), { gatewayChannel: 'standard' })).not.toThrow();
  });
  it('a kind no Gateway API CRD defines has no match, and an Experimental-only kind needs that channel', () => {
    expect(manifestError(() => createCluster('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoutes\nmetadata: {name: r}\n', { gatewayChannel: 'standard' })).reason).toBe('NoMatch');
    const mesh = 'apiVersion: gateway.networking.x-k8s.io/v1alpha1\nkind: XMesh\nmetadata: {name: m}\nspec: {controllerName: example.com/mesh}\n';
    expect(manifestError(() => createCluster(mesh, { gatewayChannel: 'standard' })).detail).toMatch(/^no matches for kind "XMesh" in version "gateway\.networking\.x-k8s\.io\/v1alpha1"\nensure CRDs are installed first/);
    expect(createCluster(mesh, { gatewayChannel: 'experimental' }).kubectl('get xmesh').stdout).toMatch(/^NAME +/);
  });
});
