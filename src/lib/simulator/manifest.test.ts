import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ManifestError, parseManifests } from './manifest.ts';
import type { ParsedObject } from './manifest.ts';
import { createCluster } from './cluster.ts';
import { buildModel } from './build.ts';
import { hostileInputs } from './hostile-inputs.ts';
import { MAX_NESTING, MAX_YAML_NODES, readYamlStream, YamlDocuments, type YamlDocument } from './manifest-yaml.ts';

// Expected messages are the API server's, from kubernetes/kubernetes v1.35 and kubernetes/apimachinery v0.35:
// - apimachinery pkg/api/errors/errors.go NewInvalid: `<Kind>[.<group>] "<name>" is invalid: <field>: <body>`;
// - apimachinery pkg/util/validation/field/errors.go ErrorBody: `Invalid value: "x": …`, `Required value`,
//   `Forbidden: …`, `Duplicate value: …`, `Unsupported value: "x": supported values: "a", "b"`;
// - apimachinery pkg/util/validation/validation.go: IsDNS1123Label / IsDNS1035Label / IsValidPortName /
//   IsValidPortNum (MaxLenError "must be no more than N characters", RegexError, InclusiveRangeError);
// - apimachinery pkg/api/validate/content/kube.go: IsLabelKey / IsLabelValue;
// - kubernetes pkg/apis/core/validation/validation.go, pkg/apis/apps/validation, pkg/apis/networking/validation.

