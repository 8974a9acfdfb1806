/**
 * Strict decoding of the simulated kinds, as the API server decodes a request body (kubectl v1.35 asks for
 * `fieldValidation=Strict`): every field of the object must exist in the kind's schema (else `strict decoding
 * error: unknown field "spec.foo"`), and every value must have the field's JSON type (else `json: cannot
 * unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`).
 *
 * The field names and Go types are those of kubernetes/api v0.35 (core/v1, apps/v1, networking/v1 types.go)
 * and apimachinery v0.35 (meta/v1 ObjectMeta, LabelSelector). Structures the simulator reads are checked field
 * by field; the others it ignores (resources, probes, volumes, securityContext, affinity…) are `opaque`: they
 * must be JSON objects (or lists) but their inside is accepted as written. Message formats: kubernetes-sigs/json
 * internal/golang/encoding/json (UnmarshalTypeError.Error, strictError) and apimachinery runtime
 * (NewStrictDecodingError: `strict decoding error: ` + the errors joined by ", ").
 */

/** A Go type as the JSON decoder sees it. */
export type GoType =
  | { k: 'string' | 'int32' | 'int64' | 'bool' | 'intstr' | 'time'; go: string }
  | { k: 'list'; of: GoType; go: string }
  | { k: 'map'; go: string }
  | { k: 'struct'; go: string; name: string; fields: () => Record<string, GoType>; open?: boolean }
  | { k: 'opaque'; go: string };

const STRING: GoType = { k: 'string', go: 'string' };
const INT32: GoType = { k: 'int32', go: 'int32' };
const INT64: GoType = { k: 'int64', go: 'int64' };
const BOOL: GoType = { k: 'bool', go: 'bool' };
const INT_OR_STRING: GoType = { k: 'intstr', go: 'int32' };
const TIME: GoType = { k: 'time', go: 'string' };
const STRING_MAP: GoType = { k: 'map', go: 'string' };

function named(go: string): GoType {
  return { k: 'string', go };
}
function opaque(go: string): GoType {
  return { k: 'opaque', go };
}
function list(of: GoType): GoType {
  return { k: 'list', of, go: `[]${of.go}` };
}
function struct(name: string, fields: () => Record<string, GoType>): GoType {
  return { k: 'struct', go: `v1.${name}`, name, fields };
}

