/**
 * Test fixtures for kubectl's golden tests: a hand-built ClusterModel (fixed IPs, every pod lifecycle state,
 * stored kinds) indexed directly with indexModel, and a KubectlHost over it that records the changes kubectl
 * asks for. Used only by tests.
 */
import { runKubectl } from '../kubectl.ts';
import type { KubectlHost, ObjectRef } from '../kubectl.ts';
import type { ManifestInput } from '../manifest.ts';
import { indexModel } from '../state.ts';
import type { ClusterState } from '../state.ts';
import type { ClusterModel, ContainerModel, KubectlResult, NetworkPolicyModel, NodeModel, PodModel, ServiceModel, StoredObjectModel } from '../types.ts';

const web: ContainerModel = { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] };

function node(name: string, internalIP: string, podCIDR: string, labels: Record<string, string> = {}): NodeModel {
  return { name, labels: { 'kubernetes.io/hostname': name, ...labels }, annotations: {}, podCIDR, internalIP, implicit: false };
}

function pod(name: string, over: Partial<PodModel>): PodModel {
  return { name, namespace: 'default', labels: { app: 'backend' }, annotations: {}, nodeName: '', ip: '', phase: 'Running', ready: true, containers: [web], implicit: false, ...over };
}

function service(name: string, over: Partial<ServiceModel>): ServiceModel {
  return { name, namespace: 'default', labels: {}, annotations: {}, type: 'ClusterIP', clusterIP: '', headless: false, selector: null, ports: [], loadBalancerIPs: [], implicit: false, ...over };
}

function policy(name: string, over: Partial<NetworkPolicyModel>): NetworkPolicyModel {
  return { name, namespace: 'default', labels: {}, annotations: {}, podSelector: { matchLabels: {}, matchExpressions: [] }, policyTypes: ['Ingress'], ingress: [], egress: [], policyTypesDeclared: true, ...over };
}

function stored(apiVersion: string, kind: string, name: string, namespace: string, body: Record<string, unknown>, labels: Record<string, string> = {}): StoredObjectModel {
  return { apiVersion, kind, name, namespace, labels, annotations: {}, raw: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), ...(Object.keys(labels).length ? { labels } : {}) }, ...body } };
}

/** The NetworkPolicy of kubectl's TestDescribeNetworkPolicies (pkg/describe/describe_test.go), as the simulator models it. */
export const KUBECTL_TEST_POLICY: NetworkPolicyModel = (() => {
  const both = { podSelector: { matchLabels: { id: 'pod1', id2: 'pod2' }, matchExpressions: [] }, namespaceSelector: { matchLabels: { id: 'ns1', id2: 'ns2' }, matchExpressions: [] } };
  const peers = [
    both,
    { podSelector: { matchLabels: { id: 'app2', id2: 'app3' }, matchExpressions: [] } },
    { namespaceSelector: { matchLabels: { id: 'app2', id2: 'app3' }, matchExpressions: [] } },
    { namespaceSelector: { matchLabels: { id: 'app2', id2: 'app3' }, matchExpressions: [{ key: 'foo', operator: 'In' as const, values: ['bar1', 'bar2'] }] } },
    { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] } },
  ];
  const rules = [
    { peers, ports: [{ protocol: 'TCP' as const, port: 80 }, { protocol: 'TCP' as const, port: 82 }] },
    { peers: null, ports: [] },
  ];
  return policy('network-policy-1', {
    podSelector: { matchLabels: { id1: 'app1', id2: 'app2' }, matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar1', 'bar2'] }, { key: 'foo2', operator: 'NotIn', values: ['bar1', 'bar2'] }] },
    policyTypes: ['Ingress', 'Egress'],
    ingress: rules,
    egress: rules,
  });
})();

/**
 * Two nodes (node-1 a control-plane node) and seven pods, one per lifecycle state: pod-a and pod-b Running
 * and Ready, pod-c unscheduled, pod-d ContainerCreating with an IP (bound by the scheduler), pod-e Running but
 * not Ready, pod-f terminating, pod-g Running. Services: kubernetes, a headless pod-b, a ClusterIP web and a
 * LoadBalancer lb without endpoints. Stored objects of every printer kind.
 */