function errorOf(input: unknown): ManifestError {
  try {
    parseManifests(input);
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

function only(input: unknown): ParsedObject {
  const objs = parseManifests(input);
  expect(objs).toHaveLength(1);
  return objs[0] as ParsedObject;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
const svc = (ports: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n${extra}  ports:\n${ports}`;

describe('manifest parsing', () => {
  it('parses multi-document YAML, skipping empty documents', () => {
    const objs = parseManifests(`${POD}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n---\n`);
    expect(objs.map((o) => o.kind)).toEqual(['Pod', 'Namespace']);
    const ns = objs[1];
    expect(ns?.kind === 'Namespace' && ns.value.labels['kubernetes.io/metadata.name']).toBe('prod');
  });

  it('accepts parsed objects and List kinds; typed lists pass their type to items that name none', () => {
    const objs = parseManifests({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] });
    expect(objs.map((o) => o.value.name)).toEqual(['a', 'b']);
    // apimachinery unstructured: items of a typed list without apiVersion/kind get the list's, minus "List".
    const typed = parseManifests({ apiVersion: 'v1', kind: 'NamespaceList', items: [{ metadata: { name: 'c' } }] });
    expect(typed.map((o) => `${o.kind}/${o.value.name}`)).toEqual(['Namespace/c']);
  });

  it('defaults policyTypes as documented (SetDefaults_NetworkPolicy: [Ingress], then Egress when there are egress rules)', () => {
    const [a, b] = parseManifests([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: { podSelector: {} } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'b' }, spec: { podSelector: {}, egress: [{}] } },
    ]);
    expect(a?.kind === 'NetworkPolicy' && a.value.policyTypes).toEqual(['Ingress']);
    expect(b?.kind === 'NetworkPolicy' && b.value.policyTypes).toEqual(['Ingress', 'Egress']);
  });
});

describe('valid objects are accepted as the API server accepts them', () => {
  it('a Service port name is a DNS-1123 label (up to 63 characters), not an IANA service name', () => {
    // validateServicePort: ValidateDNS1123Label(sp.Name); only container ports use IsValidPortName (15).
    const name = 'metrics-exporter-http-port';
    const o = only(svc(`  - name: ${name}\n    port: 9100\n`));
    expect(o.kind === 'Service' && o.value.ports[0]?.name).toBe(name);
  });

  it('nodePort 0 means unset, and a targetPort of 0 or "" is the port (SetDefaults_Service)', () => {
    const o = only(svc('  - {name: a, port: 80, nodePort: 0, targetPort: 0}\n  - {name: b, port: 81, targetPort: ""}\n', '  type: NodePort\n'));
    expect(o.kind === 'Service' && o.value.ports).toEqual([
      { name: 'a', port: 80, targetPort: 80, protocol: 'TCP' },
      { name: 'b', port: 81, targetPort: 81, protocol: 'TCP' },
    ]);
    const cluster = createCluster(svc('  - {port: 80, nodePort: 0}\n', '  type: NodePort\n'));
    const port = cluster.model.services.find((s) => s.name === 's')?.ports[0];
    expect(port?.nodePort).toBeGreaterThanOrEqual(30000); // allocated from the default range
  });

  it('accepts the container fields the simulator does not simulate, and keeps command, args and the readiness probe', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: app, labels: {tier: ""}}
spec:
  serviceAccountName: app
  nodeSelector: {kubernetes.io/os: linux}
  tolerations: [{key: dedicated, operator: Equal, value: app, effect: NoSchedule}]
  affinity: {nodeAffinity: {}}
  securityContext: {runAsNonRoot: true}
  volumes:
  - {name: data, emptyDir: {}}
  - {name: config, configMap: {name: app-config}}
  initContainers:
  - {name: init, image: busybox:1.36, command: [sh, -c, "true"]}
  - {name: sidecar, image: envoy, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 9901}}}
  containers:
  - name: app
    image: registry.example/app:1.0
    command: ["/app"]
    args: ["--port=8080", "--verbose"]
    ports: [{name: http-metrics-01, containerPort: 8080}]
    env: [{name: MODE, value: prod}, {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}]
    envFrom: [{configMapRef: {name: app-config}}]
    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
    volumeMounts: [{name: data, mountPath: /data}, {name: config, mountPath: /etc/app, readOnly: true}]
    readinessProbe: {httpGet: {path: /healthz, port: http-metrics-01}, periodSeconds: 5}
    livenessProbe: {exec: {command: [cat, /tmp/ok]}}
    lifecycle: {preStop: {sleep: {seconds: 5}}}
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    imagePullPolicy: IfNotPresent
`;
    const o = only(text);
    expect(o.kind).toBe('Pod');
    if (o.kind !== 'Pod') return;
    expect(o.value.containers).toEqual([
      { name: 'app', image: 'registry.example/app:1.0', command: ['/app'], args: ['--port=8080', '--verbose'], ports: [{ name: 'http-metrics-01', containerPort: 8080, protocol: 'TCP' }], readinessProbe: { kind: 'httpGet', path: '/healthz', port: 'http-metrics-01', timing: { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 } }, volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'config', mountPath: '/etc/app' }] },
    ]);
    expect(o.value.labels).toEqual({ tier: '' });
  });

  it('keeps command and args of a Deployment template; absent ones stay undefined', () => {
    const o = only(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: a, image: busybox, command: [sleep], args: ["3600"]}
      - {name: b, image: nginx}
`);
    expect(o.kind === 'Deployment' && o.value.containers.map((c) => [c.command, c.args])).toEqual([
      [['sleep'], ['3600']],
      [undefined, undefined],
    ]);
  });

  it('reads metadata.deletionTimestamp as a terminating pod, and status.phase/conditions as before', () => {
    const o = only(`${POD.replace('  name: web\n', '  name: web\n  deletionTimestamp: "2026-01-01T00:00:00Z"\n')}status:\n  phase: Running\n  conditions: [{type: Ready, status: "False"}]\n`);
    expect(o.kind === 'Pod' && [o.value.terminating, o.value.phase, o.value.ready]).toEqual([true, 'Running', false]);
    const p = only(POD);
    expect(p.kind === 'Pod' && [p.value.terminating, p.value.ready]).toEqual([undefined, true]);
  });

  it('accepts what kubectl itself prints: --dry-run=client -o yaml, and get -o yaml of live objects', () => {
    // The shape `kubectl run nginx --image=nginx --dry-run=client -o yaml` prints (kubectl v1.35).
    const dryRun = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;
    expect(only(dryRun).kind).toBe('Pod');
    // A Pod and a Service as \`kubectl get -o yaml\` returns them from a cluster (server-set fields included).
    const live = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-01T10:00:00Z"
  generateName: web-7d4b9c8f5d-
  labels: {app: web, pod-template-hash: 7d4b9c8f5d}
  name: web-7d4b9c8f5d-x2x7q
  namespace: default
  ownerReferences:
  - {apiVersion: apps/v1, blockOwnerDeletion: true, controller: true, kind: ReplicaSet, name: web-7d4b9c8f5d, uid: 0b4c1b9e-0000-4000-8000-000000000001}
  resourceVersion: "1234"
  uid: 6f1a2b3c-0000-4000-8000-000000000002
spec:
  containers:
  - image: nginx:1.27
    imagePullPolicy: IfNotPresent
    name: nginx
    ports: [{containerPort: 80, protocol: TCP}]
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - {mountPath: /var/run/secrets/kubernetes.io/serviceaccount, name: kube-api-access-abcde, readOnly: true}
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: kind-worker
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}
  volumes:
  - name: kube-api-access-abcde
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken: {expirationSeconds: 3607, path: token}
status:
  conditions:
  - {lastProbeTime: null, lastTransitionTime: "2026-01-01T10:00:05Z", status: "True", type: Ready}
  containerStatuses:
  - {image: "docker.io/library/nginx:1.27", name: nginx, ready: true, restartCount: 0, started: true, state: {running: {startedAt: "2026-01-01T10:00:04Z"}}}
  hostIP: 172.18.0.3
  hostIPs: [{ip: 172.18.0.3}]
  phase: Running
  podIP: 10.244.1.5
  podIPs: [{ip: 10.244.1.5}]
  qosClass: BestEffort
  startTime: "2026-01-01T10:00:00Z"
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  clusterIP: 10.96.120.15
  clusterIPs: [10.96.120.15]
  internalTrafficPolicy: Cluster
  ipFamilies: [IPv4]
  ipFamilyPolicy: SingleStack
  ports: [{name: http, port: 80, protocol: TCP, targetPort: 80}]
  selector: {app: web}
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}
`;
    const [pod, service] = parseManifests(live);
    expect(pod?.kind === 'Pod' && [pod.value.ip, pod.value.nodeName, pod.value.ready]).toEqual(['10.244.1.5', 'kind-worker', true]);
    expect(service?.kind === 'Service' && service.value.clusterIP).toBe('10.96.120.15');
  });

  it('accepts a headless Service without ports, RBAC names with colons, empty label values', () => {
    // ValidateService: ports are required unless the Service is headless or ExternalName.
    expect(only('apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n  selector: {app: db}\n').kind).toBe('Service');
    // ValidateRBACName is path.IsValidPathSegmentName: anything but '.', '..', '/' and '%'.
    const role = only('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:aggregate-to-view"}\nrules: []\n');
    expect(role.kind === 'Stored' && role.value.name).toBe('system:aggregate-to-view');
    // JSON null decodes to the empty string, a valid label value.
    const ns = only('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n  labels:\n    empty:\n');
    expect(ns.kind === 'Namespace' && ns.value.labels.empty).toBe('');
  });

  it('accepts 0 replicas and any strategy the API knows', () => {
    const o = only(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 0
  strategy: {type: Recreate}
  selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`);
    expect(o.kind === 'Deployment' && o.value.replicas).toBe(0);
  });

  it('reads YAML scalars as kubectl does (go-yaml v2, YAML 1.1): yes/on are booleans, 0777 is octal', () => {
    // sigs.k8s.io/yaml converts with go-yaml v2 (resolve.go): `enabled: yes` is the boolean true, which a
    // label (a string) cannot hold.
    const e = errorOf('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n  labels:\n    enabled: yes\n');
    expect(e.message).toBe('document 1, line 6, column 5: Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string');
    // Even a name: `n` is the boolean false in YAML 1.1 (the "Norway problem"), so kubectl cannot send it as a name.
    expect(errorOf('apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n').message).toBe('document 1, line 3, column 12: Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string');
    const o = only(svc('  - port: 0777\n'));
    expect(o.kind === 'Service' && o.value.ports[0]?.port).toBe(511);
    // Timestamps stay strings (go-yaml v2 decode.go keeps timestamp-like scalars as strings in interface{}).
    const cm = only('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {day: 2026-01-01}\n');
    expect(cm.kind === 'Stored' && (cm.value.raw.data as Record<string, unknown>).day).toBe('2026-01-01');
  });
});

describe('invalid objects are refused with the API server message, at the exact line and column', () => {
  const long = 'a'.repeat(64);
  it.each([
    [
      'Service port name over 63 characters (validateServicePort → IsDNS1123Label)',
      svc(`  - name: ${long}\n    port: 80\n`),
      { line: 7, column: 5, path: 'spec.ports[0].name', reason: 'Invalid' },
      `document 1, line 7, column 5: Service "s" is invalid: spec.ports[0].name: Invalid value: "${long}": must be no more than 63 characters`,
    ],
    [
      'container port name over 15 characters (validateContainerPorts → IsValidPortName)',
      `${POD}    ports:\n    - name: metrics-exporter-http\n      containerPort: 9100\n`,
      { line: 10, column: 7, path: 'spec.containers[0].ports[0].name' },
      'document 1, line 10, column 7: Pod "web" is invalid: spec.containers[0].ports[0].name: Invalid value: "metrics-exporter-http": must be no more than 15 characters',
    ],
    [
      'duplicate Service port name (validateServicePort: field.Duplicate)',
      svc('  - {name: x, port: 80}\n  - {name: x, port: 81}\n'),
      { line: 8, column: 6 },
      'document 1, line 8, column 6: Service "s" is invalid: spec.ports[1].name: Duplicate value: "x"',
    ],
    [
      'unnamed port of a multi-port Service (validateServicePort: requireName)',
      svc('  - {name: x, port: 80}\n  - {port: 81}\n'),
      { line: 8, column: 5 },
      'document 1, line 8, column 5: Service "s" is invalid: spec.ports[1].name: Required value',
    ],
    [
      'port out of range (IsValidPortNum)',
      svc('  - port: 70000\n'),
      { line: 7, column: 5 },
      'document 1, line 7, column 5: Service "s" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'nodePort on a ClusterIP Service (ValidateService)',
      svc('  - {port: 80, nodePort: 30080}\n'),
      { path: 'spec.ports[0].nodePort' },
      "document 1, line 7, column 16: Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      'nodePort outside the range (pkg/registry/core/service/portallocator ErrNotInRange)',
      svc('  - {port: 80, nodePort: 8080}\n', '  type: NodePort\n'),
      { path: 'spec.ports[0].nodePort' },
      'document 1, line 8, column 16: Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'unknown Service type (field.NotSupported, sets.List order)',
      svc('  - port: 80\n', '  type: ExternalIP\n'),
      { line: 6, column: 3 },
      'document 1, line 6, column 3: Service "s" is invalid: spec.type: Unsupported value: "ExternalIP": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    [
      'headless NodePort Service',
      svc('  - port: 80\n', '  type: NodePort\n  clusterIP: None\n'),
      { line: 7, column: 3 },
      "document 1, line 7, column 3: Service \"s\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    ],
    [
      'invalid Service name (ValidateServiceName = NameIsDNS1035Label)',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n',
      { line: 4, column: 3 },
      "document 1, line 4, column 3: Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ],
    [
      'missing containers (validateContainers)',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}\n',
      { path: 'spec.containers', documentIndex: 1, line: 5, column: 1 },
      'document 1, line 5, column 1: Pod "web" is invalid: spec.containers: Required value',
    ],
    [
      'container without image (validateContainerCommon)',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: c\n',
      { line: 6, column: 5 },
      'document 1, line 6, column 5: Pod "web" is invalid: spec.containers[0].image: Required value',
    ],
    [
      'volumeMount of no volume (ValidateVolumeMounts: field.NotFound)',
      `${POD}    volumeMounts: [{name: data, mountPath: /data}]\n`,
      { line: 9, column: 21 },
      'document 1, line 9, column 21: Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'unsupported container port protocol',
      `${POD}    ports: [{containerPort: 80, protocol: HTTP}]\n`,
      { path: 'spec.containers[0].ports[0].protocol' },
      'document 1, line 9, column 33: Pod "web" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'missing name (ValidateObjectMetaAccessor)',
      'apiVersion: v1\nkind: Namespace\nmetadata: {}\n',
      { path: 'metadata.name', objectName: '' },
      'document 1, line 3, column 1: Namespace "" is invalid: metadata.name: Required value: name or generateName is required',
    ],
    [
      'invalid label value (ValidateLabels → content.IsLabelValue)',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n  labels:\n    app: "a b"\n',
      { path: 'metadata.labels', line: 6, column: 5 },
      "document 1, line 6, column 5: Namespace \"ns1\" is invalid: metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    [
      'Deployment selector not matching the template (ValidatePodTemplateSpecForReplicaSet)',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: api}\n    spec: {containers: [{name: c, image: nginx}]}\n',
      { line: 8, column: 7 },
      'document 1, line 8, column 7: Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"api"}: `selector` does not match template `labels`',
    ],
    [
      'empty Deployment selector (ValidateDeploymentSpec)',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {}\n  template:\n    spec: {containers: [{name: c, image: nginx}]}\n',
      { line: 5, column: 3 },
      'document 1, line 5, column 3: Deployment.apps "web" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ],
    [
      'negative replicas (ValidateNonnegativeField)',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n',
      { line: 5, column: 3 },
      'document 1, line 5, column 3: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'bad selector operator (ValidateLabelSelectorRequirement)',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: a, operator: Equals, values: [b]}\n',
      { path: 'spec.podSelector.matchExpressions[0].operator', line: 7, column: 16 },
      'document 1, line 7, column 16: NetworkPolicy.networking.k8s.io "p" is invalid: spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
    ],
    [
      'In without values',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: a, operator: In}\n',
      { path: 'spec.podSelector.matchExpressions[0].values' },
      "document 1, line 7, column 7: NetworkPolicy.networking.k8s.io \"p\" is invalid: spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ],
    [
      'endPort with a named port (ValidateNetworkPolicyPort)',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - {port: http, endPort: 90}\n',
      { path: 'spec.ingress[0].ports[0].endPort', line: 8, column: 20 },
      'document 1, line 8, column 20: NetworkPolicy.networking.k8s.io "p" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
    ],
    [
      'ipBlock combined with a selector (ValidateNetworkPolicyPeer)',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n',
      { path: 'spec.ingress[0].from[0]', line: 8, column: 7 },
      'document 1, line 8, column 7: NetworkPolicy.networking.k8s.io "p" is invalid: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    ],
    [
      'except outside the cidr (ValidateIPBlock)',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}\n',
      { path: 'spec.egress[0].to[0].ipBlock.except[0]' },
      'document 1, line 8, column 45: NetworkPolicy.networking.k8s.io "p" is invalid: spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
    ],
    [
      'invalid cidr (apimachinery ip.go parseCIDR)',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0}\n',
      { path: 'spec.egress[0].to[0].ipBlock.cidr' },
      'document 1, line 8, column 17: NetworkPolicy.networking.k8s.io "p" is invalid: spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ],
  ])('%s', (_name, input, fields, message) => {
    const e = errorOf(input);
    expect(e.message).toBe(message);
    expect(e).toMatchObject({ reason: 'Invalid', ...fields });
  });
});

describe('more of the API server rules, each with its message', () => {
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n${spec}`;
  const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n${spec}`;
  const policy = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n${spec}`;
  const rules: Array<[string, string | RegExp]> = [
    // validatePullPolicy (sets.List order)
    [pod('  containers: [{name: c, image: nginx, imagePullPolicy: Sometimes}]\n'), 'Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    // ValidatePodTemplateSpecForReplicaSet: a Deployment's pods restart Always
    [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: x}]\n',
      'Deployment.apps "d" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    // ValidatePodTemplateSpec reports template labels at spec.template.labels (not …metadata.labels)
    [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchExpressions: [{key: a, operator: Exists}]}\n  template:\n    metadata: {labels: {a: "x y"}}\n    spec: {containers: [{name: c, image: x}]}\n',
      /^Deployment\.apps "d" is invalid: spec\.template\.labels: Invalid value: "x y": a valid label must be/,
    ],
    // validateInitContainerRestartPolicy
    [pod('  initContainers: [{name: i, image: x, restartPolicy: OnFailure}]\n  containers: [{name: c, image: x}]\n'), 'Pod "web" is invalid: spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    // validatePodDNSConfig
    [pod('  dnsPolicy: None\n  containers: [{name: c, image: x}]\n'), 'Pod "web" is invalid: spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None'],
    // validatePodHostNetworkDeps
    [pod('  hostNetwork: true\n  containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]\n'), 'Pod "web" is invalid: spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true'],
    // AccumulateUniqueHostPorts: protocol/hostIP/port
    [pod('  containers:\n  - {name: a, image: x, ports: [{containerPort: 80, hostPort: 8080}]}\n  - {name: b, image: x, ports: [{containerPort: 81, hostPort: 8080}]}\n'), 'Pod "web" is invalid: spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    // ValidatePodCreate
    [pod('  containers: [{name: c, image: x}]\n  ephemeralContainers: [{name: e, image: x}]\n'), 'Pod "web" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create'],
    // validateVolumeSource (its own spelling of the downwardAPI path)
    [pod('  volumes: [{name: v}]\n  containers: [{name: c, image: x}]\n'), 'Pod "web" is invalid: spec.volumes[0]: Required value: must specify a volume type'],
    [pod('  volumes: [{name: v, emptyDir: {}, downwardAPI: {}}]\n  containers: [{name: c, image: x}]\n'), 'Pod "web" is invalid: spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type'],
    // ValidateService
    [service('  sessionAffinity: Sticky\n  ports: [{port: 80}]\n'), 'Service "s" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'],
    [service('  externalTrafficPolicy: Local\n  ports: [{port: 80}]\n'), 'Service "s" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    [service('  loadBalancerSourceRanges: [10.0.0.0/8]\n  ports: [{port: 80}]\n'), "Service \"s\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    // the duplicate's bad value is the internal core.ServicePort key, as json.Marshal renders it
    [service('  ports: [{name: a, port: 80}, {name: b, port: 80}]\n'), 'Service "s" is invalid: spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}'],
    [service('  type: NodePort\n  ports: [{name: a, port: 80, nodePort: 30080}, {name: b, port: 81, nodePort: 30080}]\n'), 'Service "s" is invalid: spec.ports[1].nodePort: Duplicate value: 30080'],
    // ValidateServiceClusterIPsRelatedFields
    [service('  clusterIP: 10.96.0.20\n  clusterIPs: [10.96.0.21]\n  ports: [{port: 80}]\n'), 'Service "s" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.21"]: first value must match `clusterIP`'],
    [service('  clusterIP: 10.96.0.300\n  ports: [{port: 80}]\n'), 'Service "s" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    // a single-stack IPv4 cluster's allocator
    [service('  clusterIP: fd00::20\n  ports: [{port: 80}]\n'), 'Service "s" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'],
    // ValidateNode → validateNodeTaints(…, metadata.taints)
    ['apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n  taints: [{key: a, value: b, effect: NoRun}]\n', 'Node "n1" is invalid: metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    // ValidateNetworkPolicySpec / Port / Peer
    [policy('  policyTypes: [Ingres]\n'), 'NetworkPolicy.networking.k8s.io "p" is invalid: spec.policyTypes[0]: Unsupported value: "Ingres": supported values: "Ingress", "Egress"'],
    [policy('  ingress: [{ports: [{port: 90, endPort: 80}]}]\n'), 'NetworkPolicy.networking.k8s.io "p" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`'],
    [policy('  ingress: [{from: [{}]}]\n'), 'NetworkPolicy.networking.k8s.io "p" is invalid: spec.ingress[0].from[0]: Required value: must specify a peer'],
    [policy('  ingress: [{ports: [{protocol: ICMP}]}]\n'), 'NetworkPolicy.networking.k8s.io "p" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"'],
    // ValidateObjectMetaAccessor: namespace; ValidateAnnotations: keys
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: Prod}\n', /^ConfigMap "c" is invalid: metadata\.namespace: Invalid value: "Prod": a lowercase RFC 1123 label must consist of/],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {"bad key": x}}\n', /^ConfigMap "c" is invalid: metadata\.annotations: Invalid value: "bad key": name part must consist of/],
  ];
  const named = rules.map(([input, message]): [string, string, string | RegExp] => [String(message).match(/is invalid: (.+?): /)?.[1] ?? String(message), input, message]);
  it.each(named)('%s', (_field, input, message) => {
    const e = errorOf(input);
    expect(e.reason).toBe('Invalid');
    if (typeof message === 'string') expect(e.detail).toBe(message);
    else expect(e.detail).toMatch(message);
    expect(e.message.endsWith(e.detail)).toBe(true);
  });
});

describe('objects the API server cannot decode or map are refused as it refuses them', () => {
  it.each([
    [
      // The strict decoding format: kubernetes/website#52675 quotes `Deployment in version "v1" cannot be
      // handled as a Deployment: strict decoding error: unknown field "spec.template.spec.initContainers[0]…"`.
      'a typo in a field name (strict field validation)',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podselector: {}\n',
      { reason: 'BadRequest', path: 'spec.podselector', line: 5, column: 3 },
      'document 1, line 5, column 3: NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.podselector"',
    ],
    [
      'several unknown fields, in the sorted order kubectl sends them',
      `${POD}    requests: {cpu: 1}\n  replica: 2\n`,
      { reason: 'BadRequest', path: 'spec.containers[0].requests' },
      'document 1, line 9, column 5: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].requests", unknown field "spec.replica"',
    ],
    [
      // kubernetes-sigs/json decode.go UnmarshalTypeError.Error(): Go struct, field path and Go type.
      'a number as a label value',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n  labels: {version: 2}\n',
      { reason: 'BadRequest', path: 'metadata.labels.version', line: 5, column: 12 },
      'document 1, line 5, column 12: Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'a quoted port number',
      svc('  - port: "80"\n'),
      { reason: 'BadRequest', path: 'spec.ports[0].port' },
      'document 1, line 7, column 5: Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [
      'a fractional replica count',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1.5\n',
      { reason: 'BadRequest' },
      'document 1, line 5, column 3: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'an unknown kind',
      'apiVersion: v1\nkind: Widget\nmetadata: {name: x}\n',
      { reason: 'NoMatch', path: 'kind', line: 2, column: 1 },
      'document 1, line 2, column 1: no matches for kind "Widget" in version "v1"',
    ],
    [
      'a removed apiVersion (extensions/v1beta1 is no longer served)',
      'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {podSelector: {}}\n',
      { reason: 'NoMatch', path: 'apiVersion', line: 1, column: 1 },
      'document 1, line 1, column 1: no matches for kind "NetworkPolicy" in version "extensions/v1beta1"',
    ],
    [
      'a missing apiVersion',
      'kind: Pod\nmetadata: {name: x}\n',
      { reason: 'NoMatch', path: 'apiVersion' },
      'document 1, line 1, column 1: no matches for kind "Pod" in version ""',
    ],
    [
      // apimachinery runtime/error.go NewMissingKindErr.
      'a missing kind',
      'apiVersion: v1\nmetadata: {name: x}\n',
      { reason: 'Decode' },
      `document 1, line 1, column 1: Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`,
    ],
    [
      'YAML syntax error with document, line and column',
      `${POD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n`,
      { reason: 'Syntax', documentIndex: 2, line: 14 },
      /^document 2, line 14, column \d+: invalid YAML: /,
    ],
    [
      // go-yaml v2 decode.go: `key %#v already set in map` (kubectl refuses duplicate keys while converting).
      'duplicate keys',
      'apiVersion: v1\nkind: Namespace\nkind: Pod\nmetadata: {name: n}\n',
      { reason: 'Syntax', documentIndex: 1, line: 3, column: 1 },
      'document 1, line 3, column 1: invalid YAML: key "kind" already set in map',
    ],
  ])('%s', (_name, input, fields, message) => {
    const e = errorOf(input);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
    expect(e).toMatchObject(fields);
  });

  it('refuses input over 1 MB with the size in the message', () => {
    const big = `# ${'x'.repeat(1_048_600)}\n`;
    const e = errorOf(big);
    expect(e.message).toBe(`Manifest input is ${big.length} bytes; the limit is 1 MB (1,048,576 bytes)`);
  });

  it('says plainly when a value is valid for the API server but beyond the simulator', () => {
    const e = errorOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 500\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n');
    expect(e.message).toBe('document 1, line 5, column 3: Deployment.apps "web": spec.replicas: this simulator runs at most 100 replicas per Deployment, got 500');
  });

  it('rejects duplicate objects and conflicting addresses at cluster build', () => {
    expect(() => createCluster(`${POD}---\n${POD}`)).toThrow(/duplicate object, already defined in document 1/);
    expect(() => createCluster('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: 10.96.0.10\n  ports: [{port: 80}]\n')).toThrow(/already allocated/);
  });
});

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  mode: prod\n';

describe('kinds the simulator does not model are stored', () => {
  it('returns them as Stored objects with their metadata, and the file around them still applies', () => {
    const objs = parseManifests(`${CONFIG_MAP}---\n${POD}---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: data, labels: {app: db}}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres}]}\n`);
    expect(objs.map((o) => o.kind)).toEqual(['Stored', 'Pod', 'Stored']);
    const sts = objs[2];
    expect(sts?.kind === 'Stored' && { ...sts.value, raw: undefined, statefulSet: undefined }).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', namespace: 'data', labels: { app: 'db' }, annotations: {}, raw: undefined });
  });

  it('validates their metadata and the pod templates of StatefulSets and ReplicaSets', () => {
    expect(errorOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: App_Config}\n').message).toBe(
      "document 1, line 3, column 12: ConfigMap \"App_Config\" is invalid: metadata.name: Invalid value: \"App_Config\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    // ValidateStatefulSetSpec: "empty selector is not valid for statefulset."
    expect(errorOf('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  selector: {}\n  template: {spec: {containers: [{name: c, image: x}]}}\n').message).toBe(
      'document 1, line 5, column 3: StatefulSet.apps "db" is invalid: spec.selector: Invalid value: {}: empty selector is not valid for statefulset.',
    );
    expect(errorOf('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c}]}\n').message).toBe(
      'document 1, line 8, column 25: ReplicaSet.apps "rs" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it('stores ExternalName Services (not simulated) after validating them', () => {
    const o = only('apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n');
    expect(o.kind === 'Stored' && [o.value.kind, o.value.name]).toEqual(['Service', 'db']);
    expect(errorOf('apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  type: ExternalName\n').message).toBe('document 1, line 4, column 1: Service "db" is invalid: spec.externalName: Required value');
  });

  it('buildModel puts them into storedObjects, sorted by kind, namespace and name; duplicates are refused', () => {
    const model = buildModel(parseManifests(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\n---\n${CONFIG_MAP}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n`));
    expect(model.storedObjects.map((o) => `${o.kind}/${o.namespace}/${o.name}`)).toEqual(['ConfigMap/default/app-config', 'ServiceAccount/default/a', 'ServiceAccount/default/b']);
    expect(() => buildModel(parseManifests(`${CONFIG_MAP}---\n${CONFIG_MAP}`))).toThrow('ConfigMap "app-config" (document 2): metadata.name: duplicate object, already defined in document 1');
    // A ConfigMap and a Secret of the same name are different objects.
    expect(buildModel(parseManifests(`${CONFIG_MAP}---\napiVersion: v1\nkind: Secret\nmetadata: {name: app-config}\n`)).storedObjects).toHaveLength(2);
  });

  it('apply prints kubectl lines for them (cli-runtime printers/name.go: lower-case kind, then the group)', () => {
    const cluster = createCluster([]);
    const crd = `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web-tls}\nspec: {secretName: web-tls}\n`;
    const text = [
      CONFIG_MAP,
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: app-view}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: app}]\n',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n',
      crd,
    ].join('---\n');
    expect(cluster.apply(text)).toEqual([
      'configmap/app-config created',
      'serviceaccount/app created',
      'rolebinding.rbac.authorization.k8s.io/app-view created',
      'persistentvolumeclaim/data created',
      'certificate.cert-manager.io/web-tls created',
    ]);
    expect(cluster.model.storedObjects).toHaveLength(5);
    expect(cluster.apply(CONFIG_MAP)).toEqual(['configmap/app-config unchanged']);
    expect(cluster.apply(CONFIG_MAP.replace('prod', 'dev'))).toEqual(['configmap/app-config configured']);
    expect(() => cluster.apply(`${CONFIG_MAP}---\n${CONFIG_MAP}`)).toThrow(/duplicate object, already defined in document 1/);
  });

  it('keeps custom resources namespaced unless their CRD in the input says Cluster', () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: clusterissuers.cert-manager.io}\nspec:\n  group: cert-manager.io\n  scope: Cluster\n  names: {kind: ClusterIssuer, plural: clusterissuers}\n  versions: []\n';
    const issuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: ca, namespace: ignored}\n';
    const objs = parseManifests(`${crd}---\n${issuer}`);
    expect(objs.map((o) => (o.kind === 'Stored' ? `${o.value.kind}/${o.value.namespace}` : ''))).toEqual(['CustomResourceDefinition/', 'ClusterIssuer/']);
    const alone = only(issuer);
    expect(alone.kind === 'Stored' && alone.value.namespace).toBe('ignored');
  });
});

describe('hostile input parses or is refused, never hangs (times: npm run bench:hostile)', () => {
  const inputs = new Map(hostileInputs().map((i) => [i.name, i]));
  const outcome = (name: string): string => {
    const input = inputs.get(name);
    if (!input) throw new Error(`no hostile input ${name}`);
    try {
      return `parsed ${parseManifests(input.text).length}`;
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      return e.message;
    }
  };
  const tooComplex = new RegExp(`^Manifest input is too complex: it holds about [\\d,]+ YAML nodes; the limit is ${MAX_YAML_NODES.toLocaleString('en-US')}$`);
  const tooDeep = `invalid YAML: the document nests collections deeper than ${MAX_NESTING} levels`;
  const expandedTooLarge = new RegExp(`^document 1: invalid YAML: the document holds more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML nodes once its aliases are expanded$`);

  const expected: Array<[string, RegExp]> = [
    ['labels-30k', tooComplex],
    ['labels-max', /^parsed 1$/],
    ['labels-1mb', tooComplex],
    ['annotation-900kb', /metadata\.annotations: Too long: may not be more than 262144 bytes$/],
    // Bad values longer than 1,000 characters are cut in messages (the API server prints them whole).
    ['label-key-900kb', /metadata\.labels: Invalid value: "k{999}…: name part must be no more than 63 bytes$/],
    ['string-900kb', /^parsed 1$/],
    ['block-scalar-max', /^parsed 1$/],
    ['block-scalar-1mb', tooComplex],
    ['flow-nesting-500k', tooComplex],
    ['flow-nesting-5k', new RegExp(`^document 1, line 5, column \\d+: ${tooDeep}$`)],
    ['block-nesting-1000', new RegExp(`^document 1, line 104, column 102: ${tooDeep}$`)],
    ['compact-seq-300k', tooComplex],
    ['flow-list-max', /^parsed 1$/],
    ['flow-list-1mb', tooComplex],
    ['block-list-max', /^parsed 1$/],
    ['block-list-1mb', tooComplex],
    ['containers-max', /^parsed 1$/],
    ['containers-1mb', tooComplex],
    ['documents-max', /^parsed \d{4}$/],
    ['documents-1mb', tooComplex],
    ['policies-max', /^parsed \d{3}$/],
    ['policies-1mb', tooComplex],
    ['rules-max', /^parsed 1$/],
    ['rules-1mb', tooComplex],
    ['match-expressions-max', /^parsed 1$/],
    ['match-expressions-1mb', tooComplex],
    // The strict decoding error lists the first 20 unknown fields (the API server lists them all).
    ['unknown-fields-max', /^document 1, line 9, column 3: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.f0", unknown field "spec\.f1", unknown field "spec\.f10", .*, … \(\d+ more\)$/],
    ['unknown-fields-1mb', tooComplex],
    ['billion-laughs', expandedTooLarge],
    ['alias-fanout', expandedTooLarge],
    ['deep-json', tooComplex],
  ];
  it.each(expected)('%s', (name, result) => {
    expect(outcome(name)).toMatch(result);
  });

  it('a nesting too deep is reported at the same place however much stack is left', () => {
    // The YAML library composes recursively: where its stack runs out depends on how much stack the caller left
    // and on the engine (optimised frames are smaller). Under 0 to 5,000 frames it ran out at lines 886, 793 or
    // not at all (then checkStructure found line 104); the report must name the first collection too deep.
    const below = (frames: number, name: string): string => (frames > 0 ? below(frames - 1, name) : outcome(name));
    for (const name of ['block-nesting-1000', 'flow-nesting-5k']) {
      const reports = [0, 1000, 2000, 3000, 4000, 5000].map((frames) => below(frames, name));
      expect(new Set(reports).size, `${name}: ${reports.join(' | ')}`).toBe(1);
    }
  });

  it('pins the outcome of every generated input', () => {
    expect(expected.map(([name]) => name)).toEqual([...inputs.keys()]);
  });
});

describe('fuzzing', () => {
  it('random strings only ever throw ManifestError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: fc.constantFrom('a', ':', ' ', '\n', '-', '{', '}', '[', ']', '"', "'", 'kind', 'Pod', 'apiVersion', 'v1', '&a', '*a', '!!', '#', '|', '>', '---'), maxLength: 60 })), (text) => {
        try {
          createCluster(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ManifestError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random objects (including near-valid manifests) only ever throw ManifestError', () => {
    const kinds = fc.constantFrom('Pod', 'Service', 'NetworkPolicy', 'Namespace', 'Node', 'Deployment', 'List', 'ConfigMap', 'StatefulSet', 'Other');
    const near = fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'example.com/v1', 'x'), kind: kinds, metadata: fc.anything({ maxDepth: 2 }), spec: fc.anything({ maxDepth: 4 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 3 }), near, fc.array(near, { maxLength: 3 })), (input) => {
        try {
          createCluster(input as never);
        } catch (e) {
          expect(e).toBeInstanceOf(ManifestError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseManifests on documents already read (the lab re-parses only what an edit touched)', () => {
  const crd = (scope: 'Cluster' | 'Namespaced') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: ${scope}
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } } }]
`;
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\n';
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: [{ name: app, image: nginx }]\n';
  const read = (text: string) => readYamlStream(text).documents;
  /** Documents as the lab's evaluator hands them over: the same values, numbered from `first`. */
  const numbered = (docs: readonly YamlDocument[], first: number) => docs.map((d, i) => ({ ...d, index: first + i }));
  const plain = (objects: readonly ParsedObject[]) => JSON.parse(JSON.stringify(objects)) as unknown;

  it('gives the objects the text gives, whether a value is parsed for the first time or again', () => {
    const docs = read(`${pod}---\n${widget}`);
    const first = parseManifests(new YamlDocuments(docs));
    const again = parseManifests(new YamlDocuments(docs));
    expect(plain(again)).toEqual(plain(parseManifests(`${pod}---\n${widget}`)));
    expect(again[0]).toBe(first[0]); // the same objects, not parsed twice
  });

  it('numbers an unchanged value by its new place when a document is added before it', () => {
    const [podDoc] = read(pod);
    parseManifests(new YamlDocuments(numbered([podDoc!], 1)));
    const moved = parseManifests(new YamlDocuments([...numbered(read(widget.replace('name: w', 'name: v')), 1), ...numbered([podDoc!], 2)]));
    expect(moved.map((o) => [o.kind, o.documentIndex])).toEqual([['Stored', 1], ['Pod', 2]]);
  });

  it('reads an unchanged value again when another document changes its kind’s scope (a CRD scope: Cluster)', () => {
    const [widgetDoc] = read(widget);
    const namespaced = parseManifests(new YamlDocuments([...numbered(read(crd('Namespaced')), 1), ...numbered([widgetDoc!], 2)]));
    const cluster = parseManifests(new YamlDocuments([...numbered(read(crd('Cluster')), 1), ...numbered([widgetDoc!], 2)]));
    const scopeOf = (objects: readonly ParsedObject[]) => objects.filter((o) => o.kind === 'Stored').map((o) => (o.value as { namespace: string }).namespace);
    expect(scopeOf(namespaced)).toEqual(['', 'shop']); // the CRD itself is cluster-scoped; the Widget keeps its namespace
    expect(scopeOf(cluster)).toEqual(['', '']); // a cluster-scoped kind has none (its namespace is ignored)
  });
});
