/**
 * kubectl expose. Expected texts come from kubernetes/kubectl at tag kubernetes-1.35.0 (the staging copy of k8s.io/kubectl):
 * - pkg/cmd/expose/expose.go RunExpose: "couldn't retrieve selectors via --selector flag or introspection: %v",
 *   "couldn't find port via --port flag or introspection"; createService: ports named `port-N` (and `port-N-<proto>`
 *   for a port with several protocols), targetPort defaulting to the port, strconv.Atoi errors; NewExposeFlags
 *   PrintFlags("exposed"); pkg/cmd/util/helpers.go PrintFlagsWithDryRunStrategy ("%s (dry run)").
 * - pkg/polymorphichelpers/canbeexposed.go canBeExposed ("cannot expose a %s", GroupKind.String()),
 *   mapbasedselectorforobject.go ("the pod has no labels and cannot be exposed", "the service has no pod selector set",
 *   "invalid deployment: no selectors, therefore cannot be exposed", couldn't convert expressions - "%+v" ...),
 *   portsforobject.go getPorts, multiprotocolsforobject.go getMultiProtocols.
 * - Dry-run YAML: metadata.creationTimestamp is omitted since kubernetes/kubernetes#130989 (v1.34, "Omit null
 *   creationTimestamp"); ServiceStatus.loadBalancer is a struct, so encoding/json keeps `loadBalancer: {}`.
 * - AlreadyExists: the API server's StatusError as kubectl's CheckErr prints it ("Error from server (AlreadyExists): ...").
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';
import { LESSON_YAML } from './fixtures.ts';
import { createService, portsFor, protocolsFor, selectorFor } from './kubectl-expose.ts';

const cluster = () =>
  createCluster(`${LESSON_YAML}
---
apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: expr, namespace: prod}
spec:
  selector:
    matchLabels: {app: expr}
    matchExpressions: [{key: tier, operator: In, values: [a, b]}]
  template:
    metadata: {labels: {app: expr, tier: a}}
    spec:
      containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]
`);

describe('kubectl expose', () => {
  it.each([
    // RunExpose → PrintObj with the "exposed" operation.
    ['expose deployment web -n prod --port=80 --target-port=8080 --name=web2', 'service/web2 exposed\n'],
    ['expose pod pod-b --name=b', 'service/b exposed\n'],
    ['expose pod pod-b --name=b -o name', 'service/b\n'],
    ['expose pod pod-b --name=b --dry-run=client', 'service/b exposed (dry run)\n'],
  ])('%s', (cmd, stdout) => {
    const out = cluster().kubectl(cmd);
    expect(out).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it.each([
    ['expose pod pod-a', "error: couldn't find port via --port flag or introspection\n"],
    ['expose pod bare --port=80', "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n"],
    ['expose deploy expr -n prod', 'error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:tier Operator:In Values:[a b]}]" to map-based selector format\n'],
    ['expose ns prod --port=80', 'error: cannot expose a Namespace\n'],
    ['expose networkpolicy deny-all --port=80', 'error: cannot expose a NetworkPolicy.networking.k8s.io\n'],
    ['expose svc web -n prod', 'Error from server (AlreadyExists): services "web" already exists\n'],
    ['expose pod pod-b --port=http', 'error: strconv.Atoi: parsing "http": invalid syntax\n'],
    ['expose pod pod-b --selector=app', 'error: unexpected label spec: app\n'],
    ['expose deploy nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['expose deploy -n prod', 'error: resource(s) were provided, but no name was specified\n'],
    ['expose pod pod-b --session-affinity=Sticky --name=x', 'error: unknown session affinity: Sticky\n'],
    ['expose pod pod-b --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
  ])('%s fails as kubectl does', (cmd, stderr) => {
    const out = cluster().kubectl(cmd);
    expect(out.stderr).toBe(stderr);
    expect(out.exitCode).toBe(1);
  });

  it('prints the Service it would create with --dry-run=client -o yaml (namespace only with -n)', () => {
    const c = cluster();
    expect(c.kubectl('expose pod pod-b --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  labels:
    app: b
  name: pod-b
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: b
status:
  loadBalancer: {}
`);
    expect(c.kubectl('expose deploy web -n prod --port=80 --target-port=http --type=NodePort --dry-run=client -o yaml').stdout).toContain('  namespace: prod\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: http\n  selector:\n    app: web\n  type: NodePort\n');
    expect(c.kubectl('get svc pod-b').exitCode).toBe(1); // nothing was created
  });

  it('creates a working Service: ClusterIP allocated and EndpointSlices written from the selector', () => {
    const c = cluster();
    expect(c.kubectl('expose deploy web -n prod --port=80 --target-port=8080 --name=web2').exitCode).toBe(0);
    const slices = c.endpointSlices('prod/web2');
    expect(slices.flatMap((s) => s.endpoints.map((e) => e.ip)).sort()).toEqual(c.model.pods.filter((p) => p.labels.app === 'web').map((p) => p.ip).sort());
    expect(c.kubectl('get svc web2 -n prod -o jsonpath={.spec.ports[0].targetPort}').stdout).toBe('8080');
    expect(c.kubectl('exec pod-a -- wget -qO- -T 2 web2.prod:80/hostname').stdout).toMatch(/^web-/);
  });

  it('copies a Service\'s port (and not its targetPort) when exposing a Service', () => {
    const c = cluster();
    expect(c.kubectl('expose svc web -n prod --name=web3').exitCode).toBe(0);
    expect(c.kubectl('get svc web3 -n prod -o jsonpath={.spec.ports[0].port}/{.spec.ports[0].targetPort}').stdout).toBe('80/80');
  });
});

describe('the polymorphic helpers on API objects', () => {
  const pod = (ports: unknown[], labels: Record<string, string> = { app: 'x' }) => ({ metadata: { labels }, spec: { containers: [{ ports }] } });
  it.each([
    // getPorts: duplicates removed, container order kept; getMultiProtocols: empty protocol is TCP.
    [pod([{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }, { containerPort: 9153 }]), ['53', '9153'], { 53: ['UDP', 'TCP'], 9153: ['TCP'] }],
    [pod([]), [], {}],
  ])('ports and protocols of a pod %#', (o, ports, protocols) => {
    expect(portsFor('Pod', o)).toEqual(ports);
    expect(Object.fromEntries(protocolsFor('Pod', o))).toEqual(protocols);
  });

  it.each([
    ['Pod', { metadata: {} }, { error: 'the pod has no labels and cannot be exposed' }],
    ['Service', { spec: {} }, { error: 'the service has no pod selector set' }],
    ['Deployment', { spec: { selector: {} } }, { error: 'invalid deployment: no selectors, therefore cannot be exposed' }],
    ['ReplicaSet', { spec: { selector: {} } }, { error: 'invalid replicaset: no selectors, therefore cannot be exposed' }],
    ['Deployment', { spec: { selector: { matchLabels: { app: 'w' } } } }, { selector: 'app=w' }],
  ])('mapBasedSelectorForObject(%s %j)', (kind, o, expected) => {
    expect(selectorFor(kind, o)).toEqual(expected);
  });

  it('createService names several ports port-N and splits a multi-protocol port into port-N-<proto>', () => {
    const base = { name: 's', selector: 'a=b', labels: '', port: '', protocol: '', targetPort: '', type: '', clusterIP: '', externalIP: '', sessionAffinity: '' };
    const svc = createService({ ...base, ports: '53,9153', protocols: new Map([['53', ['UDP', 'TCP']], ['9153', ['TCP']]]) });
    expect(typeof svc === 'object' && (svc.spec as { ports: unknown }).ports).toEqual([
      { name: 'port-1-udp', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'port-1-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'port-2', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ]);
    // --protocol given: it stomps the introspected protocols (one port per number).
    const udp = createService({ ...base, port: '53', ports: '', protocol: 'UDP', protocols: new Map([['53', ['UDP', 'TCP']]]) });
    expect(typeof udp === 'object' && (udp.spec as { ports: unknown }).ports).toEqual([{ port: 53, protocol: 'UDP', targetPort: 53 }]);
    expect(createService({ ...base, selector: '', ports: '', protocols: new Map() })).toBe('selector must be specified');
  });
});