export function goldenModel(): ClusterModel {
  return {
    clusterCIDR: '10.244.0.0/16',
    serviceCIDR: '10.96.0.0/12',
    network: { kubeProxyMode: 'iptables', policyPlugin: 'calico', datapath: 'host-gw' },
    namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, annotations: {}, implicit: true }],
    nodes: [node('node-1', '172.18.0.2', '10.244.0.0/24', { 'node-role.kubernetes.io/control-plane': '' }), node('node-2', '172.18.0.3', '10.244.1.0/24')],
    pods: [
      pod('pod-a', { labels: { app: 'frontend' }, nodeName: 'node-1', ip: '10.244.0.5', containers: [{ name: 'client', image: 'busybox:1.36', ports: [], command: ['sleep', '86400'] }] }),
      pod('pod-b', { nodeName: 'node-2', ip: '10.244.1.7' }),
      pod('pod-c', { phase: 'Pending', ready: false }),
      pod('pod-d', { nodeName: 'node-1', ip: '10.244.0.9', phase: 'Pending', ready: false, nodeAssignment: 'scheduler' }),
      pod('pod-e', { nodeName: 'node-2', ip: '10.244.1.12', ready: false }),
      pod('pod-f', { nodeName: 'node-1', ip: '10.244.0.10', terminating: true }),
      pod('pod-g', { nodeName: 'node-2', ip: '10.244.1.20' }),
    ],
    services: [
      service('kubernetes', { labels: { component: 'apiserver', provider: 'kubernetes' }, clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }], implicit: true }),
      service('lb', { type: 'LoadBalancer', clusterIP: '10.96.33.44', selector: { app: 'nothing' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }], loadBalancerIPs: ['203.0.113.10'] }),
      service('pod-b', { clusterIP: 'None', headless: true, selector: { app: 'backend' }, ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] }),
      service('web', { clusterIP: '10.96.120.15', selector: { app: 'backend' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }),
    ],
    networkPolicies: [
      policy('allow-range', {
        podSelector: { matchLabels: { app: 'backend' }, matchExpressions: [] },
        policyTypes: ['Egress', 'Ingress'],
        ingress: [{ peers: [{ podSelector: { matchLabels: { app: 'frontend' }, matchExpressions: [] } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }, { protocol: 'UDP' }] }],
      }),
      policy('default-deny-ingress', {}),
      KUBECTL_TEST_POLICY,
    ],
    deployments: [],
    storedObjects: [
      stored('v1', 'ConfigMap', 'app-config', 'default', { data: { 'app.properties': 'color=blue\nsize=3', mode: 'demo' } }),
      stored('v1', 'Secret', 'db-creds', 'default', { data: { username: 'YWRtaW4=' }, stringData: { password: 's3cr3t!' } }),
      stored('v1', 'ServiceAccount', 'builder', 'default', { secrets: [{ name: 'builder-token' }], imagePullSecrets: [{ name: 'registry-a' }, { name: 'registry-b' }] }),
      stored('rbac.authorization.k8s.io/v1', 'Role', 'pod-reader', 'default', {
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] },
          { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
          { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get'] },
        ],
      }),
      stored('rbac.authorization.k8s.io/v1', 'RoleBinding', 'read-pods', 'default', {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [
          { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'ServiceAccount', name: 'builder', namespace: 'default' },
        ],
      }),
      stored('rbac.authorization.k8s.io/v1', 'ClusterRole', 'secret-reader', '', { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] }),
      stored('v1', 'PersistentVolumeClaim', 'data', 'default', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' } }),
      stored('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', '', {
        spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wd'] }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
      }),
      stored('example.com/v1', 'Widget', 'blue', 'default', { spec: { color: 'blue', size: 3 } }, { tier: 'demo' }),
    ],
  };
}

/** A change kubectl asked the host for. */
export type HostCall = { op: 'remove'; ref: ObjectRef } | { op: 'label'; ref: ObjectRef; changes: Record<string, string | null> } | { op: 'apply'; input: ManifestInput };

/** A KubectlHost over a fixed state that records remove/label/apply calls (and answers with `answers`). */
export function recordingHost(state: ClusterState, answers: { apply?: string[]; remove?: (ref: ObjectRef) => string | null } = {}): KubectlHost & { calls: HostCall[] } {
  const calls: HostCall[] = [];
  return {
    calls,
    state: () => state,
    connect: () => {
      throw new Error('not used');
    },
    apply: (input) => {
      calls.push({ op: 'apply', input });
      return answers.apply ?? [];
    },
    remove: (ref) => {
      calls.push({ op: 'remove', ref });
      return answers.remove ? answers.remove(ref) : null;
    },
    label: (ref, changes) => {
      calls.push({ op: 'label', ref, changes });
      return null;
    },
  };
}

/** Runs a kubectl line against the golden model. */
export function golden(line: string, model: ClusterModel = goldenModel()): KubectlResult {
  return runKubectl(recordingHost(indexModel(model)), line);
}