const ObjectMeta: GoType = struct('ObjectMeta', () => ({ name: STRING, generateName: STRING, namespace: STRING, selfLink: STRING, uid: named('types.UID'), resourceVersion: STRING, generation: INT64, creationTimestamp: TIME, deletionTimestamp: TIME, deletionGracePeriodSeconds: INT64, labels: STRING_MAP, annotations: STRING_MAP, ownerReferences: list(opaque('v1.OwnerReference')), finalizers: list(STRING), managedFields: list(opaque('v1.ManagedFieldsEntry')) }));
const PodSpec: GoType = struct('PodSpec', () => ({ volumes: list(Volume), initContainers: list(Container), containers: list(Container), ephemeralContainers: list(opaque('v1.EphemeralContainer')), restartPolicy: named('v1.RestartPolicy'), terminationGracePeriodSeconds: INT64, activeDeadlineSeconds: INT64, dnsPolicy: named('v1.DNSPolicy'), nodeSelector: STRING_MAP, serviceAccountName: STRING, serviceAccount: STRING, automountServiceAccountToken: BOOL, nodeName: STRING, hostNetwork: BOOL, hostPID: BOOL, hostIPC: BOOL, shareProcessNamespace: BOOL, securityContext: opaque('v1.PodSecurityContext'), imagePullSecrets: list(opaque('v1.LocalObjectReference')), hostname: STRING, subdomain: STRING, affinity: opaque('v1.Affinity'), schedulerName: STRING, tolerations: list(Toleration), hostAliases: list(opaque('v1.HostAlias')), priorityClassName: STRING, priority: INT32, dnsConfig: opaque('v1.PodDNSConfig'), readinessGates: list(opaque('v1.PodReadinessGate')), runtimeClassName: STRING, enableServiceLinks: BOOL, preemptionPolicy: named('v1.PreemptionPolicy'), overhead: opaque('v1.ResourceList'), topologySpreadConstraints: list(opaque('v1.TopologySpreadConstraint')), setHostnameAsFQDN: BOOL, os: opaque('v1.PodOS'), hostUsers: BOOL, schedulingGates: list(opaque('v1.PodSchedulingGate')), resourceClaims: list(opaque('v1.PodResourceClaim')), resources: opaque('v1.ResourceRequirements'), hostnameOverride: STRING, workloadRef: opaque('v1.WorkloadReference') }));
const Container: GoType = struct('Container', () => ({ name: STRING, image: STRING, command: list(STRING), args: list(STRING), workingDir: STRING, ports: list(ContainerPort), envFrom: list(opaque('v1.EnvFromSource')), env: list(EnvVar), resources: opaque('v1.ResourceRequirements'), resizePolicy: list(opaque('v1.ContainerResizePolicy')), restartPolicy: named('v1.ContainerRestartPolicy'), restartPolicyRules: list(opaque('v1.ContainerRestartRule')), volumeMounts: list(VolumeMount), volumeDevices: list(opaque('v1.VolumeDevice')), livenessProbe: opaque('v1.Probe'), readinessProbe: opaque('v1.Probe'), startupProbe: opaque('v1.Probe'), lifecycle: opaque('v1.Lifecycle'), terminationMessagePath: STRING, terminationMessagePolicy: named('v1.TerminationMessagePolicy'), imagePullPolicy: named('v1.PullPolicy'), securityContext: opaque('v1.SecurityContext'), stdin: BOOL, stdinOnce: BOOL, tty: BOOL }));
const Toleration: GoType = struct('Toleration', () => ({ key: STRING, operator: named('v1.TolerationOperator'), value: STRING, effect: named('v1.TaintEffect'), tolerationSeconds: INT64 }));
const ContainerPort: GoType = struct('ContainerPort', () => ({ name: STRING, hostPort: INT32, containerPort: INT32, protocol: named('v1.Protocol'), hostIP: STRING }));
const PodStatus: GoType = struct('PodStatus', () => ({ observedGeneration: INT64, phase: named('v1.PodPhase'), conditions: list(PodCondition), message: STRING, reason: STRING, nominatedNodeName: STRING, hostIP: STRING, hostIPs: list(opaque('v1.HostIP')), podIP: STRING, podIPs: list(opaque('v1.PodIP')), startTime: TIME, initContainerStatuses: list(opaque('v1.ContainerStatus')), containerStatuses: list(opaque('v1.ContainerStatus')), qosClass: named('v1.PodQOSClass'), ephemeralContainerStatuses: list(opaque('v1.ContainerStatus')), resize: named('v1.PodResizeStatus'), resourceClaimStatuses: list(opaque('v1.PodResourceClaimStatus')), extendedResourceClaimStatus: opaque('v1.PodExtendedResourceClaimStatus'), allocatedResources: opaque('v1.ResourceList'), resources: opaque('v1.ResourceRequirements') }));
const PodCondition: GoType = struct('PodCondition', () => ({ type: named('v1.PodConditionType'), observedGeneration: INT64, status: named('v1.ConditionStatus'), lastProbeTime: TIME, lastTransitionTime: TIME, reason: STRING, message: STRING }));
const ServiceSpec: GoType = struct('ServiceSpec', () => ({ ports: list(ServicePort), selector: STRING_MAP, clusterIP: STRING, clusterIPs: list(STRING), type: named('v1.ServiceType'), externalIPs: list(STRING), sessionAffinity: named('v1.ServiceAffinity'), loadBalancerIP: STRING, loadBalancerSourceRanges: list(STRING), externalName: STRING, externalTrafficPolicy: named('v1.ServiceExternalTrafficPolicy'), healthCheckNodePort: INT32, publishNotReadyAddresses: BOOL, sessionAffinityConfig: opaque('v1.SessionAffinityConfig'), ipFamilies: list(named('v1.IPFamily')), ipFamilyPolicy: named('v1.IPFamilyPolicy'), allocateLoadBalancerNodePorts: BOOL, loadBalancerClass: STRING, internalTrafficPolicy: named('v1.ServiceInternalTrafficPolicy'), trafficDistribution: STRING }));
const ServicePort: GoType = struct('ServicePort', () => ({ name: STRING, protocol: named('v1.Protocol'), appProtocol: STRING, port: INT32, targetPort: INT_OR_STRING, nodePort: INT32 }));
const ServiceStatus: GoType = struct('ServiceStatus', () => ({ loadBalancer: LoadBalancerStatus, conditions: list(opaque('v1.Condition')) }));
const LoadBalancerStatus: GoType = struct('LoadBalancerStatus', () => ({ ingress: list(LoadBalancerIngress) }));
const LoadBalancerIngress: GoType = struct('LoadBalancerIngress', () => ({ ip: STRING, hostname: STRING, ipMode: named('v1.LoadBalancerIPMode'), ports: list(opaque('v1.PortStatus')) }));
const DeploymentSpec: GoType = struct('DeploymentSpec', () => ({ replicas: INT32, selector: LabelSelector, template: PodTemplateSpec, strategy: DeploymentStrategy, minReadySeconds: INT32, revisionHistoryLimit: INT32, paused: BOOL, progressDeadlineSeconds: INT32 }));
const DeploymentStatus: GoType = struct('DeploymentStatus', () => ({ observedGeneration: INT64, replicas: INT32, updatedReplicas: INT32, readyReplicas: INT32, availableReplicas: INT32, unavailableReplicas: INT32, terminatingReplicas: INT32, conditions: list(opaque('v1.DeploymentCondition')), collisionCount: INT32 }));
const DeploymentStrategy: GoType = struct('DeploymentStrategy', () => ({ type: named('v1.DeploymentStrategyType'), rollingUpdate: RollingUpdateDeployment }));
const RollingUpdateDeployment: GoType = struct('RollingUpdateDeployment', () => ({ maxUnavailable: INT_OR_STRING, maxSurge: INT_OR_STRING }));
const DaemonSetSpec: GoType = struct('DaemonSetSpec', () => ({ selector: LabelSelector, template: PodTemplateSpec, updateStrategy: opaque('v1.DaemonSetUpdateStrategy'), minReadySeconds: INT32, revisionHistoryLimit: INT32 }));
const PodTemplateSpec: GoType = struct('PodTemplateSpec', () => ({ metadata: ObjectMeta, spec: PodSpec }));
const NamespaceSpec: GoType = struct('NamespaceSpec', () => ({ finalizers: list(named('v1.FinalizerName')) }));
const NamespaceStatus: GoType = struct('NamespaceStatus', () => ({ phase: named('v1.NamespacePhase'), conditions: list(opaque('v1.NamespaceCondition')) }));
const NodeSpec: GoType = struct('NodeSpec', () => ({ podCIDR: STRING, podCIDRs: list(STRING), providerID: STRING, unschedulable: BOOL, taints: list(Taint), configSource: opaque('v1.NodeConfigSource'), externalID: STRING }));
const NodeStatus: GoType = struct('NodeStatus', () => ({ capacity: opaque('v1.ResourceList'), allocatable: opaque('v1.ResourceList'), phase: named('v1.NodePhase'), conditions: list(opaque('v1.NodeCondition')), addresses: list(NodeAddress), daemonEndpoints: opaque('v1.NodeDaemonEndpoints'), nodeInfo: opaque('v1.NodeSystemInfo'), images: list(opaque('v1.ContainerImage')), volumesInUse: list(named('v1.UniqueVolumeName')), volumesAttached: list(opaque('v1.AttachedVolume')), config: opaque('v1.NodeConfigStatus'), runtimeHandlers: list(opaque('v1.NodeRuntimeHandler')), features: opaque('v1.NodeFeatures'), declaredFeatures: list(STRING) }));
const NodeAddress: GoType = struct('NodeAddress', () => ({ type: named('v1.NodeAddressType'), address: STRING }));
const NetworkPolicySpec: GoType = struct('NetworkPolicySpec', () => ({ podSelector: LabelSelector, ingress: list(NetworkPolicyIngressRule), egress: list(NetworkPolicyEgressRule), policyTypes: list(named('v1.PolicyType')) }));
const NetworkPolicyIngressRule: GoType = struct('NetworkPolicyIngressRule', () => ({ ports: list(NetworkPolicyPort), from: list(NetworkPolicyPeer) }));
const NetworkPolicyEgressRule: GoType = struct('NetworkPolicyEgressRule', () => ({ ports: list(NetworkPolicyPort), to: list(NetworkPolicyPeer) }));
const NetworkPolicyPeer: GoType = struct('NetworkPolicyPeer', () => ({ podSelector: LabelSelector, namespaceSelector: LabelSelector, ipBlock: IPBlock }));
const NetworkPolicyPort: GoType = struct('NetworkPolicyPort', () => ({ protocol: named('v1.Protocol'), port: INT_OR_STRING, endPort: INT32 }));
const IPBlock: GoType = struct('IPBlock', () => ({ cidr: STRING, except: list(STRING) }));
const LabelSelector: GoType = struct('LabelSelector', () => ({ matchLabels: STRING_MAP, matchExpressions: list(LabelSelectorRequirement) }));
const LabelSelectorRequirement: GoType = struct('LabelSelectorRequirement', () => ({ key: STRING, operator: named('v1.LabelSelectorOperator'), values: list(STRING) }));

