/**
 * The kinds a Kubernetes v1.35 API server serves by default, with their scope and name rule.
 *
 * Built-in groups serve only their GA versions by default: beta and alpha versions are off
 * (KEP-3136, pkg/controlplane/apiserver/options: betaAPIGroupVersionsDisabledByDefault), and the old
 * betas (extensions/v1beta1, apps/v1beta2, networking.k8s.io/v1beta1 Ingress…) were removed. The kinds per
 * group/version are those registered in kubernetes/api v0.35 (`<group>/<version>/register.go`); the scopes are
 * those `kubectl api-resources` lists. Groups that are not built in belong to CustomResourceDefinitions: their
 * objects are accepted and stored (the simulator assumes the CRD is installed).
 */

/** How an object's metadata.name is validated (pkg/apis/*\/validation: the kind's ValidateNameFunc). */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

/** One kind the API serves. */
export interface KindInfo {
  group: string;
  kind: string;
  namespaced: boolean;
  nameRule: NameRule;
}

type Entry = [kind: string, namespaced: boolean, nameRule?: NameRule];

// group → served versions, kinds. Kinds that are only subresources or options (Binding, Scale, Eviction,
// *Options, TokenRequest) are left out: they cannot be applied.
const BUILT_IN: Record<string, { versions: string[]; kinds: Entry[] }> = {
  // extensions/v1beta1 (Deployment, Ingress, NetworkPolicy…) was removed in v1.16–v1.22: nothing is served.
  extensions: { versions: [], kinds: [] },
  '': {
    versions: ['v1'],
    kinds: [
      ['Pod', true], ['Service', true, 'dns1035'], ['Namespace', false, 'label'], ['Node', false],
      ['ConfigMap', true], ['Secret', true], ['ServiceAccount', true], ['PersistentVolumeClaim', true], ['PersistentVolume', false],
      ['Endpoints', true], ['Event', true, 'path-segment'], ['LimitRange', true], ['ResourceQuota', true], ['ReplicationController', true], ['PodTemplate', true],
    ],
  },
  apps: { versions: ['v1'], kinds: [['Deployment', true], ['StatefulSet', true], ['DaemonSet', true], ['ReplicaSet', true], ['ControllerRevision', true]] },
  batch: { versions: ['v1'], kinds: [['Job', true], ['CronJob', true]] },
  autoscaling: { versions: ['v1', 'v2'], kinds: [['HorizontalPodAutoscaler', true, 'path-segment']] },
  'networking.k8s.io': {
    versions: ['v1'],
    kinds: [['NetworkPolicy', true], ['Ingress', true], ['IngressClass', false], ['IPAddress', false, 'path-segment'], ['ServiceCIDR', false]],
  },
  policy: { versions: ['v1'], kinds: [['PodDisruptionBudget', true]] },
  'rbac.authorization.k8s.io': {
    versions: ['v1'],
    kinds: [['Role', true, 'path-segment'], ['RoleBinding', true, 'path-segment'], ['ClusterRole', false, 'path-segment'], ['ClusterRoleBinding', false, 'path-segment']],
  },
  'storage.k8s.io': {
    versions: ['v1'],
    kinds: [['StorageClass', false], ['VolumeAttachment', false], ['CSINode', false], ['CSIDriver', false], ['CSIStorageCapacity', true], ['VolumeAttributesClass', false]],
  },
  'scheduling.k8s.io': { versions: ['v1'], kinds: [['PriorityClass', false]] },
  'node.k8s.io': { versions: ['v1'], kinds: [['RuntimeClass', false]] },
  'coordination.k8s.io': { versions: ['v1'], kinds: [['Lease', true]] },
  'discovery.k8s.io': { versions: ['v1'], kinds: [['EndpointSlice', true]] },
  'events.k8s.io': { versions: ['v1'], kinds: [['Event', true, 'path-segment']] },
  'certificates.k8s.io': { versions: ['v1'], kinds: [['CertificateSigningRequest', false, 'path-segment']] },
  'admissionregistration.k8s.io': {
    versions: ['v1'],
    kinds: [['ValidatingWebhookConfiguration', false], ['MutatingWebhookConfiguration', false], ['ValidatingAdmissionPolicy', false], ['ValidatingAdmissionPolicyBinding', false]],
  },
  'apiextensions.k8s.io': { versions: ['v1'], kinds: [['CustomResourceDefinition', false]] },
  'apiregistration.k8s.io': { versions: ['v1'], kinds: [['APIService', false, 'path-segment']] },
  'flowcontrol.apiserver.k8s.io': { versions: ['v1'], kinds: [['FlowSchema', false, 'path-segment'], ['PriorityLevelConfiguration', false, 'path-segment']] },
  'resource.k8s.io': { versions: ['v1'], kinds: [['DeviceClass', false], ['ResourceClaim', true], ['ResourceClaimTemplate', true], ['ResourceSlice', false]] },
  'authentication.k8s.io': { versions: ['v1'], kinds: [['TokenReview', false], ['SelfSubjectReview', false]] },
  'authorization.k8s.io': {
    versions: ['v1'],
    kinds: [['SubjectAccessReview', false], ['SelfSubjectAccessReview', false], ['SelfSubjectRulesReview', false], ['LocalSubjectAccessReview', true]],
  },
};

const KINDS = new Map<string, KindInfo>();
for (const [group, { kinds }] of Object.entries(BUILT_IN)) {
  for (const [kind, namespaced, nameRule = 'subdomain'] of kinds) KINDS.set(`${group}/${kind}`, { group, kind, namespaced, nameRule });
}

/** Splits an apiVersion into group and version (`apps/v1` → apps, v1; `v1` → '', v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A CustomResourceDefinition's group is a domain with at least one dot (apiextensions validation). */
function isCustomGroupVersion(apiVersion: string): boolean {
  const parts = apiVersion.split('/');
  return parts.length === 2 && (parts[0] ?? '').includes('.') && (parts[1] ?? '') !== '';
}

/** True when the API server serves this group/version at all (any kind of a custom group counts as served). */
export function servesVersion(apiVersion: string): boolean {
  const { group, version } = splitApiVersion(apiVersion);
  const builtIn = BUILT_IN[group];
  return builtIn ? builtIn.versions.includes(version) : isCustomGroupVersion(apiVersion);
}

/**
 * The kind served for apiVersion + kind, or null when the API server has no such kind in that version
 * (for groups that are not built in, a custom resource: namespaced unless `clusterScoped` says otherwise).
 */
export function lookupKind(apiVersion: string, kind: string, clusterScoped = false): KindInfo | null {
  const { group, version } = splitApiVersion(apiVersion);
  const builtIn = BUILT_IN[group];
  if (builtIn) {
    if (!builtIn.versions.includes(version)) return null;
    return KINDS.get(`${group}/${kind}`) ?? null;
  }
  if (!isCustomGroupVersion(apiVersion)) return null;
  return { group, kind, namespaced: !clusterScoped, nameRule: 'subdomain' };
}

/** How kubectl names an object's type in its output lines: `pod`, `deployment.apps`, `rolebinding.rbac.authorization.k8s.io`. */
export function kubectlTypeName(group: string, kind: string): string {
  // cli-runtime pkg/printers/name.go printObj: strings.ToLower(kind) + "." + group.
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/** The API server's name for a kind in messages (`schema.GroupKind.String()`: `Deployment.apps`, `Pod`). */
export function qualifiedKind(group: string, kind: string): string {
  return group ? `${kind}.${group}` : kind;
}
