import { describe, it, expect } from 'vitest';
import { humanDuration, serialize } from '../kubectl-format.ts';
import { indexModel } from '../state.ts';
import type { EndpointModel, EndpointSliceModel, ServiceModel } from '../types.ts';
import { normalizeImage, pullPolicy } from './pods.ts';
import { allKinds, BUILTIN_KINDS, resolveResource } from './registry.ts';
import { endpointsColumn, formatEndpointSlices, sliceEndpointsColumn, slicePortsColumn } from './services.ts';
import type { EndpointsView } from './services.ts';
import { compactRules, guessPlural, smartLabel } from './stored.ts';
import { golden, goldenModel } from './test-model.ts';

const ep = (ip: string, ready: boolean): EndpointModel => ({ ip, pod: `default/${ip}`, nodeName: 'node-1', ready, serving: ready, terminating: false });
const slice = (endpoints: EndpointModel[], ports: EndpointSliceModel['ports']): EndpointSliceModel => ({ name: 's-abcde', namespace: 'default', service: 's', endpoints, ports });

describe('printers.go cells', () => {
  it('an EndpointSlice with no ports and no endpoints prints <unset> twice (listWithMoreString)', () => {
    // The EndpointSlice controller's placeholder slice for a Service without endpoints has no ports (reconciler.go).
    const placeholder = slice([], []);
    expect([slicePortsColumn(placeholder), sliceEndpointsColumn(placeholder)]).toEqual(['<unset>', '<unset>']);
    expect(sliceEndpointsColumn(slice([ep('10.0.0.1', true), ep('10.0.0.2', false), ep('10.0.0.3', true), ep('10.0.0.4', false)], [{ port: 80, protocol: 'TCP' }]))).toBe('10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...');
  });

  it('Endpoints with only not-ready addresses print an empty ENDPOINTS cell (formatEndpoints counts Addresses only)', () => {
    const v: EndpointsView = { service: {} as ServiceModel, labels: {}, subsets: [{ addresses: [], notReadyAddresses: [ep('10.0.0.9', false)], ports: [{ port: 80, protocol: 'TCP' }] }] };
    expect(endpointsColumn(v)).toBe('');
    expect(endpointsColumn({ ...v, subsets: [] })).toBe('<none>');
    const four = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ep(ip, true));
    expect(endpointsColumn({ ...v, subsets: [{ addresses: four, notReadyAddresses: [], ports: [{ port: 80, protocol: 'TCP' }] }] })).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
  });

  it('describe service counts like describe.go formatEndpointSlices, quirks included', () => {
    // `more` is set when the list is full even if the next endpoint is not ready, and count only counts ready ones.
    const s = slice([ep('10.0.0.1', true), ep('10.0.0.2', true), ep('10.0.0.3', true), ep('10.0.0.4', false)], [{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(formatEndpointSlices([s], 'http')).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...');
    expect(formatEndpointSlices([s], 'metrics')).toBe('');
    expect(formatEndpointSlices([], 'http')).toBe('<none>');
  });

  it('humanDuration is apimachinery duration.HumanDuration (duration_test.go cases)', () => {
    const s = 1000;
    const cases: Array<[number, string]> = [
      [s, '1s'], [70 * s, '70s'], [190 * s, '3m10s'], [70 * 60 * s, '70m'], [47 * 3600 * s, '47h'], [49 * 3600 * s, '2d1h'],
      [(8 * 24 + 2) * 3600 * s, '8d'], [367 * 24 * 3600 * s, '367d'], [(365 * 2 * 24 + 25) * 3600 * s, '2y1d'], [(365 * 8 * 24 + 2) * 3600 * s, '8y'],
      [-2 * s, '<invalid>'], [0, '0s'], [120 * s - 1, '119s'], [600 * s - 1, '9m59s'], [3 * 3600 * s - 1, '179m'], [3 * 3600 * s + 60 * s, '3h1m'],
    ];
    for (const [ms, want] of cases) expect(humanDuration(ms)).toBe(want);
  });
});

describe('pods', () => {
  it('normalises image references and defaults imagePullPolicy like the API server', () => {
    expect(normalizeImage('busybox:1.36')).toBe('docker.io/library/busybox:1.36');
    expect(normalizeImage('nginxinc/nginx-unprivileged:1.27')).toBe('docker.io/nginxinc/nginx-unprivileged:1.27');
    expect(normalizeImage('registry.k8s.io/coredns/coredns:v1.12.0')).toBe('registry.k8s.io/coredns/coredns:v1.12.0');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    // pkg/apis/core/v1/defaults.go SetDefaults_Container: Always for :latest or no tag, else IfNotPresent.
    expect([pullPolicy('busybox'), pullPolicy('busybox:latest'), pullPolicy('busybox:1.36'), pullPolicy('localhost:5000/app'), pullPolicy('busybox@sha256:abc')]).toEqual(['Always', 'Always', 'IfNotPresent', 'Always', 'IfNotPresent']);
  });
});

describe('registry', () => {
  it('resolves every name kubectl accepts and nothing else', () => {
    const state = indexModel(goldenModel());
    const kind = (arg: string) => resolveResource(state, arg)?.kind ?? null;
    // schema.ParseResourceArg: two or more dots make resource.version.group, so `pods.v1.` is core/v1 pods.
    expect(['pods', 'pod', 'po', 'Pod', 'PODS', 'pods.v1.', 'pods.v1'].map(kind)).toEqual(['Pod', 'Pod', 'Pod', 'Pod', 'Pod', 'Pod', null]);
    expect(['deploy', 'deployments.apps', 'deployment.v1.apps', 'deployments.extensions'].map(kind)).toEqual(['Deployment', 'Deployment', 'Deployment', null]);
    expect(['netpol', 'networkpolicies.networking.k8s.io', 'networkpolicy.v1.networking.k8s.io'].map(kind)).toEqual(['NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
    expect(['ep', 'endpointslices.discovery.k8s.io', 'cm', 'sa', 'pvc', 'crd', 'crds', 'rolebindings.rbac.authorization.k8s.io'].map(kind)).toEqual(['Endpoints', 'EndpointSlice', 'ConfigMap', 'ServiceAccount', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'CustomResourceDefinition', 'RoleBinding']);
    // A custom resource is named by its CRD (plural, singular, short names, kind).
    expect(['widgets', 'widget', 'wd', 'Widget', 'widgets.example.com', 'gadgets'].map(kind)).toEqual(['Widget', 'Widget', 'Widget', 'Widget', 'Widget', null]);
  });

  it('holds one definition per kind, with unique names', () => {
    const state = indexModel(goldenModel());
    const kinds = allKinds(state);
    const keys = kinds.map((k) => `${k.kind}.${k.group}`);
    expect(new Set(keys).size).toBe(keys.length);
    const plurals = kinds.map((k) => `${k.plural}.${k.group}`);
    expect(new Set(plurals).size).toBe(plurals.length);
    // The `all` category's order: pods, services, daemonsets, deployments, replicasets, statefulsets (the API server's categories for core and apps)
    expect(BUILTIN_KINDS.filter((k) => k.inAll).map((k) => k.plural)).toEqual(['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets']);
  });

  it('guesses resource names like meta.UnsafeGuessKindToResource and labels fields like smartLabelFor', () => {
    expect(['Widget', 'Policy', 'Class'].map(guessPlural)).toEqual(['widgets', 'policies', 'classes']);
    expect(['apiVersion', 'creationTimestamp', 'uid', 'HTTPServer', 'replicas2'].map(smartLabel)).toEqual(['API Version', 'Creation Timestamp', 'UID', 'Http Server', 'replicas2']);
  });

  it('compacts RBAC rules like kubectl pkg/util/rbac (breakdown, merge verbs, sort by String())', () => {
    const rules = compactRules([
      { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'get'] },
      { nonResourceURLs: ['/healthz'], verbs: ['get'] },
    ]);
    // String() starts "&PolicyRule{Verbs:[get list]," and ' ' sorts before ']'; %v of [""] is "[]".
    expect(rules.map((r) => [r.resources.join(), r.nonResourceURLs.join(), r.verbs.join(' ')])).toEqual([
      ['pods', '', 'get list'],
      ['', '/healthz', 'get'],
      ['services', '', 'get'],
    ]);
  });
});

describe('custom resources', () => {
  it('print their CRD\'s additionalPrinterColumns (apiextensions-apiserver tableconvertor), wide ones with -o wide', () => {
    const model = goldenModel();
    const crd = model.storedObjects.find((o) => o.kind === 'CustomResourceDefinition')!;
    const spec = crd.raw.spec as { versions: Array<Record<string, unknown>> };
    spec.versions[0]!.additionalPrinterColumns = [
      { name: 'Color', type: 'string', jsonPath: '.spec.color' },
      { name: 'Size', type: 'integer', jsonPath: '.spec.size', priority: 1 },
      { name: 'Missing', type: 'string', jsonPath: '.status.phase' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ];
    // A path with no value is a nil cell (tableconvertor.go), printed empty by cli-runtime printTable.
    expect(golden('get widgets', model).stdout).toBe('NAME   COLOR   MISSING   AGE\nblue   blue              5m\n');
    expect(golden('get widgets -o wide', model).stdout).toBe('NAME   COLOR   SIZE   MISSING   AGE\nblue   blue    3                5m\n');
  });
});

describe('-o yaml', () => {
  it('writes YAML as sigs.k8s.io/yaml does: unindented sequences, YAML 1.1 look-alikes quoted', () => {
    expect(serialize([{ kind: 'X', spec: { ports: [{ port: 80 }], on: 'yes', v: '1.0' }, metadata: { creationTimestamp: '2025-01-01T00:00:00Z' } }], false, 'yaml')).toBe(
      'kind: X\nmetadata:\n  creationTimestamp: "2025-01-01T00:00:00Z"\nspec:\n  "on": "yes"\n  ports:\n  - port: 80\n  v: "1.0"\n',
    );
    expect(serialize([], true, 'yaml')).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });
});