const Volume: GoType = struct('Volume', () => ({ name: STRING, hostPath: opaque('v1.HostPathVolumeSource'), emptyDir: opaque('v1.EmptyDirVolumeSource'), gcePersistentDisk: opaque('v1.GCEPersistentDiskVolumeSource'), awsElasticBlockStore: opaque('v1.AWSElasticBlockStoreVolumeSource'), gitRepo: opaque('v1.GitRepoVolumeSource'), secret: opaque('v1.SecretVolumeSource'), nfs: opaque('v1.NFSVolumeSource'), iscsi: opaque('v1.ISCSIVolumeSource'), glusterfs: opaque('v1.GlusterfsVolumeSource'), persistentVolumeClaim: opaque('v1.PersistentVolumeClaimVolumeSource'), rbd: opaque('v1.RBDVolumeSource'), flexVolume: opaque('v1.FlexVolumeSource'), cinder: opaque('v1.CinderVolumeSource'), cephfs: opaque('v1.CephFSVolumeSource'), flocker: opaque('v1.FlockerVolumeSource'), downwardAPI: opaque('v1.DownwardAPIVolumeSource'), fc: opaque('v1.FCVolumeSource'), azureFile: opaque('v1.AzureFileVolumeSource'), configMap: opaque('v1.ConfigMapVolumeSource'), vsphereVolume: opaque('v1.VsphereVirtualDiskVolumeSource'), quobyte: opaque('v1.QuobyteVolumeSource'), azureDisk: opaque('v1.AzureDiskVolumeSource'), photonPersistentDisk: opaque('v1.PhotonPersistentDiskVolumeSource'), projected: opaque('v1.ProjectedVolumeSource'), portworxVolume: opaque('v1.PortworxVolumeSource'), scaleIO: opaque('v1.ScaleIOVolumeSource'), storageos: opaque('v1.StorageOSVolumeSource'), csi: opaque('v1.CSIVolumeSource'), ephemeral: opaque('v1.EphemeralVolumeSource'), image: opaque('v1.ImageVolumeSource') }));
const VolumeMount: GoType = struct('VolumeMount', () => ({ name: STRING, readOnly: BOOL, recursiveReadOnly: named('v1.RecursiveReadOnlyMode'), mountPath: STRING, subPath: STRING, mountPropagation: named('v1.MountPropagationMode'), subPathExpr: STRING }));
const EnvVar: GoType = struct('EnvVar', () => ({ name: STRING, value: STRING, valueFrom: opaque('v1.EnvVarSource') }));
const Taint: GoType = struct('Taint', () => ({ key: STRING, value: STRING, effect: named('v1.TaintEffect'), timeAdded: TIME }));

// networking/v1 Ingress and IngressClass (kubernetes/api v0.35 networking/v1/types.go).
const IngressSpec: GoType = struct('IngressSpec', () => ({ ingressClassName: STRING, defaultBackend: IngressBackend, tls: list(IngressTLS), rules: list(IngressRule) }));
const IngressBackend: GoType = struct('IngressBackend', () => ({ service: IngressServiceBackend, resource: opaque('v1.TypedLocalObjectReference') }));
const IngressServiceBackend: GoType = struct('IngressServiceBackend', () => ({ name: STRING, port: ServiceBackendPort }));
const ServiceBackendPort: GoType = struct('ServiceBackendPort', () => ({ name: STRING, number: INT32 }));
const IngressTLS: GoType = struct('IngressTLS', () => ({ hosts: list(STRING), secretName: STRING }));
const IngressRule: GoType = struct('IngressRule', () => ({ host: STRING, http: HTTPIngressRuleValue }));
const HTTPIngressRuleValue: GoType = struct('HTTPIngressRuleValue', () => ({ paths: list(HTTPIngressPath) }));
const HTTPIngressPath: GoType = struct('HTTPIngressPath', () => ({ path: STRING, pathType: named('v1.PathType'), backend: IngressBackend }));
const IngressStatus: GoType = struct('IngressStatus', () => ({ loadBalancer: struct('IngressLoadBalancerStatus', () => ({ ingress: list(struct('IngressLoadBalancerIngress', () => ({ ip: STRING, hostname: STRING, ports: list(opaque('v1.IngressPortStatus')) }))) })) }));
const IngressClassSpec: GoType = struct('IngressClassSpec', () => ({ controller: STRING, parameters: opaque('v1.IngressClassParametersReference') }));

const TYPE_META = { apiVersion: STRING, kind: STRING };

/** The top-level schema of each simulated kind (NetworkPolicy has no status in networking.k8s.io/v1). */
export const KIND_SCHEMAS: Record<string, GoType> = {
  Pod: struct('Pod', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: PodSpec, status: PodStatus })),
  Service: struct('Service', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: ServiceSpec, status: ServiceStatus })),
  Deployment: struct('Deployment', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: DeploymentSpec, status: DeploymentStatus })),
  DaemonSet: struct('DaemonSet', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: DaemonSetSpec, status: opaque('v1.DaemonSetStatus') })),
  Namespace: struct('Namespace', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: NamespaceSpec, status: NamespaceStatus })),
  Node: struct('Node', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: NodeSpec, status: NodeStatus })),
  NetworkPolicy: struct('NetworkPolicy', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: NetworkPolicySpec })),
  Ingress: struct('Ingress', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: IngressSpec, status: IngressStatus })),
  IngressClass: struct('IngressClass', () => ({ ...TYPE_META, metadata: ObjectMeta, spec: IngressClassSpec })),
};

/** The schema of any other kind: only TypeMeta and ObjectMeta are known; its other fields are accepted as written. */
export const STORED_OBJECT: GoType = { k: 'struct', go: 'unstructured.Unstructured', name: 'Unstructured', fields: () => ({ ...TYPE_META, metadata: ObjectMeta }), open: true };

/** The parts of a stored workload (ReplicaSet, StatefulSet) the simulator will run: its selector and pod template. */
export function workloadSchema(kind: string): GoType {
  const spec: GoType = { k: 'struct', go: `v1.${kind}Spec`, name: `${kind}Spec`, open: true, fields: () => ({ selector: LabelSelector, template: PodTemplateSpec }) };
  return { k: 'struct', go: `v1.${kind}`, name: kind, open: true, fields: () => ({ ...TYPE_META, spec }) };
}

type Path = Array<string | number>;

/** What strict decoding found: the first type error (decoding stops there) and every unknown field. */
export interface DecodeResult {
  typeError: { message: string; path: Path } | null;
  unknown: Path[];
}

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const INT_RANGE = { int32: [-2147483648, 2147483647], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/**
 * Decodes `value` against `type` strictly. Keys are visited in sorted order, as the API server sees them:
 * kubectl converts YAML to JSON through a Go map (sigs.k8s.io/yaml), which sorts the keys.
 */
export function strictDecode(value: unknown, type: GoType, at: Path = []): DecodeResult {
  const result: DecodeResult = { typeError: null, unknown: [] };
  const goPath: string[] = [];
  let structName = '';
  const fail = (v: unknown, t: GoType, path: Path, valueText?: string): void => {
    if (result.typeError) return;
    const what = valueText ?? jsonKind(v);
    const target = goPath.length || structName ? `Go struct field ${structName}.${goPath.join('.')}` : 'Go value';
    result.typeError = { message: `json: cannot unmarshal ${what} into ${target} of type ${t.go}`, path: [...path] };
  };
  const walk = (v: unknown, t: GoType, path: Path): void => {
    if (v === null || v === undefined || result.typeError) return;
    switch (t.k) {
      case 'string':
      case 'time':
        if (typeof v !== 'string') fail(v, t, path);
        return;
      case 'bool':
        if (typeof v !== 'boolean') fail(v, t, path);
        return;
      case 'int32':
      case 'int64':
      case 'intstr': {
        if (t.k === 'intstr' && typeof v === 'string') return;
        if (typeof v !== 'number') return fail(v, t, path);
        const [lo, hi] = INT_RANGE[t.k === 'int64' ? 'int64' : 'int32'];
        if (!Number.isInteger(v) || v < lo || v > hi) fail(v, t, path, `number ${String(v)}`);
        return;
      }
      case 'map':
        if (typeof v !== 'object' || Array.isArray(v)) return fail(v, { k: 'opaque', go: 'map[string]string' }, path);
        for (const key of Object.keys(v).sort()) {
          const item = (v as Record<string, unknown>)[key];
          if (item !== null && item !== undefined && typeof item !== 'string') return fail(item, STRING, [...path, key]);
        }
        return;
      case 'list':
        if (!Array.isArray(v)) return fail(v, t, path);
        for (let i = 0; i < v.length && !result.typeError; i += 1) walk(v[i], t.of, [...path, i]);
        return;
      case 'opaque':
        if (typeof v !== 'object') fail(v, t, path);
        else if (Array.isArray(v) && !t.go.startsWith('[]')) fail(v, t, path);
        return;
      case 'struct': {
        if (typeof v !== 'object' || Array.isArray(v)) return fail(v, t, path);
        const fields = t.fields();
        const savedStruct = structName;
        for (const key of Object.keys(v).sort()) {
          const ft = fields[key];
          if (!ft) {
            if (!t.open) result.unknown.push([...path, key]);
            continue;
          }
          goPath.push(key);
          structName = t.name;
          walk((v as Record<string, unknown>)[key], ft, [...path, key]);
          structName = savedStruct;
          goPath.pop();
          if (result.typeError) return;
        }
        return;
      }
    }
  };
  walk(value, type, at);
  return result;
}
